// SPDX-License-Identifier: MIT
// The filter language: lexer, recursive-descent parser, precompiled matchers and the evaluator.
#include "core/recording/filterexpression.h"

#include "core/common/limitedregex.h"
#include "core/common/nesting.h"

#include <QStringDecoder>
#include <QtAlgorithms>

#include <algorithm>
#include <array>
#include <limits>
#include <string>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace tapedeck {

namespace {

// ---------------------------------------------------------------------------------------------------
// Case folding. Needles are folded once when the filter is parsed; the text of an event is folded one
// code unit at a time through this table while it is compared, so nothing is lower-cased into a copy.

struct FoldTable
{
    std::array<char16_t, 65536> fold;
    // ASCII characters that some non-ASCII character folds to (U+212A KELVIN SIGN → 'k', U+017F LONG S →
    // 's'): the substring scanner must not use them as its quick first test.
    std::array<bool, 128> hasForeignPreimage {};

    FoldTable()
    {
        for (char32_t c = 0; c < 65536; ++c)
            fold[c] = char16_t(QChar::toCaseFolded(c));
        for (char32_t c = 128; c < 65536; ++c) {
            if (fold[c] < 128)
                hasForeignPreimage[fold[c]] = true;
        }
    }
};

const FoldTable &foldTable()
{
    static const FoldTable table;
    return table;
}

template<typename Char>
inline bool equalFolded(const char16_t *fold, const Char *text, const char16_t *needle, qsizetype size)
{
    for (qsizetype i = 0; i < size; ++i) {
        if (fold[text[i]] != needle[i])
            return false;
    }
    return true;
}

bool isAscii(const uchar *text, qsizetype size)
{
    uchar bits = 0;
    for (qsizetype i = 0; i < size; ++i) // no early exit: the compiler vectorizes this
        bits |= text[i];
    return bits < 0x80;
}

// Latin-1 and non-ASCII UTF-8 text as UTF-16, for regexes (and for UTF-8 that the table cannot index).
// The buffer is per thread and keeps its capacity, so steady-state matching does not allocate; the view
// stays valid until the next call on the same thread.
QStringView toUtf16(QAnyStringView text)
{
    thread_local QString scratch;
    return text.visit([](auto view) -> QStringView {
        using View = decltype(view);
        if constexpr (std::is_same_v<View, QStringView>) {
            return view;
        } else if constexpr (std::is_same_v<View, QLatin1StringView>) {
            scratch.resize(view.size());
            QChar *out = scratch.data();
            for (qsizetype i = 0; i < view.size(); ++i)
                out[i] = QChar(char16_t(uchar(view.data()[i])));
            return QStringView(scratch.constData(), view.size());
        } else {
            scratch.resize(view.size()); // UTF-16 never needs more units than UTF-8 has bytes
            // A U+FEFF at the start is text, not a byte order mark.
            QStringDecoder decoder(
                QStringDecoder::Utf8, QStringDecoder::Flag::Stateless | QStringDecoder::Flag::ConvertInitialBom);
            const QChar *end
                = decoder.appendToBuffer(scratch.data(), QByteArrayView(view.data(), view.size()));
            return QStringView(scratch.constData(), end - scratch.constData());
        }
    });
}

// A literal run of a pattern (a whole literal, or the part of a glob between two stars), case-folded.
struct Segment
{
    std::u16string chars; // folded; where the pattern had '?' it holds '?' and `any` is 1
    std::basic_string<quint8> any; // empty when the segment has no '?'
    qsizetype anchor = -1; // searching tests this position first; -1: compare at every start
    char16_t anchorChar = 0; // folded ASCII at `anchor`
    char16_t anchorMask = 0; // 0x20 for a letter, so that (unit | mask) == anchorChar accepts both cases

    qsizetype size() const { return qsizetype(chars.size()); }

    Segment(std::u16string folded, std::basic_string<quint8> wildcards)
        : chars(std::move(folded))
        , any(std::move(wildcards))
    {
        if (std::find(any.begin(), any.end(), quint8(1)) == any.end())
            any.clear();
        // Anchor on the rarest-looking ASCII character (letters ranked by English frequency), never on
        // one that a non-ASCII character also folds to, nor on a '?'.
        static constexpr std::string_view common = "etaoinshrdlcumwfgypbvkjxqz";
        int best = -1;
        for (size_t i = 0; i < chars.size(); ++i) {
            const char16_t c = chars[i];
            if (c >= 128 || foldTable().hasForeignPreimage[c] || (!any.empty() && any[i]))
                continue;
            const size_t rank = common.find(char(c));
            const int score = rank == std::string_view::npos ? int(common.size()) : int(rank);
            if (score > best) {
                best = score;
                anchor = qsizetype(i);
            }
        }
        if (anchor >= 0) {
            anchorChar = chars[size_t(anchor)];
            anchorMask = (anchorChar >= u'a' && anchorChar <= u'z') ? 0x20 : 0;
        }
    }
};

template<typename Char> inline bool segmentAt(const char16_t *fold, const Segment &segment, const Char *text)
{
    const qsizetype size = segment.size();
    if (segment.any.empty())
        return equalFolded(fold, text, segment.chars.data(), size);
    for (qsizetype i = 0; i < size; ++i) {
        if (!segment.any[size_t(i)] && fold[text[i]] != segment.chars[size_t(i)])
            return false;
    }
    return true;
}

// The leftmost start in [from, to - segment.size()] where the segment matches, or -1.
template<typename Char>
qsizetype findSegment(
    const char16_t *fold, const Segment &segment, const Char *text, qsizetype from, qsizetype to)
{
    const qsizetype lastStart = to - segment.size();
    if (lastStart < from)
        return -1;
    if (segment.anchor < 0) {
        for (qsizetype start = from; start <= lastStart; ++start) {
            if (segmentAt(fold, segment, text + start))
                return start;
        }
        return -1;
    }
    // Only units equal to the anchor (either case) can start a match.
    const qsizetype anchor = segment.anchor;
    const Char *p = text + from + anchor;
    const Char *end = text + lastStart + anchor + 1;
    const char16_t mask = segment.anchorMask;
    const char16_t wanted = segment.anchorChar;
#if defined(__SSE2__)
    // 16 bytes at a time: compare every unit with the anchor, then verify only the candidates.
    constexpr int lanes = 16 / int(sizeof(Char));
    const __m128i vectorMask = sizeof(Char) == 1 ? _mm_set1_epi8(char(mask)) : _mm_set1_epi16(short(mask));
    const __m128i vectorWanted
        = sizeof(Char) == 1 ? _mm_set1_epi8(char(wanted)) : _mm_set1_epi16(short(wanted));
    for (; end - p >= lanes; p += lanes) {
        const __m128i units = _mm_or_si128(_mm_loadu_si128(reinterpret_cast<const __m128i *>(p)), vectorMask);
        const __m128i equal
            = sizeof(Char) == 1 ? _mm_cmpeq_epi8(units, vectorWanted) : _mm_cmpeq_epi16(units, vectorWanted);
        uint bits = uint(_mm_movemask_epi8(equal));
        while (bits) {
            const int lane = int(qCountTrailingZeroBits(bits)) / int(sizeof(Char));
            if (segmentAt(fold, segment, p + lane - anchor))
                return (p + lane - anchor) - text;
            bits &= sizeof(Char) == 1 ? bits - 1 : ~(3u << (lane * 2));
        }
    }
#endif
    for (; p != end; ++p) {
        if (char16_t(*p | mask) == wanted && segmentAt(fold, segment, p - anchor))
            return (p - anchor) - text;
    }
    return -1;
}

// ---------------------------------------------------------------------------------------------------
// Text matchers: one compiled value (literal, glob or regex), matched case-insensitively.

class TextMatcher
{
public:
    // Exact, Prefix, Suffix and Contains hold one segment (which may contain '?'); Glob holds the
    // segments between its stars, the first anchored at the start and the last at the end.
    enum class Mode : quint8 { Any, Exact, Prefix, Suffix, Contains, Glob, Regex };

    static TextMatcher any() { return TextMatcher(Mode::Any, {}); }
    static TextMatcher pattern(Mode mode, std::vector<Segment> segments)
    {
        return TextMatcher(mode, std::move(segments));
    }
    static TextMatcher regex(LimitedRegex regex);

