// SPDX-License-Identifier: MIT
// VCR.py cassette reading: libyaml events -> one small node tree per interaction -> HttpExchange.
#include "core/recording/cassetteparser.h"

#include "core/common/aliasexpansion.h"
#include "core/common/nesting.h"
#include "core/common/pythonjson.h"
#include "core/common/utf8.h"
#include "core/recording/cassettelayout.h"
#include "core/recording/cassettenode.h"

#include <QHash>
#include <QRegularExpression>

#include <algorithm>
#include <array>
#include <atomic>
#include <charconv>
#include <cstring>
#include <memory>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>
#include <yaml.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace tapedeck {

namespace {

constexpr std::string_view TagBinary = CassetteTagBinary;
constexpr std::string_view TagStr = "tag:yaml.org,2002:str";
constexpr std::string_view TagPythonTuple = "tag:yaml.org,2002:python/tuple";
constexpr std::string_view TagPythonStr = "tag:yaml.org,2002:python/str";
constexpr std::string_view TagPythonUnicode = "tag:yaml.org,2002:python/unicode";
constexpr std::string_view TagPythonBytes = "tag:yaml.org,2002:python/bytes";
constexpr std::string_view TagBytesIO = "tag:yaml.org,2002:python/object/new:_io.BytesIO";
constexpr std::string_view TagIter = "tag:yaml.org,2002:python/object/apply:builtins.iter";
constexpr qint64 LargeBody = qint64(100) << 20;
// Summary mode measures response scalars above this size instead of copying them.
constexpr size_t ElideAbove = 1024;
// Below this size a cassette is parsed on one thread: splitting would not pay.
constexpr qsizetype ParallelAbove = qsizetype(16) << 20;

qint64 base64DecodedSize(QByteArrayView text)
{
    qint64 symbols = 0;
    for (const char c : text) {
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+'
            || c == '/')
            ++symbols;
    }
    return symbols * 6 / 8;
}

using Node = CassetteNode;

struct ParserDeleter
{
    void operator()(yaml_parser_t *p) const
    {
        yaml_parser_delete(p);
        delete p;
    }
};

using cassettelayout::Elision;

// How many of the eight bytes in w are UTF-8 continuation bytes (10xxxxxx): every other byte starts a
// character. The 0/1 flags are summed in the top byte (no popcnt instruction on baseline x86-64).
qint64 continuationBytes(quint64 w)
{
    const quint64 continuation = (w & ~(w << 1) & 0x8080808080808080ull) >> 7;
    return qint64((continuation * 0x0101010101010101ull) >> 56);
}

qint64 countNewlines(QByteArrayView data);

// Converts libyaml's character positions into byte offsets, moving forward only. With elisions, libyaml
// read a placeholder in place of each elided scalar: positions past one map to the bytes after the scalar.
class CharCursor
{
public:
    explicit CharCursor(QByteArrayView data, const std::vector<Elision> *elisions = nullptr)
        : m_data(data)
        , m_elisions(elisions)
    { }
    qint64 byteFor(qint64 charIndex)
    {
        for (;;) {
            const bool elision
                = m_elisions && m_next < m_elisions->size() && (*m_elisions)[m_next].fedChar >= 0;
            const qint64 limit = elision ? (*m_elisions)[m_next].begin : m_data.size();
            // Whole words while far away: a byte starts a character unless it is 10xxxxxx.
            while (charIndex - m_chars >= 8 && m_byte + 8 <= limit) {
                quint64 w;
                std::memcpy(&w, m_data.data() + m_byte, 8);
                m_chars += 8 - continuationBytes(w);
                m_byte += 8;
            }
            // The word loop may stop inside a multi-byte character it has counted: finish it, so that m_chars
            // counts the characters before m_byte. A caller asking for an earlier character than the last one
            // steps back.
            while (m_byte < m_data.size() && (quint8(m_data[m_byte]) & 0xc0) == 0x80)
                ++m_byte;
            while (m_chars > charIndex && m_byte > 0) {
                --m_byte;
                if ((quint8(m_data[m_byte]) & 0xc0) != 0x80)
                    --m_chars;
            }
            while (m_chars < charIndex && m_byte < limit) {
                ++m_byte;
                while (m_byte < m_data.size() && (quint8(m_data[m_byte]) & 0xc0) == 0x80)
                    ++m_byte;
                ++m_chars;
            }
            if (m_chars >= charIndex || !elision || m_byte < limit)
                return m_byte;
            const Elision &e = (*m_elisions)[m_next];
            if (charIndex < m_chars + e.placeholderLength)
                return m_byte; // inside the placeholder: the scalar's start
            m_chars += e.placeholderLength;
            m_byte = e.end;
            ++m_next;
        }
    }

private:
    QByteArrayView m_data;
    const std::vector<Elision> *m_elisions;
    size_t m_next = 0;
    qint64 m_byte = 0;
    qint64 m_chars = 0;
};

// Whether YAML allows the character in a document (libyaml stops with "control characters are not
// allowed" at the first it finds, when it fills its buffer: a position no reading can report the same way).
bool yamlAllows(char32_t c)
{
    return c == 0x9 || c == 0xa || c == 0xd || (c >= 0x20 && c <= 0x7e) || c == 0x85 || (c >= 0xa0 && c <= 0xd7ff)
        || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);
}

// The offsets of every byte libyaml would refuse: bytes that are not part of valid UTF-8, and every byte
// of a character YAML does not allow (control characters, U+FFFE, U+FFFF). Both readings replace them by
// '?' and read on (see repaired()), so that a cassette with a stray NUL still shows what it holds.
QList<qint64> findUnreadable(QByteArrayView data)
{
    QList<qint64> bad;
    const auto *p = reinterpret_cast<const quint8 *>(data.data());
    const qint64 n = data.size();
    qint64 i = 0;
    while (i < n) {
#ifdef __SSE2__
        // Printable ASCII and line feeds, 64 bytes at a time. x + 0x60 maps 0x20..0x7e, and only those, to
        // -128..-34 (signed): one add and one compare find the printable bytes.
        const __m128i shift = _mm_set1_epi8(0x60);
        const __m128i printableBelow = _mm_set1_epi8(-33);
        const __m128i lf = _mm_set1_epi8('\n');
        const auto plain = [&](qint64 at) {
            const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p + at));
            return _mm_or_si128(_mm_cmplt_epi8(_mm_add_epi8(x, shift), printableBelow), _mm_cmpeq_epi8(x, lf));
        };
        while (i + 64 <= n) {
            const __m128i all
                = _mm_and_si128(_mm_and_si128(plain(i), plain(i + 16)), _mm_and_si128(plain(i + 32), plain(i + 48)));
            if (_mm_movemask_epi8(all) != 0xffff)
                break;
            i += 64;
        }
        if (i + 16 <= n && _mm_movemask_epi8(plain(i)) == 0xffff) {
            i += 16;
            continue;
        }
        if (i >= n)
            break;
#endif
        const char *at = data.data() + i;
        const char *next = at;
        const std::optional<char32_t> c = nextUtf8(next, data.data() + n);
        if (!c) {
            bad.append(i++); // a malformed sequence: each of its bytes is listed, one by one
            continue;
        }
        if (!yamlAllows(*c)) {
            for (qint64 k = i; k < i + (next - at); ++k)
                bad.append(k);
        }
        i += next - at;
    }
    return bad;
}

// What the unreadable bytes at offsets[k] of data (the original bytes) are: a character YAML does not
// allow (all of its bytes are listed), or a byte that is not UTF-8. k moves past them.
struct Unreadable
{
    qint64 offset = 0;
    std::optional<char32_t> control; // else a byte that is not UTF-8
};

Unreadable nextUnreadable(QByteArrayView data, const QList<qint64> &offsets, qsizetype &k)
{
    Unreadable u;
    u.offset = offsets.at(k++);
    const char *at = data.data() + u.offset;
    const char *next = at;
    const std::optional<char32_t> c = nextUtf8(next, data.data() + data.size());
    if (c && !yamlAllows(*c)) {
        u.control = c;
        k += (next - at) - 1;
    }
    return u;
}

// The warning for the unreadable bytes at offsets[k] (of data; shift makes their offsets the cassette's).
QString unreadableWarning(QByteArrayView data, const QList<qint64> &offsets, qsizetype &k, qint64 shift)
{
    const Unreadable u = nextUnreadable(data, offsets, k);
    if (u.control) {
        return CassetteParser::tr("%1, which YAML does not allow, at offset %2 replaced by '?'")
            .arg(codePointName(*u.control))
            .arg(shift + u.offset);
    }
    return CassetteParser::tr("invalid UTF-8 byte at offset %1 replaced by '?'").arg(shift + u.offset);
}

struct UnreadableCount
{
    qsizetype invalidBytes = 0;
    qsizetype controls = 0;
};

void countUnreadable(QByteArrayView data, const QList<qint64> &offsets, UnreadableCount &count)
{
    for (qsizetype k = 0; k < offsets.size();) {
        if (nextUnreadable(data, offsets, k).control)
            ++count.controls;
        else
            ++count.invalidBytes;
    }
}

// A copy of data with every unreadable byte replaced by '?', so libyaml reads on; offsets stay the same.
QByteArray repaired(QByteArrayView data, const QList<qint64> &invalid)
{
    QByteArray copy = data.toByteArray();
    for (const qint64 offset : invalid)
        copy[offset] = '?';
    return copy;
}

QString text(const Node &n)
{
    return decodeUtf8(n.value);
}

