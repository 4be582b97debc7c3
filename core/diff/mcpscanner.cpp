// SPDX-License-Identifier: MIT
// The diff's reader: one validating pass over MCP files that hashes aspects as it goes (SSE2 for the
// whitespace of indented files and for string bodies), falling back to McpExtractor for rare shapes.
#include "core/diff/mcpscanner.h"

#include "core/common/hex.h"
#include "core/common/jsonstring.h"
#include "core/common/jsonvalue.h"
#include "core/common/nesting.h"
#include "core/common/utf8.h"
#include "core/diff/diffhash.h"
#include "core/diff/ignorematcher.h"
#include "core/recording/mcpextractor.h"

#include <QHash>
#include <QJsonDocument>
#include <QScopeGuard>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace tapedeck {

namespace {

constexpr int MaxDepth = Nesting::MaxDepth;
constexpr qint64 ProgressEvery = 4 << 20;

bool isSpace(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

inline const char *skipSpace(const char *p, const char *end)
{
    if (p < end && uchar(*p) > ' ')
        return p;
#ifdef __SSE2__
    // Indented files are mostly runs of spaces: 16 bytes at a time.
    const __m128i space = _mm_set1_epi8(' ');
    const __m128i newline = _mm_set1_epi8('\n');
    const __m128i cr = _mm_set1_epi8('\r');
    const __m128i tab = _mm_set1_epi8('\t');
    while (end - p >= 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
        const __m128i ws = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, space), _mm_cmpeq_epi8(v, newline)),
            _mm_or_si128(_mm_cmpeq_epi8(v, cr), _mm_cmpeq_epi8(v, tab)));
        const unsigned other = unsigned(_mm_movemask_epi8(ws)) ^ 0xffffu;
        if (other)
            return p + __builtin_ctz(other);
        p += 16;
    }
#endif
    while (p < end && isSpace(*p))
        ++p;
    return p;
}

// The next '"', '\\' or control character from p (or end); with StopAtHigh, also the next byte from 0x80 up
// (a string may hold malformed UTF-8 only then, and only then is it worth checking).
template<bool StopAtHigh> inline const char *findStringSpecial(const char *p, const char *end)
{
#ifdef __SSE2__
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    const __m128i control = _mm_set1_epi8(0x1f);
    while (end - p >= 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
        const __m128i special
            = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)),
                _mm_cmpeq_epi8(_mm_max_epu8(v, control), control));
        unsigned mask = unsigned(_mm_movemask_epi8(special));
        if constexpr (StopAtHigh)
            mask |= unsigned(_mm_movemask_epi8(v));
        if (mask)
            return p + __builtin_ctz(mask);
        p += 16;
    }
#endif
    while (p < end && *p != '"' && *p != '\\' && uchar(*p) >= 0x20 && !(StopAtHigh && uchar(*p) >= 0x80))
        ++p;
    return p;
}

QString describe(const char *p, const char *end)
{
    if (p >= end)
        return McpScanner::tr("the end of the data");
    const uchar c = uchar(*p);
    if (c < 0x20 || c >= 0x7f)
        return QStringLiteral("0x%1").arg(uint(c), 2, 16, QLatin1Char('0'));
    return QLatin1Char('\'') + QChar(QLatin1Char(char(c))) + QLatin1Char('\'');
}

double parseDouble(const char *first, const char *last)
{
    double value = 0;
    const auto [ptr, ec] = std::from_chars(first, last, value);
    if (ec == std::errc::result_out_of_range) {
        // Python's float(): too large is ±inf, too small ±0.0.
        const bool negative = *first == '-';
        const char *e = std::find_if(first, last, [](char c) { return c == 'e' || c == 'E'; });
        const bool large = e == last || e[1] != '-';
        value = large ? std::numeric_limits<double>::infinity() : 0.0;
        return negative ? -value : value;
    }
    return value;
}

struct StringSpan
{
    const char *begin = nullptr; // the characters between the quotes
    const char *end = nullptr;
    bool escaped = false;
    bool nonAscii = false; // it may hold bytes from 0x80 up
};

// Plain: hash, no rules alive. Ruled: hash, the matcher follows every key. Watch: hash, only [**] rules
// alive, so only their trigger keys go to the matcher. Skip: validate only. Shadow: validate and count
// matches below a place that is out.
enum class Mode { Plain, Ruled, Watch, Skip, Shadow };

constexpr bool hashes(Mode m)
{
    return m == Mode::Plain || m == Mode::Ruled || m == Mode::Watch;
}

constexpr bool tracks(Mode m)
{
    return m == Mode::Ruled || m == Mode::Shadow;
}

const quint64 NullHash = DiffHash::mix(DiffHash::NullTag);
const quint64 TrueHash = DiffHash::mix(DiffHash::TrueTag);
const quint64 FalseHash = DiffHash::mix(DiffHash::FalseTag);

// Walks one JSON value: validates it, hashes it canonically (Plain, Ruled), applies the ignore rules
// (Ruled), or only validates (Skip) and counts shadowed rule matches (Shadow).
class Walker
{
public:
    explicit Walker(IgnoreMatcher *matcher)
        : m_matcher(matcher)
    { }

    // endIsFinal: end is the end of the text, not only of the window read so far.
    void setText(const char *begin, const char *end, bool endIsFinal = true)
    {
        m_begin = begin;
        m_end = end;
        m_final = endIsFinal;
    }
    const char *begin() const { return m_begin; }
    const char *end() const { return m_end; }
    bool endIsFinal() const { return m_final; }
    const char *errorAt() const { return m_errorAt; }
    const QString &error() const { return m_error; }
    // Whether the error may only be the end of the text window: more of the file could make it go away.
    bool hitEnd() const { return m_hitEnd; }
    void clearError()
    {
        m_errorAt = nullptr;
        m_error.clear();
        m_hitEnd = false;
    }

