// SPDX-License-Identifier: MIT
// One block-style interaction read the way libyaml 0.2.5 reads it, or declined.
#include "core/recording/interactionreader.h"

#include "core/recording/cassettelayout.h"

#include <array>
#include <cstring>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace tapedeck::cassettelayout {

namespace {

// Deeper than any interaction VCR.py writes (item, response, body, string).
constexpr int MaxDepth = 8;
// libyaml allows simple keys up to 1024 characters; header names stay far below.
constexpr qint64 MaxKey = 256;

// Plain keys made only of these mean the same to every YAML reader (no indicators, no blanks): letters,
// digits and '_' anywhere (1), '-', '.' and '/' after the first (2).
constexpr std::array<quint8, 256> KeyChars = [] {
    std::array<quint8, 256> table {};
    for (int c = 0; c < 256; ++c) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')
            table[size_t(c)] = 1;
        else if (c == '-' || c == '.' || c == '/')
            table[size_t(c)] = 2;
    }
    return table;
}();

bool isKeyStart(char c)
{
    return KeyChars[quint8(c)] == 1;
}

bool isKeyChar(char c)
{
    return KeyChars[quint8(c)] != 0;
}

QByteArray emptyValue()
{
    return QByteArray(""); // what libyaml's scalars of length 0 become in the parser's arena
}

// A node about to be read into, as a fresh one would be, except for its children: those of a node kept from
// an earlier interaction stay, to be read into again by position or dropped, so that reading a run of
// interactions of one shape allocates nothing after the first.
void reset(CassetteNode &n)
{
    n.type = CassetteNode::Type::Scalar;
    n.plain = true;
    n.line = 0;
    n.tag = QByteArray();
    n.value = QByteArray();
    n.elidedSize = -1;
}

// The next child of a collection being read (count: children read so far).
CassetteNode &child(CassetteNode &parent, size_t &count)
{
    if (count < parent.items.size()) {
        CassetteNode &n = parent.items[count++];
        reset(n);
        return n;
    }
    ++count;
    return parent.items.emplace_back();
}

} // namespace

InteractionReader::InteractionReader(QByteArrayView data, qint64 elideAbove)
    : m_data(data)
    , m_p(data.data())
    , m_n(data.size())
    , m_elideAbove(elideAbove)
{
    m_segments.reserve(16);
}

QByteArray InteractionReader::raw(qint64 from, qint64 length) const
{
    if (length == 0)
        return emptyValue();
    return QByteArray::fromRawData(m_p + from, length);
}

// Makes the line starting at start the current one. Declines (false) the lines whose reading depends on
// rules this reader does not model: blank lines, tabs in the indentation, CR line ends.
bool InteractionReader::load(qint64 start)
{
    if (start >= m_n) {
        m_eof = true;
        return true;
    }
    const void *nl = std::memchr(m_p + start, '\n', size_t(m_n - start));
    const qint64 end = nl ? static_cast<const char *>(nl) - m_p : m_n;
    if (end > start && m_p[end - 1] == '\r')
        return false;
    qint64 content = start;
    while (content < end && m_p[content] == ' ')
        ++content;
    if (content == end || m_p[content] == '\t')
        return false;
    m_line = { start, content, end, int(content - start) };
    return true;
}

bool InteractionReader::advance()
{
    if (m_line.end >= m_n || m_line.end + 1 >= m_n) {
        m_eof = true;
        return true;
    }
    ++m_lineNumber;
    return load(m_line.end + 1);
}

bool InteractionReader::atSequenceEntry() const
{
    return m_p[m_line.content] == '-' && (m_line.content + 1 == m_line.end || m_p[m_line.content + 1] == ' ');
}

// After a scalar that ended at from (on the current line, or breaks lines further): nothing but spaces may
// follow it on its line. Moves on to the next line.
bool InteractionReader::restOfLineBlank(qint64 from)
{
    qint64 k = from;
    while (k < m_n && m_p[k] == ' ')
        ++k;
    if (k < m_n && m_p[k] != '\n')
        return false;
    m_line.end = k;
    return advance();
}