// Scalar text of the interaction being read, in blocks that never move: nodes refer to it without an
// allocation each (QByteArray::fromRawData). Reset before every interaction, so whatever outlives one
// (bodies, anchors) is copied out explicitly.
class ScalarArena
{
public:
    QByteArray store(const char *data, qsizetype size)
    {
        if (size == 0)
            return QByteArray("");
        if (size > BlockSize / 4) { // large scalars get a block of their own
            m_large.emplace_back(new char[size_t(size)]);
            std::memcpy(m_large.back().get(), data, size_t(size));
            return QByteArray::fromRawData(m_large.back().get(), size);
        }
        if (m_blocks.empty() || m_used + size > BlockSize) {
            if (++m_current >= qsizetype(m_blocks.size()))
                m_blocks.emplace_back(new char[BlockSize]);
            m_used = 0;
        }
        char *at = m_blocks[size_t(m_current)].get() + m_used;
        std::memcpy(at, data, size_t(size));
        m_used += size;
        return QByteArray::fromRawData(at, size);
    }
    void reset()
    {
        m_large.clear();
        m_current = m_blocks.empty() ? -1 : 0;
        m_used = 0;
    }

private:
    static constexpr qsizetype BlockSize = 256 * 1024;
    std::vector<std::unique_ptr<char[]>> m_blocks;
    std::vector<std::unique_ptr<char[]>> m_large;
    qsizetype m_current = -1;
    qsizetype m_used = 0;
};

// Nesting is counted from the document's root (Nesting::MaxDepth): the values of the cassette's mapping
// are at level 2, interactions (items of its "interactions" list) at level 3.
constexpr int TopLevelDepth = 2;
constexpr int ItemDepth = 3;

// An anchored node as aliases repeat it: its copy, what one more copy costs (AliasExpansion::costOf) and
// the levels of nesting it holds (0 for a scalar).
struct Anchor
{
    Node node;
    qint64 cost = 0;
    int levels = 0;
    qint64 copies = 0; // what the aliases' copies inside it cost (none in an anchor VCR.py writes)
};

// The anchors defined so far in a document, by name. What was defined since the last commit() can be
// undone: a stretch that is read again from an item's start defines its anchors again.
class AnchorTable
{
public:
    const Anchor *find(const QByteArray &name) const
    {
        const auto it = m_anchors.constFind(name);
        return it == m_anchors.cend() ? nullptr : &*it;
    }
    void define(const QByteArray &name, Anchor anchor)
    {
        ++m_definitions;
        m_copies += anchor.copies;
        const auto it = m_anchors.find(name);
        if (it == m_anchors.end()) {
            m_undo.emplace_back(name, std::nullopt);
            m_anchors.insert(name, std::move(anchor));
        } else {
            m_copies -= it->copies;
            m_undo.emplace_back(name, std::move(*it));
            *it = std::move(anchor);
        }
    }
    void commit() { m_undo.clear(); }
    void rollback()
    {
        for (auto it = m_undo.rbegin(); it != m_undo.rend(); ++it) {
            const auto now = m_anchors.find(it->first);
            m_copies -= now->copies;
            if (it->second) {
                m_copies += it->second->copies;
                *now = std::move(*it->second);
            } else {
                m_anchors.erase(now);
            }
        }
        m_undo.clear();
    }
    // How many definitions were read, ever (redefinitions and undone ones included).
    qint64 definitions() const { return m_definitions; }
    // What the aliases' copies the anchors hold cost (AliasExpansion: held at once).
    qint64 copies() const { return m_copies; }

private:
    QHash<QByteArray, Anchor> m_anchors;
    std::vector<std::pair<QByteArray, std::optional<Anchor>>> m_undo;
    qint64 m_definitions = 0;
    qint64 m_copies = 0;
};

// The bytes a scalar holds, as a body: decoded for base64 tags, measured where summary mode elided it (the
// same number either way, so that both readings count aliases alike).
qint64 scalarBytes(const Node &n)
{
    if (n.elidedSize >= 0)
        return n.elidedSize;
    return n.hasTag(TagBinary) || n.hasTag(TagPythonBytes) ? base64DecodedSize(n.value) : n.value.size();
}

// A deep copy of a node whose scalars may live in the arena, with its cost and levels (see Anchor). The
// node's nesting is bounded (Nesting::MaxDepth), and so is this recursion.
Node detached(const Node &n, qint64 &cost, int &levels)
{
    Node copy = n;
    copy.value = QByteArray(n.value.constData(), n.value.size());
    cost += AliasExpansion::costOf(1, n.type == Node::Type::Scalar ? scalarBytes(n) : 0);
    int below = 0;
    for (Node &item : copy.items) {
        int itemLevels = 0;
        item = detached(item, cost, itemLevels);
        below = std::max(below, itemLevels);
    }
    levels = n.type == Node::Type::Scalar ? 0 : below + 1;
    return copy;
}

// The events of one libyaml parse, with nodes built on demand.
class EventStream
{
public:
    // With a scanner (summary mode, block style), the scalars it proposes are fed to libyaml as
    // placeholders and measured instead of parsed. Anchors are defined in anchors (which outlives the
    // stream: a document may be read by several), and the copies aliases make are counted in expansion.
    EventStream(QByteArrayView data, QString origin, AnchorTable &anchors, AliasExpansion &expansion,
        int lineOffset = 0, bool summary = false, cassettelayout::LayoutScanner *scanner = nullptr)
        : m_origin(std::move(origin))
        , m_lineOffset(lineOffset)
        , m_summary(summary)
        , m_parser(new yaml_parser_t)
        , m_anchors(anchors)
        , m_expansion(expansion)
        , m_data(data)
        , m_scanner(scanner)
    {
        m_ok = yaml_parser_initialize(m_parser.get()) != 0;
        if (!m_ok)
            return;
        if (m_scanner)
            yaml_parser_set_input(m_parser.get(), &EventStream::read, this);
        else
            yaml_parser_set_input_string(m_parser.get(),
                reinterpret_cast<const unsigned char *>(data.constData()), size_t(data.size()));
    }
    ~EventStream()
    {
        if (m_havePeek)
            yaml_event_delete(&m_peek);
    }

    // The next event without consuming it; nullptr after a parse error (see error()).
    const yaml_event_t *peek()
    {
        if (!m_ok)
            return nullptr;
        if (!m_havePeek) {
            if (!yaml_parser_parse(m_parser.get(), &m_peek)) {
                m_ok = false;
                const yaml_mark_t mark = m_parser->problem_mark;
                QString detail = QString::fromUtf8(m_parser->problem ? m_parser->problem : "syntax error");
                if (m_parser->context)
                    detail += QLatin1String(" ") + QString::fromUtf8(m_parser->context);
                m_error = makeError(ErrorCode::InvalidInput,
                    CassetteParser::tr("%1 is not valid YAML (line %2, column %3: %4)")
                        .arg(m_origin)
                        .arg(lineOf(mark))
                        .arg(mark.column + 1)
                        .arg(detail));
                return nullptr;
            }
            m_havePeek = true;
        }
        return &m_peek;
    }
    void skip()
    {
        if (m_havePeek) {
            yaml_event_delete(&m_peek);
            m_havePeek = false;
        }
    }
    const std::optional<Error> &error() const { return m_error; }
    void fail(Error e)
    {
        m_ok = false;
        m_error = std::move(e);
    }

    // Where anchors the data does not define are looked up when it uses them (a stretch of a document read
    // alone); nullptr when there are none.
    using EarlierAnchors = std::function<const Anchor *(const QByteArray &name)>;
    void setEarlierAnchors(EarlierAnchors earlier) { m_earlier = std::move(earlier); }
    // Whether reading stopped at an alias whose anchor was not found.
    bool missingAnchor() const { return m_missingAnchor; }
    // An interaction starts: the aliases' copies in the one before are no longer held.
    void beginItem() { m_itemCopies = 0; }

