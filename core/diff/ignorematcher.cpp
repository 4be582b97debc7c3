// SPDX-License-Identifier: MIT
// Rule matching during a walk: path rules as a small NFA stepped per key, regex rules on DeepDiff paths
// rebuilt only for paths not seen before.
#include "ignorematcher.h"

#include "diff/diffhash.h"

#include <algorithm>

namespace tapedeck {

namespace {

using Pattern = IgnoreRule::Pattern;

// Regex results are cached per distinct path; a walk over very varied data must not grow without bound.
constexpr qsizetype MaxCachedPaths = 1 << 20;

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
            m_regexRules.push_back({ i, QRegularExpression(r.regexPattern()) });
        } else if (!r.patterns().isEmpty()) {
            m_pathRules.push_back({ i, { r.patterns().begin(), r.patterns().end() } });
        }
    }
    m_frames.push_back(Frame {});
    for (quint32 r = 0; r < m_pathRules.size(); ++r)
        addClosed(r, 0, 0);
    m_initialStates = m_states;
    m_frames.back().stateEnd = quint32(m_states.size());
}

void IgnoreMatcher::addClosed(quint32 pathRule, quint32 position, quint32 begin)
{
    const std::vector<Pattern> &patterns = m_pathRules[pathRule].patterns;
    for (;; ++position) {
        if (position >= patterns.size()) {
            markMatch(m_pathRules[pathRule].rule);
            return;
        }
        const quint32 state = (pathRule << 16) | position;
        if (std::find(m_states.begin() + begin, m_states.end(), state) == m_states.end())
            m_states.push_back(state);
        if (patterns[position].kind != Pattern::Kind::AnyDepth)
            return;
    }
}

void IgnoreMatcher::markMatch(int rule)
{
    if (std::find(m_matched.begin(), m_matched.end(), rule) == m_matched.end())
        m_matched.push_back(rule);
}

int IgnoreMatcher::beginRecord(qint64 recordIndex)
{
    m_frames.resize(1);
    m_states = m_initialStates;
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
    m_matched.clear();
    const Frame parent = m_frames.back();
    Frame frame;
    frame.index = index;
    frame.stateBegin = quint32(m_states.size());
    for (quint32 i = parent.stateBegin; i < parent.stateEnd; ++i) {
        const quint32 state = m_states[i];
        const quint32 r = state >> 16;
        const quint32 p = state & 0xffff;
        const Pattern &pattern = m_pathRules[r].patterns[p];
        bool advance = false;
        switch (pattern.kind) {
        case Pattern::Kind::AnyDepth:
            // Consumes this segment and stays (with its closure: what follows may match next).
            addClosed(r, p, frame.stateBegin);
            break;
        case Pattern::Kind::AnyOne:
            advance = true;
            break;
        case Pattern::Kind::Index:
            advance = index >= 0 && pattern.index == index;
            break;
        case Pattern::Kind::Key:
            advance = index < 0 && pattern.key.size() == size
                && std::memcmp(pattern.key.constData(), key, size_t(size)) == 0;
            break;
        }
        if (advance)
            addClosed(r, p + 1, frame.stateBegin);
    }
    frame.stateEnd = quint32(m_states.size());

    if (!m_regexRules.empty()) {
        frame.keyBegin = quint32(m_keys.size());
        if (index < 0)
            m_keys.append(key, size);
        frame.keyEnd = quint32(m_keys.size());
        const quint64 segment = index < 0 ? DiffHash::bytes(key, size_t(size), 0x6b6579)
                                          : DiffHash::mix(quint64(index) ^ 0x696478);
        frame.pathHash = DiffHash::mix(parent.pathHash * 31 + segment + quint64(m_frames.size()));
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
    const Frame &top = m_frames.back();
    m_states.resize(top.stateBegin);
    if (!m_regexRules.empty())
        m_keys.truncate(top.keyBegin);
    m_frames.pop_back();
}

bool IgnoreMatcher::alive() const
{
    const Frame &top = m_frames.back();
    return top.stateEnd > top.stateBegin || !m_regexRules.empty();
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
    const Frame &top = m_frames.back();
    for (quint32 i = top.stateBegin; i < top.stateEnd; ++i) {
        if (isUnusedUserRule(m_pathRules[m_states[i] >> 16].rule))
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
    const QString path = QString::fromUtf8(deepDiffPath());
    quint64 mask = 0;
    for (size_t k = 0; k < m_regexRules.size(); ++k) {
        if (!m_regexRules[k].regex.match(path).hasMatch())
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
