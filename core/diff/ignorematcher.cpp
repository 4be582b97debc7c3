// SPDX-License-Identifier: MIT
// Rule matching during a walk: path rules as an NFA whose state sets and steps are remembered as they are
// met (a lazily built DFA), regex rules on DeepDiff paths rebuilt only for paths not seen before.
#include "core/diff/ignorematcher.h"

#include "core/common/utf8.h"
#include "core/diff/diffhash.h"

#include <algorithm>

namespace tapedeck {

namespace {

using Pattern = IgnoreRule::Pattern;

// Caches grow with the variety of the data walked; beyond these sizes they start over.
constexpr qsizetype MaxCachedPaths = 1 << 20;
constexpr size_t MaxTransitions = 1 << 18;

quint64 hashStates(const std::vector<quint64> &states)
{
    quint64 h = 0x5eed;
    for (const quint64 s : states)
        h = DiffHash::mix(h * 31 + s);
    return h;
}

quint32 ruleOf(quint64 state)
{
    return quint32(state >> 32);
}

quint32 positionOf(quint64 state)
{
    return quint32(state);
}

quint64 stateOf(quint32 pathRule, quint32 position)
{
    return (quint64(pathRule) << 32) | position;
}

quint64 segmentHash(const char *key, qsizetype size, qint64 index)
{
    return index < 0 ? DiffHash::bytes(key, size_t(size), 0x6b6579)
                     : DiffHash::mix(quint64(index) ^ 0x696478);
}

} // namespace

IgnoreMatcher::IgnoreMatcher(const QList<IgnoreRule> &rules)
    : m_rules(rules)
    , m_hits(size_t(rules.size()), 0)
    , m_shadowHits(size_t(rules.size()), 0)
{
    for (int i = 0; i < rules.size(); ++i) {
        const IgnoreRule &r = rules.at(i);
        if (r.kind() == IgnoreRule::Kind::Regex) {
            // A private compiled copy for this thread.
            m_regexRules.push_back({ i, LimitedRegex(r.regexPattern()) });
        } else if (!r.patterns().isEmpty()) {
            m_pathRules.push_back({ i, { r.patterns().begin(), r.patterns().end() } });
        }
    }
    std::vector<State> initial;
    std::vector<int> matched;
    for (quint32 r = 0; r < m_pathRules.size(); ++r)
        addClosed(initial, matched, r, 0);
    m_frames.push_back(Frame { intern(std::move(initial)), 0, 0, -1, 0 });
}

void IgnoreMatcher::addClosed(
    std::vector<State> &states, std::vector<int> &matched, quint32 pathRule, quint32 position) const
{
    const std::vector<Pattern> &patterns = m_pathRules[pathRule].patterns;
    for (;; ++position) {
        if (position >= patterns.size()) {
            const int rule = m_pathRules[pathRule].rule;
            if (std::find(matched.begin(), matched.end(), rule) == matched.end())
                matched.push_back(rule);
            return;
        }
        const State state = stateOf(pathRule, position);
        if (std::find(states.begin(), states.end(), state) == states.end())
            states.push_back(state);
        if (patterns[position].kind != Pattern::Kind::AnyDepth)
            return;
    }
}

quint32 IgnoreMatcher::intern(std::vector<State> states)
{
    std::sort(states.begin(), states.end());
    const quint64 h = hashStates(states);
    const auto found = m_setIds.constFind(h);
    if (found != m_setIds.constEnd() && m_sets[*found].states == states)
        return *found;
    for (quint32 i = 0; i < m_sets.size(); ++i) { // a hash collision: rare, so a plain search will do
        if (found != m_setIds.constEnd() && m_sets[i].states == states)
            return i;
    }
    StateSet set;
    set.states = std::move(states);
    // Stable: only [**] states and the keys right after them, so nothing changes below but at those keys.
    set.stable = m_regexRules.empty() && !set.states.empty();
    for (const State s : set.states) {
        const quint32 r = ruleOf(s);
        const quint32 p = positionOf(s);
        const std::vector<Pattern> &patterns = m_pathRules[r].patterns;
        switch (patterns[p].kind) {
        case Pattern::Kind::AnyDepth:
            break;
        case Pattern::Kind::AnyOne:
        case Pattern::Kind::Index:
            set.stable = false;
            break;
        case Pattern::Kind::Key:
            if (p == 0 || patterns[p - 1].kind != Pattern::Kind::AnyDepth
                || !std::binary_search(set.states.begin(), set.states.end(), stateOf(r, p - 1)))
                set.stable = false;
            if (std::find(set.triggers.begin(), set.triggers.end(), patterns[p].key) == set.triggers.end())
                set.triggers.push_back(patterns[p].key);
            break;
        }
    }
    const quint32 id = quint32(m_sets.size());
    m_sets.push_back(std::move(set));
    if (found == m_setIds.constEnd())
        m_setIds.insert(h, id);
    return id;
}

const IgnoreMatcher::Transition &IgnoreMatcher::step(
    quint32 from, const char *key, qsizetype size, qint64 index)
{
    const quint64 h = DiffHash::mix(segmentHash(key, size, index) + quint64(from) * 0x9e3779b97f4a7c15ull);
    const auto found = m_transitionIds.constFind(h);
    if (found != m_transitionIds.constEnd()) {
        const Transition &t = m_transitions[*found];
        if (t.from == from && t.index == index
            && (index >= 0
                || (t.key.size() == size && std::memcmp(t.key.constData(), key, size_t(size)) == 0)))
            return t;
    }
    Transition t;
    t.from = from;
    t.index = index;
    if (index < 0)
        t.key = QByteArray(key, size);
    std::vector<State> next;
    for (const State state : m_sets[from].states) {
        const quint32 r = ruleOf(state);
        const quint32 p = positionOf(state);
        const Pattern &pattern = m_pathRules[r].patterns[p];
        switch (pattern.kind) {
        case Pattern::Kind::AnyDepth:
            // Consumes this segment and stays (with its closure: what follows may match next).
            addClosed(next, t.matched, r, p);
            break;
        case Pattern::Kind::AnyOne:
            addClosed(next, t.matched, r, p + 1);
            break;
        case Pattern::Kind::Index:
            if (index >= 0 && pattern.index == index)
                addClosed(next, t.matched, r, p + 1);
            break;
        case Pattern::Kind::Key:
            if (index < 0 && pattern.key.size() == size
                && std::memcmp(pattern.key.constData(), key, size_t(size)) == 0)
                addClosed(next, t.matched, r, p + 1);
            break;
        }
    }
    t.to = intern(std::move(next));
    if (found != m_transitionIds.constEnd()) {
        m_uncached = std::move(t);
        return m_uncached;
    }
    if (m_transitions.size() >= MaxTransitions) {
        m_transitions.clear();
        m_transitionIds.clear();
    }
    m_transitionIds.insert(h, quint32(m_transitions.size()));
    m_transitions.push_back(std::move(t));
    return m_transitions.back();
}

void IgnoreMatcher::markMatch(int rule)
{
    if (std::find(m_matched.begin(), m_matched.end(), rule) == m_matched.end())
        m_matched.push_back(rule);
}

int IgnoreMatcher::beginRecord(qint64 recordIndex)
{
    m_frames.resize(1);
    m_keys.clear();
    return enterIndex(recordIndex);
}

int IgnoreMatcher::enterKey(const char *key, qsizetype size)
{
    return enter(key, size, -1);
}

int IgnoreMatcher::enterIndex(qint64 index)
{
    return enter(nullptr, 0, index);
}

int IgnoreMatcher::enter(const char *key, qsizetype size, qint64 index)
{
    const Frame parent = m_frames.back();
    const Transition &t = step(parent.set, key, size, index);
    m_matched = t.matched;
    Frame frame;
    frame.set = t.to;
    frame.index = index;
    if (!m_regexRules.empty()) {
        frame.keyBegin = quint32(m_keys.size());
        if (index < 0)
            m_keys.append(key, size);
        frame.keyEnd = quint32(m_keys.size());
        frame.pathHash
            = DiffHash::mix(parent.pathHash * 31 + segmentHash(key, size, index) + quint64(m_frames.size()));
        m_frames.push_back(frame);
        const quint64 mask = regexMatches(m_frames.back());
        for (size_t k = 0; k < m_regexRules.size() && k < 64; ++k) {
            if (mask & (quint64(1) << k))
                markMatch(m_regexRules[k].rule);
        }
    } else {
        m_frames.push_back(frame);
    }

    if (m_matched.empty())
        return -1;
    std::vector<qint64> &counters = m_shadow ? m_shadowHits : m_hits;
    int first = m_matched.front();
    for (const int rule : m_matched) {
        ++counters[size_t(rule)];
        first = std::min(first, rule);
    }
    return first;
}

void IgnoreMatcher::leave()
{
    Q_ASSERT(m_frames.size() > 1);
    if (!m_regexRules.empty())
        m_keys.truncate(m_frames.back().keyBegin);
    m_frames.pop_back();
}

bool IgnoreMatcher::alive() const
{
    return !m_sets[m_frames.back().set].states.empty() || !m_regexRules.empty();
}

bool IgnoreMatcher::stable() const
{
    return m_sets[m_frames.back().set].stable;
}

const std::vector<QByteArray> &IgnoreMatcher::triggerKeys() const
{
    return m_sets[m_frames.back().set].triggers;
}

bool IgnoreMatcher::isUnusedUserRule(int rule) const
{
    return m_rules.at(rule).origin() == IgnoreRule::Origin::User && m_hits[size_t(rule)] == 0
        && m_shadowHits[size_t(rule)] == 0;
}

bool IgnoreMatcher::shadowWorthwhile() const
{
    for (const RegexRule &r : m_regexRules) {
        if (isUnusedUserRule(r.rule))
            return true;
    }
    for (const State s : m_sets[m_frames.back().set].states) {
        if (isUnusedUserRule(m_pathRules[ruleOf(s)].rule))
            return true;
    }
    return false;
}

QByteArray IgnoreMatcher::deepDiffPath() const
{
    QByteArray out = "root";
    for (size_t i = 1; i < m_frames.size(); ++i) {
        const Frame &f = m_frames[i];
        if (f.index >= 0) {
            out += '[';
            out += QByteArray::number(f.index);
            out += ']';
            continue;
        }
        const QByteArray key = m_keys.mid(f.keyBegin, f.keyEnd - f.keyBegin);
        if (i == 2)
            out += DiffPaths::deepDiffRecordField(key);
        else
            out += "['" + key + "']";
    }
    return out;
}

quint64 IgnoreMatcher::regexMatches(const Frame &frame)
{
    const auto cached = m_regexCache.constFind(frame.pathHash);
    if (cached != m_regexCache.constEnd())
        return *cached;
    const QString path = decodeUtf8(deepDiffPath());
    quint64 mask = 0;
    for (size_t k = 0; k < m_regexRules.size(); ++k) {
        const LimitedRegex::Outcome outcome = m_regexRules[k].regex.match(path);
        if (outcome == LimitedRegex::Outcome::GaveUp && !m_gaveUp) {
            constexpr qsizetype MaxShownPath = 200;
            const QString shown
                = path.size() > MaxShownPath ? path.left(MaxShownPath - 1) + QChar(0x2026) : path;
            m_gaveUp = makeError(ErrorCode::Usage,
                tr("the ignore rule \"%1\" gave up on %2: its regular expression needs %3 there")
                    .arg(m_rules.at(m_regexRules[k].rule).text(), shown, LimitedRegex::gaveUpReason()));
        }
        if (outcome != LimitedRegex::Outcome::Match)
            continue;
        if (k < 64)
            mask |= quint64(1) << k;
        else
            markMatch(m_regexRules[k].rule); // beyond the cache's mask: matched every time anew
    }
    if (m_regexRules.size() <= 64) {
        if (m_regexCache.size() >= MaxCachedPaths)
            m_regexCache.clear();
        m_regexCache.insert(frame.pathHash, mask);
    }
    return mask;
}

} // namespace tapedeck