    template<Mode M> const char *value(const char *p, quint64 &h, int depth)
    {
        p = skipSpace(p, m_end);
        if (p >= m_end)
            return fail(p, JsonSyntax::message(JsonSyntax::Problem::ValueMissing));
        switch (*p) {
        case '{':
            return object<M>(p, h, depth);
        case '[':
            return array<M>(p, h, depth);
        case '"': {
            StringSpan s;
            const char *q = string(p, s);
            if (q && hashes(M))
                h = stringHash(s);
            return q;
        }
        case 't':
            h = TrueHash;
            return word(p, "true");
        case 'f':
            h = FalseHash;
            return word(p, "false");
        case 'n':
            h = NullHash;
            return word(p, "null");
        case 'N':
            h = DiffHash::floatValue(std::numeric_limits<double>::quiet_NaN());
            return word(p, "NaN");
        case 'I':
            h = DiffHash::floatValue(std::numeric_limits<double>::infinity());
            return word(p, "Infinity");
        default:
            return number<M>(p, h);
        }
    }

    // Walks a place an ignore rule took out: shadow-tracked while some unused user rule may still match
    // below it, else only validated.
    const char *excluded(const char *p, int depth)
    {
        quint64 unused = 0;
        if (!m_matcher->shadowWorthwhile())
            return value<Mode::Skip>(p, unused, depth);
        const bool outer = m_inShadow;
        m_inShadow = true;
        m_matcher->setShadow(true);
        const char *q = value<Mode::Shadow>(p, unused, depth);
        m_inShadow = outer;
        m_matcher->setShadow(outer);
        return q;
    }

    // A member of the record itself (the matcher has entered it and it is not taken out).
    const char *field(const char *p, quint64 &h) { return ruled(p, h, 1); }

    // A value at a place the matcher is at (and that is not out), walked with as little matching as the
    // rules alive there allow.
    const char *ruled(const char *p, quint64 &h, int depth)
    {
        if (!m_matcher->alive())
            return value<Mode::Plain>(p, h, depth);
        if (!m_matcher->stable())
            return value<Mode::Ruled>(p, h, depth);
        std::vector<QByteArray> outer = std::move(m_triggers);
        m_triggers = m_matcher->triggerKeys();
        const char *q = value<Mode::Watch>(p, h, depth);
        m_triggers = std::move(outer);
        return q;
    }

    quint64 stringHash(const StringSpan &s)
    {
        const QByteArrayView d = decode(s);
        return DiffHash::string(d.data(), size_t(d.size()));
    }

    // The string's text as UTF-8, as JsonValue holds it (escapes undone, malformed UTF-8 as U+FFFD), so
    // that hashes and rule keys agree with the parsed value; valid until the next decode.
    QByteArrayView decode(const StringSpan &s)
    {
        const QByteArrayView raw(s.begin, s.end - s.begin);
        if (!s.escaped && (!s.nonAscii || raw.isValidUtf8()))
            return raw;
        m_scratch.resize(0); // keeps the capacity
        appendUnescapedJsonUtf8(raw, m_scratch);
        return m_scratch;
    }

    // p at '"'. Returns the position after the closing quote.
    const char *string(const char *p, StringSpan &s)
    {
        const char *open = p;
        s.begin = ++p;
        s.escaped = false;
        s.nonAscii = false;
        for (;;) {
            p = s.nonAscii ? findStringSpecial<false>(p, m_end) : findStringSpecial<true>(p, m_end);
            if (p < m_end && uchar(*p) >= 0x80) {
                s.nonAscii = true;
                continue;
            }
            if (p >= m_end) {
                const bool first = !m_errorAt;
                fail(open, JsonSyntax::message(JsonSyntax::Problem::UnterminatedString));
                m_hitEnd = m_hitEnd || first;
                return nullptr;
            }
            if (*p == '"') {
                s.end = p;
                return p + 1;
            }
            if (*p == '\\') {
                s.escaped = true;
                if (m_end - p < 2) {
                    const bool first = !m_errorAt;
                    fail(open, JsonSyntax::message(JsonSyntax::Problem::UnterminatedString));
                    m_hitEnd = m_hitEnd || first;
                    return nullptr;
                }
                const char e = p[1];
                if (e == 'u') {
                    for (int i = 2; i < 6; ++i) {
                        if (m_end - p <= i || hexDigitValue(p[i]) < 0)
                            return fail(p, JsonSyntax::message(JsonSyntax::Problem::InvalidUnicodeEscape));
                    }
                    p += 6;
                    continue;
                }
                if (!std::strchr("\"\\/bfnrt", e) || e == 0)
                    return fail(
                        p, JsonSyntax::message(JsonSyntax::Problem::InvalidEscape, QString::fromLatin1(&e, 1)));
                p += 2;
                continue;
            }
            return fail(p, JsonSyntax::message(JsonSyntax::Problem::ControlCharacter, describe(p, m_end)));
        }
    }

    const char *fail(const char *at, const QString &message)
    {
        if (!m_errorAt) {
            m_errorAt = at;
            m_error = message;
            // A literal, number or separator cut off by the window's end fails within a few bytes of it.
            m_hitEnd = m_end - at <= 32;
        }
        return nullptr;
    }

private:
    const char *word(const char *p, const char *w)
    {
        const size_t n = std::strlen(w);
        if (size_t(m_end - p) >= n && std::memcmp(p, w, n) == 0)
            return p + n;
        return fail(p, JsonSyntax::message(JsonSyntax::Problem::Unexpected, describe(p, m_end)));
    }