    // Consumes the events of one node (starting at the next event) into a tree.
    // depth: its level of nesting in the document (the root is 1), see Nesting::MaxDepth.
    // place: where the node stands on the way to a response body; in summary mode a large body text is
    // measured, not copied.
    // item: the node is an item of the interactions list, which may stand for a whole interaction.
    std::optional<Node> node(int depth, BodyPath place = BodyPath::Elsewhere, bool item = false)
    {
        const yaml_event_t *e = peek();
        if (!e)
            return std::nullopt;
        Node n;
        n.line = lineOf(e->start_mark);
        QByteArray anchor;
        const qint64 copiesBefore = m_itemCopies;
        const auto tagOf = [](const yaml_char_t *t) {
            return t ? QByteArray(reinterpret_cast<const char *>(t)) : QByteArray();
        };
        const auto failAt = [this](const QString &problem, int line) {
            fail(makeError(ErrorCode::InvalidInput,
                CassetteParser::tr("%1: %2 (line %3)").arg(m_origin, problem).arg(line)));
            return std::nullopt;
        };
        switch (e->type) {
        case YAML_ALIAS_EVENT: {
            const QByteArray name = tagOf(e->data.alias.anchor);
            const int line = n.line;
            m_lastEnd = e->end_mark; // a node ends where its last event does, a scalar's or an alias's too
            skip();
            const Anchor *a = m_anchors.find(name);
            if (!a && m_earlier)
                a = m_earlier(name);
            if (!a) {
                m_missingAnchor = true;
                fail(makeError(ErrorCode::InvalidInput,
                    CassetteParser::tr("%1 uses an undefined alias *%2 (line %3)")
                        .arg(m_origin, decodeUtf8(name))
                        .arg(line)));
                return std::nullopt;
            }
            // The copy's nesting counts where it lands; every copy counts towards the document's budget,
            // and is held with the others of the interaction and those the anchors hold.
            if (depth + a->levels - 1 > Nesting::MaxDepth)
                return failAt(Nesting::tooDeep(), line);
            m_itemCopies += a->cost;
            if (!m_expansion.spend(a->cost, m_itemCopies + m_anchors.copies()))
                return failAt(m_expansion.exceeded(), line);
            return a->node;
        }
        case YAML_SCALAR_EVENT: {
            n.type = Node::Type::Scalar;
            n.tag = tagOf(e->data.scalar.tag);
            const bool elide = m_summary && place == BodyPath::String;
            if (Elision *elided = placeholder(*e, elide, item)) {
                if (elided->kind == Elision::Kind::Interaction) {
                    // The run's first item; the others wait for takeRunItem().
                    std::vector<Elision::Item> &items = elided->items;
                    Node tree = std::move(*items.front().node);
                    relocate(tree, n.line);
                    m_itemNext = items.front().next;
                    for (size_t k = 1; k < items.size(); ++k) {
                        RunItem &waiting = m_run.emplace_back();
                        waiting.node = std::move(*items[k].node);
                        relocate(waiting.node, n.line + items[k].line);
                        waiting.line = n.line + items[k].line;
                        waiting.lineStart = items[k].lineStart;
                        waiting.next = items[k].next;
                    }
                    items.clear();
                    m_lastEnd = e->end_mark;
                    skip();
                    return tree;
                }
                n.elidedSize = elided->size;
                n.tag = elided->binary ? QByteArray(TagBinary.data(), qsizetype(TagBinary.size()))
                                       : QByteArray();
                n.plain = false;
                m_lastEnd = e->end_mark;
                skip();
                break;
            }
            if (elide && e->data.scalar.length > ElideAbove) {
                const QByteArrayView v(
                    reinterpret_cast<const char *>(e->data.scalar.value), qsizetype(e->data.scalar.length));
                n.elidedSize
                    = n.hasTag(TagBinary) || n.hasTag(TagPythonBytes) ? base64DecodedSize(v) : v.size();
            } else {
                n.value = m_arena.store(
                    reinterpret_cast<const char *>(e->data.scalar.value), qsizetype(e->data.scalar.length));
            }
            n.plain = e->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
            anchor = tagOf(e->data.scalar.anchor);
            m_lastEnd = e->end_mark;
            skip();
            break;
        }
        case YAML_MAPPING_START_EVENT:
        case YAML_SEQUENCE_START_EVENT: {
            if (depth > Nesting::MaxDepth) // this recursion, and every one over the tree, stays bounded
                return failAt(Nesting::tooDeep(), n.line);
            const bool mapping = e->type == YAML_MAPPING_START_EVENT;
            n.type = mapping ? Node::Type::Mapping : Node::Type::Sequence;
            n.tag = tagOf(mapping ? e->data.mapping_start.tag : e->data.sequence_start.tag);
            anchor = tagOf(mapping ? e->data.mapping_start.anchor : e->data.sequence_start.anchor);
            const yaml_event_type_t endType = mapping ? YAML_MAPPING_END_EVENT : YAML_SEQUENCE_END_EVENT;
            skip();
            for (;;) {
                const yaml_event_t *next = peek();
                if (!next)
                    return std::nullopt;
                if (next->type == endType) {
                    m_lastEnd = next->end_mark;
                    skip();
                    break;
                }
                // In a mapping, every second child is a value: it may be on the way to the response body.
                const bool isValue = mapping && n.items.size() % 2 == 1;
                const BodyPath below = isValue ? bodyPathBelow(place, item, n.items.back().value) : BodyPath::Elsewhere;
                std::optional<Node> child = node(depth + 1, below);
                if (!child)
                    return std::nullopt;
                n.items.push_back(std::move(*child));
            }
            break;
        }
        default:
            fail(makeError(ErrorCode::InvalidInput,
                CassetteParser::tr("%1: unexpected YAML structure at line %2").arg(m_origin).arg(n.line)));
            return std::nullopt;
        }
        if (!anchor.isEmpty()) {
            Anchor a;
            a.node = detached(n, a.cost, a.levels); // anchors outlive the interaction's arena
            a.copies = m_itemCopies - copiesBefore;
            m_anchors.define(anchor, std::move(a));
        }
        return n;
    }

    yaml_mark_t lastEnd() const { return m_lastEnd; }
    // Where the item node() just read ends in the data (the next token, as libyaml reports it), when it was
    // read from the scanner's reading of a whole interaction; -1 otherwise.
    qint64 takeItemNext()
    {
        return std::exchange(m_itemNext, -1);
    }

    // The further items of a run of interactions whose placeholder libyaml read as one item, in order, before
    // libyaml's next event.
    struct RunItem
    {
        Node node;
        int line = 0; // 1-based, in the whole cassette
        qint64 lineStart = 0; // in the data
        qint64 next = 0;
    };
    bool hasRunItem() const { return m_runNext < m_run.size(); }
    RunItem takeRunItem()
    {
        RunItem item = std::move(m_run[m_runNext++]);
        if (m_runNext == m_run.size()) {
            m_run.clear();
            m_runNext = 0;
        }
        return item;
    }
    // Nodes built so far may refer to scalar text that is reused after this.
    void resetArena() { m_arena.reset(); }

    // The 1-based line of a mark in the whole cassette (placeholders span one line where their scalars
    // spanned several).
    int lineOf(const yaml_mark_t &mark) const
    {
        const qint64 fedLine = qint64(mark.line);
        const auto after = std::upper_bound(m_shifts.cbegin(), m_shifts.cend(), fedLine,
            [](qint64 line, const Shift &s) { return line <= s.fedLine; });
        const qint64 shift = after == m_shifts.cbegin() ? 0 : std::prev(after)->total;
        return int(fedLine + shift) + 1 + m_lineOffset;
    }
    // True when libyaml did not read a placeholder fed before charIndex as the response body it stands
    // for: what was parsed from there on may differ from the cassette, which must be read again without
    // elisions.
    bool misread(qint64 charIndex) const
    {
        if (!m_scanner)
            return false;
        if (m_misread)
            return true;
        const std::vector<Elision> &all = m_scanner->elisions();
        return m_consumed < all.size() && all[m_consumed].fedChar >= 0 && all[m_consumed].fedChar < charIndex;
    }
    bool eliding() const { return m_scanner != nullptr; }
    // An item's tree, read and done with: the scanner reads the next interactions into its nodes.
    void recycle(Node &&item)
    {
        if (m_scanner)
            m_scanner->recycle(std::move(item));
    }

private:
    struct Shift
    {
        qint64 fedLine; // the placeholder's line as libyaml counted it
        qint64 total; // line breaks elided up to and including it
    };

    // The elision a scalar event stands for, when it is one of our placeholders read where its text was
    // and in its place: a body text where summary reading elides bodies, an interaction as an item of
    // the interactions list; nullptr otherwise.
    Elision *placeholder(const yaml_event_t &e, bool elide, bool item)
    {
        if (!m_scanner || !e.data.scalar.tag
            || std::strcmp(reinterpret_cast<const char *>(e.data.scalar.tag), PlaceholderTag) != 0)
            return nullptr;
        const char *value = reinterpret_cast<const char *>(e.data.scalar.value);
        size_t index = 0;
        const auto [end, ec] = std::from_chars(value, value + e.data.scalar.length, index);
        std::vector<Elision> &all = m_scanner->elisions();
        if (ec != std::errc() || end != value + e.data.scalar.length || index >= all.size()
            || all[index].fedChar != qint64(e.start_mark.index))
            return nullptr; // the cassette's own text, read as it is
        if (index != m_consumed) {
            m_misread = true;
            return nullptr;
        }
        ++m_consumed;
        Elision &elided = all[index];
        // It stands for its lines wherever it was read: later positions (a fault's) stay right.
        m_shifts.push_back(
            { qint64(e.start_mark.line), (m_shifts.empty() ? 0 : m_shifts.back().total) + elided.breaks });
        if (!(elided.kind == Elision::Kind::Interaction ? item : elide)) {
            m_misread = true;
            return nullptr;
        }
        return &elided;
    }

