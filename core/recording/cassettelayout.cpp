// SPDX-License-Identifier: MIT
#include "core/recording/cassettelayout.h"

#include <cstring>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace tapedeck::cassettelayout {

namespace {

// Skips what libyaml copies into a quoted scalar's value as it is: printable ASCII, escaped quotes and
// backslashes (double quotes), and single spaces between words. Returns where something else starts,
// having added the value bytes skipped to size.
qint64 skipOrdinary(const quint8 *p, qint64 n, qint64 i, quint8 quote, bool single, qint64 &size)
{
    const auto special = [&](quint8 c) { return c <= 0x20 || c >= 0x7f || c == quote || c == '\\'; };
    for (;;) {
#ifdef __SSE2__
        // Sixteen bytes at a time up to the next byte that needs a look: a blank or control character,
        // DEL or non-ASCII (signed compare), the quote, a backslash.
        const __m128i below = _mm_set1_epi8(0x21);
        const __m128i del = _mm_set1_epi8(0x7f);
        const __m128i quotes = _mm_set1_epi8(char(quote));
        const __m128i backslash = _mm_set1_epi8('\\');
        while (i + 16 <= n) {
            const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p + i));
            const __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmplt_epi8(v, below), _mm_cmpeq_epi8(v, del)),
                _mm_or_si128(_mm_cmpeq_epi8(v, quotes), _mm_cmpeq_epi8(v, backslash)));
            const int mask = _mm_movemask_epi8(hit);
            if (mask == 0) {
                i += 16;
                size += 16;
                continue;
            }
            const int skip = __builtin_ctz(unsigned(mask));
            i += skip;
            size += skip;
            break;
        }
#endif
        while (i < n && !special(p[i])) {
            ++i;
            ++size;
        }
        if (i + 1 >= n)
            return i;
        const quint8 c = p[i];
        const quint8 d = p[i + 1];
        if (c == '\\' && !single && (d == '"' || d == '\\')) {
            i += 2;
            ++size;
            continue;
        }
        if (c == ' ' && !special(d)) {
            ++i;
            ++size;
            continue;
        }
        if (c == '\\' && single) {
            ++i;
            ++size;
            continue;
        }
        return i;
    }
}

// The line break at p[k], if any: its length in bytes, and whether libyaml turns it into '\n' (CR, LF,
// CRLF, NEL) or keeps it as it is (LS, PS: three bytes).
int breakAt(const quint8 *p, qint64 n, qint64 k, bool &lineFeed)
{
    if (k >= n)
        return 0;
    const quint8 c = p[k];
    if (c == '\n') {
        lineFeed = true;
        return 1;
    }
    if (c == '\r') {
        lineFeed = true;
        return k + 1 < n && p[k + 1] == '\n' ? 2 : 1;
    }
    if (c == 0xc2 && k + 1 < n && p[k + 1] == 0x85) {
        lineFeed = true;
        return 2;
    }
    if (c == 0xe2 && k + 2 < n && p[k + 1] == 0x80 && (p[k + 2] == 0xa8 || p[k + 2] == 0xa9)) {
        lineFeed = false;
        return 3;
    }
    return 0;
}

// The length of the (valid, as checked before parsing) UTF-8 character at p[k] when libyaml's reader
// accepts it as printable, else 0.
int printableLength(const quint8 *p, qint64 n, qint64 k)
{
    const quint8 c = p[k];
    if (c < 0x80)
        return c >= 0x20 && c != 0x7f ? 1 : 0;
    const int length = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 0;
    if (length == 0 || k + length > n)
        return 0;
    if (c == 0xc2 && p[k + 1] < 0xa0)
        return 0; // C1 controls (NEL is a line break, handled before)
    if (c == 0xef && p[k + 1] == 0xbf && (p[k + 2] == 0xbe || p[k + 2] == 0xbf))
        return 0; // U+FFFE, U+FFFF
    return length;
}

int hexDigit(quint8 c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

bool isBase64(quint8 c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
}

bool isSpaceOrBreak(char c)
{
    return c == ' ' || c == '\n' || c == '\r';
}

} // namespace