    template<Mode M> const char *number(const char *p, quint64 &h)
    {
        const char *start = p;
        bool isFloat = false;
        if (*p == '-') {
            ++p;
            if (p < m_end && *p == 'I') {
                h = DiffHash::floatValue(-std::numeric_limits<double>::infinity());
                return word(p, "Infinity");
            }
        }
        if (p >= m_end || !isDigit(*p))
            return fail(start, JsonSyntax::message(JsonSyntax::Problem::Unexpected, describe(start, m_end)));
        if (*p == '0')
            ++p;
        else
            while (p < m_end && isDigit(*p))
                ++p;
        if (p < m_end && *p == '.') {
            isFloat = true;
            ++p;
            if (p >= m_end || !isDigit(*p))
                return fail(p, JsonSyntax::message(JsonSyntax::Problem::FractionDigits));
            while (p < m_end && isDigit(*p))
                ++p;
        }
        if (p < m_end && (*p == 'e' || *p == 'E')) {
            isFloat = true;
            ++p;
            if (p < m_end && (*p == '+' || *p == '-'))
                ++p;
            if (p >= m_end || !isDigit(*p))
                return fail(p, JsonSyntax::message(JsonSyntax::Problem::ExponentDigits));
            while (p < m_end && isDigit(*p))
                ++p;
        }
        // A number that runs into the window's end may go on after it: read it again with more text.
        if (p == m_end && !m_final)
            return fail(p, JsonSyntax::message(JsonSyntax::Problem::ValueMissing));
        if constexpr (hashes(M)) {
            h = isFloat ? DiffHash::floatValue(parseDouble(start, p))
                        : DiffHash::integerDigits(start, size_t(p - start));
        }
        return p;
    }

    template<Mode M> const char *object(const char *p, quint64 &h, int depth)
    {
        if (depth >= MaxDepth)
            return fail(p, Nesting::tooDeep());
        p = skipSpace(p + 1, m_end);
        const size_t base = m_members.size();
        const auto restore = qScopeGuard([this, base] { m_members.resize(base); });
        quint64 sum = 0;
        quint64 seen = 0; // one bit of each key hash: a bit seen twice may be a repeated key
        bool maybeRepeated = false;
        const auto add = [&](quint64 kh, quint64 vh) {
            const quint64 bit = quint64(1) << (kh & 63);
            maybeRepeated = maybeRepeated || (seen & bit) != 0;
            seen |= bit;
            sum += DiffHash::member(kh, vh);
            m_members.push_back({ kh, vh });
        };
        if (p < m_end && *p == '}') {
            h = DiffHash::object(0, 0);
            return p + 1;
        }
        for (;;) {
            p = skipSpace(p, m_end);
            if (p >= m_end)
                return fail(p, JsonSyntax::message(JsonSyntax::Problem::EndInsideObject));
            if (*p != '"')
                return fail(p, McpScanner::tr("expected a \"key\" but found %1").arg(describe(p, m_end)));
            StringSpan key;
            p = string(p, key);
            if (!p)
                return nullptr;
            p = skipSpace(p, m_end);
            if (p >= m_end)
                return fail(p, JsonSyntax::message(JsonSyntax::Problem::EndInsideObject));
            if (*p != ':')
                return fail(p, JsonSyntax::message(JsonSyntax::Problem::ExpectedColon, describe(p, m_end)));
            ++p;
            quint64 vh = 0;
            if constexpr (M == Mode::Plain) {
                const quint64 kh = stringHash(key);
                p = value<Mode::Plain>(p, vh, depth + 1);
                if (!p)
                    return nullptr;
                add(kh, vh);
            } else if constexpr (M == Mode::Skip) {
                p = value<Mode::Skip>(p, vh, depth + 1);
                if (!p)
                    return nullptr;
            } else if constexpr (M == Mode::Watch) {
                const QByteArrayView decoded = decode(key);
                const char *k = decoded.data();
                const qsizetype n = decoded.size();
                const quint64 kh = DiffHash::string(k, size_t(n));
                const bool trigger
                    = std::any_of(m_triggers.begin(), m_triggers.end(), [k, n](const QByteArray &t) {
                          return t.size() == n && std::memcmp(t.constData(), k, size_t(n)) == 0;
                      });
                int out = -1;
                if (trigger) {
                    out = m_matcher->enterKey(k, n);
                    p = child<Mode::Ruled>(p, out, vh, depth + 1);
                    m_matcher->leave();
                } else {
                    p = value<Mode::Watch>(p, vh, depth + 1);
                }
                if (!p)
                    return nullptr;
                if (out < 0)
                    add(kh, vh);
            } else {
                const QByteArrayView k = decode(key);
                const quint64 kh = DiffHash::string(k.data(), size_t(k.size()));
                const int out = m_matcher->enterKey(k.data(), k.size());
                p = child<M>(p, out, vh, depth + 1);
                m_matcher->leave();
                if (!p)
                    return nullptr;
                if (M == Mode::Ruled && out < 0)
                    add(kh, vh);
            }
            p = skipSpace(p, m_end);
            if (p >= m_end)
                return fail(p, JsonSyntax::message(JsonSyntax::Problem::EndInsideObject));
            if (*p == '}')
                break;
            if (*p != ',')
                return fail(p, JsonSyntax::message(JsonSyntax::Problem::ExpectedCommaOrBrace, describe(p, m_end)));
            ++p;
        }
        if constexpr (hashes(M))
            h = maybeRepeated ? objectHash(base) : DiffHash::object(sum, quint64(m_members.size() - base));
        return p + 1;
    }

