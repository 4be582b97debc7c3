// SPDX-License-Identifier: MIT
// Cassette layout: whole interactions, body scalars and their decoded sizes found without libyaml.
#include "core/recording/cassettelayout.h"

#include "core/common/hex.h"
#include "core/common/utf8.h"
#include "core/recording/interactionreader.h"

#include <algorithm>
#include <atomic>
#include <cstring>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define TAPEDECK_AVX2_MASKS 1
#endif

namespace tapedeck::cassettelayout {

namespace {

// What a walk over a quoted scalar does with its value: count the bytes (measuring) or write them.
struct Counter
{
    static constexpr bool Writes = false;
    qint64 size = 0;
    bool altered = false; // anything but a verbatim copy of the scalar's text
    void copy(const quint8 *, qint64 length) { size += length; }
    void byte(char)
    {
        ++size;
        altered = true;
    }
    void bytes(const char *, qint64 length)
    {
        size += length;
        altered = true;
    }
};

struct Writer
{
    static constexpr bool Writes = true;
    char *out = nullptr;
    qint64 size = 0;
    void copy(const quint8 *from, qint64 length)
    {
        std::memcpy(out + size, from, size_t(length));
        size += length;
    }
    void byte(char c) { out[size++] = c; }
    void bytes(const char *from, qint64 length)
    {
        std::memcpy(out + size, from, size_t(length));
        size += length;
    }
};

// A byte that needs a look inside a quoted scalar: a blank, break or control character, DEL, anything
// non-ASCII, the quote, and a backslash in double quotes.
bool special(quint8 c, quint8 quote, bool single)
{
    return c <= 0x20 || c >= 0x7f || c == quote || (!single && c == '\\');
}

// After a space: what might make it trailing whitespace (dropped before a line break) instead of a byte of
// the value. Non-ASCII counts, for NEL, LS and PS are line breaks too.
bool blankAfterSpace(quint8 c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c >= 0x80;
}

// Escaped quotes counted in bulk: copied as two bytes of a run, one byte of the value.
void dropBytes(Counter &sink, int count)
{
    sink.size -= count;
    sink.altered = sink.altered || count > 0;
}

void dropBytes(Writer &, int) { }

// Set bits in w (no popcnt instruction on baseline x86-64).
int bitCount(quint64 w)
{
    w = w - ((w >> 1) & 0x5555555555555555ull);
    w = (w & 0x3333333333333333ull) + ((w >> 2) & 0x3333333333333333ull);
    w = (w + (w >> 4)) & 0x0f0f0f0f0f0f0f0full;
    return int((w * 0x0101010101010101ull) >> 56);
}

#ifdef __SSE2__
// Bit k set where p[k] (k < 64) needs a look: a special byte other than a space, or a space before a blank,
// a break, a control character, DEL or non-ASCII (which might make it trailing whitespace). Reads p[0..64].
// With CountQuotes (double quotes only), escapedQuotes gets bit k set where p[k..k+1] is \" and p[k - 1] (in
// the block) is not a backslash, so that the backslash starts an escape whatever came before; those bits
// are left out of the mask.
template <bool CountQuotes>
[[gnu::always_inline]] inline quint64 specialMask(
    const quint8 *p, quint8 quote, bool single, quint64 *escapedQuotes = nullptr)
{
    const __m128i one = _mm_set1_epi8(1);
    const __m128i limit = _mm_set1_epi8(0x22); // v + 1 below it (signed): 0x00-0x20 and 0x7f-0xff
    const __m128i quotes = _mm_set1_epi8(char(quote));
    const __m128i backslash = _mm_set1_epi8(single ? char(quote) : '\\');
    const __m128i space = _mm_set1_epi8(' ');
    quint64 below = 0;
    quint64 specials = 0;
    quint64 spaces = 0;
    quint64 quoteBits = 0;
    quint64 backslashBits = 0;
    for (int k = 0; k < 4; ++k) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p + 16 * k));
        const __m128i b = _mm_cmplt_epi8(_mm_add_epi8(v, one), limit);
        const __m128i q = _mm_cmpeq_epi8(v, quotes);
        const __m128i bs = _mm_cmpeq_epi8(v, backslash);
        below |= quint64(quint16(_mm_movemask_epi8(b))) << (16 * k);
        specials |= quint64(quint16(_mm_movemask_epi8(_mm_or_si128(b, _mm_or_si128(q, bs))))) << (16 * k);
        spaces |= quint64(quint16(_mm_movemask_epi8(_mm_cmpeq_epi8(v, space)))) << (16 * k);
        if constexpr (CountQuotes) {
            quoteBits |= quint64(quint16(_mm_movemask_epi8(q))) << (16 * k);
            backslashBits |= quint64(quint16(_mm_movemask_epi8(bs))) << (16 * k);
        }
    }
    const quint64 belowNext = (below >> 1) | (quint64(p[64] <= 0x20 || p[64] >= 0x7f) << 63);
    quint64 mask = (specials & ~spaces) | (spaces & belowNext);
    if constexpr (CountQuotes) {
        // Not at bit 0 (the byte before is outside the block) nor 63 (the quote is).
        const quint64 pairs = backslashBits & ~(backslashBits << 1) & (quoteBits >> 1) & ~quint64(1)
            & ~(quint64(1) << 63);
        *escapedQuotes = pairs;
        mask &= ~(pairs | (pairs << 1));
    }
    return mask;
}
#endif

