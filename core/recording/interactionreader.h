// SPDX-License-Identifier: MIT
// Reads one interaction of a block-style VCR.py cassette straight into the tree libyaml's events would
// build, without libyaml, when it is written the way libyaml's emitter (PyYAML's CDumper, what VCR.py uses)
// writes one: block mappings with plain keys, block sequences, and scalars that are plain, single- or
// double-quoted, "!!binary |" literals, {} or []. Every one of these has one meaning under libyaml 0.2.5,
// read here by its rules. Anything else, or anything libyaml might read differently (anchors, other tags,
// comments, tabs, CR, blank lines, flow collections, odd indentation), and the reader declines: the
// interaction is then read by libyaml.
#pragma once

#include "core/recording/cassettenode.h"

#include <QByteArrayView>

#include <optional>
#include <utility>
#include <vector>

namespace tapedeck::cassettelayout {

struct ReadInteraction
{
    qint64 begin = 0; // the item's mapping: its first key, after "- "
    qint64 end = 0; // the end of its last line: that line's '\n', or the end of the data
    qint64 next = 0; // where the next token starts, which is where libyaml ends the item
    int breaks = 0; // line breaks in [begin, end)
};

class InteractionReader
{
public:
    // A response body text (BodyPath::String) longer than elideAbove bytes is measured, not read
    // (CassetteNode::elidedSize), as summary reading does with libyaml's scalars.
    InteractionReader(QByteArrayView data, qint64 elideAbove);

    // The interaction whose "- " starts the line at data[lineStart] (column 0), read into node (its lines
    // counted from the item's line, 0). A node from an earlier reading is read into again, its children
    // reused; after a decline it holds nothing useful. Scalar values that are the cassette's text as it
    // stands refer to data, which must outlive the tree.
    std::optional<ReadInteraction> read(qint64 lineStart, CassetteNode &node);

private:
    struct Line
    {
        qint64 start = 0;
        qint64 content = 0; // the first byte after the indentation
        qint64 end = 0; // its '\n', or the end of the data
        int indent = 0;
    };

    bool load(qint64 start);
    bool advance();
    bool atSequenceEntry() const;
    bool mapping(int column, qint64 keyAt, CassetteNode &out, BodyPath place, int depth);
    bool sequence(int column, bool indentless, CassetteNode &out, int depth);
    bool scalar(qint64 at, int indent, CassetteNode &out, bool elide);
    bool plain(qint64 at, int indent, CassetteNode &out, bool elide);
    bool plainLine(qint64 from, qint64 to, qint64 &contentEnd) const;
    bool restOfLineBlank(qint64 from);
    QByteArray raw(qint64 from, qint64 length) const;

    QByteArrayView m_data;
    const char *m_p;
    qint64 m_n;
    qint64 m_elideAbove;
    Line m_line;
    int m_lineNumber = 0; // of m_line, from the item's line
    bool m_eof = false; // no line after the last one read
    std::vector<std::pair<qint64, qint64>> m_segments; // a plain scalar's lines
};

} // namespace tapedeck::cassettelayout