    // The hash of the object whose members (key hash, value hash) are m_members from base on, when a key
    // may come more than once: it counts with its last value only, as in the dict Python's json builds
    // (and JsonValue, whose hash StructuralDiff::plainHash must equal this one).
    quint64 objectHash(size_t base)
    {
        const auto first = m_members.begin() + qsizetype(base);
        const auto last = m_members.end();
        const auto sameKey = [](const Member &a, const Member &b) { return a.key == b.key; };
        bool repeated = false;
        if (last - first <= 16) {
            for (auto i = first; i != last && !repeated; ++i)
                repeated = std::any_of(i + 1, last, [&](const Member &m) { return sameKey(*i, m); });
        } else {
            m_keys.clear();
            for (auto i = first; i != last; ++i)
                m_keys.push_back(i->key);
            std::sort(m_keys.begin(), m_keys.end());
            repeated = std::adjacent_find(m_keys.begin(), m_keys.end()) != m_keys.end();
        }
        if (repeated) {
            // Stable by key, so the last of each run of equal keys is the member Python keeps: unique()
            // over the reversed range keeps it, and the kept members end up at the range's end.
            std::stable_sort(first, last, [](const Member &a, const Member &b) { return a.key < b.key; });
            const auto kept = std::unique(std::make_reverse_iterator(last), std::make_reverse_iterator(first), sameKey);
            m_members.erase(first, kept.base());
        }
        quint64 sum = 0;
        for (auto i = m_members.begin() + qsizetype(base); i != m_members.end(); ++i)
            sum += DiffHash::member(i->key, i->value);
        return DiffHash::object(sum, quint64(m_members.size() - base));
    }

    // A member or item whose place the matcher has just entered (out: the rule that took it out, or -1).
    template<Mode M> const char *child(const char *p, int out, quint64 &h, int depth)
    {
        if (out >= 0)
            return excluded(p, depth);
        if constexpr (M == Mode::Ruled)
            return ruled(p, h, depth);
        if (m_matcher->alive() && m_matcher->shadowWorthwhile())
            return value<Mode::Shadow>(p, h, depth);
        return value<Mode::Skip>(p, h, depth);
    }

    template<Mode M> const char *array(const char *p, quint64 &h, int depth)
    {
        if (depth >= MaxDepth)
            return fail(p, Nesting::tooDeep());
        p = skipSpace(p + 1, m_end);
        const size_t base = m_items.size();
        if (p < m_end && *p == ']') {
            h = DiffHash::array(0, 0);
            return p + 1;
        }
        for (qint64 index = 0;; ++index) {
            quint64 ih = 0;
            if constexpr (tracks(M)) {
                const int out = m_matcher->enterIndex(index);
                p = child<M>(p, out, ih, depth + 1);
                m_matcher->leave();
                if (p && M == Mode::Ruled && out < 0)
                    m_items.push_back(ih);
            } else {
                p = value<M>(p, ih, depth + 1);
                if (p && hashes(M))
                    m_items.push_back(ih);
            }
            if (!p) {
                m_items.resize(base);
                return nullptr;
            }
            p = skipSpace(p, m_end);
            if (p >= m_end) {
                m_items.resize(base);
                return fail(p, JsonSyntax::message(JsonSyntax::Problem::EndInsideArray));
            }
            if (*p == ']')
                break;
            if (*p != ',') {
                m_items.resize(base);
                return fail(p, JsonSyntax::message(JsonSyntax::Problem::ExpectedCommaOrBracket, describe(p, m_end)));
            }
            ++p;
        }
        if constexpr (hashes(M)) {
            // DeepDiff with ignore_order: a list is the set of its items.
            const auto first = m_items.begin() + qsizetype(base);
            std::sort(first, m_items.end());
            const auto last = std::unique(first, m_items.end());
            quint64 sum = 0;
            for (auto it = first; it != last; ++it)
                sum += DiffHash::item(*it);
            h = DiffHash::array(sum, quint64(last - first));
        }
        m_items.resize(base);
        return p + 1;
    }

    IgnoreMatcher *m_matcher;
    const char *m_begin = nullptr;
    const char *m_end = nullptr;
    const char *m_errorAt = nullptr;
    QString m_error;
    bool m_hitEnd = false;
    bool m_final = true;
    std::vector<quint64> m_items;
    struct Member
    {
        quint64 key;
        quint64 value;
    };
    std::vector<Member> m_members; // of the objects being hashed, innermost last
    std::vector<quint64> m_keys; // scratch of objectHash
    QByteArray m_scratch;
    std::vector<QByteArray> m_triggers; // of the Watch walk in progress
    bool m_inShadow = false;
};

const quint64 AspectKeyHash = DiffHash::string("aspect", 6);
const quint64 ChangeTypeKeyHash = DiffHash::string("changeType", 10);
const quint64 MetadataKeyHash = DiffHash::string("systemMetadata", 14);

quint64 groupKey(quint64 urnHash, quint64 nameHash)
{
    return DiffHash::mix(urnHash * 0x9e3779b97f4a7c15ull + nameHash);
}

// Keys of file-sink records, compared raw (the file sink writes them unescaped).
template<size_t N> bool keyIs(const StringSpan &key, const char (&name)[N])
{
    return !key.escaped && size_t(key.end - key.begin) == N - 1 && std::memcmp(key.begin, name, N - 1) == 0;
}

// Composes a record's value hash: its compared fields as members of one object, as DataHub's
// AspectForDiff holds them (change_type, aspect), plus systemMetadata when asked for. The matcher must be
// at the record (beginRecord) and stays there.
class RecordHash
{
public:
    RecordHash(IgnoreMatcher &matcher, Walker &walker)
        : m_matcher(matcher)
        , m_walker(walker)
    { }

    // Only counts rule matches: URN and aspect name are the group's key, never part of the value.
    void track(const QByteArray &field)
    {
        m_matcher.enterKey(field);
        m_matcher.leave();
    }

    void string(const QByteArray &field, quint64 keyHash, QByteArrayView value)
    {
        if (m_matcher.enterKey(field) < 0)
            add(keyHash, DiffHash::string(value.data(), size_t(value.size())));
        m_matcher.leave();
    }