#ifdef TAPEDECK_AVX2_MASKS
// specialMask() in two 32-byte steps, for processors with AVX2 (the build targets baseline x86-64, so this
// is chosen at run time): the masks are most of the cost of measuring large quoted bodies.
template <bool CountQuotes>
__attribute__((target("avx2"))) inline quint64 specialMaskAvx2(
    const quint8 *p, quint8 quote, bool single, quint64 *escapedQuotes)
{
    const __m256i one = _mm256_set1_epi8(1);
    const __m256i limit = _mm256_set1_epi8(0x22);
    const __m256i quotes = _mm256_set1_epi8(char(quote));
    const __m256i backslash = _mm256_set1_epi8(single ? char(quote) : '\\');
    const __m256i space = _mm256_set1_epi8(' ');
    quint64 below = 0;
    quint64 specials = 0;
    quint64 spaces = 0;
    quint64 quoteBits = 0;
    quint64 backslashBits = 0;
    for (int k = 0; k < 2; ++k) {
        const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i *>(p + 32 * k));
        const __m256i b = _mm256_cmpgt_epi8(limit, _mm256_add_epi8(v, one));
        const __m256i q = _mm256_cmpeq_epi8(v, quotes);
        const __m256i bs = _mm256_cmpeq_epi8(v, backslash);
        below |= quint64(quint32(_mm256_movemask_epi8(b))) << (32 * k);
        specials |= quint64(quint32(_mm256_movemask_epi8(_mm256_or_si256(b, _mm256_or_si256(q, bs))))) << (32 * k);
        spaces |= quint64(quint32(_mm256_movemask_epi8(_mm256_cmpeq_epi8(v, space)))) << (32 * k);
        if constexpr (CountQuotes) {
            quoteBits |= quint64(quint32(_mm256_movemask_epi8(q))) << (32 * k);
            backslashBits |= quint64(quint32(_mm256_movemask_epi8(bs))) << (32 * k);
        }
    }
    const quint64 belowNext = (below >> 1) | (quint64(p[64] <= 0x20 || p[64] >= 0x7f) << 63);
    quint64 mask = (specials & ~spaces) | (spaces & belowNext);
    if constexpr (CountQuotes) {
        const quint64 pairs = backslashBits & ~(backslashBits << 1) & (quoteBits >> 1) & ~quint64(1)
            & ~(quint64(1) << 63);
        *escapedQuotes = pairs;
        mask &= ~(pairs | (pairs << 1));
    }
    return mask;
}

const bool HaveAvx2 = [] {
    __builtin_cpu_init(); // may run before libgcc's own initialisation
    return __builtin_cpu_supports("avx2") != 0;
}();
std::atomic<bool> UseAvx2 { HaveAvx2 }; // changed by tests only, between readings
#endif

void putCodePoint(Counter &sink, quint32 value)
{
    sink.size += value < 0x80 ? 1 : value < 0x800 ? 2 : value < 0x10000 ? 3 : 4;
    sink.altered = true;
}