    int cost() const;
    // An empty text (an absent field) never matches; only a regex can give up.
    FilterExpression::Outcome matches(QAnyStringView text) const;

private:
    TextMatcher(Mode mode, std::vector<Segment> segments);

    template<typename Char> bool matchUnits(const Char *text, qsizetype size) const;
    template<typename Char> bool globMatch(const Char *text, qsizetype size) const;

    Mode m_mode;
    const char16_t *m_fold;
    std::vector<Segment> m_segments;
    qsizetype m_minimum = 0; // the shortest text that can match
    LimitedRegex m_regex;
};

TextMatcher::TextMatcher(Mode mode, std::vector<Segment> segments)
    : m_mode(mode)
    , m_fold(foldTable().fold.data())
    , m_segments(std::move(segments))
{
    for (const Segment &segment : m_segments)
        m_minimum += segment.size();
}

TextMatcher TextMatcher::regex(LimitedRegex regex)
{
    TextMatcher matcher(Mode::Regex, {});
    matcher.m_regex = std::move(regex);
    return matcher;
}

int TextMatcher::cost() const
{
    switch (m_mode) {
    case Mode::Any:
        return 2;
    case Mode::Exact:
    case Mode::Prefix:
    case Mode::Suffix:
        return 4;
    case Mode::Contains:
        return 8;
    case Mode::Glob:
        return 12;
    case Mode::Regex:
        return 200;
    }
    return 1;
}

// The first segment is anchored at the start, the last at the end, and each middle one is placed leftmost
// after the previous: for patterns made of literals, '?' and '*' that greedy placement never misses a match.
template<typename Char> bool TextMatcher::globMatch(const Char *text, qsizetype size) const
{
    const Segment &first = m_segments.front();
    const Segment &last = m_segments.back();
    const qsizetype tail = size - last.size();
    if (!segmentAt(m_fold, first, text) || !segmentAt(m_fold, last, text + tail))
        return false;
    qsizetype position = first.size();
    for (size_t s = 1; s + 1 < m_segments.size(); ++s) {
        const qsizetype found = findSegment(m_fold, m_segments[s], text, position, tail);
        if (found < 0)
            return false;
        position = found + m_segments[s].size();
    }
    return position <= tail;
}

template<typename Char> bool TextMatcher::matchUnits(const Char *text, qsizetype size) const
{
    if (size < m_minimum)
        return false;
    switch (m_mode) {
    case Mode::Exact:
        return size == m_minimum && segmentAt(m_fold, m_segments.front(), text);
    case Mode::Prefix:
        return segmentAt(m_fold, m_segments.front(), text);
    case Mode::Suffix:
        return segmentAt(m_fold, m_segments.front(), text + (size - m_minimum));
    case Mode::Contains:
        return findSegment(m_fold, m_segments.front(), text, 0, size) >= 0;
    case Mode::Glob:
        return globMatch(text, size);
    case Mode::Any:
    case Mode::Regex:
        break;
    }
    return false;
}

// After the member templates its generic lambda calls: clang 14 leaves them uninstantiated otherwise.
FilterExpression::Outcome TextMatcher::matches(QAnyStringView text) const
{
    using Outcome = FilterExpression::Outcome;
    if (text.isEmpty())
        return Outcome::NoMatch;
    if (m_mode == Mode::Any)
        return Outcome::Match;
    if (m_mode == Mode::Regex) {
        switch (m_regex.match(toUtf16(text))) {
        case LimitedRegex::Outcome::NoMatch:
            return Outcome::NoMatch;
        case LimitedRegex::Outcome::Match:
            return Outcome::Match;
        case LimitedRegex::Outcome::GaveUp:
            break;
        }
        return Outcome::GaveUp;
    }
    const bool found = text.visit([this](auto view) -> bool {
        using View = decltype(view);
        if constexpr (std::is_same_v<View, QStringView>) {
            return matchUnits(view.utf16(), view.size());
        } else {
            const auto *units = reinterpret_cast<const uchar *>(view.data());
            if (std::is_same_v<View, QLatin1StringView> || isAscii(units, view.size()))
                return matchUnits(units, view.size());
            const QStringView decoded = toUtf16(view);
            return matchUnits(decoded.utf16(), decoded.size());
        }
    });
    return found ? Outcome::Match : Outcome::NoMatch;
}

// ---------------------------------------------------------------------------------------------------
// Fields.

enum class ValueType : quint8 { Kind, Status, Sequence, Text, Outcome, Served };

struct FieldInfo
{
    QLatin1StringView name;
    ValueType type;
    FilterField text; // for ValueType::Text
    bool list; // values cannot contain commas, so "a,b" means a or b
    bool contains; // a plain value matches anywhere in the field (else the whole field)
};

constexpr std::array<FieldInfo, 15> fieldInfos { {
    { QLatin1StringView("kind"), ValueType::Kind, FilterField::Method, true, false },
    { QLatin1StringView("method"), ValueType::Text, FilterField::Method, true, false },
    { QLatin1StringView("status"), ValueType::Status, FilterField::Method, true, false },
    { QLatin1StringView("host"), ValueType::Text, FilterField::Host, true, false },
    { QLatin1StringView("url"), ValueType::Text, FilterField::Url, false, true },
    { QLatin1StringView("path"), ValueType::Text, FilterField::Path, false, true },
    { QLatin1StringView("sql"), ValueType::Text, FilterField::Sql, false, true },
    { QLatin1StringView("urn"), ValueType::Text, FilterField::Urn, false, true },
    { QLatin1StringView("aspect"), ValueType::Text, FilterField::Aspect, true, false },
    { QLatin1StringView("entity"), ValueType::Text, FilterField::Entity, true, false },
    { QLatin1StringView("change"), ValueType::Text, FilterField::Change, true, false },
    { QLatin1StringView("message"), ValueType::Text, FilterField::Message, false, true },
    { QLatin1StringView("seq"), ValueType::Sequence, FilterField::Method, true, false },
    { QLatin1StringView("outcome"), ValueType::Outcome, FilterField::Method, true, false },
    { QLatin1StringView("served"), ValueType::Served, FilterField::Method, true, false },
} };

struct FieldAlias
{
    QLatin1StringView alias;
    QLatin1StringView name;
};

// The names the recording formats use for the same things.
constexpr std::array<FieldAlias, 6> fieldAliases { {
    { QLatin1StringView("uri"), QLatin1StringView("url") },
    { QLatin1StringView("query"), QLatin1StringView("sql") },
    { QLatin1StringView("aspectName"), QLatin1StringView("aspect") },
    { QLatin1StringView("entityType"), QLatin1StringView("entity") },
    { QLatin1StringView("changeType"), QLatin1StringView("change") },
    { QLatin1StringView("sequence"), QLatin1StringView("seq") },
} };

constexpr std::array<FilterField, 8> freeTextFields { FilterField::Method, FilterField::Url, FilterField::Sql,
    FilterField::Urn, FilterField::Aspect, FilterField::Entity, FilterField::Change, FilterField::Message };

const FieldInfo *findField(QStringView name)
{
    for (const FieldAlias &alias : fieldAliases) {
        if (name.compare(alias.alias, Qt::CaseInsensitive) == 0)
            return findField(QString(alias.name));
    }
    for (const FieldInfo &info : fieldInfos) {
        if (name.compare(info.name, Qt::CaseInsensitive) == 0)
            return &info;
    }
    return nullptr;
}

int editDistance(QStringView a, QStringView b) // Damerau (adjacent transpositions) – Levenshtein
{
    const qsizetype n = a.size();
    const qsizetype m = b.size();
    std::vector<int> previous2(size_t(m + 1)), previous(size_t(m + 1)), current(size_t(m + 1));
    for (qsizetype j = 0; j <= m; ++j)
        previous[size_t(j)] = int(j);
    for (qsizetype i = 1; i <= n; ++i) {
        current[0] = int(i);
        for (qsizetype j = 1; j <= m; ++j) {
            const bool same = a[i - 1].toCaseFolded() == b[j - 1].toCaseFolded();
            int best = std::min({ previous[size_t(j)] + 1, current[size_t(j - 1)] + 1,
                previous[size_t(j - 1)] + (same ? 0 : 1) });
            if (i > 1 && j > 1 && a[i - 1].toCaseFolded() == b[j - 2].toCaseFolded()
                && a[i - 2].toCaseFolded() == b[j - 1].toCaseFolded())
                best = std::min(best, previous2[size_t(j - 2)] + 1);
            current[size_t(j)] = best;
        }
        std::swap(previous2, previous);
        std::swap(previous, current);
    }
    return previous[size_t(m)];
}

std::optional<QLatin1StringView> suggestField(QStringView name)
{
    std::optional<QLatin1StringView> best;
    int bestDistance = 3; // suggest only close typos
    const auto consider = [&](QLatin1StringView candidate, QLatin1StringView canonical) {
        const int distance = editDistance(name, QString(candidate));
        if (distance < bestDistance && distance < name.size()) {
            bestDistance = distance;
            best = canonical;
        }
    };
    for (const FieldInfo &info : fieldInfos)
        consider(info.name, info.name);
    for (const FieldAlias &alias : fieldAliases)
        consider(alias.alias, alias.name);
    return best;
}

QString fieldList()
{
    QStringList names;
    for (const FieldInfo &info : fieldInfos)
        names.append(info.name);
    return names.join(QLatin1String(", "));
}

// ---------------------------------------------------------------------------------------------------
// The compiled program.

enum class NodeType : quint8 {
    And,
    Or,
    Not,
    Kind,
    Status,
    Sequence,
    Error,
    Warning,
    Text,
    FreeText,
    Replay, // outcome: and the replay keywords (matched, unmatched, held, edited)
    Served,
};

// One bit per ReplayState (1 << int(state)).
using ReplayMask = quint16;

constexpr ReplayMask replayBit(ReplayState state)
{
    return ReplayMask(1u << int(state));
}

// outcome:* — every state a replay gives (all but None).
constexpr ReplayMask AnyReplayState = ReplayMask(((1u << ReplayStateCount) - 1) & ~1u);

// The keywords that stand for replay states, and the states each one matches. `edited` also takes Errored:
// both were answered with what the user chose (an edited response, or an error).
struct ReplayKeyword
{
    const char *keyword;
    ReplayMask states;
};

constexpr std::array<ReplayKeyword, 4> replayKeywords { {
    { "matched", replayBit(ReplayState::Matched) },
    { "unmatched", replayBit(ReplayState::Unmatched) },
    { "held", replayBit(ReplayState::Held) },
    { "edited", ReplayMask(replayBit(ReplayState::Edited) | replayBit(ReplayState::Errored)) },
} };

QString replayStateList()
{
    QStringList names;
    for (int i = 1; i < ReplayStateCount; ++i)
        names.append(replayStateName(ReplayState(i)));
    return names.join(QLatin1String(", "));
}

struct NumberRange
{
    qint64 low;
    qint64 high;
};

constexpr qint64 maxNumber = std::numeric_limits<qint64>::max();
constexpr qint64 minNumber = std::numeric_limits<qint64>::min();

struct Node
{
    NodeType type = NodeType::And;
    FilterField field = FilterField::Method; // Text
    quint8 kinds = 0; // Kind: bit per EventKind
    ReplayMask replayStates = 0; // Replay: bit per ReplayState
    std::vector<int> children; // And, Or (source order), Not (one)
    std::vector<int> evaluation; // And, Or: children, cheapest first
    std::vector<NumberRange> ranges; // Status, Sequence, Served: any of them
    std::vector<TextMatcher> matchers; // Text: any of them; FreeText: one
    QString spelling; // terms: canonical text for normalized()
    qsizetype position = 0; // terms: where the term is in the expression (for errors found while matching)
    qsizetype length = 0;
    int cost = 1;
};

bool inRanges(const std::vector<NumberRange> &ranges, qint64 value)
{
    for (const NumberRange &range : ranges) {
        if (value >= range.low && value <= range.high)
            return true;
    }
    return false;
}

} // namespace