    // A JSON value at p of the walker's text, or null when p is null. Returns false on a syntax error.
    bool json(const QByteArray &field, quint64 keyHash, const char *p, bool compared)
    {
        const int out = m_matcher.enterKey(field);
        bool ok = true;
        if (out >= 0) {
            if (p)
                ok = m_walker.excluded(p, 1) != nullptr;
        } else {
            quint64 h = NullHash;
            if (p)
                ok = m_walker.field(p, h) != nullptr;
            if (ok && compared)
                add(keyHash, h);
        }
        m_matcher.leave();
        return ok;
    }

    void add(quint64 keyHash, quint64 valueHash)
    {
        m_sum += DiffHash::member(keyHash, valueHash);
        ++m_count;
    }

    quint64 value() const { return DiffHash::object(m_sum, m_count); }

private:
    IgnoreMatcher &m_matcher;
    Walker &m_walker;
    quint64 m_sum = 0;
    quint64 m_count = 0;
};

// The state of one side's reading: the walker, the group counters for DeepDiff's record positions.
class ScanState
{
public:
    ScanState(IgnoreMatcher &matcher, bool compareSystemMetadata)
        : m_matcher(matcher)
        , m_walker(&matcher)
        , m_compareSystemMetadata(compareSystemMetadata)
    {
        m_needsGroupIndex = std::any_of(matcher.rules().begin(), matcher.rules().end(),
            [](const IgnoreRule &r) { return r.kind() == IgnoreRule::Kind::Regex; });
        // Rules for systemMetadata count as used when they match it, even while it is not compared.
        m_walkMetadata = compareSystemMetadata
            || std::any_of(matcher.rules().begin(), matcher.rules().end(),
                [](const IgnoreRule &r) { return r.origin() == IgnoreRule::Origin::User; });
    }

    void addRecord(DiffSide &side, const McpRecord &r, qint32 recordIndex);
    Status scanFile(DiffSide &side, qint64 windowSize, const McpScanner::Progress &progress);

private:
    const char *record(DiffSide &side, const char *p, qint32 index);
    qint32 nextGroupIndex(quint64 urnHash, quint64 nameHash)
    {
        if (!m_needsGroupIndex)
            return 0;
        m_openedGroup = groupKey(urnHash, nameHash);
        m_groupOpened = true;
        return m_groups[m_openedGroup]++;
    }
    QByteArray intern(const StringSpan &s);

    IgnoreMatcher &m_matcher;
    Walker m_walker;
    QHash<quint64, qint32> m_groups;
    QHash<quint64, QByteArray> m_strings; // URNs, aspect names, change types: one copy each
    qint64 m_windowOffset = 0; // file offset of the walker's text
    quint64 m_openedGroup = 0; // the group counted for the record being read, to undo on a retry
    bool m_groupOpened = false;
    bool m_compareSystemMetadata;
    bool m_needsGroupIndex = false;
    bool m_walkMetadata = false;
};

QByteArray ScanState::intern(const StringSpan &s)
{
    const QByteArrayView decoded = m_walker.decode(s);
    const char *data = decoded.data();
    const qsizetype size = decoded.size();
    const quint64 h = DiffHash::bytes(data, size_t(size), 0x696e746e);
    const auto it = m_strings.constFind(h);
    if (it != m_strings.constEnd() && it->size() == size
        && std::memcmp(it->constData(), data, size_t(size)) == 0)
        return *it;
    QByteArray copy(data, size);
    if (it == m_strings.constEnd())
        m_strings.insert(h, copy);
    return copy;
}

void ScanState::addRecord(DiffSide &side, const McpRecord &r, qint32 recordIndex)
{
    DiffEntry e;
    // Tapedeck's encoder, as the scanner's: a lone surrogate is U+FFFD (QString::toUtf8 writes '?').
    e.urn = toUtf8(r.entityUrn);
    e.aspectName = toUtf8(r.aspectName);
    e.changeType = toUtf8(r.changeType);
    e.setIdentity();
    e.recordIndex = recordIndex;
    e.groupIndex = nextGroupIndex(e.urnHash, e.nameHash);
    // The aspect and the systemMetadata share one text: the aspect first.
    QByteArray text = r.aspectJson;
    if (!r.aspectJson.isEmpty()) {
        e.aspectBegin = 0;
        e.aspectEnd = text.size();
    }
    if (!r.systemMetadata.isEmpty()) {
        e.metadataBegin = text.size();
        text += QJsonDocument(r.systemMetadata).toJson(QJsonDocument::Compact);
        e.metadataEnd = text.size();
    }
    if (!text.isEmpty()) {
        e.textIndex = qint32(side.texts.size());
        side.texts.append(text);
    }

    if (m_matcher.beginRecord(e.groupIndex) >= 0) {
        e.excluded = true;
    } else {
        RecordHash hash(m_matcher, m_walker);
        hash.track(DiffPaths::UrnField);
        hash.track(DiffPaths::AspectNameField);
        hash.string(DiffPaths::ChangeTypeField, ChangeTypeKeyHash, e.changeType);
        const char *base = text.constData();
        if (e.aspectBegin >= 0) {
            m_walker.setText(base, base + e.aspectEnd);
            if (!hash.json(DiffPaths::AspectField, AspectKeyHash, base, true)) {
                // McpExtractor keeps an aspect that is not JSON as text (and warned): compare the text.
                m_walker.clearError();
                hash.add(AspectKeyHash, DiffHash::bytes(base, size_t(e.aspectEnd), 0x74657874));
            }
        } else {
            hash.json(DiffPaths::AspectField, AspectKeyHash, nullptr, true);
        }
        if (e.metadataBegin >= 0 && m_walkMetadata) {
            m_walker.setText(base + e.metadataBegin, base + e.metadataEnd);
            hash.json(DiffPaths::SystemMetadataField, MetadataKeyHash, base + e.metadataBegin,
                m_compareSystemMetadata);
            m_walker.clearError();
        }
        e.valueHash = hash.value();
    }
    for (const QString &w : r.warnings) {
        side.warnings.append(
            McpScanner::tr("%1: %2 of %3: %4")
                .arg(side.name, r.aspectName.isEmpty() ? McpScanner::tr("the MCP") : r.aspectName,
                    r.entityUrn, w));
    }
    side.entries.push_back(std::move(e));
}