void putCodePoint(Writer &sink, quint32 value)
{
    char bytes[4];
    const int length = encodeUtf8(value, bytes); // value is no surrogate: the caller refused those
    for (int k = 0; k < length; ++k)
        sink.byte(bytes[k]);
}

// The escape sequence at p[i] == '\\' in double quotes (not an escaped line break): its value to sink.
// Returns the index after it, or -1, having handed nothing over, when libyaml would reject it or its support
// differs between libyaml versions ("\/", "\'").
template <typename Sink>
qint64 escape(const quint8 *p, qint64 n, qint64 i, Sink &sink)
{
    if (i + 1 >= n)
        return -1;
    int codeLength = 0;
    switch (p[i + 1]) {
    case '0':
        sink.byte('\0');
        return i + 2;
    case 'a':
        sink.byte('\x07');
        return i + 2;
    case 'b':
        sink.byte('\x08');
        return i + 2;
    case 't':
    case '\t':
        sink.byte('\x09');
        return i + 2;
    case 'n':
        sink.byte('\x0a');
        return i + 2;
    case 'v':
        sink.byte('\x0b');
        return i + 2;
    case 'f':
        sink.byte('\x0c');
        return i + 2;
    case 'r':
        sink.byte('\x0d');
        return i + 2;
    case 'e':
        sink.byte('\x1b');
        return i + 2;
    case ' ':
    case '"':
    case '\\':
        sink.byte(char(p[i + 1]));
        return i + 2;
    case 'N': // NEL
        sink.bytes("\xc2\x85", 2);
        return i + 2;
    case '_': // no-break space
        sink.bytes("\xc2\xa0", 2);
        return i + 2;
    case 'L': // line separator
        sink.bytes("\xe2\x80\xa8", 3);
        return i + 2;
    case 'P': // paragraph separator
        sink.bytes("\xe2\x80\xa9", 3);
        return i + 2;
    case 'x':
        codeLength = 2;
        break;
    case 'u':
        codeLength = 4;
        break;
    case 'U':
        codeLength = 8;
        break;
    default:
        return -1;
    }
    if (i + 2 + codeLength > n)
        return -1;
    quint32 value = 0;
    for (int k = 0; k < codeLength; ++k) {
        const int digit = hexDigitValue(char(p[i + 2 + k]));
        if (digit < 0)
            return -1;
        value = value * 16 + quint32(digit);
    }
    if ((value >= 0xd800 && value <= 0xdfff) || value > 0x10ffff)
        return -1;
    putCodePoint(sink, value);
    return i + 2 + codeLength;
}