std::optional<ReadInteraction> InteractionReader::read(qint64 lineStart, CassetteNode &node)
{
    if (lineStart + 2 >= m_n || m_p[lineStart] != '-' || m_p[lineStart + 1] != ' ')
        return std::nullopt;
    m_eof = false;
    m_lineNumber = 0;
    if (!load(lineStart))
        return std::nullopt;
    // The item's mapping starts at its first key, two columns in (or further with a wider indentation).
    qint64 keyAt = lineStart + 1;
    while (keyAt < m_line.end && m_p[keyAt] == ' ')
        ++keyAt;
    if (keyAt >= m_line.end || !isKeyStart(m_p[keyAt]))
        return std::nullopt;
    ReadInteraction r;
    r.begin = keyAt;
    reset(node);
    if (!mapping(int(keyAt - lineStart), r.begin, node, BodyPath::Elsewhere, 0))
        return std::nullopt;
    if (m_eof) {
        r.end = m_line.end;
        r.next = m_n;
        r.breaks = m_lineNumber;
        return r;
    }
    // The next item or the next key of the document (at column 0) ends this one; libyaml ends the item's
    // mapping at that token. Anything else there (a comment, a directive, a line indented less than the
    // mapping but not at column 0) is left to libyaml.
    const char c = m_p[m_line.content];
    if (m_line.indent != 0 || !(c == '-' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
        return std::nullopt;
    r.end = m_line.start - 1;
    r.next = m_line.start;
    r.breaks = m_lineNumber - 1;
    return r;
}

// A block mapping at column whose first key starts at keyAt on the current line (at depth 0: the
// interaction), at place on the way to the response body. Returns with the first line after the mapping
// current (or at the end of the data).
bool InteractionReader::mapping(int column, qint64 keyAt, CassetteNode &out, BodyPath place, int depth)
{
    if (depth > MaxDepth)
        return false;
    out.type = CassetteNode::Type::Mapping;
    out.line = m_lineNumber;
    size_t count = 0;
    qint64 at = keyAt;
    for (;;) {
        qint64 k = at;
        if (!isKeyStart(m_p[k]))
            return false;
        while (k < m_line.end && isKeyChar(m_p[k]))
            ++k;
        if (k >= m_line.end || m_p[k] != ':' || k - at > MaxKey)
            return false;
        qint64 v = k + 1;
        if (v < m_line.end && m_p[v] != ' ')
            return false; // "a:b" is a plain scalar, not a key
        CassetteNode &key = child(out, count);
        key.items.clear();
        key.line = m_lineNumber;
        key.value = raw(at, k - at);
        const BodyPath below = bodyPathBelow(place, depth == 0, key.value);
        while (v < m_line.end && m_p[v] == ' ')
            ++v;
        CassetteNode &value = child(out, count);
        if (v == m_line.end) {
            // The value is on the lines below, or empty.
            const int keyLine = m_lineNumber;
            if (!advance())
                return false;
            if (!m_eof && m_line.indent > column) {
                if (atSequenceEntry()) {
                    if (!sequence(m_line.indent, false, value, depth + 1))
                        return false;
                } else if (!mapping(m_line.indent, m_line.content, value, below, depth + 1)) {
                    return false;
                }
            } else if (!m_eof && m_line.indent == column && atSequenceEntry()) {
                // A sequence at its key's column (libyaml's emitter writes mapping values so).
                if (!sequence(column, true, value, depth + 1))
                    return false;
            } else {
                value.items.clear();
                value.line = keyLine; // an empty plain scalar: null
                value.value = emptyValue();
            }
        } else if (!scalar(v, column, value, below == BodyPath::String)) {
            return false;
        }
        if (m_eof || m_line.indent < column) {
            out.items.resize(count);
            return true;
        }
        if (m_line.indent > column || atSequenceEntry())
            return false;
        at = m_line.content;
    }
}

// A block sequence whose first "- " is the current line's content at column. libyaml reads an indentless
// one (at its key's column) as part of the mapping's indentation level: it ends at the mapping's next key.
bool InteractionReader::sequence(int column, bool indentless, CassetteNode &out, int depth)
{
    if (depth > MaxDepth)
        return false;
    out.type = CassetteNode::Type::Sequence;
    out.line = m_lineNumber;
    size_t count = 0;
    for (;;) {
        qint64 v = m_line.content + 1;
        while (v < m_line.end && m_p[v] == ' ')
            ++v;
        if (v == m_line.end)
            return false; // a nested block below "-"
        if (m_p[v] == '-' && (v + 1 == m_line.end || m_p[v + 1] == ' '))
            return false; // a nested sequence
        if (!scalar(v, column, child(out, count), false))
            return false;
        if (m_eof || m_line.indent < column) {
            out.items.resize(count);
            return true;
        }
        if (m_line.indent > column)
            return false;
        if (!atSequenceEntry()) {
            out.items.resize(count);
            return indentless; // the mapping's next key; after an indented sequence libyaml would fail
        }
    }
}

// The scalar (or empty flow collection) starting at data[at] on the current line, a value in a block
// collection whose indentation libyaml holds at indent; elide: measured, not copied, when it is longer than
// the reader elides. Returns with the line after it current.
bool InteractionReader::scalar(qint64 at, int indent, CassetteNode &out, bool elide)
{
    out.items.clear();
    out.line = m_lineNumber;
    const char c = m_p[at];
    switch (c) {
    case '\'':
    case '"': {
        out.plain = false;
        std::optional<Measured> m;
        if (elide) {
            m = measureQuoted(m_data, at);
            if (!m)
                return false;
            if (m->valueLength > m_elideAbove)
                out.elidedSize = m->size;
        }
        if (out.elidedSize < 0) {
            m = decodeQuoted(m_data, at, out.value);
            if (!m)
                return false;
        }
        m_lineNumber += m->breaks;
        return restOfLineBlank(m->end);
    }
    case '!': {
        static constexpr std::string_view Header = "!!binary |";
        if (m_line.end - at < qint64(Header.size())
            || std::memcmp(m_p + at, Header.data(), Header.size()) != 0)
            return false; // other tags are left to libyaml
        const std::optional<Measured> m = measureBinaryLiteral(m_data, at, indent);
        if (!m || m->end >= m_n || m_p[m->end] != '\n')
            return false;
        out.plain = false;
        out.tag = QByteArray(CassetteTagBinary.data(), qsizetype(CassetteTagBinary.size()));
        if (elide && m->valueLength > m_elideAbove)
            out.elidedSize = m->size;
        else
            out.value = binaryLiteralText(m_data, at, *m);
        m_lineNumber += m->breaks;
        m_line.end = m->end;
        return advance();
    }
    case '{':
    case '[':
        if (at + 1 >= m_line.end || m_p[at + 1] != (c == '{' ? '}' : ']'))
            return false; // flow collections other than empty ones
        out.type = c == '{' ? CassetteNode::Type::Mapping : CassetteNode::Type::Sequence;
        return restOfLineBlank(at + 2);
    case '-':
    case '?':
    case ':':
        if (at + 1 >= m_line.end || m_p[at + 1] == ' ')
            return false; // indicators
        break;
    case '&':
    case '*':
    case '|':
    case '>':
    case '#':
    case '%':
    case '@':
    case '`':
    case ',':
    case ']':
    case '}':
        return false;
    default:
        break;
    }
    return plain(at, indent, out, elide);
}

// One line's part of a plain scalar, [from, to): only printable ASCII, no ": " (a key) and no " #" (a
// comment), which would end the scalar where libyaml reads on. contentEnd: after its last non-space.
bool InteractionReader::plainLine(qint64 from, qint64 to, qint64 &contentEnd) const
{
    if (m_p[from] == '#')
        return false;
    qint64 k = from;
    for (;;) {
#ifdef __SSE2__
        // Sixteen bytes at a time up to one that needs a look: a control character or non-ASCII (signed
        // compare), DEL, ':' or '#'.
        const __m128i space = _mm_set1_epi8(' ');
        const __m128i del = _mm_set1_epi8(0x7f);
        const __m128i colon = _mm_set1_epi8(':');
        const __m128i hash = _mm_set1_epi8('#');
        while (k + 16 <= to) {
            const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(m_p + k));
            const int mask = _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(_mm_cmplt_epi8(v, space), _mm_cmpeq_epi8(v, del)),
                _mm_or_si128(_mm_cmpeq_epi8(v, colon), _mm_cmpeq_epi8(v, hash))));
            if (mask != 0) {
                k += __builtin_ctz(unsigned(mask));
                break;
            }
            k += 16;
        }
#endif
        while (k < to && m_p[k] >= 0x20 && m_p[k] < 0x7f && m_p[k] != ':' && m_p[k] != '#')
            ++k;
        if (k >= to)
            break;
        const char c = m_p[k];
        if (c < 0x20 || c > 0x7e)
            return false;
        if (c == ':' && (k + 1 == to || m_p[k + 1] == ' '))
            return false;
        if (c == '#' && m_p[k - 1] == ' ')
            return false;
        ++k;
    }
    contentEnd = to;
    while (m_p[contentEnd - 1] == ' ')
        --contentEnd;
    return true;
}