std::optional<Measured> measureQuoted(QByteArrayView data, qint64 at)
{
    const auto *p = reinterpret_cast<const quint8 *>(data.data());
    const qint64 n = data.size();
    if (at < 0 || at >= n || (p[at] != '\'' && p[at] != '"'))
        return std::nullopt;
    const bool single = p[at] == '\'';
    const quint8 quote = p[at];
    Measured m;
    qint64 i = at + 1;
    qint64 lineStart = -1; // where the current line began, once the scalar has crossed a break
    bool lineFeed = false;
    for (;;) {
        // libyaml stops at a document marker in column 0, and at the end of the input.
        if (i == lineStart && i + 3 <= n
            && ((p[i] == '-' && p[i + 1] == '-' && p[i + 2] == '-')
                || (p[i] == '.' && p[i + 1] == '.' && p[i + 2] == '.'))
            && (i + 3 == n || p[i + 3] == ' ' || p[i + 3] == '\t' || breakAt(p, n, i + 3, lineFeed)))
            return std::nullopt;
        if (i >= n)
            return std::nullopt;

        // Non-blank characters.
        bool leadingBlanks = false;
        for (;;) {
            i = skipOrdinary(p, n, i, quote, single, m.size);
            if (i >= n)
                return std::nullopt;
            const quint8 c = p[i];
            if (c == ' ' || c == '\t' || breakAt(p, n, i, lineFeed))
                break;
            if (c == quote) {
                if (single && i + 1 < n && p[i + 1] == '\'') {
                    m.size += 1;
                    i += 2;
                    continue;
                }
                break;
            }
            if (!single && c == '\\') {
                if (const int length = breakAt(p, n, i + 1, lineFeed)) { // an escaped line break
                    i += 1 + length;
                    ++m.breaks;
                    lineStart = i;
                    leadingBlanks = true;
                    break;
                }
                if (i + 1 >= n)
                    return std::nullopt;
                int codeLength = 0;
                switch (p[i + 1]) {
                case '0':
                case 'a':
                case 'b':
                case 't':
                case '\t':
                case 'n':
                case 'v':
                case 'f':
                case 'r':
                case 'e':
                case ' ':
                case '"':
                case '\\':
                    m.size += 1;
                    break;
                case 'N': // NEL
                case '_': // no-break space
                    m.size += 2;
                    break;
                case 'L': // line and paragraph separators
                case 'P':
                    m.size += 3;
                    break;
                case 'x':
                    codeLength = 2;
                    break;
                case 'u':
                    codeLength = 4;
                    break;
                case 'U':
                    codeLength = 8;
                    break;
                default: // unknown, or "\/" and "\'" whose support depends on the libyaml version
                    return std::nullopt;
                }
                i += 2;
                if (codeLength > 0) {
                    if (i + codeLength > n)
                        return std::nullopt;
                    quint32 value = 0;
                    for (int k = 0; k < codeLength; ++k) {
                        const int digit = hexDigit(p[i + k]);
                        if (digit < 0)
                            return std::nullopt;
                        value = value * 16 + quint32(digit);
                    }
                    if ((value >= 0xd800 && value <= 0xdfff) || value > 0x10ffff)
                        return std::nullopt;
                    m.size += value < 0x80 ? 1 : value < 0x800 ? 2 : value < 0x10000 ? 3 : 4;
                    i += codeLength;
                }
                continue;
            }
            const int length = printableLength(p, n, i);
            if (length == 0)
                return std::nullopt;
            m.size += length;
            i += length;
        }
        if (i < n && p[i] == quote) {
            m.end = i + 1;
            m.valueLength = m.size;
            return m;
        }

        // Blanks and line breaks, folded the way libyaml folds them.
        qint64 whitespaces = 0;
        int leadingBreak = -1; // none (or an escaped break); 0: a line feed; 3: LS or PS kept as is
        qint64 trailingBreaks = 0;
        for (;;) {
            if (i >= n)
                return std::nullopt;
            if (p[i] == ' ' || p[i] == '\t') {
                if (!leadingBlanks)
                    ++whitespaces;
                ++i;
                continue;
            }
            const int length = breakAt(p, n, i, lineFeed);
            if (length == 0)
                break;
            if (!leadingBlanks) {
                whitespaces = 0;
                leadingBreak = lineFeed ? 0 : 3;
                leadingBlanks = true;
            } else {
                trailingBreaks += lineFeed ? 1 : 3;
            }
            i += length;
            ++m.breaks;
            lineStart = i;
        }
        if (leadingBlanks) {
            if (leadingBreak == 0)
                m.size += trailingBreaks == 0 ? 1 : trailingBreaks;
            else
                m.size += (leadingBreak > 0 ? leadingBreak : 0) + trailingBreaks;
        } else {
            m.size += whitespaces;
        }
    }
}