// Hands the sink what libyaml copies into a quoted scalar's value as it is (printable ASCII, single spaces
// between words), and the constructs that are common in what libyaml's emitter writes: escaped quotes ('' in
// single quotes), escapes in double quotes (not escaped line breaks), and a line break followed by
// indentation and a non-blank character (folded into one space, as libyaml folds it: the emitter breaks
// long lines so). Returns where something else starts; breaks counts the line breaks folded here.
// Wide: with specialMaskAvx2, inlined into the AVX2 instance of the loop (skipOrdinaryAvx2).
template <typename Sink, bool Wide>
[[gnu::always_inline]] inline qint64 skipOrdinaryLoop(
    const quint8 *p, qint64 n, qint64 i, quint8 quote, bool single, Sink &sink, int &breaks)
{
    qint64 runStart = i; // ordinary bytes from here on are not handed over yet
#ifdef __SSE2__
    // Sixty-four bytes at a time: a mask of the bytes that need a look, taken in order. When only counting,
    // the escaped quotes that the masks alone identify are not looked at: each takes one byte off the runs
    // copied over them (pending: those not yet taken off).
    const bool countQuotes = !Sink::Writes && !single;
    while (i + 65 <= n) {
        const qint64 base = i;
        qint64 next = base + 64;
        quint64 pending = 0;
        quint64 mask;
#ifdef TAPEDECK_AVX2_MASKS
        if constexpr (Wide)
            mask = countQuotes ? specialMaskAvx2<true>(p + base, quote, single, &pending)
                               : specialMaskAvx2<false>(p + base, quote, single, nullptr);
        else
#endif
            mask = countQuotes ? specialMask<true>(p + base, quote, single, &pending)
                               : specialMask<false>(p + base, quote, single);
        while (mask != 0) {
            const int k = __builtin_ctzll(mask);
            const qint64 j = base + k;
            const quint8 c = p[j];
            const quint8 d = p[j + 1];
            if (pending != 0) {
                const quint64 passed = pending & ((quint64(1) << k) - 1);
                dropBytes(sink, bitCount(passed));
                pending &= ~passed;
            }
            qint64 after = -1;
            if (single ? c == '\'' && d == '\'' : c == '\\' && (d == '"' || d == '\\')) {
                sink.copy(p + runStart, j - runStart);
                sink.byte(char(d));
                after = j + 2;
            } else if (c == '\n') {
                qint64 q = j + 1;
                while (q < n && p[q] == ' ')
                    ++q;
                // Indented (so never a document marker) and followed by something that is not blank.
                if (q > j + 1 && q < n && !blankAfterSpace(p[q]) && p[q] > 0x20) {
                    sink.copy(p + runStart, j - runStart);
                    sink.byte(' ');
                    ++breaks;
                    after = q;
                }
            } else if (!single && c == '\\' && d != '\n' && d != '\r' && d < 0x80) {
                sink.copy(p + runStart, j - runStart);
                runStart = j;
                after = escape(p, n, j, sink);
            }
            if (after < 0) {
                sink.copy(p + runStart, j - runStart);
                return j;
            }
            runStart = after;
            if (after >= base + 64) {
                next = after;
                break;
            }
            mask &= ~quint64(0) << (after - base);
        }
        if (pending != 0)
            dropBytes(sink, bitCount(pending));
        i = std::max(next, runStart);
    }
#endif
    while (i < n) {
        const quint8 c = p[i];
        if (!special(c, quote, single)) {
            ++i;
            continue;
        }
        if (i + 1 >= n)
            break;
        const quint8 d = p[i + 1];
        if (single ? c == '\'' && d == '\'' : c == '\\' && (d == '"' || d == '\\')) {
            sink.copy(p + runStart, i - runStart);
            sink.byte(char(d));
            i += 2;
            runStart = i;
            continue;
        }
        if (c == ' ' && !blankAfterSpace(d)) {
            ++i;
            continue;
        }
        break;
    }
    sink.copy(p + runStart, i - runStart);
    return i;
}

#ifdef TAPEDECK_AVX2_MASKS
template <typename Sink>
__attribute__((target("avx2"))) qint64 skipOrdinaryAvx2(
    const quint8 *p, qint64 n, qint64 i, quint8 quote, bool single, Sink &sink, int &breaks)
{
    return skipOrdinaryLoop<Sink, true>(p, n, i, quote, single, sink, breaks);
}
#endif

template <typename Sink>
qint64 skipOrdinary(const quint8 *p, qint64 n, qint64 i, quint8 quote, bool single, Sink &sink, int &breaks)
{
#ifdef TAPEDECK_AVX2_MASKS
    if (UseAvx2.load(std::memory_order_relaxed))
        return skipOrdinaryAvx2(p, n, i, quote, single, sink, breaks);
#endif
    return skipOrdinaryLoop<Sink, false>(p, n, i, quote, single, sink, breaks);
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

bool isBase64(quint8 c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
}

bool isSpaceOrBreak(char c)
{
    return c == ' ' || c == '\n' || c == '\r';
}

// The quoted scalar at p[at] by libyaml 0.2.5's rules, its value handed to sink; see measureQuoted().
template <typename Sink>
std::optional<Measured> walkQuoted(const quint8 *p, qint64 n, qint64 at, Sink &sink)
{
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
            i = skipOrdinary(p, n, i, quote, single, sink, m.breaks);
            if (i >= n)
                return std::nullopt;
            const quint8 c = p[i];
            if (c == ' ' || c == '\t' || breakAt(p, n, i, lineFeed))
                break;
            if (c == quote) {
                if (single && i + 1 < n && p[i + 1] == '\'') {
                    sink.byte('\'');
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
                i = escape(p, n, i, sink);
                if (i < 0)
                    return std::nullopt;
                continue;
            }
            const int length = printableLength(p, n, i);
            if (length == 0)
                return std::nullopt;
            sink.copy(p + i, length);
            i += length;
        }
        if (i < n && p[i] == quote) {
            m.end = i + 1;
            m.size = sink.size;
            m.valueLength = m.size;
            return m;
        }

        // Blanks and line breaks, folded the way libyaml folds them: blanks before a break are dropped, a
        // single line feed becomes a space, further breaks are kept (a first LS or PS is kept too).
        const qint64 blanksStart = i;
        qint64 whitespaces = 0;
        bool leadingLineFeed = false;
        bool trailingBreaks = false;
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
                leadingLineFeed = lineFeed;
                if (!lineFeed)
                    sink.bytes(reinterpret_cast<const char *>(p + i), 3);
                leadingBlanks = true;
            } else {
                if (lineFeed)
                    sink.byte('\n');
                else
                    sink.bytes(reinterpret_cast<const char *>(p + i), 3);
                trailingBreaks = true;
            }
            i += length;
            ++m.breaks;
            lineStart = i;
        }
        if (leadingBlanks) {
            if (leadingLineFeed && !trailingBreaks)
                sink.byte(' ');
        } else if (whitespaces > 0) {
            sink.copy(p + blanksStart, whitespaces); // no break: the blanks were one run
        }
    }
}

} // namespace