// One record at p ('{'), the fast path being {"entityUrn", "aspectName", "changeType", "aspect": {"json"}}.
const char *ScanState::record(DiffSide &side, const char *p, qint32 index)
{
    Walker &w = m_walker;
    const char *const begin = w.begin();
    const char *const end = w.end();
    const bool endIsFinal = w.endIsFinal();
    const char *const start = p;
    StringSpan urn, name, changeType;
    bool haveUrn = false, haveName = false, haveChangeType = false, haveAspect = false;
    bool fallback = false;
    const char *deferredAspect = nullptr; // aspect.json's value when it could not be hashed in place
    const char *metadata = nullptr;
    qint64 aspectBegin = -1, aspectEnd = -1, metadataEnd = -1;
    bool recordOpen = false;
    bool excludedRecord = false;
    bool aspectHashed = false;
    int aspectOut = -1;
    quint64 aspectHash = 0;
    qint32 groupIndex = 0;
    quint64 unused = 0;

    // The record's matcher frame opens once URN and aspect name are known (DeepDiff's paths hold the
    // position in the group), normally before the aspect, which is then hashed in the same pass.
    const auto openRecord = [&]() {
        recordOpen = true;
        groupIndex
            = nextGroupIndex(w.stringHash(urn), haveName ? w.stringHash(name) : DiffHash::string("", 0));
        excludedRecord = m_matcher.beginRecord(groupIndex) >= 0;
    };

    p = skipSpace(p + 1, end);
    if (p < end && *p == '}') {
        side.warnings.append(McpScanner::tr("%1: record %2 is an empty object").arg(side.name).arg(index));
        return p + 1;
    }
    for (;;) {
        p = skipSpace(p, end);
        if (p >= end)
            return w.fail(p, JsonSyntax::message(JsonSyntax::Problem::EndInsideObject));
        if (*p != '"')
            return w.fail(p, McpScanner::tr("expected a \"key\" but found %1").arg(describe(p, end)));
        StringSpan key;
        p = w.string(p, key);
        if (!p)
            return nullptr;
        p = skipSpace(p, end);
        if (p >= end)
            return w.fail(p, JsonSyntax::message(JsonSyntax::Problem::EndInsideObject));
        if (*p != ':')
            return w.fail(p, JsonSyntax::message(JsonSyntax::Problem::ExpectedColon, describe(p, end)));
        p = skipSpace(p + 1, end);
        if (p >= end)
            return w.fail(p, JsonSyntax::message(JsonSyntax::Problem::ValueMissing));
        StringSpan *text = keyIs(key, "entityUrn") ? &urn
            : keyIs(key, "aspectName")             ? &name
            : keyIs(key, "changeType")             ? &changeType
                                                   : nullptr;
        if (text) {
            bool &have = text == &urn ? haveUrn : text == &name ? haveName : haveChangeType;
            if (*p != '"' || have)
                fallback = true;
            if (*p == '"') {
                p = w.string(p, *text);
                have = true;
            } else {
                p = w.value<Mode::Skip>(p, unused, 1);
            }
        } else if (keyIs(key, "aspect")) {
            if (haveAspect)
                fallback = true;
            haveAspect = true;
            if (*p != '{') {
                if (*p != 'n')
                    fallback = true;
                p = w.value<Mode::Skip>(p, unused, 1);
            } else {
                // {"json": value, …}
                p = skipSpace(p + 1, end);
                bool sawJson = false;
                while (p < end && *p != '}') {
                    if (*p != '"')
                        return w.fail(
                            p, McpScanner::tr("expected a \"key\" but found %1").arg(describe(p, end)));
                    StringSpan inner;
                    p = w.string(p, inner);
                    if (!p)
                        return nullptr;
                    p = skipSpace(p, end);
                    if (p >= end || *p != ':')
                        return w.fail(p, JsonSyntax::message(JsonSyntax::Problem::ExpectedColon, describe(p, end)));
                    p = skipSpace(p + 1, end);
                    if (keyIs(inner, "json") && !sawJson && !fallback) {
                        sawJson = true;
                        aspectBegin = m_windowOffset + (skipSpace(p, end) - begin);
                        if (haveUrn && (haveName || !m_needsGroupIndex) && !recordOpen) {
                            openRecord();
                            if (excludedRecord) {
                                p = w.value<Mode::Skip>(p, unused, 1);
                            } else {
                                aspectOut = m_matcher.enterKey(DiffPaths::AspectField);
                                p = aspectOut >= 0 ? w.excluded(p, 1) : w.field(p, aspectHash);
                                m_matcher.leave();
                                aspectHashed = true;
                            }
                        } else {
                            deferredAspect = p;
                            p = w.value<Mode::Skip>(p, unused, 1);
                        }
                        if (p)
                            aspectEnd = m_windowOffset + (p - begin);
                    } else {
                        if (keyIs(inner, "json"))
                            fallback = true;
                        p = w.value<Mode::Skip>(p, unused, 1);
                    }
                    if (!p)
                        return nullptr;
                    p = skipSpace(p, end);
                    if (p < end && *p == ',')
                        p = skipSpace(p + 1, end);
                    else if (p < end && *p != '}')
                        return w.fail(
                            p, JsonSyntax::message(JsonSyntax::Problem::ExpectedCommaOrBrace, describe(p, end)));
                }
                if (p >= end)
                    return w.fail(p, JsonSyntax::message(JsonSyntax::Problem::EndInsideObject));
                ++p;
                if (!sawJson)
                    fallback = true; // the legacy {"value": "<JSON text>", "contentType"} form
            }
        } else if (keyIs(key, "systemMetadata")) {
            metadata = *p == '{' ? p : nullptr;
            p = w.value<Mode::Skip>(p, unused, 1);
            if (p)
                metadataEnd = m_windowOffset + (p - begin);
        } else {
            if (keyIs(key, "proposedSnapshot") || keyIs(key, "resource") || keyIs(key, "bucket"))
                fallback = true;
            p = w.value<Mode::Skip>(p, unused, 1);
        }
        if (!p)
            return nullptr;
        p = skipSpace(p, end);
        if (p >= end)
            return w.fail(p, JsonSyntax::message(JsonSyntax::Problem::EndInsideObject));
        if (*p == '}')
            break;
        if (*p != ',')
            return w.fail(p, JsonSyntax::message(JsonSyntax::Problem::ExpectedCommaOrBrace, describe(p, end)));
        ++p;
    }
    ++p;

    if (fallback || !haveUrn || !haveName || !haveChangeType) {
        // Every other shape (MCE, usage bucket, legacy aspect text, an MCP missing a field) is read as
        // Tapedeck reads it everywhere else, and compared as the MCPs it stands for.
        if (recordOpen && m_groupOpened)
            --m_groups[m_openedGroup];
        m_groupOpened = false;
        QStringList warnings;
        const QString origin = McpScanner::tr("%1: record %2").arg(side.name).arg(index);
        Result<QList<McpRecord>> records
            = McpExtractor::fromFile(QByteArray(start, p - start), origin, &warnings);
        side.warnings += warnings;
        if (!records) {
            side.warnings.append(records.error().message);
        } else {
            if (records->isEmpty())
                side.warnings.append(McpScanner::tr("%1 holds no MCP").arg(origin));
            for (const McpRecord &r : std::as_const(*records))
                addRecord(side, r, index);
            w.setText(begin, end, endIsFinal);
        }
        return p;
    }

    DiffEntry e;
    e.urn = intern(urn);
    e.aspectName = intern(name);
    e.changeType = intern(changeType);
    e.setIdentity();
    e.recordIndex = index;
    e.aspectBegin = aspectBegin;
    e.aspectEnd = aspectEnd;
    if (metadata) {
        e.metadataBegin = m_windowOffset + (metadata - begin);
        e.metadataEnd = metadataEnd;
    }
    if (!recordOpen)
        openRecord();
    e.groupIndex = groupIndex;
    e.excluded = excludedRecord;
    if (!excludedRecord) {
        RecordHash hash(m_matcher, w);
        hash.track(DiffPaths::UrnField);
        hash.track(DiffPaths::AspectNameField);
        hash.string(DiffPaths::ChangeTypeField, ChangeTypeKeyHash, e.changeType);
        bool ok = true;
        if (aspectHashed) {
            if (aspectOut < 0)
                hash.add(AspectKeyHash, aspectHash);
        } else {
            ok = hash.json(DiffPaths::AspectField, AspectKeyHash, deferredAspect, true);
        }
        if (ok && metadata && m_walkMetadata)
            ok = hash.json(
                DiffPaths::SystemMetadataField, MetadataKeyHash, metadata, m_compareSystemMetadata);
        if (!ok)
            return nullptr;
        e.valueHash = hash.value();
    }
    side.entries.push_back(std::move(e));
    return p;
}

