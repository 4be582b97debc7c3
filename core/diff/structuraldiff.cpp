// SPDX-License-Identifier: MIT
// The field-level comparison: objects key by key, lists as multisets with DeepDiff's pairing of leftovers
// (closest first, rough distance below 0.3) and its merge of an added and a removed item at the same index
// into one changed value.
#include "core/diff/structuraldiff.h"

#include "core/common/utf8.h"

#include "core/diff/diffhash.h"
#include "core/diff/ignorematcher.h"

#include <QHash>

#include <algorithm>
#include <cmath>
#include <map>

namespace tapedeck {

namespace {

using Kind = FieldDifference::Kind;

QByteArray utf8(const QString &text)
{
    return toUtf8(text);
}

quint64 stringHash(const QString &text)
{
    const QByteArray bytes = utf8(text);
    return DiffHash::string(bytes.constData(), size_t(bytes.size()));
}

// The matcher is consulted only while some rule is alive below the current place.
quint64 hashValue(const JsonValue &v, IgnoreMatcher *m)
{
    const bool ruled = m && m->alive();
    switch (v.type()) {
    case JsonValue::Type::Null:
        return DiffHash::mix(DiffHash::NullTag);
    case JsonValue::Type::Bool:
        return DiffHash::mix(v.toBool() ? DiffHash::TrueTag : DiffHash::FalseTag);
    case JsonValue::Type::Integer: {
        const QByteArray digits = v.integerText();
        return DiffHash::integerDigits(digits.constData(), size_t(digits.size()));
    }
    case JsonValue::Type::Double:
        return DiffHash::floatValue(v.toDouble());
    case JsonValue::Type::String:
        return stringHash(v.toString());
    case JsonValue::Type::Array: {
        std::vector<quint64> items;
        items.reserve(size_t(v.size()));
        const JsonArray &array = v.toArray();
        for (qsizetype i = 0; i < qsizetype(array.size()); ++i) {
            if (ruled) {
                if (m->enterIndex(i) < 0)
                    items.push_back(hashValue(array[size_t(i)], m));
                m->leave();
            } else {
                items.push_back(hashValue(array[size_t(i)], nullptr));
            }
        }
        std::sort(items.begin(), items.end());
        const auto last = std::unique(items.begin(), items.end());
        quint64 sum = 0;
        for (auto it = items.begin(); it != last; ++it)
            sum += DiffHash::item(*it);
        return DiffHash::array(sum, quint64(last - items.begin()));
    }
    case JsonValue::Type::Object: {
        quint64 sum = 0;
        quint64 count = 0;
        for (const JsonMember &member : v.toObject()) {
            const QByteArray key = utf8(member.key);
            if (ruled) {
                const int out = m->enterKey(key);
                if (out < 0) {
                    sum += DiffHash::member(
                        DiffHash::string(key.constData(), size_t(key.size())), hashValue(member.value, m));
                    ++count;
                }
                m->leave();
            } else {
                sum += DiffHash::member(
                    DiffHash::string(key.constData(), size_t(key.size())), hashValue(member.value, nullptr));
                ++count;
            }
        }
        return DiffHash::object(sum, count);
    }
    }
    return 0;
}

bool isNumber(const JsonValue &v)
{
    return v.isInteger() || v.isDouble();
}

bool scalarEqual(const JsonValue &a, const JsonValue &b)
{
    switch (a.type()) {
    case JsonValue::Type::Null:
        return true;
    case JsonValue::Type::Bool:
        return a.toBool() == b.toBool();
    case JsonValue::Type::Integer:
        return a.integerText() == b.integerText();
    case JsonValue::Type::Double: {
        const double x = a.toDouble();
        const double y = b.toDouble();
        return x == y || (std::isnan(x) && std::isnan(y));
    }
    case JsonValue::Type::String:
        return a.toString() == b.toString();
    default:
        return false;
    }
}

// DeepDiff's _get_item_length: what a value adds to a delta (keys and null count nothing).
qint64 leafLength(const JsonValue &v)
{
    switch (v.type()) {
    case JsonValue::Type::Null:
        return 0;
    case JsonValue::Type::Array: {
        qint64 n = 0;
        for (const JsonValue &item : v.toArray())
            n += leafLength(item);
        return n;
    }
    case JsonValue::Type::Object: {
        qint64 n = 0;
        for (const JsonMember &m : v.toObject())
            n += leafLength(m.value);
        return n;
    }
    default:
        return 1;
    }
}

qint64 deltaLength(const FieldDifference &d)
{
    switch (d.kind) {
    case Kind::Changed:
        return std::max<qint64>(1, leafLength(*d.replayed));
    case Kind::TypeChanged:
        return 2 + leafLength(*d.replayed); // old_type, new_type and the new value
    case Kind::Added:
        return leafLength(*d.replayed);
    case Kind::Removed:
        return leafLength(*d.recorded);
    }
    return 1;
}

} // namespace

StructuralDiff::StructuralDiff(IgnoreMatcher &matcher)
    : m_matcher(matcher)
{ }

quint64 StructuralDiff::plainHash(const JsonValue &value)
{
    return hashValue(value, nullptr);
}

quint64 StructuralDiff::hash(const JsonValue &value)
{
    return hashValue(value, &m_matcher);
}

qint64 StructuralDiff::roughLength(const JsonValue &v)
{
    // DeepHash's counts: 1 per value, plus 1 per member (also one a rule takes out).
    if (v.isObject()) {
        qint64 n = 1;
        for (const JsonMember &m : v.toObject()) {
            ++n;
            if (m_matcher.enterKey(utf8(m.key)) < 0)
                n += roughLength(m.value);
            m_matcher.leave();
        }
        return n;
    }
    if (v.isArray()) {
        qint64 n = 1;
        const JsonArray &array = v.toArray();
        for (qsizetype i = 0; i < qsizetype(array.size()); ++i) {
            if (m_matcher.enterIndex(i) < 0)
                n += roughLength(array[size_t(i)]);
            m_matcher.leave();
        }
        return n;
    }
    return 1;
}

double StructuralDiff::distance(const JsonValue &a, const JsonValue &b)
{
    if (isNumber(a) && isNumber(b)) {
        // DeepDiff's _get_numbers_distance with max_ = the pairing cutoff.
        const double x = a.toDouble();
        const double y = b.toDouble();
        if (x == y)
            return 0;
        const double divisor = (x + y) / PairDistanceCutoff;
        if (divisor == 0)
            return PairDistanceCutoff;
        return std::min(PairDistanceCutoff, std::abs((x - y) / divisor));
    }
    if (hash(a) == hash(b))
        return 0;
    QList<FieldDifference> diffs;
    DiffPath path;
    compare(a, b, path, diffs);
    qint64 ops = 0;
    for (const FieldDifference &d : std::as_const(diffs))
        ops += deltaLength(d);
    if (ops == 0)
        return 0;
    return double(ops) / double(roughLength(a) + roughLength(b));
}

void StructuralDiff::compare(
    const JsonValue &a, const JsonValue &b, DiffPath &path, QList<FieldDifference> &out)
{
    if (a.type() != b.type()) {
        out.append({ Kind::TypeChanged, path, a, b });
        return;
    }
    if (a.isObject()) {
        const JsonObject &left = a.toObject();
        const JsonObject &right = b.toObject();
        for (const JsonMember &m : left) {
            const QByteArray key = utf8(m.key);
            const JsonValue *other = b.find(m.key);
            if (m_matcher.enterKey(key) < 0) {
                path.append(PathSegment::ofKey(key));
                if (other)
                    compare(m.value, *other, path, out);
                else
                    out.append({ Kind::Removed, path, m.value, std::nullopt });
                path.removeLast();
            }
            m_matcher.leave();
        }
        for (const JsonMember &m : right) {
            if (a.contains(m.key))
                continue;
            const QByteArray key = utf8(m.key);
            if (m_matcher.enterKey(key) < 0) {
                path.append(PathSegment::ofKey(key));
                out.append({ Kind::Added, path, std::nullopt, m.value });
                path.removeLast();
            }
            m_matcher.leave();
        }
        return;
    }
    if (a.isArray()) {
        compareArrays(a, b, path, out);
        return;
    }
    if (!scalarEqual(a, b))
        out.append({ Kind::Changed, path, a, b });
}

void StructuralDiff::compareArrays(
    const JsonValue &a, const JsonValue &b, DiffPath &path, QList<FieldDifference> &out)
{
    const JsonArray &left = a.toArray();
    const JsonArray &right = b.toArray();
    // Distinct item hashes in order of first appearance, with the index of that first item.
    struct Item
    {
        quint64 hash;
        qsizetype index;
    };
    const auto distinct = [this](const JsonArray &items) {
        std::vector<Item> list;
        QHash<quint64, bool> seen;
        for (qsizetype i = 0; i < qsizetype(items.size()); ++i) {
            if (m_matcher.enterIndex(i) < 0) {
                const quint64 h = hash(items[size_t(i)]);
                if (!seen.contains(h)) {
                    seen.insert(h, true);
                    list.push_back({ h, i });
                }
            }
            m_matcher.leave();
        }
        return list;
    };
    const std::vector<Item> ua = distinct(left);
    const std::vector<Item> ub = distinct(right);
    QHash<quint64, bool> inA, inB;
    for (const Item &i : ua)
        inA.insert(i.hash, true);
    for (const Item &i : ub)
        inB.insert(i.hash, true);
    std::vector<Item> removed, added;
    for (const Item &i : ua) {
        if (!inB.contains(i.hash))
            removed.push_back(i);
    }
    for (const Item &i : ub) {
        if (!inA.contains(i.hash))
            added.push_back(i);
    }
    if (removed.empty() && added.empty())
        return;

    // DeepDiff pairs leftovers only when they are not most of the list, closest first.
    std::vector<std::pair<qsizetype, qsizetype>> pairs; // (removed k, added k)
    const double leftover = double(added.size() + removed.size()) / double(ua.size() + ub.size() + 1);
    if (!added.empty() && !removed.empty() && leftover <= PairIntersectionCutoff
        && qsizetype(added.size() * removed.size()) <= MaxPairCandidates) {
        struct Candidate
        {
            double distance;
            qsizetype added;
            qsizetype removed;
        };
        std::vector<Candidate> candidates;
        for (qsizetype x = 0; x < qsizetype(added.size()); ++x) {
            for (qsizetype y = 0; y < qsizetype(removed.size()); ++y) {
                m_matcher.enterIndex(removed[size_t(y)].index);
                const double d
                    = distance(left[size_t(removed[size_t(y)].index)], right[size_t(added[size_t(x)].index)]);
                m_matcher.leave();
                if (d < PairDistanceCutoff)
                    candidates.push_back({ d, x, y });
            }
        }
        std::stable_sort(candidates.begin(), candidates.end(),
            [](const Candidate &p, const Candidate &q) { return p.distance < q.distance; });
        std::vector<bool> usedAdded(added.size()), usedRemoved(removed.size());
        for (const Candidate &c : candidates) {
            if (usedAdded[size_t(c.added)] || usedRemoved[size_t(c.removed)])
                continue;
            usedAdded[size_t(c.added)] = true;
            usedRemoved[size_t(c.removed)] = true;
            pairs.emplace_back(c.removed, c.added);
        }
    }

    // Everything reported at the list, by index: a pair under the recorded item's index, an unpaired item
    // under its own side's index; an unpaired removal and addition at the same index are one change.
    struct Event
    {
        qsizetype index;
        int order;
        QList<FieldDifference> diffs;
    };
    std::map<qsizetype, std::vector<Event>> byIndex;
    std::vector<bool> pairedRemoved(removed.size()), pairedAdded(added.size());
    for (const auto &[r, x] : pairs) {
        pairedRemoved[size_t(r)] = true;
        pairedAdded[size_t(x)] = true;
        const qsizetype i = removed[size_t(r)].index;
        Event e { i, 0, {} };
        m_matcher.enterIndex(i);
        path.append(PathSegment::ofIndex(i));
        compare(left[size_t(i)], right[size_t(added[size_t(x)].index)], path, e.diffs);
        path.removeLast();
        m_matcher.leave();
        byIndex[i].push_back(std::move(e));
    }
    std::map<qsizetype, qsizetype> removedAt, addedAt;
    for (size_t r = 0; r < removed.size(); ++r) {
        if (!pairedRemoved[r])
            removedAt[removed[r].index] = qsizetype(r);
    }
    for (size_t x = 0; x < added.size(); ++x) {
        if (!pairedAdded[x])
            addedAt[added[x].index] = qsizetype(x);
    }
    for (const auto &[i, r] : removedAt) {
        path.append(PathSegment::ofIndex(i));
        Event e { i, 1, {} };
        const auto merged = addedAt.find(i);
        if (merged != addedAt.end()) {
            e.diffs.append({ Kind::Changed, path, left[size_t(i)], right[size_t(i)] });
            addedAt.erase(merged);
        } else {
            e.diffs.append({ Kind::Removed, path, left[size_t(i)], std::nullopt });
        }
        path.removeLast();
        byIndex[i].push_back(std::move(e));
    }
    for (const auto &[i, x] : addedAt) {
        path.append(PathSegment::ofIndex(i));
        Event e { i, 2, {} };
        e.diffs.append({ Kind::Added, path, std::nullopt, right[size_t(i)] });
        path.removeLast();
        byIndex[i].push_back(std::move(e));
    }
    for (auto &[i, events] : byIndex) {
        std::stable_sort(
            events.begin(), events.end(), [](const Event &p, const Event &q) { return p.order < q.order; });
        for (Event &e : events)
            out += e.diffs;
    }
}

} // namespace tapedeck