bool setWideMasks(bool on)
{
#ifdef TAPEDECK_AVX2_MASKS
    UseAvx2 = on && HaveAvx2;
    return UseAvx2.load();
#else
    Q_UNUSED(on);
    return false;
#endif
}

std::optional<Measured> measureQuoted(QByteArrayView data, qint64 at)
{
    const auto *p = reinterpret_cast<const quint8 *>(data.data());
    const qint64 n = data.size();
    if (at < 0 || at >= n || (p[at] != '\'' && p[at] != '"'))
        return std::nullopt;
    Counter counter;
    return walkQuoted(p, n, at, counter);
}

std::optional<Measured> decodeQuoted(QByteArrayView data, qint64 at, QByteArray &value)
{
    const auto *p = reinterpret_cast<const quint8 *>(data.data());
    const qint64 n = data.size();
    if (at < 0 || at >= n || (p[at] != '\'' && p[at] != '"'))
        return std::nullopt;
    Counter counter;
    const std::optional<Measured> m = walkQuoted(p, n, at, counter);
    if (!m)
        return std::nullopt;
    if (m->size == 0) {
        value = QByteArray("");
    } else if (!counter.altered && m->breaks == 0) {
        value = QByteArray::fromRawData(data.data() + at + 1, m->size); // the text between the quotes
    } else {
        value = QByteArray(m->size, Qt::Uninitialized);
        Writer writer;
        writer.out = value.data();
        walkQuoted(p, n, at, writer);
        Q_ASSERT(writer.size == m->size);
    }
    return m;
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
#ifdef __SSE2__
        // Sixteen bytes at a time while they are all base64 symbols (A-Z a-z 0-9 + /).
        while (i + 16 <= n) {
            const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p + i));
            const __m128i upper = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('A' - 1)), _mm_cmplt_epi8(v, _mm_set1_epi8('Z' + 1)));
            const __m128i lower = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('a' - 1)), _mm_cmplt_epi8(v, _mm_set1_epi8('z' + 1)));
            const __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)), _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));
            const __m128i other = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('+')), _mm_cmpeq_epi8(v, _mm_set1_epi8('/')));
            if (_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(upper, lower), _mm_or_si128(digit, other))) != 0xffff)
                break;
            i += 16;
            symbols += 16;
        }
#endif
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

QByteArray binaryLiteralText(QByteArrayView data, qint64 at, const Measured &m)
{
    QByteArray text(m.valueLength, Qt::Uninitialized);
    char *to = text.data();
    qint64 i = data.indexOf('\n', at) + 1;
    while (i < m.end) {
        while (data[i] == ' ')
            ++i;
        qint64 lineEnd = i;
        while (lineEnd < m.end && data[lineEnd] != '\n' && data[lineEnd] != '\r')
            ++lineEnd;
        std::memcpy(to, data.data() + i, size_t(lineEnd - i));
        to += lineEnd - i;
        *to++ = '\n';
        i = lineEnd;
        if (i < m.end && data[i] == '\r')
            ++i;
        ++i;
    }
    Q_ASSERT(to == text.data() + text.size());
    return text;
}