std::optional<Measured> measureBinaryLiteral(QByteArrayView data, qint64 at, int parentIndent)
{
    static constexpr std::string_view Header = "!!binary |";
    const auto *p = reinterpret_cast<const quint8 *>(data.data());
    const qint64 n = data.size();
    if (at < 0 || at + qint64(Header.size()) > n || std::memcmp(p + at, Header.data(), Header.size()) != 0)
        return std::nullopt;
    qint64 i = at + qint64(Header.size());
    if (i < n && p[i] == '\r')
        ++i;
    if (i >= n || p[i] != '\n')
        return std::nullopt;
    ++i;
    Measured m;
    m.breaks = 1;
    int contentIndent = -1;
    qint64 symbols = 0;
    qint64 lastEnd = -1;
    for (;;) {
        const qint64 lineStart = i;
        while (i < n && p[i] == ' ')
            ++i;
        if (i >= n)
            break; // the data ends after a complete line
        const int indent = int(i - lineStart);
        if (p[i] == '\n' || p[i] == '\r' || p[i] == '\t')
            return std::nullopt; // blank lines and tabs: not what PyYAML writes for base64
        if (contentIndent < 0) {
            if (indent <= parentIndent)
                return std::nullopt; // an empty block
            contentIndent = indent;
        }
        if (indent < contentIndent) {
            if (indent > parentIndent)
                return std::nullopt; // libyaml would read on differently
            break;
        }
        if (indent > contentIndent)
            return std::nullopt;
        const qint64 contentStart = i;
        while (i < n && p[i] != '\n' && p[i] != '\r') {
            if (isBase64(p[i]))
                ++symbols;
            else if (p[i] != '=')
                return std::nullopt;
            ++i;
        }
        if (i == contentStart)
            return std::nullopt;
        m.valueLength += i - contentStart + 1; // each line and its '\n' (clip keeps the last one)
        lastEnd = i;
        if (i < n && p[i] == '\r')
            ++i;
        if (i >= n || p[i] != '\n')
            return std::nullopt;
        ++i;
        ++m.breaks;
    }
    if (contentIndent < 0)
        return std::nullopt;
    m.end = lastEnd;
    m.breaks -= 1; // the break after the last line stays outside [at, end)
    m.size = symbols * 6 / 8;
    return m;
}

LayoutScanner::LayoutScanner(QByteArrayView data, qint64 elideAbove)
    : m_data(data)
    , m_elideAbove(elideAbove)
{
    m_levels.reserve(16);
}

void LayoutScanner::advanceTo(qint64 pos)
{
    while (!m_gaveUp && m_pos <= pos && m_pos < m_data.size())
        line();
}

qint64 LayoutScanner::nextLine(qint64 i) const
{
    if (i >= m_data.size())
        return m_data.size();
    const void *nl = std::memchr(m_data.data() + i, '\n', size_t(m_data.size() - i));
    return nl ? static_cast<const char *>(nl) - m_data.data() + 1 : m_data.size();
}

qint64 LayoutScanner::afterScalar(qint64 i) const
{
    const qint64 n = m_data.size();
    while (i < n && m_data[i] == ' ')
        ++i;
    if (i >= n)
        return n;
    if (m_data[i] == '\r' && i + 1 < n && m_data[i + 1] == '\n')
        return i + 2;
    if (m_data[i] == '\n')
        return i + 1;
    return -1;
}

void LayoutScanner::push(int indent, Key key)
{
    while (!m_levels.empty() && m_levels.back().indent >= indent)
        m_levels.pop_back();
    m_levels.push_back({ indent, key });
}

bool LayoutScanner::atBodyString() const
{
    return m_levels.size() == 4 && m_levels[0].indent == 0 && m_levels[0].key == Key::Item
        && m_levels[1].key == Key::Response && m_levels[2].key == Key::Body && m_levels[3].key == Key::String;
}

void LayoutScanner::line()
{
    const qint64 n = m_data.size();
    const qint64 lineStart = m_pos;
    qint64 i = lineStart;
    while (i < n && m_data[i] == ' ')
        ++i;
    if (i >= n) {
        m_pos = n;
        return;
    }
    const char c = m_data[i];
    if (c == '\n' || c == '\r') {
        m_pos = nextLine(i);
        return;
    }
    const int indent = int(i - lineStart);
    if (m_blockIndent >= 0) {
        if (indent > m_blockIndent) {
            m_pos = nextLine(i);
            return;
        }
        m_blockIndent = -1;
    }
    if (m_plainIndent >= 0) {
        if (indent > m_plainIndent) {
            m_pos = nextLine(i);
            return;
        }
        m_plainIndent = -1;
    }
    const QByteArrayView rest = m_data.sliced(i);
    if (c == '\t' || c == '%' || (indent == 0 && (rest.startsWith("---") || rest.startsWith("...")))) {
        m_gaveUp = true;
        return;
    }
    const qint64 next = node(i, lineStart);
    if (next < 0) {
        m_gaveUp = true;
        return;
    }
    m_pos = next;
}