    // libyaml's input: the data with placeholders for the scanner's proposals.
    static int read(void *context, unsigned char *buffer, size_t size, size_t *sizeRead)
    {
        *sizeRead = size_t(
            static_cast<EventStream *>(context)->fill(reinterpret_cast<char *>(buffer), qint64(size)));
        return 1;
    }
    // Hands libyaml the data with placeholders. The scanner keeps only a little ahead, and a whole interaction
    // is handed over on its own: its tree is then built, read and freed one interaction at a time (while
    // still in the allocator's caches) instead of hundreds of trees waiting in libyaml's input buffer.
    qint64 fill(char *out, qint64 room)
    {
        constexpr qint64 ScanAhead = 4096;
        qint64 written = 0;
        while (written < room) {
            if (m_pendingAt < m_pending.size()) {
                const qint64 take = std::min<qint64>(room - written, m_pending.size() - m_pendingAt);
                std::memcpy(out + written, m_pending.constData() + m_pendingAt, size_t(take));
                m_pendingAt += take;
                written += take;
                if (m_pendingAt == m_pending.size() && m_pendingInteraction)
                    break;
                continue;
            }
            if (m_feedAt >= m_data.size() || m_invalid)
                break;
            // Every proposal starting before m_feedAt + ahead is known once the scanner is there.
            const qint64 ahead = std::min(room - written, ScanAhead);
            m_scanner->advanceTo(m_feedAt + ahead);
            std::vector<Elision> &all = m_scanner->elisions();
            const qint64 stop = m_fed < all.size() ? all[m_fed].begin : m_data.size();
            if (m_feedAt == stop) {
                if (all[m_fed].kind == Elision::Kind::Interaction)
                    m_scanner->growRun(m_fed);
                Elision &e = m_scanner->elisions()[m_fed];
                if (!validate(e.end))
                    break;
                m_pending = QByteArray(PlaceholderTag) + ' ' + QByteArray::number(qulonglong(m_fed));
                m_pendingAt = 0;
                m_pendingInteraction = e.kind == Elision::Kind::Interaction;
                e.fedChar = m_fedChars;
                e.placeholderLength = int(m_pending.size());
                m_fedChars += m_pending.size();
                m_feedAt = e.end;
                ++m_fed;
                continue;
            }
            const qint64 take = std::min(ahead, stop - m_feedAt);
            if (!validate(m_feedAt + take))
                break;
            std::memcpy(out + written, m_data.constData() + m_feedAt, size_t(take));
            m_fedChars += characters(m_data.sliced(m_feedAt, take));
            m_feedAt += take;
            written += take;
        }
        return written;
    }
    // Checks that the data up to until (and the rest of a character there) is UTF-8 that YAML allows before
    // any of it is fed or stands behind a placeholder, while the scanner has just read it: one pass over a
    // large cassette less than checking it all beforehand. False, and nothing more is fed, at the first byte
    // libyaml would refuse.
    bool validate(qint64 until)
    {
        if (until <= m_validatedTo)
            return true;
        while (until < m_data.size() && (quint8(m_data[until]) & 0xc0) == 0x80)
            ++until;
        if (until < m_data.size() && m_data[until] == '\n' && m_data[until - 1] == '\r')
            ++until; // CR LF is one line break: counted in one range
        const QByteArrayView range = m_data.sliced(m_validatedTo, until - m_validatedTo);
        if (!findUnreadable(range).isEmpty()) {
            m_invalid = true;
            return false;
        }
        if (m_countNewlines)
            m_validatedNewlines += countNewlines(range); // while the bytes are in the caches (see parse())
        m_validatedTo = until;
        return true;
    }

public:
    // Whether the eliding input stopped at bytes libyaml refuses (not UTF-8, or characters YAML does not
    // allow: the reading must start again on a repaired copy), and how far it had checked the data.
    bool invalidInput() const { return m_invalid; }
    qint64 validatedTo() const { return m_validatedTo; }
    qint64 validatedNewlines() const { return m_validatedNewlines; }
    void countNewlinesToo() { m_countNewlines = true; }

private:
    static qint64 characters(QByteArrayView bytes)
    {
        qint64 count = bytes.size();
        qsizetype i = 0;
        for (; i + 8 <= bytes.size(); i += 8) {
            quint64 w;
            std::memcpy(&w, bytes.data() + i, 8);
            count -= continuationBytes(w);
        }
        for (; i < bytes.size(); ++i)
            count -= (quint8(bytes[i]) & 0xc0) == 0x80;
        return count;
    }

    // The scanner counts an interaction's lines from its first.
    static void relocate(Node &n, int firstLine)
    {
        n.line += firstLine;
        for (Node &item : n.items)
            relocate(item, firstLine);
    }

    static constexpr const char *PlaceholderTag = "!tapedeck/elided";
    QString m_origin;
    int m_lineOffset;
    bool m_summary;
    std::unique_ptr<yaml_parser_t, ParserDeleter> m_parser;
    yaml_event_t m_peek {};
    bool m_havePeek = false;
    bool m_ok = false;
    std::optional<Error> m_error;
    AnchorTable &m_anchors;
    AliasExpansion &m_expansion;
    EarlierAnchors m_earlier;
    bool m_missingAnchor = false;
    qint64 m_itemCopies = 0; // what the aliases' copies in the interaction being read cost
    ScalarArena m_arena;
    yaml_mark_t m_lastEnd {};
    // Eliding input.
    QByteArrayView m_data;
    cassettelayout::LayoutScanner *m_scanner = nullptr;
    qint64 m_feedAt = 0; // next byte of m_data to feed
    qint64 m_fedChars = 0;
    size_t m_fed = 0; // elisions fed so far
    QByteArray m_pending; // a placeholder being fed
    qsizetype m_pendingAt = 0;
    bool m_pendingInteraction = false;
    qint64 m_validatedTo = 0;
    qint64 m_validatedNewlines = 0;
    bool m_countNewlines = false;
    bool m_invalid = false;
    size_t m_consumed = 0; // placeholders read as the bodies they stand for
    bool m_misread = false;
    std::vector<Shift> m_shifts;
    qint64 m_itemNext = -1;
    std::vector<RunItem> m_run;
    size_t m_runNext = 0;
};

// A node as Python's json.dumps writes the value PyYAML loads from it (YAML 1.1 plain scalars resolve
// to null, booleans and numbers), appended to out: one buffer for the whole tree, however deep.
void appendPythonJson(const Node &n, QByteArray &out)
{
    if (n.type == Node::Type::Mapping) {
        out += '{';
        for (size_t i = 0; i + 1 < n.items.size(); i += 2) {
            if (i > 0)
                out += ", ";
            out += PythonJson::quote(decodeUtf8(n.items[i].value)) + ": ";
            appendPythonJson(n.items[i + 1], out);
        }
        out += '}';
        return;
    }
    if (n.type == Node::Type::Sequence) {
        out += '[';
        for (size_t i = 0; i < n.items.size(); ++i) {
            if (i > 0)
                out += ", ";
            appendPythonJson(n.items[i], out);
        }
        out += ']';
        return;
    }
    if (n.isNull()) {
        out += "null";
        return;
    }
    if (n.plain && n.tag.isEmpty()) {
        static const QRegularExpression number(
            QStringLiteral("^[-+]?(?:[0-9][0-9_]*(?:\\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?|\\.[0-9]+)$"));
        const QString v = decodeUtf8(n.value);
        static const QStringList yes { QStringLiteral("true"), QStringLiteral("yes"), QStringLiteral("on") };
        static const QStringList no { QStringLiteral("false"), QStringLiteral("no"), QStringLiteral("off") };
        if (yes.contains(v, Qt::CaseInsensitive)) {
            out += "true";
            return;
        }
        if (no.contains(v, Qt::CaseInsensitive)) {
            out += "false";
            return;
        }
        if (number.match(v).hasMatch()) {
            out += n.value;
            return;
        }
    }
    out += PythonJson::quote(decodeUtf8(n.value));
}

// Turns a node into body bytes the way VCR.py does on load: str -> UTF-8, !!binary -> bytes, null -> None,
// and the Python-specific wrappers of older versions read as plain data. size receives the body's size
// even where summary mode left the bytes out.
std::optional<QByteArray> bodyBytes(const Node &n, QStringList &warnings, qint64 &size, int depth = 0)
{
    if (depth > 8)
        return QByteArray();
    if (n.type == Node::Type::Scalar) {
        if (n.isNull() && n.elidedSize < 0)
            return std::nullopt;
        const bool binary = n.hasTag(TagBinary) || n.hasTag(TagPythonBytes);
        if (!binary && !n.tag.isEmpty() && !n.hasTag(TagStr) && !n.hasTag(TagPythonStr)
            && !n.hasTag(TagPythonUnicode))
            warnings.append(CassetteParser::tr("unknown tag %1 on a body (line %2), read as text")
                                .arg(decodeUtf8(n.tag))
                                .arg(n.line));
        if (n.elidedSize >= 0) {
            size += n.elidedSize;
            return QByteArray();
        }
        // Copied out of the arena: the body outlives the node.
        QByteArray bytes
            = binary ? QByteArray::fromBase64(n.value) : QByteArray(n.value.constData(), n.value.size());
        size += bytes.size();
        return bytes;
    }
    if (n.hasTag(TagIter)) {
        // builtins.iter(args=[[chunk, chunk, …]]): the body is the chunks concatenated.
        QByteArray joined;
        const Node *args = n.type == Node::Type::Mapping ? n.get("args") : &n;
        const std::function<void(const Node &)> collect = [&](const Node &c) {
            if (c.type == Node::Type::Scalar) {
                if (const std::optional<QByteArray> b = bodyBytes(c, warnings, size, depth + 1))
                    joined.append(*b);
                return;
            }
            for (const Node &item : c.items)
                collect(item);
        };
        if (args)
            collect(*args);
        return joined;
    }
    if (n.hasTag(TagBytesIO)) {
        // _io.BytesIO(initial_value) pickled as args or state: the first bytes/str scalar is the content.
        for (const char *key : { "args", "state", "listitems" }) {
            const Node *part = n.get(key);
            if (!part)
                continue;
            if (part->type == Node::Type::Scalar)
                return bodyBytes(*part, warnings, size, depth + 1);
            for (const Node &item : part->items) {
                if (item.type == Node::Type::Scalar && (!item.isNull() || item.elidedSize >= 0)
                    && (item.hasTag(TagBinary) || !item.plain || item.tag.isEmpty()))
                    return bodyBytes(item, warnings, size, depth + 1);
            }
        }
        warnings.append(CassetteParser::tr("an io.BytesIO body without content (line %1)").arg(n.line));
        return QByteArray();
    }
    if (n.type == Node::Type::Mapping) {
        if (!n.tag.isEmpty()) // e.g. !!python/object:os.system: shown as data, never constructed
            warnings.append(CassetteParser::tr("unknown tag %1 on a body (line %2), read as data")
                                .arg(decodeUtf8(n.tag))
                                .arg(n.line));
        if (const Node *s = n.get("string"))
            return bodyBytes(*s, warnings, size, depth + 1);
        if (n.items.empty())
            return QByteArray();
        // aiohttp's recorder stores a JSON request body as the data itself: show it as JSON text, the
        // way Python's json.dumps writes it (the original bytes are not in the cassette).
        QByteArray json;
        appendPythonJson(n, json);
        size += json.size();
        return json;
    }
    if (!n.tag.isEmpty() && !n.hasTag(TagPythonTuple))
        warnings.append(CassetteParser::tr("unknown tag %1 on a body (line %2), read as data")
                            .arg(decodeUtf8(n.tag))
                            .arg(n.line));
    QByteArray joined; // a sequence of chunks
    for (const Node &item : n.items) {
        if (const std::optional<QByteArray> b = bodyBytes(item, warnings, size, depth + 1))
            joined.append(*b);
    }
    return joined;
}

