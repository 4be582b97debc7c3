// SPDX-License-Identifier: MIT
// Ignore rules compiled for walking values: one instance per thread follows the walk key by key and says
// at each place whether a rule takes it out, counting how often each rule did.
#pragma once

#include "core/common/limitedregex.h"
#include "core/common/result.h"
#include "core/diff/ignorerule.h"

#include <QCoreApplication>
#include <QHash>
#include <QList>

#include <optional>
#include <vector>

namespace tapedeck {

class IgnoreMatcher
{
    Q_DECLARE_TR_FUNCTIONS(IgnoreMatcher)

public:
    explicit IgnoreMatcher(const QList<IgnoreRule> &rules);
    IgnoreMatcher(const IgnoreMatcher &) = delete;
    IgnoreMatcher &operator=(const IgnoreMatcher &) = delete;

    const QList<IgnoreRule> &rules() const { return m_rules; }
    bool isEmpty() const { return m_rules.isEmpty(); }

    // Starts a record at root[recordIndex] (its position in its URN and aspect group). Returns the index
    // of the first rule that takes the whole record out, or -1.
    int beginRecord(qint64 recordIndex);
    // Steps into a member (key as decoded UTF-8) or list item; returns the first rule that takes that
    // place out, or -1. Every enter needs a leave, excluded or not.
    int enterKey(const char *key, qsizetype size);
    int enterKey(const QByteArray &key) { return enterKey(key.constData(), key.size()); }
    int enterIndex(qint64 index);
    void leave();
    int depth() const { return int(m_frames.size()) - 1; }

    // Whether some rule could still take out a place at or below the current one; when not, the walk
    // below needs no matcher at all.
    bool alive() const;
    // Whether the rules alive here stay exactly as they are below, whatever the keys and indexes, except
    // for the keys triggerKeys() lists: only [**] rules waiting for their next key (no regex). A walk may
    // then skip the matcher for every other key, and enter it (from here) only at a trigger.
    bool stable() const;
    const std::vector<QByteArray> &triggerKeys() const;
    // Below a place that is already out, rules are only tracked so that a user rule hiding something a
    // broader rule hid first does not count as unused: matches count as shadow hits meanwhile.
    void setShadow(bool shadow) { m_shadow = shadow; }
    bool shadowWorthwhile() const;

    // Per rule (same order as rules()): places taken out, and places matched below one already taken out.
    const std::vector<qint64> &hits() const { return m_hits; }
    const std::vector<qint64> &shadowHits() const { return m_shadowHits; }
    // Set once a regex rule gave up on a place (LimitedRegex's match limit), where it then counted as not
    // matching: a Usage error naming the rule and the place. A comparison that met it cannot be trusted,
    // so callers fail with it.
    const std::optional<Error> &gaveUp() const { return m_gaveUp; }

    // Puts the counters back (a record read again when the first attempt was cut off).
    void restoreCounters(const std::vector<qint64> &hits, const std::vector<qint64> &shadowHits)
    {
        m_hits = hits;
        m_shadowHits = shadowHits;
    }

private:
    // The path rules' NFA states a place is in, interned: walks meet the same few sets again and again.
    // (path rule << 32) | position: a rule has at most a thousand patterns (IgnoreRule), but there may be
    // any number of rules.
    using State = quint64;
    struct StateSet
    {
        std::vector<State> states; // closed under [**] skipping
        bool stable = false;
        std::vector<QByteArray> triggers;
    };
    // A step from a state set by one key or index, remembered (a DFA built as the walk needs it).
    struct Transition
    {
        quint32 from;
        qint64 index; // -1 for a key
        QByteArray key;
        quint32 to;
        std::vector<int> matched; // rules that take the place out
    };
    struct Frame
    {
        quint32 set = 0;
        quint32 keyBegin = 0; // into m_keys, for rebuilding DeepDiff paths
        quint32 keyEnd = 0;
        qint64 index = -1; // -1 for a key
        quint64 pathHash = 0;
    };
    struct PathRule
    {
        int rule;
        std::vector<IgnoreRule::Pattern> patterns;
    };
    struct RegexRule
    {
        int rule;
        LimitedRegex regex;
    };

    int enter(const char *key, qsizetype size, qint64 index);
    const Transition &step(quint32 from, const char *key, qsizetype size, qint64 index);
    void addClosed(
        std::vector<State> &states, std::vector<int> &matched, quint32 pathRule, quint32 position) const;
    quint32 intern(std::vector<State> states);
    void markMatch(int rule);
    quint64 regexMatches(const Frame &frame);
    QByteArray deepDiffPath() const;
    bool isUnusedUserRule(int rule) const;

    QList<IgnoreRule> m_rules;
    std::vector<PathRule> m_pathRules;
    std::vector<RegexRule> m_regexRules;
    std::vector<StateSet> m_sets;
    QHash<quint64, quint32> m_setIds; // hash of a set's states → its index
    QHash<quint64, quint32> m_transitionIds; // (set, segment) hash → index into m_transitions
    std::vector<Transition> m_transitions;
    Transition m_uncached; // a step whose hash collided with another's: computed each time
    std::vector<Frame> m_frames;
    QByteArray m_keys;
    QHash<quint64, quint64> m_regexCache; // DeepDiff path hash → matching regex rules (bit mask)
    std::vector<qint64> m_hits;
    std::vector<qint64> m_shadowHits;
    std::vector<int> m_matched; // rules matched at the place being entered
    bool m_shadow = false;
    std::optional<Error> m_gaveUp;
};

} // namespace tapedeck