LayoutScanner::LayoutScanner(QByteArrayView data, qint64 elideAbove, bool readInteractions)
    : m_data(data)
    , m_elideAbove(elideAbove)
    , m_readInteractions(readInteractions)
{
    m_levels.reserve(16);
}

void LayoutScanner::recycle(CassetteNode &&node)
{
    if (m_spare.size() < MaxSpare)
        m_spare.push_back(std::make_unique<CassetteNode>(std::move(node)));
}

void LayoutScanner::growRun(size_t index)
{
    while (!m_gaveUp && m_pos < m_data.size() && index + 1 == m_elisions.size()) {
        const Elision &run = m_elisions[index];
        if (run.kind != Elision::Kind::Interaction || run.next != m_pos || run.items.size() >= MaxRun)
            return;
        line(); // the next interaction joins the run, or something else follows it
    }
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

// Whether what starts at at (a line's start) lets libyaml finish the item before it the way the reader
// did: blank lines, then the end, another item, or a top-level key ("version: 1"). Anything else may make
// libyaml fail while still inside the item (a plain line waiting for its ':' is an error found when the
// line after it is scanned), and the item is then left to libyaml, so that the index never holds an
// interaction a full reading does not.
bool LayoutScanner::endsAnItem(qint64 at) const
{
    const qint64 n = m_data.size();
    while (at < n) {
        qint64 i = at;
        while (i < n && m_data[i] == ' ')
            ++i;
        if (i < n && (m_data[i] == '\n' || m_data[i] == '\r')) {
            at = nextLine(i);
            continue;
        }
        if (i >= n)
            return true;
        if (i > at)
            return false; // an indented line after the item: the item's own, misread
        const QByteArrayView rest = m_data.sliced(i);
        if (rest.startsWith("- ") || rest.startsWith("-\n") || rest.startsWith("-\r\n") || rest == "-")
            return true;
        qint64 k = i;
        const auto word = [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
        };
        while (k < n && word(m_data[k]))
            ++k;
        return k > i && k + 1 < n && m_data[k] == ':' && (m_data[k + 1] == ' ' || m_data[k + 1] == '\n');
    }
    return true;
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
    if (m_readInteractions && indent == 0 && c == '-' && rest.startsWith("- ")) {
        std::unique_ptr<CassetteNode> node;
        if (m_spare.empty()) {
            node = std::make_unique<CassetteNode>();
        } else {
            node = std::move(m_spare.back());
            m_spare.pop_back();
        }
        InteractionReader reader(m_data, m_elideAbove);
        std::optional<ReadInteraction> r = reader.read(lineStart, *node);
        if (r && !endsAnItem(r->next))
            r.reset();
        if (r) {
            // Right after a run not yet fed to libyaml, it joins the run; its first line is the one after it.
            Elision *run = m_elisions.empty() ? nullptr : &m_elisions.back();
            if (run && run->kind == Elision::Kind::Interaction && run->fedChar < 0 && run->next == lineStart
                && run->items.size() < MaxRun) {
                run->items.push_back({ lineStart, r->next, run->breaks + 1, std::move(node) });
                run->end = r->end;
                run->next = r->next;
                run->breaks += 1 + r->breaks;
            } else {
                Elision e;
                e.begin = r->begin;
                e.end = r->end;
                e.breaks = r->breaks;
                e.kind = Elision::Kind::Interaction;
                e.next = r->next;
                e.items.push_back({ lineStart, r->next, 0, std::move(node) });
                m_elisions.push_back(std::move(e));
            }
            m_levels.clear();
            m_pos = r->next;
            return;
        }
        m_spare.push_back(std::move(node));
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
                    Elision e;
                    e.begin = i;
                    e.end = m->end;
                    e.size = m->size;
                    e.breaks = m->breaks;
                    e.binary = true;
                    m_elisions.push_back(std::move(e));
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
                && nextLineShallow(next, m_levels.back().indent)) {
                Elision e;
                e.begin = i;
                e.end = m->end;
                e.size = m->size;
                e.breaks = m->breaks;
                m_elisions.push_back(std::move(e));
            }
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