// Header names and most header values repeat from one interaction to the next (Content-Type, User-Agent,
// Server, …): their QString is shared instead of converted and allocated again. A direct-mapped table; a
// text is entered the second time its slot sees it, so values that never repeat (request ids) cost only a
// hash.
class TextCache
{
public:
    QString text(const QByteArray &utf8)
    {
        if (utf8.isEmpty() || utf8.size() > MaxLength)
            return decodeUtf8(utf8);
        const size_t h = hash(utf8);
        Entry &e = m_entries[h % Slots];
        if (e.hash == h && e.bytes == utf8)
            return e.text;
        if (e.seen != h) {
            e.seen = h;
            return decodeUtf8(utf8);
        }
        e.hash = h;
        e.bytes = QByteArray(utf8.constData(), utf8.size()); // the node's bytes may not outlive it
        e.text = decodeUtf8(utf8);
        return e.text;
    }

private:
    // Only picks a slot (equal bytes are checked): the length and the first and last eight bytes.
    static size_t hash(const QByteArray &utf8)
    {
        const qsizetype n = utf8.size();
        quint64 head = 0;
        quint64 tail = 0;
        std::memcpy(&head, utf8.constData(), size_t(std::min<qsizetype>(n, 8)));
        if (n > 8)
            std::memcpy(&tail, utf8.constData() + n - 8, 8);
        const quint64 mixed = (head * 0x9e3779b97f4a7c15ull) ^ (tail * 0xc2b2ae3d27d4eb4full) ^ quint64(n);
        return size_t(mixed ^ (mixed >> 29));
    }
    static constexpr qsizetype MaxLength = 96;
    static constexpr size_t Slots = 512;
    struct Entry
    {
        size_t hash = 0;
        size_t seen = 0;
        QByteArray bytes;
        QString text;
    };
    std::array<Entry, Slots> m_entries;
};

// text(n), shared through the cache when there is one.
QString text(const Node &n, TextCache *cache)
{
    return cache ? cache->text(n.value) : text(n);
}

QString scalarText(const Node &n, TextCache *cache)
{
    if (n.type == Node::Type::Scalar && (n.hasTag(TagBinary) || n.hasTag(TagPythonBytes)))
        return decodeUtf8(QByteArray::fromBase64(n.value));
    return text(n, cache);
}

QList<HttpHeader> headers(const Node *n, QStringList &warnings, TextCache *cache)
{
    QList<HttpHeader> list;
    if (!n || n->isNull())
        return list;
    list.reserve(qsizetype(n->items.size())); // at least one per name, mostly exactly
    if (n->type == Node::Type::Sequence) {
        // Tornado's shape: a list of (name, values) pairs.
        for (const Node &pair : n->items) {
            if (pair.type != Node::Type::Sequence || pair.items.size() != 2) {
                warnings.append(CassetteParser::tr("a header entry that is not a name/value pair (line %1)")
                                    .arg(pair.line));
                continue;
            }
            const Node &value = pair.items[1];
            if (value.type == Node::Type::Scalar)
                list.append({ scalarText(pair.items[0], cache), scalarText(value, cache) });
            for (const Node &v : value.items)
                list.append({ scalarText(pair.items[0], cache), scalarText(v, cache) });
        }
        return list;
    }
    if (n->type != Node::Type::Mapping) {
        warnings.append(CassetteParser::tr("headers are not a mapping (line %1)").arg(n->line));
        return list;
    }
    for (size_t i = 0; i + 1 < n->items.size(); i += 2) {
        const QString name = scalarText(n->items[i], cache);
        const Node &value = n->items[i + 1];
        if (value.type == Node::Type::Scalar) {
            list.append({ name, scalarText(value, cache) });
            continue;
        }
        for (const Node &v : value.items) // a list, or a !!python/tuple of values
            list.append({ name, scalarText(v, cache) });
    }
    return list;
}

struct BodySizes
{
    qint64 request = -1; // -1: no body (null)
    qint64 response = -1;
};

HttpExchange interpret(const Node &item, BodySizes &sizes, TextCache *cache = nullptr)
{
    HttpExchange x;
    if (item.type != Node::Type::Mapping) {
        x.warnings.append(CassetteParser::tr("interaction at line %1 is not a mapping").arg(item.line));
        return x;
    }
    const Node *request = item.get("request");
    const Node *response = item.get("response");
    if (!request || request->type != Node::Type::Mapping)
        x.warnings.append(CassetteParser::tr("interaction at line %1 has no request").arg(item.line));
    if (!response || response->type != Node::Type::Mapping)
        x.warnings.append(CassetteParser::tr("interaction at line %1 has no response").arg(item.line));

    if (request && request->type == Node::Type::Mapping) {
        if (const Node *m = request->get("method"))
            x.method = text(*m, cache).toUpper();
        if (const Node *u = request->get("uri"); u && !u->isNull()) {
            x.uri = text(*u);
        } else if (const Node *url = request->get("url")) {
            x.uri = text(*url);
        } else if (const Node *host = request->get("host")) {
            // VCR.py 0.x stored the parts.
            const Node *protocol = request->get("protocol");
            const Node *port = request->get("port");
            const Node *path = request->get("path");
            x.uri = (protocol ? text(*protocol) : QStringLiteral("http")) + QLatin1String("://") + text(*host)
                + (port && !port->isNull() ? QLatin1Char(':') + text(*port) : QString())
                + (path ? text(*path) : QString());
        }
        if (x.method.isEmpty())
            x.warnings.append(CassetteParser::tr("the request has no method"));
        if (x.uri.isEmpty())
            x.warnings.append(CassetteParser::tr("the request has no URI"));
        x.requestHeaders = headers(request->get("headers"), x.warnings, cache);
        if (const Node *b = request->get("body")) {
            qint64 size = 0;
            x.requestBody = bodyBytes(*b, x.warnings, size);
            sizes.request = x.requestBody ? size : -1;
        }
    }
    if (response && response->type == Node::Type::Mapping) {
        if (const Node *status = response->get("status")) {
            if (status->type == Node::Type::Mapping) {
                if (const Node *code = status->get("code"))
                    x.status = text(*code).toInt();
                if (const Node *message = status->get("message"); message && !message->isNull())
                    x.statusMessage = text(*message, cache);
            } else {
                x.status = text(*status).toInt();
            }
        } else if (const Node *code = response->get("status_code")) { // the httpx shape
            x.status = text(*code).toInt();
        }
        if (x.status == 0)
            x.warnings.append(CassetteParser::tr("the response has no status code"));
        if (const Node *version = response->get("http_version"))
            x.httpVersion = text(*version);
        x.responseHeaders = headers(response->get("headers"), x.warnings, cache);
        const Node *b = response->get("body");
        if (!b)
            b = response->get("content"); // the httpx shape
        if (b) {
            qint64 size = 0;
            x.responseBody = bodyBytes(*b, x.warnings, size);
            sizes.response = x.responseBody ? size : -1;
        }
    }
    for (const qint64 size : { sizes.request, sizes.response }) {
        if (size > LargeBody)
            x.warnings.append(CassetteParser::tr("a body of %1 MiB").arg(size >> 20));
    }
    return x;
}

// Where the snippet for an item starts: block-style items begin at their line's "- ", flow-style items
// exactly at their '{'.
// floor: where the item may start at the earliest (the end of the one before it).
qint64 snippetStart(QByteArrayView data, qint64 itemByte, qint64 floor)
{
    // Never further back than floor: items of a flow list on one long line would each walk back to its
    // start (quadratic in the line's length).
    const auto lineStartOf = [&data, floor](qint64 at) { // a lone CR breaks lines too
        while (at > floor && at > 0 && data[at - 1] != '\n' && data[at - 1] != '\r')
            --at;
        return at;
    };
    qint64 lineStart = lineStartOf(itemByte);
    for (qint64 i = lineStart; i < itemByte; ++i) {
        if (data[i] != ' ' && data[i] != '-')
            return itemByte;
    }
    // The item's '-' may stand alone on a line above, its value below ("-\n  - x": a list in a list):
    // the item starts there, else its text read alone would be another structure.
    for (qint64 at = lineStart; at > floor;) {
        const qint64 previous = lineStartOf(at - 1);
        if (previous < floor)
            break;
        const QByteArrayView line = data.sliced(previous, at - 1 - previous);
        if (!std::all_of(line.begin(), line.end(), [](char c) { return c == ' ' || c == '-' || c == '\r'; }))
            break;
        if (line.contains('-'))
            lineStart = previous;
        at = previous;
    }
    return lineStart;
}

} // namespace

namespace {

qint64 countNewlines(QByteArrayView data);
qint64 countLineFeeds(QByteArrayView data);

// Reads one stretch of a cassette: the whole document, or (when split for two threads) a run of its
// interactions. Byte offsets and lines it reports are absolute.
struct RangeReader
{
    QByteArrayView data; // the stretch
    qint64 baseByte = 0; // where it starts in the whole cassette
    int baseLine = 0;
    QString origin;
    bool summary = false;
    QList<qint64> invalid; // offsets of unreadable bytes in data (findUnreadable), found by run()
    std::function<bool(CassetteInteraction &&)> handler;
    CassetteParser::Preparer prepare;
    std::function<bool(qint64)> progress; // bytes read so far in this stretch; false to cancel