// A plain scalar: its first line from at, then every line indented deeper than indent, each folded into
// one space (libyaml trims the blanks around line breaks; blank lines, which would become '\n', decline).
bool InteractionReader::plain(qint64 at, int indent, CassetteNode &out, bool elide)
{
    m_segments.clear();
    qint64 contentEnd = 0;
    if (!plainLine(at, m_line.end, contentEnd))
        return false;
    m_segments.emplace_back(at, contentEnd);
    qint64 length = contentEnd - at;
    for (;;) {
        if (!advance())
            return false;
        if (m_eof || m_line.indent <= indent)
            break;
        if (!plainLine(m_line.content, m_line.end, contentEnd))
            return false;
        m_segments.emplace_back(m_line.content, contentEnd);
        length += 1 + contentEnd - m_line.content;
    }
    if (elide && length > m_elideAbove) {
        out.elidedSize = length;
        return true;
    }
    if (m_segments.size() == 1) {
        out.value = raw(at, length);
        return true;
    }
    out.value = QByteArray(length, Qt::Uninitialized);
    char *to = out.value.data();
    for (size_t k = 0; k < m_segments.size(); ++k) {
        if (k > 0)
            *to++ = ' ';
        const auto [from, until] = m_segments[k];
        std::memcpy(to, m_p + from, size_t(until - from));
        to += until - from;
    }
    return true;
}

} // namespace tapedeck::cassettelayout
