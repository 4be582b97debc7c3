// SPDX-License-Identifier: MIT
// The layout of a block-style VCR.py cassette (what PyYAML and libyaml's emitter write), read without
// libyaml: where the large response body scalars are and how many bytes each decodes to. Summary reading
// hands libyaml a short placeholder instead of each such scalar, which is most of a cassette's bytes.
//
// The scanner only proposes; libyaml decides. A proposal is used only when libyaml, reading the
// placeholder, finds a scalar exactly where the original scalar starts and as a response body, and the
// scalar's end and size follow libyaml's own rules (measureQuoted, measureBinaryLiteral). Anything else
// makes the caller re-read that part of the cassette the ordinary way.
#pragma once

#include <QByteArrayView>

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

// A "!!binary |" literal block whose tag starts at data[at], as PyYAML writes base64 bodies: a clip
// literal with every content line at one indentation deeper than parentIndent and only base64 symbols.
// nullopt for anything else.
std::optional<Measured> measureBinaryLiteral(QByteArrayView data, qint64 at, int parentIndent);

struct Elision
{
    qint64 begin = 0; // the scalar in the data: from its quote (or "!!binary") to its end
    qint64 end = 0;
    qint64 size = 0; // decoded body bytes
    int breaks = 0; // line breaks inside [begin, end)
    bool binary = false;
    // Filled in by whoever feeds libyaml: the character index at which the placeholder was fed and its
    // length in characters (ASCII). -1 until fed.
    qint64 fedChar = -1;
    int placeholderLength = 0;
};

// Walks the lines of a block-style cassette (or a run of its interactions) ahead of libyaml and proposes
// every response body scalar — `- request:` … `  response:` / `    body:` / `      string: <scalar>` —
// whose value is longer than elideAbove bytes. Gives up for good (proposing nothing further) at any
// construct it does not model: flow collections, comments, directives, complex keys, tabs.
class LayoutScanner
{
public:
    LayoutScanner(QByteArrayView data, qint64 elideAbove);

    // Scans on until every proposal that starts before pos is known.
    void advanceTo(qint64 pos);
    std::vector<Elision> &elisions() { return m_elisions; }
    const std::vector<Elision> &elisions() const { return m_elisions; }
    bool gaveUp() const { return m_gaveUp; }

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

    QByteArrayView m_data;
    qint64 m_elideAbove;
    qint64 m_pos = 0;
    bool m_gaveUp = false;
    int m_plainIndent = -1; // lines indented deeper continue a plain scalar
    int m_blockIndent = -1; // lines indented deeper (or blank) belong to a block scalar
    std::vector<Level> m_levels;
    std::vector<Elision> m_elisions;
};

} // namespace tapedeck::cassettelayout