    CassetteSummary result;
    qsizetype nextInvalid = 0;
    qint64 restartAt = -1; // where reading must start again without elisions
    TextCache texts;
    // Lines counted from the stretch's first line instead of the cassette's (baseLine unknown yet): the
    // interactions' lines are corrected later; text that quotes lines (warnings, a fault) sets needsLines,
    // and the stretch is then read again with its real baseLine.
    bool linesRelative = false;
    bool needsLines = false;
    qint64 newlines = -1; // line breaks in data, when the reading checked all of it (else -1); counted when
                          // set to 0 before run()
    // The anchors defined so far in the document (the stretches' before this one, then its own) and the
    // copies its aliases made, both as of the last commit(), the end of the last item read: reading again
    // from there starts from what rollback() restores.
    AnchorTable anchors {};
    AliasExpansion expansion { 0 }; // set to the whole document's budget before run()
    qint64 committedSpent = 0;
    // A stretch after the document's start read before the anchors defined ahead of it are known: an alias
    // to one of them stops it and sets needsAnchors, and it is read again with them.
    bool partial = false;
    bool needsAnchors = false;
    qsizetype alreadyDelivered = 0; // items to read without handing them over (read again from the start)
    QByteArrayView original = {}; // data as run() found it, before unreadable bytes were replaced

    enum class Outcome { Done, Stopped, Restart };

    void commit()
    {
        anchors.commit();
        committedSpent = expansion.spent();
    }
    void rollback()
    {
        anchors.rollback();
        expansion.setSpent(committedSpent);
    }

    // Streams the items of the sequence whose start event is next. The events are parsed from source,
    // which starts at data[offset] (or stands for data from there on, with a different first line).
    Outcome streamItems(EventStream &events, CharCursor &cursor, QByteArrayView source, qint64 offset)
    {
        // Where reading may start again: the list's start (its first '-' in block style), then the end of the
        // last item read.
        qint64 resume = offset + cursor.byteFor(qint64(events.peek()->start_mark.index));
        events.skip(); // SEQUENCE_START of the interactions
        commit();
        for (;;) {
            if (events.hasRunItem()) {
                EventStream::RunItem run = events.takeRunItem();
                resume = offset + run.next;
                if (!deliver(events, run.node, offset + run.lineStart, run.line, resume, false))
                    return Outcome::Stopped;
                continue;
            }
            const yaml_event_t *e = events.peek();
            if (events.invalidInput()) { // libyaml's input stopped short of bytes it refuses
                restartAt = resume;
                return Outcome::Restart;
            }
            if (!e && events.eliding()) { // libyaml reads ahead: the fault may lie in a misread placeholder
                restartAt = resume;
                return Outcome::Restart;
            }
            if (!e)
                return Outcome::Stopped;
            if (e->type == YAML_SEQUENCE_END_EVENT) {
                events.skip();
                return Outcome::Done;
            }
            const qint64 beginByte
                = offset + snippetStart(source, cursor.byteFor(qint64(e->start_mark.index)), resume - offset);
            const int line = events.lineOf(e->start_mark);
            events.resetArena();
            events.beginItem();
            const qint64 definitions = anchors.definitions();
            std::optional<Node> item = events.node(ItemDepth, BodyPath::Elsewhere, true);
            if (events.eliding()
                && (!item || events.misread(qint64(events.lastEnd().index)) || events.invalidInput())) {
                restartAt = beginByte;
                return Outcome::Restart;
            }
            if (!item) {
                needsAnchors = partial && events.missingAnchor();
                return Outcome::Stopped;
            }
            commit();
            const qint64 itemNext = events.takeItemNext();
            resume = offset + (itemNext >= 0 ? itemNext : cursor.byteFor(qint64(events.lastEnd().index)));
            if (!deliver(events, *item, beginByte, line, resume, anchors.definitions() != definitions))
                return Outcome::Stopped;
        }
    }

    // Interprets an item read from [beginByte, endByte) of the stretch and hands it over; false to stop.
    bool deliver(
        EventStream &events, Node &item, qint64 beginByte, int line, qint64 endByte, bool definesAnchors)
    {
        if (alreadyDelivered > 0) { // read again from the start: handed over before
            --alreadyDelivered;
            ++result.interactions;
            events.recycle(std::move(item));
            while (nextInvalid < invalid.size() && invalid.at(nextInvalid) < endByte)
                ++nextInvalid;
            return reportProgress(endByte);
        }
        CassetteInteraction interaction;
        interaction.index = result.interactions;
        interaction.line = line;
        interaction.definesAnchors = definesAnchors;
        interaction.begin = baseByte + beginByte;
        interaction.end = baseByte + endByte;
        BodySizes sizes;
        interaction.exchange = interpret(item, sizes, &texts);
        if (linesRelative && !interaction.exchange.warnings.isEmpty())
            needsLines = true;
        events.recycle(std::move(item));
        interaction.requestBodySize = sizes.request;
        interaction.responseBodySize = sizes.response;
        while (nextInvalid < invalid.size() && baseByte + invalid.at(nextInvalid) < interaction.end) {
            const qint64 at = baseByte + invalid.at(nextInvalid);
            const QString warning = unreadableWarning(original, invalid, nextInvalid, baseByte);
            if (at >= interaction.begin)
                interaction.exchange.warnings.append(warning);
        }
        ++result.interactions;
        if (prepare)
            prepare(interaction);
        if (!handler(std::move(interaction))) {
            result.cancelled = true;
            return false;
        }
        return reportProgress(interaction.end - baseByte);
    }

    // Every 64 interactions (handed over or read again): the progress callback, which may cancel.
    bool reportProgress(qint64 byte)
    {
        if (progress && (result.interactions & 63) == 0 && !progress(byte)) {
            result.cancelled = true;
            return false;
        }
        return true;
    }

    // Reads a cassette document (or a stretch of one) from its first event.
    Outcome readDocument(EventStream &events, CharCursor &cursor, QByteArrayView source, qint64 offset)
    {
        for (int i = 0; i < 2; ++i) { // stream start, document start
            const yaml_event_t *e = events.peek();
            if (!e)
                return Outcome::Stopped;
            if (e->type == YAML_STREAM_END_EVENT) {
                result.warnings.append(CassetteParser::tr("%1 is empty").arg(origin));
                return Outcome::Done;
            }
            events.skip();
        }
        const yaml_event_t *root = events.peek();
        if (!root)
            return Outcome::Stopped;
        if (root->type == YAML_SEQUENCE_START_EVENT) // a bare list: very old cassettes, or a split stretch
            return streamItems(events, cursor, source, offset);
        if (root->type != YAML_MAPPING_START_EVENT) {
            result.fault = makeError(ErrorCode::InvalidInput,
                CassetteParser::tr("%1 is not a VCR.py cassette (no \"interactions\")").arg(origin));
            return Outcome::Stopped;
        }
        events.skip();
        bool sawInteractions = false;
        for (;;) {
            const yaml_event_t *e = events.peek();
            if (!e)
                return Outcome::Stopped;
            if (e->type == YAML_MAPPING_END_EVENT)
                break;
            std::optional<Node> key = events.node(TopLevelDepth);
            if (!key)
                return Outcome::Stopped;
            const yaml_event_t *value = events.peek();
            if (!value)
                return Outcome::Stopped;
            if (key->value == "interactions" && value->type == YAML_SEQUENCE_START_EVENT) {
                sawInteractions = true;
                const Outcome outcome = streamItems(events, cursor, source, offset);
                if (outcome != Outcome::Done)
                    return outcome;
                continue;
            }
            std::optional<Node> v = events.node(TopLevelDepth);
            if (!v)
                return Outcome::Stopped;
            if (key->value == "version")
                result.version = text(*v).toInt();
            else if (key->value == "interactions" && !v->isNull())
                result.warnings.append(CassetteParser::tr("%1: \"interactions\" is not a list").arg(origin));
        }
        if (!sawInteractions)
            result.warnings.append(CassetteParser::tr("%1 has no interactions").arg(origin));
        return Outcome::Done;
    }

    CassetteSummary finish(const EventStream &events)
    {
        if (events.error() && !result.fault)
            result.fault = *events.error();
        if (linesRelative && result.fault)
            needsLines = true;
        return result;
    }