Status ScanState::scanFile(DiffSide &side, qint64 windowSize, const McpScanner::Progress &progress)
{
    // The file is read through a window that slides over it: memory stays small whatever the file's size,
    // and no memory is faulted in fresh for each run. A record cut by the window's end is read again once
    // more of the file is in (the walker tells when an error may only be the window's end).
    const DiffFile &file = *side.file;
    const qint64 fileSize = file.size();
    QByteArray buffer(qsizetype(std::clamp<qint64>(fileSize, 1, windowSize)), Qt::Uninitialized);
    qint64 windowOffset = 0; // file offset of buffer[0]
    qint64 length = 0; // bytes of the file in the buffer
    Walker &w = m_walker;
    const auto data = [&buffer] { return buffer.constData(); };
    const auto eof = [&] { return windowOffset + length >= fileSize; };
    const auto show = [&] {
        w.setText(data(), data() + length, eof());
        m_windowOffset = windowOffset;
    };
    // Keeps buffer[keep, length), reads more after it (growing the buffer for a record larger than it).
    const auto refill = [&](qint64 keep) -> Status {
        std::memmove(buffer.data(), buffer.data() + keep, size_t(length - keep));
        windowOffset += keep;
        length -= keep;
        if (length == buffer.size())
            buffer.resize(buffer.size() * 2);
        const qint64 n = std::min<qint64>(buffer.size() - length, fileSize - (windowOffset + length));
        if (Status s = file.read(windowOffset + length, buffer.data() + length, n); !s)
            return s;
        length += n;
        show();
        return success();
    };
    const auto syntaxError = [&]() -> Error {
        return makeError(ErrorCode::InvalidInput,
            McpScanner::tr("%1 is not valid JSON (%2: %3)")
                .arg(side.name, file.position(windowOffset + (w.errorAt() - data())), w.error()));
    };
    const auto failAt = [&](qint64 pos, const QString &message) {
        show();
        w.clearError();
        w.fail(data() + pos, message);
        return syntaxError();
    };
    // Whitespace, across windows; pos ends at the next other byte, or at length at the end of the file.
    const auto skip = [&](qint64 &pos) -> Status {
        for (;;) {
            pos = skipSpace(data() + pos, data() + length) - data();
            if (pos < length || eof())
                return success();
            if (Status s = refill(pos); !s)
                return s;
            pos = 0;
        }
    };
    std::vector<qint64> hits, shadowHits;
    // One element at pos: a record, or (with a warning) any other value; read again when cut off.
    const auto element = [&](qint64 &pos, qint32 index, bool isObject) -> Status {
        for (;;) {
            show();
            w.clearError();
            hits = m_matcher.hits();
            shadowHits = m_matcher.shadowHits();
            const size_t entries = side.entries.size();
            const qsizetype warnings = side.warnings.size();
            m_groupOpened = false;
            quint64 unused = 0;
            const char *q
                = isObject ? record(side, data() + pos, index) : w.value<Mode::Skip>(data() + pos, unused, 1);
            if (q) {
                if (!isObject) {
                    side.warnings.append(McpScanner::tr("%1: record %2 (%3) is not a JSON object")
                                             .arg(side.name)
                                             .arg(index)
                                             .arg(file.position(windowOffset + pos)));
                }
                pos = q - data();
                return success();
            }
            if (!w.hitEnd() || eof())
                return syntaxError();
            m_matcher.restoreCounters(hits, shadowHits);
            if (m_groupOpened)
                --m_groups[m_openedGroup];
            side.entries.resize(entries);
            side.warnings.resize(warnings);
            if (Status s = refill(pos); !s)
                return s;
            pos = 0;
        }
    };
    qint64 nextProgress = ProgressEvery;
    const auto report = [&](qint64 pos) {
        const qint64 done = windowOffset + pos;
        if (!progress || done < nextProgress)
            return true;
        nextProgress = done + ProgressEvery;
        return progress(done);
    };
    const auto cancelled = [&]() {
        return makeError(ErrorCode::Cancelled, McpScanner::tr("Reading %1 was cancelled.").arg(side.name));
    };

    // At least three bytes, for a byte order mark, however small the window.
    do {
        if (Status s = refill(0); !s)
            return s;
    } while (length < 3 && !eof());
    qint64 pos = length >= 3 && std::memcmp(data(), "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    if (Status s = skip(pos); !s)
        return s;
    if (pos >= length)
        return success(); // an empty file: no MCPs
    qint32 index = 0;
    if (data()[pos] == '[') {
        ++pos;
        if (Status s = skip(pos); !s)
            return s;
        if (pos < length && data()[pos] == ']') {
            ++pos;
        } else {
            for (;; ++index) {
                if (Status s = skip(pos); !s)
                    return s;
                if (pos >= length)
                    return failAt(pos, JsonSyntax::message(JsonSyntax::Problem::EndInsideArray));
                if (Status s = element(pos, index, data()[pos] == '{'); !s)
                    return s;
                ++side.records;
                if (!report(pos))
                    return cancelled();
                if (Status s = skip(pos); !s)
                    return s;
                if (pos >= length)
                    return failAt(pos, JsonSyntax::message(JsonSyntax::Problem::EndInsideArray));
                if (data()[pos] == ']') {
                    ++pos;
                    break;
                }
                if (data()[pos] != ',')
                    return failAt(pos,
                        JsonSyntax::message(JsonSyntax::Problem::ExpectedCommaOrBracket, describe(data() + pos, data() + length)));
                ++pos;
            }
        }
        if (Status s = skip(pos); !s)
            return s;
        if (pos < length)
            return failAt(pos,
                McpScanner::tr("unexpected %1 after the closing ']'")
                    .arg(describe(data() + pos, data() + length)));
        return success();
    }
    if (data()[pos] != '{') {
        return failAt(pos,
            McpScanner::tr("expected a JSON array or JSON lines of objects but found %1")
                .arg(describe(data() + pos, data() + length)));
    }
    // JSON lines: any whitespace-separated sequence of objects (one a line, or pretty-printed).
    for (;;) {
        if (Status s = skip(pos); !s)
            return s;
        if (pos >= length)
            return success();
        if (data()[pos] != '{')
            return failAt(pos,
                McpScanner::tr("expected a JSON object but found %1")
                    .arg(describe(data() + pos, data() + length)));
        if (Status s = element(pos, index++, true); !s)
            return s;
        ++side.records;
        if (!report(pos))
            return cancelled();
    }
}

} // namespace