qint64 LayoutScanner::node(qint64 i, qint64 lineStart)
{
    const qint64 n = m_data.size();
    const auto skipSpaces = [&](qint64 k) {
        while (k < n && m_data[k] == ' ')
            ++k;
        return k;
    };
    const auto atLineEnd = [&](qint64 k) { return k >= n || m_data[k] == '\n' || m_data[k] == '\r'; };
    // After an elided scalar libyaml must read the same thing in the placeholder's stead: the next line
    // that is not blank may not be indented deeper than the key (it would continue the placeholder).
    const auto nextLineShallow = [&](qint64 k, int maxIndent) {
        while (k < n) {
            const qint64 start = k;
            while (k < n && m_data[k] == ' ')
                ++k;
            if (k >= n)
                return true;
            if (m_data[k] == '\n' || (m_data[k] == '\r' && k + 1 < n && m_data[k + 1] == '\n')) {
                k = nextLine(k);
                continue;
            }
            return k - start <= maxIndent;
        }
        return true;
    };
    for (;;) {
        if (atLineEnd(i))
            return nextLine(i);
        const char c = m_data[i];
        const int column = int(i - lineStart);
        switch (c) {
        case '-':
            if (i + 1 >= n || isSpaceOrBreak(m_data[i + 1])) { // a sequence item
                push(column, Key::Item);
                i = skipSpaces(i + 1);
                continue;
            }
            break; // a plain scalar such as -5
        case '?':
        case ':':
            if (i + 1 >= n || isSpaceOrBreak(m_data[i + 1]))
                return -1; // complex keys
            break;
        case '#':
        case '@':
        case '`':
            return -1;
        case '{':
        case '[':
            if (i + 1 < n && m_data[i + 1] == (c == '{' ? '}' : ']'))
                return afterScalar(i + 2);
            return -1; // flow collections
        case '!':
        case '&':
        case '*': {
            if (c == '!' && atBodyString() && QByteArrayView(m_data).sliced(i).startsWith("!!binary |")) {
                const int parentIndent = m_levels.back().indent;
                if (const std::optional<Measured> m = measureBinaryLiteral(m_data, i, parentIndent);
                    m && m->valueLength > m_elideAbove && nextLineShallow(nextLine(m->end), parentIndent)) {
                    m_elisions.push_back({ i, m->end, m->size, m->breaks, true });
                    return nextLine(m->end);
                }
            }
            while (i < n && !isSpaceOrBreak(m_data[i]))
                ++i;
            if (c == '*') // an alias is a whole node
                return afterScalar(i);
            i = skipSpaces(i);
            continue;
        }
        case '|':
        case '>':
            m_blockIndent = m_levels.empty() ? -1 : m_levels.back().indent;
            return nextLine(i);
        case '\'':
        case '"': {
            const std::optional<Measured> m = measureQuoted(m_data, i);
            if (!m)
                return -1;
            const qint64 after = skipSpaces(m->end);
            if (after < n && m_data[after] == ':' && (after + 1 >= n || isSpaceOrBreak(m_data[after + 1]))) {
                push(column, Key::Other); // a quoted key
                i = skipSpaces(after + 1);
                continue;
            }
            const qint64 next = afterScalar(m->end);
            if (next < 0)
                return -1;
            if (atBodyString() && m->valueLength > m_elideAbove
                && nextLineShallow(next, m_levels.back().indent))
                m_elisions.push_back({ i, m->end, m->size, m->breaks, false });
            return next;
        }
        default:
            break;
        }
        // A plain scalar: a key when ": " follows on this line.
        qint64 j = i;
        qint64 colon = -1;
        while (j < n && m_data[j] != '\n' && m_data[j] != '\r') {
            if (m_data[j] == ':' && (j + 1 >= n || isSpaceOrBreak(m_data[j + 1]))) {
                colon = j;
                break;
            }
            if (m_data[j] == '#' && (m_data[j - 1] == ' ' || m_data[j - 1] == '\t'))
                return -1; // a comment
            ++j;
        }
        if (colon < 0) {
            m_plainIndent = m_levels.empty() ? -1 : m_levels.back().indent;
            return nextLine(j);
        }
        QByteArrayView key = QByteArrayView(m_data).sliced(i, colon - i);
        while (!key.isEmpty() && key.back() == ' ')
            key.chop(1);
        push(column,
            key == "response"     ? Key::Response
                : key == "body"   ? Key::Body
                : key == "string" ? Key::String
                                  : Key::Other);
        i = skipSpaces(colon + 1);
    }
}

} // namespace tapedeck::cassettelayout