    CassetteSummary run()
    {
        // Summary reading measures the large response bodies of block-style cassettes (what VCR.py writes)
        // without libyaml, and checks the UTF-8 as it goes (see EventStream::validate()).
        original = data;
        const bool eliding = summary && (data.startsWith("interactions:\n- ") || data.startsWith("- "));
        QByteArray patched;
        if (!eliding) {
            invalid = findUnreadable(data);
            if (!invalid.isEmpty()) {
                patched = repaired(data, invalid);
                data = patched;
            }
        }
        std::optional<cassettelayout::LayoutScanner> scanner;
        if (eliding)
            scanner.emplace(data, qint64(ElideAbove));
        EventStream events(
            data, origin, anchors, expansion, baseLine, summary, scanner ? &*scanner : nullptr);
        const bool countedNewlines = newlines == 0;
        if (countedNewlines)
            events.countNewlinesToo();
        newlines = -1;
        CharCursor cursor(data, scanner ? &scanner->elisions() : nullptr);
        const QStringList warningsBefore = result.warnings;
        const AnchorTable anchorsAtStart = anchors;
        const qint64 spentAtStart = expansion.spent();
        const Outcome outcome = readDocument(events, cursor, data, 0);
        if (eliding && events.invalidInput()) {
            // Bytes libyaml refuses: everything up to them has been delivered; read on from there on a
            // repaired copy, as a full reading would have read it. Met outside the interactions list (no
            // restartAt), before or after it, the whole document is read again.
            result.warnings = warningsBefore;
            invalid = findUnreadable(data);
            patched = repaired(data, invalid);
            data = patched;
        } else if (eliding && events.validatedTo() < data.size()) {
            // Reading stopped early (a fault, cancelled): the invalid bytes past it are still counted.
            const qint64 from = events.validatedTo();
            for (const qint64 offset : findUnreadable(data.sliced(from)))
                invalid.append(from + offset);
        }
        if (outcome != Outcome::Restart && !(eliding && events.invalidInput())) {
            if (eliding && events.validatedTo() == data.size() && countedNewlines)
                newlines = events.validatedNewlines();
            return finish(events);
        }

        // libyaml did not read a placeholder as the body it stood for: read on from the interaction
        // where that happened without elisions (a copy with the header when the document has one).
        // libyaml alone reads it now: its unreadable bytes are '?' first, as in a full reading.
        if (patched.isEmpty() && !invalid.isEmpty()) {
            patched = repaired(data, invalid);
            data = patched;
        }
        QByteArrayView rest = restartAt >= 0 ? data.sliced(restartAt) : QByteArrayView();
        if (!(rest.startsWith("- ") || rest.startsWith("-\n") || rest.startsWith("-\r\n") || rest == "-")) {
            // Not at an item (outside the list, or the YAML broke between items): read alone, the rest
            // would be another document. The whole stretch is read again without elisions, as a full
            // reading reads it, and what was handed over already is not handed over twice.
            alreadyDelivered = result.interactions;
            result = CassetteSummary {};
            result.warnings = warningsBefore;
            nextInvalid = 0;
            anchors = anchorsAtStart;
            expansion.setSpent(spentAtStart);
            commit();
            EventStream whole(data, origin, anchors, expansion, baseLine, summary);
            CharCursor cursorWhole(data);
            readDocument(whole, cursorWhole, data, 0);
            return finish(whole);
        }
        qint64 offset = restartAt;
        int line = baseLine + int(countNewlines(data.first(restartAt)));
        QByteArray copy;
        if (data.startsWith("interactions:\n")) {
            copy = "interactions:\n" + rest.toByteArray();
            rest = copy;
            offset -= qsizetype(qstrlen("interactions:\n"));
            line -= 1;
        }
        rollback(); // the item read again defines its anchors again
        EventStream again(rest, origin, anchors, expansion, line, summary);
        CharCursor cursorAgain(rest);
        readDocument(again, cursorAgain, rest, offset);
        return finish(again);
    }
};

// A block-style cassette (PyYAML's default) lists its interactions as lines starting with "- " at
// column 0. Finds such a line near the middle, or -1 when the layout is anything else (flow style,
// indented lists).
qint64 findMiddleItem(QByteArrayView data)
{
    if (!data.startsWith("interactions:\n- "))
        return -1;
    const char *begin = data.data();
    const qint64 size = data.size();
    for (qint64 at = size / 2; at < size;) {
        const void *nl = std::memchr(begin + at, '\n', size_t(size - at));
        if (!nl)
            return -1;
        at = static_cast<const char *>(nl) - begin + 1;
        if (at + 2 <= size && begin[at] == '-' && begin[at + 1] == ' ')
            return at;
    }
    return -1;
}

// The line breaks libyaml counts besides line feeds: a CR not followed by LF, NEL (U+0085), LS (U+2028),
// PS (U+2029). Only bytes CR, 0xC2 and 0xE2 can start one: blocks without them are skipped sixteen bytes
// at a time.
qint64 countOtherBreaks(QByteArrayView data)
{
    const auto *p = reinterpret_cast<const quint8 *>(data.data());
    const qint64 n = data.size();
    qint64 count = 0;
    const auto at = [&](qint64 i) {
        if (p[i] == '\r')
            return i + 1 >= n || p[i + 1] != '\n';
        if (p[i] == 0xc2)
            return i + 1 < n && p[i + 1] == 0x85;
        if (p[i] == 0xe2)
            return i + 2 < n && p[i + 1] == 0x80 && (p[i + 2] == 0xa8 || p[i + 2] == 0xa9);
        return false;
    };
    qint64 i = 0;
#ifdef __SSE2__
    const __m128i cr = _mm_set1_epi8('\r');
    const __m128i c2 = _mm_set1_epi8(char(0xc2));
    const __m128i e2 = _mm_set1_epi8(char(0xe2));
    for (; i + 16 <= n; i += 16) {
        const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p + i));
        unsigned mask = unsigned(_mm_movemask_epi8(
            _mm_or_si128(_mm_cmpeq_epi8(x, cr), _mm_or_si128(_mm_cmpeq_epi8(x, c2), _mm_cmpeq_epi8(x, e2)))));
        while (mask) {
            count += at(i + __builtin_ctz(mask));
            mask &= mask - 1;
        }
    }
#endif
    for (; i < n; ++i)
        count += at(i);
    return count;
}

// Line breaks in data as libyaml counts them (its lines are the ones faults and warnings quote): line feeds
// sixteen bytes at a time, each byte lane counting its matches (up to 255 rounds before the lanes are
// summed), then the rest one by one; then the other breaks.
qint64 countNewlines(QByteArrayView data)
{
    return countLineFeeds(data) + countOtherBreaks(data);
}

qint64 countLineFeeds(QByteArrayView data)
{
    const auto *p = reinterpret_cast<const quint8 *>(data.data());
    const qint64 n = data.size();
    qint64 count = 0;
    qint64 i = 0;
#ifdef __SSE2__
    const __m128i newline = _mm_set1_epi8('\n');
    const __m128i zero = _mm_setzero_si128();
    while (i + 16 <= n) {
        const qint64 rounds = std::min<qint64>((n - i) / 16, 255);
        __m128i lanes = zero;
        for (qint64 r = 0; r < rounds; ++r, i += 16)
            lanes = _mm_sub_epi8(lanes, _mm_cmpeq_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i *>(p + i)), newline));
        const __m128i sums = _mm_sad_epu8(lanes, zero);
        count += _mm_cvtsi128_si64(sums) + _mm_cvtsi128_si64(_mm_unpackhi_epi64(sums, sums));
    }
#endif
    for (; i < n; ++i)
        count += p[i] == '\n';
    return count;
}

// Where the list ends: the trailing column-0 lines that are not items ("version: 1"), found by walking
// back from the end of the file instead of scanning the whole second half.
qint64 findListEnd(QByteArrayView data, qint64 from)
{
    qint64 end = data.size();
    qint64 lineEnd = data.size();
    while (lineEnd > from) {
        qint64 lineStart = lineEnd;
        while (lineStart > from && data[lineStart - 1] != '\n')
            --lineStart;
        const QByteArrayView line = data.sliced(lineStart, lineEnd - lineStart);
        const bool blank = line.trimmed().isEmpty();
        if (!blank && (line.startsWith(' ') || line.startsWith("- ") || line.startsWith('-')))
            break; // the last line of the last interaction
        if (!blank)
            end = lineStart;
        lineEnd = lineStart > from ? lineStart - 1 : from;
    }
    return end;
}

} // namespace