struct FilterProgram
{
    QString text;
    std::vector<Node> nodes;
    int root = -1;
    bool dependsOnReplay = false; // a Replay or Served term

    // Recursive: the parser keeps programs within Nesting::MaxDepth levels. On GaveUp, gaveUp is the term.
    FilterExpression::Outcome evaluate(int index, const FilterSubject &subject, int &gaveUp) const;
    void spell(int index, QString &out, NodeType parent) const;
};

FilterExpression::Outcome FilterProgram::evaluate(int index, const FilterSubject &subject, int &gaveUp) const
{
    using Outcome = FilterExpression::Outcome;
    const auto outcome = [](bool match) { return match ? Outcome::Match : Outcome::NoMatch; };
    const Node &node = nodes[size_t(index)];
    switch (node.type) {
    case NodeType::And:
        // A term that gave up decides nothing, so the whole answer is unknown.
        for (const int child : node.evaluation) {
            const Outcome o = evaluate(child, subject, gaveUp);
            if (o != Outcome::Match)
                return o;
        }
        return Outcome::Match;
    case NodeType::Or:
        for (const int child : node.evaluation) {
            const Outcome o = evaluate(child, subject, gaveUp);
            if (o != Outcome::NoMatch)
                return o;
        }
        return Outcome::NoMatch;
    case NodeType::Not: {
        const Outcome o = evaluate(node.children.front(), subject, gaveUp);
        return o == Outcome::GaveUp ? o : outcome(o == Outcome::NoMatch);
    }
    case NodeType::Kind:
        return outcome((node.kinds >> int(subject.kind())) & 1);
    case NodeType::Status: {
        const int status = subject.status();
        return outcome(status > 0 && inRanges(node.ranges, status));
    }
    case NodeType::Sequence:
        return outcome(inRanges(node.ranges, subject.sequence()));
    case NodeType::Served: {
        const qint64 served = subject.served();
        return outcome(served >= 0 && inRanges(node.ranges, served));
    }
    case NodeType::Replay:
        return outcome((node.replayStates >> int(subject.replayState())) & 1);
    case NodeType::Error:
        return outcome(subject.hasError());
    case NodeType::Warning:
        return outcome(subject.hasWarning());
    case NodeType::Text: {
        const QAnyStringView text = subject.text(node.field);
        for (const TextMatcher &matcher : node.matchers) {
            const Outcome o = matcher.matches(text);
            if (o == Outcome::GaveUp)
                gaveUp = index;
            if (o != Outcome::NoMatch)
                return o;
        }
        return Outcome::NoMatch;
    }
    case NodeType::FreeText:
        for (const FilterField field : freeTextFields) {
            const Outcome o = node.matchers.front().matches(subject.text(field));
            if (o == Outcome::GaveUp)
                gaveUp = index;
            if (o != Outcome::NoMatch)
                return o;
        }
        return Outcome::NoMatch;
    }
    return Outcome::NoMatch;
}

// `parent` is the type of the enclosing And, Or or Not node; any other type stands for the top level.
// Recursive, as evaluate().
void FilterProgram::spell(int index, QString &out, NodeType parent) const
{
    const Node &node = nodes[size_t(index)];
    switch (node.type) {
    case NodeType::And:
    case NodeType::Or: {
        // "or" inside "and" or "not" needs parentheses; "and" inside "or" gets them for the reader.
        const bool parenthesize = parent == NodeType::Not
            || (node.type == NodeType::Or && parent == NodeType::And)
            || (node.type == NodeType::And && parent == NodeType::Or);
        if (parenthesize)
            out += QLatin1Char('(');
        const QLatin1StringView separator(node.type == NodeType::And ? " and " : " or ");
        for (size_t i = 0; i < node.children.size(); ++i) {
            if (i > 0)
                out += separator;
            spell(node.children[i], out, node.type);
        }
        if (parenthesize)
            out += QLatin1Char(')');
        return;
    }
    case NodeType::Not:
        out += QLatin1String("not ");
        spell(node.children.front(), out, NodeType::Not);
        return;
    default:
        out += node.spelling;
        return;
    }
}

