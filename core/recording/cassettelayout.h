// SPDX-License-Identifier: MIT
// The layout of a block-style VCR.py cassette (what PyYAML and libyaml's emitter write), read without
// libyaml: whole interactions in the shapes libyaml's emitter writes (InteractionReader), and where the
// large response body scalars of the others are and how many bytes each decodes to. Summary reading hands
// libyaml a short placeholder instead of each, so that libyaml reads little more than the cassette's
// outline.
//
// The scanner only proposes; libyaml decides where. A proposal is used only when libyaml, reading the
// placeholder, finds a scalar exactly where the original text starts and in its place (an item of the
// interactions list, a response body). What the text means is read by libyaml's own rules
// (measureQuoted, decodeQuoted, measureBinaryLiteral, InteractionReader), or not at all: anything else
// makes the caller re-read that part of the cassette the ordinary way.
#pragma once

#include "core/recording/cassettenode.h"

#include <QByteArrayView>

#include <memory>
#include <optional>
#include <vector>

namespace tapedeck::cassettelayout {

// What libyaml makes of one scalar: where it ends, its value's size in bytes (UTF-8; for a !!binary block
// the number of decoded bytes), the length of the value libyaml would hand out, and how many line breaks
// it spans.
struct Measured
{
    qint64 end = 0; // one past the scalar's last byte
    qint64 size = 0;
    qint64 valueLength = 0;
    int breaks = 0;
};

// The single- or double-quoted scalar whose opening quote is data[at], read by libyaml 0.2.5's rules
// (escapes, line folding, '' in single quotes). nullopt when libyaml would reject it (an unknown escape,
// a control character, a document marker, the end of the data) — or when it uses an escape whose support
// differs between libyaml versions: the caller then leaves the scalar to libyaml.
std::optional<Measured> measureQuoted(QByteArrayView data, qint64 at);

// Whether the quoted-scalar walks use AVX2 (when the processor has it, the default) or SSE2; returns what
// is used now. For tests, which check both.
bool setWideMasks(bool on);

// The same scalar's value, as libyaml hands it out. A value that is the scalar's text as it stands refers
// to data (QByteArray::fromRawData): data must outlive it.
std::optional<Measured> decodeQuoted(QByteArrayView data, qint64 at, QByteArray &value);

// A "!!binary |" literal block whose tag starts at data[at], as PyYAML writes base64 bodies: a clip
// literal with every content line at one indentation deeper than parentIndent and only base64 symbols.
// nullopt for anything else.
std::optional<Measured> measureBinaryLiteral(QByteArrayView data, qint64 at, int parentIndent);

// The value libyaml reads from the literal block measured as m: its lines, each ending in '\n'.
QByteArray binaryLiteralText(QByteArrayView data, qint64 at, const Measured &m);

struct Elision
{
    enum class Kind : quint8 {
        Body, // a response body scalar: from its quote (or "!!binary") to its end
        // A run of consecutive items of the interactions list: from after the first one's "- " to the end of
        // the last one's last line. libyaml reads one placeholder for all of them.
        Interaction,
    };
    struct Item
    {
        qint64 lineStart = 0; // where its "- " is
        qint64 next = -1; // where libyaml would find the next token (the item's end as it reports it)
        int line = 0; // its first line, counted from the run's first
        std::unique_ptr<CassetteNode> node; // as libyaml would build it (lines from its first)
    };
    qint64 begin = 0;
    qint64 end = 0;
    qint64 size = 0; // Body: decoded body bytes
    int breaks = 0; // line breaks inside [begin, end)
    bool binary = false; // Body: a !!binary literal
    // Filled in by whoever feeds libyaml: the character index at which the placeholder was fed and its
    // length in characters (ASCII). -1 until fed.
    qint64 fedChar = -1;
    int placeholderLength = 0;
    Kind kind = Kind::Body;
    qint64 next = -1; // Interaction: the last item's next
    std::vector<Item> items; // Interaction
};

// Walks the lines of a block-style cassette (or a run of its interactions) ahead of libyaml and proposes
// every interaction at column 0 that InteractionReader reads, and in the others every response body
// scalar — `- request:` … `  response:` / `    body:` / `      string: <scalar>` — whose value is longer
// than elideAbove bytes. Gives up for good (proposing nothing further) at any construct it does not
// model: flow collections, comments, directives, complex keys, tabs.
class LayoutScanner
{
public:
    // readInteractions: propose whole interactions too (else only bodies).
    LayoutScanner(QByteArrayView data, qint64 elideAbove, bool readInteractions = true);

    // Scans on until every proposal that starts before pos is known.
    void advanceTo(qint64 pos);
    std::vector<Elision> &elisions() { return m_elisions; }
    const std::vector<Elision> &elisions() const { return m_elisions; }
    bool gaveUp() const { return m_gaveUp; }
    // Hands back an interaction's tree once it has been read, to read the next ones into.
    void recycle(CassetteNode &&node);
    // Before the run of interactions elisions()[index] is fed to libyaml: scans on while the interactions
    // that follow it can join it.
    void growRun(size_t index);

private:
    enum class Key : quint8 { Item, Response, Body, String, Other };
    struct Level
    {
        int indent;
        Key key;
    };
    void line();
    // Reads the node starting at data[i] on a line; returns the start of the next line to scan, or -1 to
    // give up.
    qint64 node(qint64 i, qint64 lineStart);
    void push(int indent, Key key);
    bool atBodyString() const;
    qint64 nextLine(qint64 i) const;
    qint64 afterScalar(qint64 i) const; // the next line's start when only blanks follow i, else -1
    bool endsAnItem(qint64 at) const;

    QByteArrayView m_data;
    qint64 m_elideAbove;
    bool m_readInteractions;
    qint64 m_pos = 0;
    bool m_gaveUp = false;
    int m_plainIndent = -1; // lines indented deeper continue a plain scalar
    int m_blockIndent = -1; // lines indented deeper (or blank) belong to a block scalar
    std::vector<Level> m_levels;
    std::vector<Elision> m_elisions;
    static constexpr size_t MaxRun = 32;
    static constexpr size_t MaxSpare = MaxRun + 4;
    std::vector<std::unique_ptr<CassetteNode>> m_spare;
};

} // namespace tapedeck::cassettelayout