CassetteSummary CassetteParser::parse(const QByteArray &yaml, const QString &origin, const Handler &handler,
    ProgressReporter *progress, Mode mode, const Preparer &prepare)
{
    std::atomic<qint64> secondDone { 0 };
    std::atomic<bool> stop { false };
    const qint64 middle
        = mode == Mode::Summary && yaml.size() >= ParallelAbove && std::thread::hardware_concurrency() > 1
        ? findMiddleItem(yaml)
        : -1;
    const auto report = [&](qint64 firstDone) {
        if (!progress)
            return true;
        progress->setProgress(firstDone + secondDone.load(), yaml.size());
        if (progress->isCancelled())
            stop = true;
        return !stop.load();
    };
    const auto finish = [&origin](CassetteSummary s, std::initializer_list<const RangeReader *> readers) {
        UnreadableCount count;
        for (const RangeReader *r : readers)
            countUnreadable(r->original, r->invalid, count);
        if (count.controls > 0)
            s.warnings.prepend(
                tr("%1 holds %n character(s) YAML does not allow, shown as '?'", nullptr,
                    int(count.controls))
                    .arg(origin));
        if (count.invalidBytes > 0)
            s.warnings.prepend(
                tr("%1 holds %n byte(s) of invalid UTF-8, shown as '?'", nullptr, int(count.invalidBytes))
                    .arg(origin));
        return s;
    };

    if (middle < 0) {
        RangeReader whole { yaml, 0, 0, origin, mode == Mode::Summary, {}, handler, prepare, report, {}, 0,
            -1, {}, false, false, -1 };
        whole.expansion = AliasExpansion(yaml.size());
        CassetteSummary summary = whole.run();
        return finish(summary, { &whole });
    }

    // Two stretches on two threads: the first delivers live, the second's (small, summary-mode) records
    // wait until the first is done, so the handler still sees interactions in cassette order.
    const QByteArrayView all(yaml);
    std::vector<CassetteInteraction> later;
    qint64 listEnd = all.size();
    bool rereading = false; // the second stretch is read again on this thread
    RangeReader second { {}, middle, 0, origin, true, {},
        [&later](CassetteInteraction &&i) {
            later.push_back(std::move(i));
            return true;
        },
        prepare,
        [&](qint64 done) {
            secondDone = done;
            // Read again on the calling thread, after the first stretch: progress and cancellation as there.
            return rereading ? report(middle) : !stop.load();
        },
        {}, 0, -1, {}, true, false, -1 };
    second.expansion = AliasExpansion(yaml.size());
    second.partial = true;
    CassetteSummary secondSummary;
    // Reads the second stretch again with its real first line, after the anchors and aliases' copies given.
    const auto readSecondAgain
        = [&](int baseLine, const AnchorTable &anchors, const AliasExpansion &expansion) {
              later.clear();
              second.anchors = anchors;
              second.expansion = expansion;
              second.data = all.sliced(middle, listEnd - middle);
              second.baseLine = baseLine;
              second.linesRelative = false;
              second.needsLines = false;
              second.needsAnchors = false;
              second.result = {};
              second.invalid.clear();
              second.nextInvalid = 0;
              second.restartAt = -1;
              second.alreadyDelivered = 0;
              second.commit();
              secondSummary = second.run();
          };
    std::thread worker([&] {
        // Everything the second stretch needs is found here, off the delivering thread. Its first line is
        // not known yet (counting the first half's line feeds would be a pass over half the cassette): it
        // reads with lines counted from its own start, and again with the real ones only if it quoted a
        // line somewhere (and will not be read again for the first stretch's anchors anyway).
        listEnd = findListEnd(all, middle);
        second.data = all.sliced(middle, listEnd - middle);
        secondSummary = second.run();
        if (second.needsLines && !second.needsAnchors && !stop.load())
            readSecondAgain(
                int(countNewlines(all.first(middle))), AnchorTable(), AliasExpansion(yaml.size()));
    });
    RangeReader first { all.first(middle), 0, 0, origin, true, {}, handler, prepare, report, {}, 0, -1, {},
        false, false, 0 };
    first.expansion = AliasExpansion(yaml.size());
    CassetteSummary summary = first.run();
    if (summary.fault || summary.cancelled)
        stop = true;
    worker.join();
    if (summary.fault || summary.cancelled)
        return finish(summary, { &first, &second });
    // The second stretch was read without the anchors the first one defined, and counted only its own
    // aliases' copies: it is read again, after the first, when it used one of those anchors, when the first
    // one's anchors hold copies, or when the two together copied more than one document may (to stop where
    // a single reading stops). VCR.py's anchors are rare; such cassettes are read on one thread.
    if (second.needsAnchors || first.anchors.copies() > 0
        || first.expansion.spent() + second.expansion.spent() > first.expansion.budgetInAll()) {
        second.partial = false;
        rereading = true;
        readSecondAgain(first.newlines >= 0 ? int(first.newlines) : int(countNewlines(all.first(middle))),
            first.anchors, first.expansion);
    }
    // The version key follows the list.
    const QByteArrayView tail = all.sliced(listEnd);
    if (tail.startsWith("version:"))
        summary.version
            = tail.sliced(8, std::min<qsizetype>(tail.size() - 8, 16)).toByteArray().trimmed().toInt();
    // The first stretch counted its line breaks while checking its bytes (when it read them all).
    const int secondBase = !second.linesRelative ? 0
        : first.newlines >= 0                    ? int(first.newlines)
                                                 : int(countNewlines(all.first(middle)));
    for (CassetteInteraction &i : later) {
        i.index = summary.interactions++;
        i.line += secondBase;
        if (!handler(std::move(i))) {
            summary.cancelled = true;
            break;
        }
    }
    summary.fault = secondSummary.fault;
    summary.cancelled = summary.cancelled || secondSummary.cancelled;
    summary.warnings += secondSummary.warnings;
    return finish(summary, { &first, &second });
}

namespace {

// The item a stretch cut out of a cassette holds, as parse() reports them: a block-style item with its "- "
// (a list of one), a flow-style one from its '{'.
std::optional<Node> readItem(EventStream &events)
{
    for (int i = 0; i < 2; ++i) { // stream and document start
        if (!events.peek())
            return std::nullopt;
        events.skip();
    }
    const yaml_event_t *root = events.peek();
    if (!root)
        return std::nullopt;
    if (root->type == YAML_SEQUENCE_START_EVENT)
        events.skip();
    return events.node(ItemDepth);
}

// The bytes [begin, end) of a cassette as libyaml reads them: invalid UTF-8 replaced by '?' (invalid
// receives the offsets, from begin).
QByteArray stretch(const QByteArray &yaml, qint64 begin, qint64 end, QList<qint64> &invalid)
{
    QByteArray bytes = yaml.mid(begin, end - begin);
    invalid = findUnreadable(bytes);
    return invalid.isEmpty() ? bytes : repaired(bytes, invalid);
}

// The anchors an interaction read alone may use from before it in its cassette, read when it first uses one
// it does not define itself: from the interactions that define anchors (as parse() found them), in cassette
// order; else (they do not define it, or one of them cannot be read alone) from the whole cassette up to
// the interaction, which is what parse() read before it. Either reading counts its aliases' copies once,
// towards the interaction's expansion.
class EarlierAnchors
{
public:
    // realLines: count the lines of what is read in the whole cassette (else from each stretch's start).
    EarlierAnchors(const QByteArray &yaml, qint64 before, const QString &origin, AliasExpansion &expansion,
        const CassetteParser::AnchorSources &sources, bool realLines)
        : m_yaml(yaml)
        , m_before(before)
        , m_origin(origin)
        , m_expansion(expansion)
        , m_sources(sources)
        , m_realLines(realLines)
    { }

    const Anchor *find(const QByteArray &name)
    {
        for (;;) {
            if (const Anchor *a = m_table.find(name))
                return a;
            if (m_stage == Stage::Everything)
                return nullptr;
            m_table = AnchorTable();
            AliasExpansion read(m_yaml.size());
            if (m_stage == Stage::None && m_sources) {
                m_stage = Stage::Definers;
                if (!readDefiners(read)) {
                    m_table = AnchorTable();
                    read = AliasExpansion(m_yaml.size());
                    m_stage = Stage::Everything;
                    readEverything(read);
                }
            } else {
                m_stage = Stage::Everything;
                readEverything(read);
            }
            // This reading's copies replace the last one's.
            m_expansion.setSpent(m_expansion.spent() - m_cost + read.spent());
            m_cost = read.spent();
        }
    }

private:
    bool readDefiners(AliasExpansion &expansion)
    {
        qint64 counted = 0; // line feeds counted up to here
        qint64 lines = 0;
        for (const auto &[begin, end] : m_sources()) {
            if (begin >= m_before)
                continue;
            if (begin < counted || end > m_before || begin > end)
                return false;
            if (m_realLines)
                lines += countNewlines(QByteArrayView(m_yaml).sliced(counted, begin - counted));
            counted = begin;
            QList<qint64> invalid;
            const QByteArray bytes = stretch(m_yaml, begin, end, invalid);
            EventStream events(bytes, m_origin, m_table, expansion, int(lines));
            if (!readItem(events))
                return false;
        }
        return true;
    }
    void readEverything(AliasExpansion &expansion)
    {
        // The reading ends where the interaction starts: a fault there (an open flow collection) is no
        // fault of the cassette.
        RangeReader reader { QByteArrayView(m_yaml).first(m_before), 0, 0, m_origin, false, {},
            [](CassetteInteraction &&) { return true; }, {}, {}, {}, 0, -1, {}, false, false, -1 };
        reader.expansion = expansion;
        reader.run();
        m_table = std::move(reader.anchors);
        expansion = reader.expansion;
    }

    enum class Stage { None, Definers, Everything };
    const QByteArray &m_yaml;
    qint64 m_before;
    const QString &m_origin;
    AliasExpansion &m_expansion;
    const CassetteParser::AnchorSources &m_sources;
    bool m_realLines;
    AnchorTable m_table;
    Stage m_stage = Stage::None;
    qint64 m_cost = 0; // what the copies made reading m_table cost
};

} // namespace

Result<HttpExchange> CassetteParser::parseInteraction(
    const QByteArray &yaml, qint64 begin, qint64 end, const QString &origin, const AnchorSources &earlier)
{
    if (begin < 0 || end > yaml.size() || begin > end)
        return makeError(ErrorCode::InvalidInput,
            tr("%1: the interaction's position is outside the cassette").arg(origin));
    QList<qint64> invalid;
    const QByteArray snippet = stretch(yaml, begin, end, invalid);
    const auto read = [&](bool realLines) -> Result<HttpExchange> {
        const int firstLine = realLines ? int(countNewlines(QByteArrayView(yaml).first(begin))) : 0;
        AnchorTable anchors;
        AliasExpansion expansion(yaml.size());
        EarlierAnchors before(yaml, begin, origin, expansion, earlier, realLines);
        EventStream events(snippet, origin, anchors, expansion, firstLine);
        events.setEarlierAnchors([&before](const QByteArray &name) { return before.find(name); });
        const std::optional<Node> item = readItem(events);
        if (!item)
            return *events.error();
        BodySizes sizes;
        return interpret(*item, sizes);
    };
    // Messages and warnings quote lines of the whole cassette, as parse() counts them. Counting them is a
    // pass over everything before the interaction (a HAR export re-reads every one): lines are counted
    // from its start first, and the reading is made again with the real ones when something quotes one.
    Result<HttpExchange> x = read(false);
    if (!x || !x->warnings.isEmpty())
        x = read(true);
    if (!x)
        return x;
    const QByteArrayView original = QByteArrayView(yaml).sliced(begin, end - begin);
    for (qsizetype k = 0; k < invalid.size();)
        x->warnings.append(unreadableWarning(original, invalid, k, begin));
    return x;
}

} // namespace tapedeck