McpScanner::McpScanner(IgnoreMatcher &matcher, bool compareSystemMetadata)
    : m_matcher(matcher)
    , m_compareSystemMetadata(compareSystemMetadata)
{ }

QString McpScanner::position(QByteArrayView text, qsizetype offset)
{
    const TextPosition at = textPosition(text, offset);
    return tr("line %1, column %2").arg(at.line).arg(at.column);
}

std::optional<quint64> McpScanner::hashJson(QByteArrayView json, QString *error)
{
    Walker w(nullptr);
    const char *end = json.data() + json.size();
    w.setText(json.data(), end);
    quint64 h = 0;
    const char *p = w.value<Mode::Plain>(json.data(), h, 0);
    if (p && skipSpace(p, end) < end)
        p = w.fail(skipSpace(p, end), tr("unexpected data after the JSON value"));
    if (!p) {
        if (error)
            *error = tr("%1: %2").arg(position(json, w.errorAt() - json.data()), w.error());
        return std::nullopt;
    }
    return h;
}

void McpScanner::addRecords(DiffSide &side, const QList<McpRecord> &records)
{
    ScanState state(m_matcher, m_compareSystemMetadata);
    for (const McpRecord &r : records)
        state.addRecord(side, r, qint32(side.records++));
}

Status McpScanner::scanFile(DiffSide &side, const Progress &progress)
{
    ScanState state(m_matcher, m_compareSystemMetadata);
    return state.scanFile(side, m_windowSize, progress);
}

} // namespace tapedeck