namespace {

// ---------------------------------------------------------------------------------------------------
// Spelling values back (normalized()).

bool isKeyword(QStringView word)
{
    for (const char *keyword : { "and", "or", "not", "error", "warning" }) {
        if (word.compare(QLatin1StringView(keyword), Qt::CaseInsensitive) == 0)
            return true;
    }
    for (const ReplayKeyword &replay : replayKeywords) {
        if (word.compare(QLatin1StringView(replay.keyword), Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

bool isFieldNameStart(QChar c)
{
    return (c >= QLatin1Char('a') && c <= QLatin1Char('z'))
        || (c >= QLatin1Char('A') && c <= QLatin1Char('Z'));
}

bool isFieldNameChar(QChar c)
{
    return isFieldNameStart(c) || (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char('_');
}

// Length of the field name when `word` starts with "name:" (and not "scheme://"), else 0.
qsizetype fieldPrefixLength(QStringView word)
{
    if (word.isEmpty() || !isFieldNameStart(word.front()))
        return 0;
    qsizetype i = 1;
    while (i < word.size() && isFieldNameChar(word[i]))
        ++i;
    if (i >= word.size() || word[i] != QLatin1Char(':'))
        return 0;
    if (word.sliced(i + 1).startsWith(QLatin1String("//")))
        return 0;
    return i;
}

// Parentheses as the lexer sees them: a word may hold balanced pairs, an unmatched ')' ends it.
bool parenthesesBalanced(QStringView text)
{
    int depth = 0;
    for (const QChar c : text) {
        if (c == QLatin1Char('('))
            ++depth;
        else if (c == QLatin1Char(')') && --depth < 0)
            return false;
    }
    return depth == 0;
}

QString quoted(QStringView text)
{
    QString out = QStringLiteral("\"");
    for (const QChar c : text) {
        if (c == QLatin1Char('"') || c == QLatin1Char('\\'))
            out += QLatin1Char('\\');
        out += c;
    }
    out += QLatin1Char('"');
    return out;
}

struct DecodedChar
{
    QChar ch;
    bool literal; // quoted or backslash-escaped: never a wildcard, operator or separator
    qsizetype position; // in the expression
};

using Decoded = std::vector<DecodedChar>;

bool isOperatorChar(const DecodedChar &c, char op)
{
    return !c.literal && c.ch == QLatin1Char(op);
}

QString plainText(const Decoded &chars, size_t begin, size_t end)
{
    QString text;
    text.reserve(qsizetype(end - begin));
    for (size_t i = begin; i < end; ++i)
        text += chars[i].ch;
    return text;
}

// A literal or glob value in its canonical spelling: a literal is quoted when it has to be, a glob is
// written unquoted with backslashes before the characters that are not wildcards.
QString spellPattern(const Decoded &chars, size_t begin, size_t end, bool freeText, bool listField)
{
    bool glob = false;
    for (size_t i = begin; i < end; ++i)
        glob = glob || isOperatorChar(chars[i], '*') || isOperatorChar(chars[i], '?');
    const QString text = plainText(chars, begin, end);
    if (!glob) {
        bool quote = text.isEmpty() || !parenthesesBalanced(text) || text.startsWith(QLatin1Char('~'))
            || text.startsWith(QLatin1Char('='));
        for (const QChar c : text) {
            quote = quote || c.isSpace() || c == QLatin1Char('"') || c == QLatin1Char('\\')
                || c == QLatin1Char('*') || c == QLatin1Char('?') || (listField && c == QLatin1Char(','));
        }
        if (freeText) {
            quote = quote || text.startsWith(QLatin1Char('-')) || text.startsWith(QLatin1Char('('))
                || isKeyword(text) || fieldPrefixLength(text) > 0;
        }
        return quote ? quoted(text) : text;
    }
    const bool balanced = parenthesesBalanced(text) && !(freeText && text.startsWith(QLatin1Char('(')));
    QString out;
    for (size_t i = begin; i < end; ++i) {
        const DecodedChar &c = chars[i];
        bool escape = false;
        if (c.ch == QLatin1Char('*') || c.ch == QLatin1Char('?'))
            escape = c.literal;
        else if (c.ch.isSpace() || c.ch == QLatin1Char('"') || c.ch == QLatin1Char('\\'))
            escape = true;
        else if (c.ch == QLatin1Char('(') || c.ch == QLatin1Char(')'))
            escape = !balanced;
        else if (c.ch == QLatin1Char(','))
            escape = listField;
        else if (c.ch == QLatin1Char(':'))
            escape = freeText;
        else if (i == begin)
            escape = c.ch == QLatin1Char('~') || c.ch == QLatin1Char('=')
                || (freeText && c.ch == QLatin1Char('-'));
        if (escape)
            out += QLatin1Char('\\');
        out += c.ch;
    }
    return out;
}

// A regex as it would be typed after '~': unquoted when the lexer reads it back as one word, else quoted.
QString spellRegex(const QString &pattern)
{
    bool plain = !pattern.isEmpty();
    int depth = 0;
    for (qsizetype i = 0; plain && i < pattern.size(); ++i) {
        const QChar c = pattern[i];
        if (c == QLatin1Char('\\'))
            ++i;
        else if (c.isSpace() || c == QLatin1Char('"'))
            plain = false;
        else if (c == QLatin1Char('('))
            ++depth;
        else if (c == QLatin1Char(')') && --depth < 0)
            plain = false;
    }
    if (plain && !pattern.endsWith(QLatin1Char('\\')))
        return QLatin1Char('~') + pattern;
    QString out = QStringLiteral("~\"");
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        const QChar c = pattern[i];
        if (c == QLatin1Char('\\') && i + 1 < pattern.size()) {
            // \" in a regex is a plain quote, which the quoted form spells \" as well
            out += QLatin1Char('\\');
            out += pattern[++i];
        } else if (c == QLatin1Char('"')) {
            out += QLatin1String("\\\"");
        } else {
            out += c;
        }
    }
    out += QLatin1Char('"');
    return out;
}

// ---------------------------------------------------------------------------------------------------
// Lexer.

struct Token
{
    enum Type : quint8 { Word, Open, Close, Minus, End };
    Type type = End;
    qsizetype position = 0;
    qsizetype length = 0;
    bool plain = true; // no quotes or backslashes: may be a keyword
};

// ---------------------------------------------------------------------------------------------------
// Parser: builds the program's nodes; the first error stops it.

class Parser
{
public:
    Parser(const QString &text, FilterProgram &program)
        : m_text(text)
        , m_program(program)
    { }

    std::optional<FilterError> run();

private:
    bool lex();
    const Token &peek() const { return m_tokens[m_index]; }
    const Token &take() { return m_tokens[m_index++]; }
    QStringView tokenText(const Token &token) const { return m_text.sliced(token.position, token.length); }
    bool isKeyword(const Token &token, const char *keyword) const;
    bool startsTerm(const Token &token) const;
    QString describe(const Token &token) const;

    int parseOr();
    int parseAnd();
    int parseUnary();
    int parsePrimary();
    int parseWord(const Token &token);
    int parseField(const Token &token, qsizetype nameLength);
    int parseFieldValue(const FieldInfo &field, QStringView name, qsizetype position, qsizetype length);
    int parseFreeText(qsizetype position, qsizetype length);
    bool parseNumberItem(ValueType type, const Decoded &chars, size_t begin, size_t end,
        std::vector<NumberRange> &ranges, QStringList &spellings);
    std::optional<TextMatcher> compileRegex(qsizetype position, qsizetype length, QString *spelling);
    std::optional<TextMatcher> compilePattern(const Decoded &chars, size_t begin, size_t end, bool contains,
        bool unanchored, bool freeText, bool listField, QString *spelling);

    Decoded decode(qsizetype position, qsizetype length) const;
    bool splitList(const Decoded &chars, qsizetype valueEnd, std::vector<std::pair<size_t, size_t>> &items);

    int addNode(Node node);
    int addComposite(NodeType type, std::vector<int> items);
    int fail(qsizetype position, qsizetype length, const QString &expected, const QString &message);
    int failExpectedTermAfter(const Token &op);
    // Counts one more level of "(", "-" or "not" (each is a recursion of the parser, and of evaluate() and
    // spell() below it); false, with the error set, beyond Nesting::MaxDepth.
    bool enterNesting(const Token &token);

    QStringView m_text;
    FilterProgram &m_program;
    std::vector<Token> m_tokens;
    size_t m_index = 0;
    int m_depth = 0;
    std::optional<FilterError> m_error;
};

std::optional<FilterError> Parser::run()
{
    if (!lex())
        return m_error;
    if (peek().type == Token::End)
        return std::nullopt; // blank: the empty filter
    const int root = parseOr();
    if (root < 0)
        return m_error;
    if (peek().type == Token::Close) {
        fail(peek().position, 1, QStringLiteral("\"(\""),
            FilterExpression::tr("unexpected \")\": there is no \"(\" for it to close"));
        return m_error;
    }
    Q_ASSERT(peek().type == Token::End);
    m_program.root = root;
    return std::nullopt;
}

bool Parser::lex()
{
    const qsizetype size = m_text.size();
    qsizetype i = 0;
    while (i < size) {
        const QChar c = m_text[i];
        if (c.isSpace()) {
            ++i;
        } else if (c == QLatin1Char('(') || c == QLatin1Char(')')) {
            m_tokens.push_back({ c == QLatin1Char('(') ? Token::Open : Token::Close, i, 1, true });
            ++i;
        } else if (c == QLatin1Char('-')) {
            if (i + 1 >= size || m_text[i + 1].isSpace() || m_text[i + 1] == QLatin1Char(')')) {
                fail(i, 1, FilterExpression::tr("a term"),
                    FilterExpression::tr("expected a term right after \"-\" (write -term, without a space)"));
                return false;
            }
            m_tokens.push_back({ Token::Minus, i, 1, true });
            ++i;
        } else {
            const qsizetype start = i;
            bool plain = true;
            int depth = 0;
            while (i < size) {
                const QChar d = m_text[i];
                if (d.isSpace())
                    break;
                if (d == QLatin1Char('"')) {
                    plain = false;
                    const qsizetype quote = i++;
                    while (i < size && m_text[i] != QLatin1Char('"'))
                        i += (m_text[i] == QLatin1Char('\\') && i + 1 < size) ? 2 : 1;
                    if (i >= size) {
                        fail(quote, size - quote, QStringLiteral("'\"'"),
                            FilterExpression::tr("unterminated quoted string: expected a closing '\"'"));
                        return false;
                    }
                    ++i;
                    continue;
                }
                if (d == QLatin1Char('\\')) {
                    plain = false;
                    i += (i + 1 < size) ? 2 : 1;
                    continue;
                }
                if (d == QLatin1Char('('))
                    ++depth;
                else if (d == QLatin1Char(')') && depth-- == 0)
                    break;
                ++i;
            }
            m_tokens.push_back({ Token::Word, start, i - start, plain });
        }
    }
    m_tokens.push_back({ Token::End, size, 0, true });
    return true;
}

bool Parser::isKeyword(const Token &token, const char *keyword) const
{
    return token.type == Token::Word && token.plain
        && tokenText(token).compare(QLatin1StringView(keyword), Qt::CaseInsensitive) == 0;
}

bool Parser::startsTerm(const Token &token) const
{
    switch (token.type) {
    case Token::Word:
        return !isKeyword(token, "and") && !isKeyword(token, "or");
    case Token::Open:
    case Token::Minus:
        return true;
    case Token::Close:
    case Token::End:
        break;
    }
    return false;
}

QString Parser::describe(const Token &token) const
{
    if (token.type == Token::End)
        return FilterExpression::tr("the end of the filter");
    return QLatin1Char('"') + tokenText(token).toString() + QLatin1Char('"');
}

int Parser::fail(qsizetype position, qsizetype length, const QString &expected, const QString &message)
{
    if (!m_error)
        m_error = FilterError { position, length, expected, message };
    return -1;
}

int Parser::failExpectedTermAfter(const Token &op)
{
    const Token &next = peek();
    return fail(next.position, next.length, FilterExpression::tr("a term"),
        FilterExpression::tr("expected a term after \"%1\", found %2")
            .arg(tokenText(op).toString().toLower(), describe(next)));
}

bool Parser::enterNesting(const Token &token)
{
    if (++m_depth <= Nesting::MaxDepth)
        return true;
    fail(token.position, token.length, FilterExpression::tr("a shallower expression"),
        FilterExpression::tr("%1 (each \"(\", \"-\" and \"not\" is one)").arg(Nesting::tooDeep()));
    return false;
}

int Parser::addNode(Node node)
{
    m_program.nodes.push_back(std::move(node));
    return int(m_program.nodes.size() - 1);
}

int Parser::addComposite(NodeType type, std::vector<int> items)
{
    if (items.size() == 1)
        return items.front();
    Node node;
    node.type = type;
    node.cost = 0;
    for (const int item : items) {
        const Node &child = m_program.nodes[size_t(item)];
        if (child.type == type) // (a and b) and c → one node of three
            node.children.insert(node.children.end(), child.children.begin(), child.children.end());
        else
            node.children.push_back(item);
    }
    for (const int child : node.children)
        node.cost += m_program.nodes[size_t(child)].cost;
    // Terms have no side effects, so evaluating the cheap ones first only changes the speed.
    node.evaluation = node.children;
    std::stable_sort(node.evaluation.begin(), node.evaluation.end(),
        [this](int a, int b) { return m_program.nodes[size_t(a)].cost < m_program.nodes[size_t(b)].cost; });
    return addNode(std::move(node));
}

int Parser::parseOr()
{
    if (isKeyword(peek(), "or") || isKeyword(peek(), "and")) {
        return fail(peek().position, peek().length, FilterExpression::tr("a term"),
            FilterExpression::tr("expected a term before \"%1\"")
                .arg(tokenText(peek()).toString().toLower()));
    }
    std::vector<int> items { parseAnd() };
    if (items.back() < 0)
        return -1;
    while (isKeyword(peek(), "or")) {
        const Token &op = take();
        if (!startsTerm(peek()))
            return failExpectedTermAfter(op);
        items.push_back(parseAnd());
        if (items.back() < 0)
            return -1;
    }
    return addComposite(NodeType::Or, std::move(items));
}

int Parser::parseAnd()
{
    std::vector<int> items { parseUnary() };
    if (items.back() < 0)
        return -1;
    for (;;) {
        if (isKeyword(peek(), "and")) {
            const Token &op = take();
            if (!startsTerm(peek()))
                return failExpectedTermAfter(op);
        } else if (!startsTerm(peek())) {
            break;
        }
        items.push_back(parseUnary());
        if (items.back() < 0)
            return -1;
    }
    return addComposite(NodeType::And, std::move(items));
}

int Parser::parseUnary()
{
    if (peek().type == Token::Minus || isKeyword(peek(), "not")) {
        const Token &op = take();
        if (!startsTerm(peek()))
            return failExpectedTermAfter(op);
        if (!enterNesting(op))
            return -1;
        const int child = parseUnary();
        --m_depth;
        if (child < 0)
            return -1;
        Node node;
        node.type = NodeType::Not;
        node.children = { child };
        node.cost = m_program.nodes[size_t(child)].cost;
        return addNode(std::move(node));
    }
    return parsePrimary();
}

int Parser::parsePrimary()
{
    const Token &token = take();
    switch (token.type) {
    case Token::Open: {
        if (peek().type == Token::Close) {
            return fail(peek().position, 0, FilterExpression::tr("a term"),
                FilterExpression::tr("expected a term inside the parentheses"));
        }
        if (!enterNesting(token))
            return -1;
        const int inner = parseOr();
        --m_depth;
        if (inner < 0)
            return -1;
        if (peek().type != Token::Close) {
            return fail(token.position, 1, QStringLiteral("\")\""),
                FilterExpression::tr("unbalanced \"(\": expected a \")\" to close it, found %1")
                    .arg(describe(peek())));
        }
        take();
        return inner;
    }
    case Token::Word:
        return parseWord(token);
    case Token::Close:
        return fail(token.position, 1, FilterExpression::tr("a term"),
            FilterExpression::tr("unexpected \")\": there is no \"(\" for it to close"));
    case Token::Minus:
    case Token::End:
        break;
    }
    return fail(token.position, token.length, FilterExpression::tr("a term"),
        FilterExpression::tr("expected a term, found %1").arg(describe(token)));
}

int Parser::parseWord(const Token &token)
{
    const QStringView word = tokenText(token);
    if (token.plain) {
        for (const auto &[keyword, type] :
            { std::pair("error", NodeType::Error), std::pair("warning", NodeType::Warning) }) {
            if (word.compare(QLatin1StringView(keyword), Qt::CaseInsensitive) == 0) {
                Node node;
                node.type = type;
                node.spelling = QLatin1StringView(keyword);
                return addNode(std::move(node));
            }
        }
        for (const ReplayKeyword &replay : replayKeywords) {
            if (word.compare(QLatin1StringView(replay.keyword), Qt::CaseInsensitive) == 0) {
                Node node;
                node.type = NodeType::Replay;
                node.replayStates = replay.states;
                node.spelling = QLatin1StringView(replay.keyword);
                return addNode(std::move(node));
            }
        }
    }
    const qsizetype nameLength = fieldPrefixLength(word);
    const int term
        = nameLength == 0 ? parseFreeText(token.position, token.length) : parseField(token, nameLength);
    if (term >= 0) {
        Node &node = m_program.nodes[size_t(term)];
        node.position = token.position;
        node.length = token.length;
    }
    return term;
}

int Parser::parseField(const Token &token, qsizetype nameLength)
{
    const QStringView word = tokenText(token);
    const QStringView name = word.first(nameLength);
    const FieldInfo *field = findField(name);
    if (!field) {
        const std::optional<QLatin1StringView> suggestion = suggestField(name);
        const QString message = suggestion
            ? FilterExpression::tr("unknown field \"%1\"; did you mean \"%2\"?")
                  .arg(name.toString(), *suggestion)
            : FilterExpression::tr(
                "unknown field \"%1\"; expected one of %2 (put the word in quotes to search for "
                "it as text)")
                  .arg(name.toString(), fieldList());
        return fail(token.position, nameLength, FilterExpression::tr("a field name"), message);
    }
    const qsizetype valuePosition = token.position + nameLength + 1;
    const qsizetype valueLength = token.length - nameLength - 1;
    if (valueLength == 0) {
        return fail(valuePosition, 0, FilterExpression::tr("a value"),
            FilterExpression::tr("expected a value after \"%1:\"").arg(name.toString()));
    }
    return parseFieldValue(*field, name, valuePosition, valueLength);
}

// Quotes group and make everything inside literal (\" and \\ are a quote and a backslash, other
// backslashes stay); outside quotes a backslash makes the next character literal.
Decoded Parser::decode(qsizetype position, qsizetype length) const
{
    Decoded chars;
    const qsizetype end = position + length;
    qsizetype i = position;
    while (i < end) {
        const QChar c = m_text[i];
        if (c == QLatin1Char('"')) {
            ++i;
            while (i < end && m_text[i] != QLatin1Char('"')) {
                if (m_text[i] == QLatin1Char('\\') && i + 1 < end
                    && (m_text[i + 1] == QLatin1Char('"') || m_text[i + 1] == QLatin1Char('\\'))) {
                    chars.push_back({ m_text[i + 1], true, i + 1 });
                    i += 2;
                } else {
                    chars.push_back({ m_text[i], true, i });
                    ++i;
                }
            }
            ++i; // the closing quote (the lexer guaranteed it)
        } else if (c == QLatin1Char('\\')) {
            if (i + 1 < end) {
                chars.push_back({ m_text[i + 1], true, i + 1 });
                i += 2;
            } else {
                chars.push_back({ c, true, i });
                ++i;
            }
        } else {
            chars.push_back({ c, false, i });
            ++i;
        }
    }
    return chars;
}

// Splits at unquoted commas; an empty item is an error pointing at where the value was expected.
bool Parser::splitList(
    const Decoded &chars, qsizetype valueEnd, std::vector<std::pair<size_t, size_t>> &items)
{
    size_t begin = 0;
    for (size_t i = 0; i <= chars.size(); ++i) {
        if (i < chars.size() && !isOperatorChar(chars[i], ','))
            continue;
        if (i == begin) {
            if (i < chars.size()) {
                fail(chars[i].position, 1, FilterExpression::tr("a value"),
                    FilterExpression::tr("expected a value before \",\""));
            } else {
                fail(valueEnd, 0, FilterExpression::tr("a value"),
                    FilterExpression::tr("expected a value after \",\""));
            }
            return false;
        }
        items.emplace_back(begin, i);
        begin = i + 1;
    }
    return true;
}

int Parser::parseFieldValue(const FieldInfo &field, QStringView name, qsizetype position, qsizetype length)
{
    const Decoded chars = decode(position, length);
    const qsizetype valueEnd = position + length;
    if (chars.empty()) { // ""
        return fail(position, length, FilterExpression::tr("a value"),
            FilterExpression::tr("expected a non-empty value after \"%1:\"").arg(name.toString()));
    }
    Node node;
    QStringList spellings;

    if (field.type == ValueType::Text && !chars.empty() && isOperatorChar(chars.front(), '~')) {
        const qsizetype regexStart = chars.front().position + 1;
        std::optional<TextMatcher> matcher = compileRegex(regexStart, valueEnd - regexStart, &node.spelling);
        if (!matcher)
            return -1;
        node.type = NodeType::Text;
        node.field = field.text;
        node.cost = matcher->cost();
        node.matchers.push_back(std::move(*matcher));
        node.spelling = field.name + QLatin1Char(':') + node.spelling;
        return addNode(std::move(node));
    }

    std::vector<std::pair<size_t, size_t>> items;
    if (field.list) {
        if (!splitList(chars, valueEnd, items))
            return -1;
    } else {
        items.emplace_back(0, chars.size());
    }

    switch (field.type) {
    case ValueType::Kind:
        node.type = NodeType::Kind;
        for (const auto &[begin, end] : items) {
            const QString value = plainText(chars, begin, end).toLower();
            if (value == QLatin1String("*")) {
                node.kinds |= (1u << EventKindCount) - 1;
            } else if (const std::optional<EventKind> kind = eventKindFromName(value)) {
                node.kinds |= quint8(1u << int(*kind));
            } else {
                const qsizetype start = chars[begin].position;
                return fail(start, chars[end - 1].position + 1 - start,
                    FilterExpression::tr("http, sql or mcp"),
                    FilterExpression::tr("expected http, sql or mcp after \"%1:\", found \"%2\"")
                        .arg(name.toString(), plainText(chars, begin, end)));
            }
            spellings.append(value);
        }
        break;
    case ValueType::Outcome:
        node.type = NodeType::Replay;
        for (const auto &[begin, end] : items) {
            const QString value = plainText(chars, begin, end).toLower();
            if (value == QLatin1String("*")) {
                node.replayStates |= AnyReplayState;
            } else if (const std::optional<ReplayState> state = replayStateFromName(value)) {
                node.replayStates |= replayBit(*state);
            } else {
                const qsizetype start = chars[begin].position;
                return fail(start, chars[end - 1].position + 1 - start,
                    FilterExpression::tr("a replay outcome"),
                    FilterExpression::tr("expected a replay outcome after \"%1:\" (%2 or *), found \"%3\"")
                        .arg(name.toString(), replayStateList(), plainText(chars, begin, end)));
            }
            spellings.append(value);
        }
        break;
    case ValueType::Status:
    case ValueType::Sequence:
    case ValueType::Served:
        node.type = field.type == ValueType::Status ? NodeType::Status
            : field.type == ValueType::Sequence     ? NodeType::Sequence
                                                    : NodeType::Served;
        node.cost = 2;
        for (const auto &[begin, end] : items) {
            if (!parseNumberItem(field.type, chars, begin, end, node.ranges, spellings))
                return -1;
        }
        break;
    case ValueType::Text:
        node.type = NodeType::Text;
        node.field = field.text;
        node.cost = 0;
        for (const auto &[begin, end] : items) {
            QString spelling;
            std::optional<TextMatcher> matcher
                = compilePattern(chars, begin, end, field.contains, false, false, field.list, &spelling);
            if (!matcher)
                return -1;
            node.cost += matcher->cost();
            node.matchers.push_back(std::move(*matcher));
            spellings.append(spelling);
        }
        break;
    }
    node.spelling = field.name + QLatin1Char(':') + spellings.join(QLatin1Char(','));
    return addNode(std::move(node));
}

int Parser::parseFreeText(qsizetype position, qsizetype length)
{
    Node node;
    node.type = NodeType::FreeText;
    const Decoded chars = decode(position, length);
    if (chars.empty()) { // ""
        return fail(position, length, FilterExpression::tr("some text"),
            FilterExpression::tr("empty quoted text: expected some text to search for"));
    }
    std::optional<TextMatcher> matcher;
    if (!chars.empty() && isOperatorChar(chars.front(), '~')) {
        const qsizetype regexStart = chars.front().position + 1;
        matcher = compileRegex(regexStart, position + length - regexStart, &node.spelling);
    } else {
        matcher = compilePattern(chars, 0, chars.size(), true, true, true, false, &node.spelling);
    }
    if (!matcher)
        return -1;
    node.cost = matcher->cost() * int(freeTextFields.size());
    node.matchers.push_back(std::move(*matcher));
    return addNode(std::move(node));
}

// One item of a status, seq or served value: 404, =404, >=400, >400, <=299, <300, 400..499, 400.., ..299,
// 4xx (status only), *
bool Parser::parseNumberItem(ValueType type, const Decoded &chars, size_t begin, size_t end,
    std::vector<NumberRange> &ranges, QStringList &spellings)
{
    const QString text = plainText(chars, begin, end);
    const qsizetype start = chars[begin].position;
    const qsizetype itemLength = chars[end - 1].position + 1 - start;
    const auto positionOf = [&](qsizetype offset) {
        return offset < qsizetype(end - begin) ? chars[begin + size_t(offset)].position
                                               : chars[end - 1].position + 1;
    };
    const bool status = type == ValueType::Status;
    const QString expected = status ? FilterExpression::tr("a status code")
        : type == ValueType::Served ? FilterExpression::tr("a count")
                                    : FilterExpression::tr("a sequence number");
    const auto failItem = [&]() {
        QString message;
        if (status) {
            message = FilterExpression::tr(
                "expected a status code such as 404, >=400, 400..499 or 4xx, found \"%1\"");
        } else if (type == ValueType::Served) {
            message = FilterExpression::tr("expected a count such as 0, >=1 or 2..5, found \"%1\"");
        } else {
            message = FilterExpression::tr(
                "expected a sequence number such as 42, >=100 or 10..20, found \"%1\"");
        }
        fail(start, itemLength, expected, message.arg(text));
        return false;
    };
    // Parses digits at [offset, offset + count) of the item; count 0 reports "expected a number after …".
    const auto number
        = [&](qsizetype offset, qsizetype count, const QString &after) -> std::optional<qint64> {
        if (count == 0) {
            fail(positionOf(offset), 0, expected,
                FilterExpression::tr("expected a number after \"%1\"").arg(after));
            return std::nullopt;
        }
        const QStringView digits = QStringView(text).sliced(offset, count);
        for (const QChar c : digits) {
            if (c < QLatin1Char('0') || c > QLatin1Char('9')) {
                failItem();
                return std::nullopt;
            }
        }
        if (digits.size() > 18) {
            fail(positionOf(offset), count, expected,
                FilterExpression::tr("the number \"%1\" is too large").arg(digits));
            return std::nullopt;
        }
        return digits.toLongLong();
    };

    if (text == QLatin1String("*")) {
        ranges.push_back({ minNumber, maxNumber });
        spellings.append(text);
        return true;
    }
    if (text.startsWith(QLatin1String("!="))) {
        fail(start, 2, expected,
            FilterExpression::tr("\"!=\" is not supported; write -%1:%2 to leave a value out")
                .arg(status                         ? QStringLiteral("status")
                        : type == ValueType::Served ? QStringLiteral("served")
                                                    : QStringLiteral("seq"),
                    text.mid(2)));
        return false;
    }
    for (const char *op : { ">=", "<=", ">", "<", "=" }) {
        const QLatin1StringView prefix(op);
        if (!text.startsWith(prefix))
            continue;
        const std::optional<qint64> value
            = number(prefix.size(), text.size() - prefix.size(), prefix.toString());
        if (!value)
            return false;
        switch (op[0]) {
        case '>':
            ranges.push_back({ prefix.size() == 2 ? *value : *value + 1, maxNumber });
            break;
        case '<':
            ranges.push_back({ minNumber, prefix.size() == 2 ? *value : *value - 1 });
            break;
        default:
            ranges.push_back({ *value, *value });
            break;
        }
        spellings.append(op[0] == '=' ? QString::number(*value) : prefix + QString::number(*value));
        return true;
    }
    if (const qsizetype dots = text.indexOf(QLatin1String("..")); dots >= 0) {
        const QString range = QStringLiteral("..");
        std::optional<qint64> low = minNumber;
        std::optional<qint64> high = maxNumber;
        if (dots == 0 && text.size() == 2)
            return failItem();
        if (dots > 0 && !(low = number(0, dots, range)))
            return false;
        if (dots + 2 < text.size() && !(high = number(dots + 2, text.size() - dots - 2, range)))
            return false;
        if (*low > *high) {
            fail(start, itemLength, expected,
                FilterExpression::tr("the range \"%1\" is empty: its lower bound is above its upper bound")
                    .arg(text));
            return false;
        }
        ranges.push_back({ *low, *high });
        spellings.append((dots > 0 ? QString::number(*low) : QString()) + range
            + (dots + 2 < text.size() ? QString::number(*high) : QString()));
        return true;
    }
    // Status classes: 4xx, 40x (a digit followed by x's, three characters in all).
    if (status && text.size() == 3 && text[0].isDigit() && text[0].unicode() < 128) {
        qsizetype digits = 1;
        while (digits < 3 && text[digits] >= QLatin1Char('0') && text[digits] <= QLatin1Char('9'))
            ++digits;
        bool classPattern = digits < 3;
        for (qsizetype i = digits; i < 3; ++i)
            classPattern = classPattern && text[i].toLower() == QLatin1Char('x');
        if (classPattern) {
            qint64 low = text.first(digits).toLongLong();
            qint64 span = 1;
            for (qsizetype i = digits; i < 3; ++i) {
                low *= 10;
                span *= 10;
            }
            ranges.push_back({ low, low + span - 1 });
            spellings.append(text.toLower());
            return true;
        }
    }
    const std::optional<qint64> value = number(0, text.size(), QString());
    if (!value)
        return false;
    ranges.push_back({ *value, *value });
    spellings.append(QString::number(*value));
    return true;
}

// After '~' the regex is taken as written: quotes only group (inside them \" is a quote) and every
// backslash reaches the regex engine. Case-insensitive unless the pattern says (?-i).
std::optional<TextMatcher> Parser::compileRegex(qsizetype position, qsizetype length, QString *spelling)
{
    QString pattern;
    std::vector<qsizetype> positions; // expression offset of every pattern unit, for error positions
    const qsizetype end = position + length;
    bool inQuotes = false;
    for (qsizetype i = position; i < end; ++i) {
        const QChar c = m_text[i];
        if (c == QLatin1Char('"')) {
            inQuotes = !inQuotes;
        } else if (c == QLatin1Char('\\') && i + 1 == end) {
            // Valid PCRE only inside \Q or a (?x) comment, and no canonical spelling could say it: a
            // quoted form reads \" as a quote, an unquoted one escapes whatever follows the term.
            fail(i, 1, FilterExpression::tr("a character after \"\\\""),
                FilterExpression::tr("a regular expression cannot end in a single backslash: write \\\\ for a "
                                     "backslash"));
            return std::nullopt;
        } else if (c == QLatin1Char('\\') && i + 1 < end) {
            if (!(inQuotes && m_text[i + 1] == QLatin1Char('"'))) {
                pattern += c;
                positions.push_back(i);
            }
            pattern += m_text[i + 1];
            positions.push_back(i + 1);
            ++i;
        } else {
            pattern += c;
            positions.push_back(i);
        }
    }
    if (pattern.isEmpty()) {
        fail(position, length, FilterExpression::tr("a regular expression"),
            FilterExpression::tr("expected a regular expression after \"~\""));
        return std::nullopt;
    }
    LimitedRegex regex(pattern, QRegularExpression::CaseInsensitiveOption);
    if (!regex.isValid()) {
        const qsizetype offset = regex.patternErrorOffset();
        const qsizetype at = offset < pattern.size() ? positions[size_t(offset)] : positions.back() + 1;
        fail(at, offset < pattern.size() ? 1 : 0, FilterExpression::tr("a valid regular expression"),
            FilterExpression::tr("invalid regular expression: %1").arg(regex.errorString()));
        return std::nullopt;
    }
    *spelling = spellRegex(pattern);
    // Without metacharacters a regex is a case-insensitive substring (sql:~"information_schema"): search
    // it like one, which is several times faster and allocates nothing.
    static constexpr QLatin1StringView metacharacters("\\^$.|?*+()[]{}");
    if (std::none_of(pattern.cbegin(), pattern.cend(), [](QChar c) { return metacharacters.contains(c); })) {
        std::u16string folded;
        for (const QChar c : pattern)
            folded.push_back(foldTable().fold[c.unicode()]);
        std::vector<Segment> segments;
        segments.emplace_back(std::move(folded), std::basic_string<quint8>());
        return TextMatcher::pattern(TextMatcher::Mode::Contains, std::move(segments));
    }
    regex.optimize(); // compile (and JIT) now rather than under a lock in the first match
    return TextMatcher::regex(std::move(regex));
}

// A literal or glob item. `contains`: a plain literal matches anywhere; `unanchored`: so does a glob (free
// text). A leading unquoted '=' asks for the whole field instead.
std::optional<TextMatcher> Parser::compilePattern(const Decoded &chars, size_t begin, size_t end,
    bool contains, bool unanchored, bool freeText, bool listField, QString *spelling)
{
    bool exact = false;
    if (begin < end && isOperatorChar(chars[begin], '=')) {
        exact = true;
        ++begin;
        if (begin == end) {
            fail(chars[begin - 1].position + 1, 0, FilterExpression::tr("a value"),
                FilterExpression::tr("expected a value after \"=\""));
            return std::nullopt;
        }
    }
    Q_ASSERT(begin < end); // callers reject empty values
    bool glob = false;
    for (size_t i = begin; i < end; ++i)
        glob = glob || isOperatorChar(chars[i], '*') || isOperatorChar(chars[i], '?');

    const QString patternSpelling = spellPattern(chars, begin, end, freeText, listField);
    if (!glob) {
        const QString text = plainText(chars, begin, end);
        const bool whole = exact || !contains;
        *spelling = (exact && contains ? QStringLiteral("=") : QString()) + patternSpelling;
        std::u16string folded;
        for (const QChar c : text)
            folded.push_back(foldTable().fold[c.unicode()]);
        std::vector<Segment> segments;
        segments.emplace_back(std::move(folded), std::basic_string<quint8>());
        return TextMatcher::pattern(
            whole ? TextMatcher::Mode::Exact : TextMatcher::Mode::Contains, std::move(segments));
    }
    *spelling = (exact && unanchored ? QStringLiteral("=") : QString()) + patternSpelling;

    // Split at the stars (** is *) into folded runs; a free-text glob floats (implicit stars around it).
    const char16_t *fold = foldTable().fold.data();
    std::vector<std::pair<std::u16string, std::basic_string<quint8>>> runs(1);
    for (size_t i = begin; i < end; ++i) {
        if (isOperatorChar(chars[i], '*')) {
            if (runs.size() == 1 || !runs.back().first.empty())
                runs.emplace_back();
            continue;
        }
        const bool any = isOperatorChar(chars[i], '?');
        runs.back().first.push_back(any ? u'?' : fold[chars[i].ch.unicode()]);
        runs.back().second.push_back(any ? 1 : 0);
    }
    if (unanchored && !exact) {
        if (!runs.front().first.empty())
            runs.emplace(runs.begin()); // not insert(begin, {}): that inserts an empty list
        if (!runs.back().first.empty())
            runs.emplace_back();
    }
    const auto empty = [&](size_t i) { return runs[i].first.empty(); };
    TextMatcher::Mode mode = TextMatcher::Mode::Glob;
    if (runs.size() == 1) {
        mode = TextMatcher::Mode::Exact; // only '?' wildcards
    } else if (runs.size() == 2 && empty(0) && empty(1)) {
        return TextMatcher::any();
    } else if (runs.size() == 2 && empty(1)) {
        mode = TextMatcher::Mode::Prefix;
        runs.pop_back();
    } else if (runs.size() == 2 && empty(0)) {
        mode = TextMatcher::Mode::Suffix;
        runs.erase(runs.begin());
    } else if (runs.size() == 3 && empty(0) && empty(2)) {
        mode = TextMatcher::Mode::Contains;
        runs = { runs[1] };
    }
    std::vector<Segment> segments;
    for (auto &[folded, any] : runs)
        segments.emplace_back(std::move(folded), std::move(any));
    return TextMatcher::pattern(mode, std::move(segments));
}

} // namespace

// ---------------------------------------------------------------------------------------------------
// FilterError and FilterExpression.

QString FilterError::formatted(const QString &expression) const
{
    // Columns count characters, not UTF-16 units, so the caret sits under the right one.
    const auto characters = [&](qsizetype from, qsizetype to) {
        qsizetype count = 0;
        for (qsizetype i = std::max<qsizetype>(from, 0); i < std::min(to, expression.size()); ++i) {
            if (!expression[i].isLowSurrogate())
                ++count;
        }
        return count;
    };
    // A long expression (a generated one, or one nested too deep) is shown around the error only.
    constexpr qsizetype Context = 40;
    qsizetype from = 0;
    qsizetype to = expression.size();
    if (expression.size() > 3 * Context) {
        from = std::max<qsizetype>(0, position - Context);
        to = std::min(expression.size(), position + std::min<qsizetype>(length, Context) + Context);
        if (from > 0 && expression[from].isLowSurrogate())
            --from;
        if (to < expression.size() && expression[to].isLowSurrogate())
            ++to;
    }
    const QString ellipsis(QChar(0x2026));
    QString shown = expression.mid(from, to - from);
    for (QChar &c : shown) {
        if (c.isSpace() || c.category() == QChar::Other_Control)
            c = QLatin1Char(' ');
    }
    shown = (from > 0 ? ellipsis : QString()) + shown + (to < expression.size() ? ellipsis : QString());
    const qsizetype indent = characters(from, position) + (from > 0 ? 1 : 0);
    const qsizetype width = std::max<qsizetype>(1, characters(position, std::min(position + length, to)));
    return FilterExpression::tr("invalid filter at column %1: %2")
               .arg(QString::number(characters(0, position) + 1), message)
        + QLatin1String("\n  ") + shown + QLatin1String("\n  ") + QString(indent, QLatin1Char(' '))
        + QString(width, QLatin1Char('^'));
}

FilterExpression::FilterExpression() = default;

Result<FilterExpression> FilterExpression::parse(const QString &text, FilterError *detail)
{
    auto program = std::make_shared<FilterProgram>();
    program->text = text;
    Parser parser(text, *program);
    if (const std::optional<FilterError> error = parser.run()) {
        if (detail)
            *detail = *error;
        return makeError(ErrorCode::Usage, error->formatted(text));
    }
    program->dependsOnReplay = std::any_of(program->nodes.cbegin(), program->nodes.cend(),
        [](const Node &node) { return node.type == NodeType::Replay || node.type == NodeType::Served; });
    FilterExpression expression;
    expression.m_program = std::move(program);
    return expression;
}

FilterExpression::Outcome FilterExpression::match(const FilterSubject &subject, FilterError *gaveUp) const
{
    if (isEmpty())
        return Outcome::Match;
    int term = -1;
    const Outcome outcome = m_program->evaluate(m_program->root, subject, term);
    if (outcome == Outcome::GaveUp && gaveUp) {
        const Node &node = m_program->nodes[size_t(term)];
        gaveUp->position = node.position;
        gaveUp->length = node.length;
        gaveUp->expected = tr("a regular expression that needs fewer steps");
        gaveUp->message = tr("%1 gave up on event %2: its regular expression needs %3 there; nested "
                             "repetition such as (a+)+ is the usual cause")
                              .arg(m_program->text.mid(node.position, node.length),
                                  QString::number(subject.sequence()), LimitedRegex::gaveUpReason());
    }
    return outcome;
}

Error FilterExpression::gaveUpError(const FilterError &gaveUp) const
{
    return makeError(ErrorCode::Usage, gaveUp.formatted(text()));
}

bool FilterExpression::isEmpty() const
{
    return !m_program || m_program->root < 0;
}

bool FilterExpression::dependsOnReplay() const
{
    return m_program && m_program->dependsOnReplay;
}

QString FilterExpression::normalized() const
{
    QString out;
    if (!isEmpty())
        m_program->spell(m_program->root, out, NodeType::Text);
    return out;
}

QString FilterExpression::text() const
{
    return m_program ? m_program->text : QString();
}

} // namespace tapedeck
