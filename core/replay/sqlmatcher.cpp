// SPDX-License-Identifier: MIT
// The SQL replay lookup: exact key, normalised key, fuzzy ratio.
#include "core/replay/sqlmatcher.h"

#include "core/recording/sqlquery.h"
#include "core/replay/sqlnormalize.h"

#include <algorithm>

namespace tapedeck::replay {


SqlMatcher::SqlMatcher(std::vector<RecordedQuery> recorded, MatchPolicy policy)
    : m_policy(policy)
    , m_recorded(std::move(recorded))
    , m_served(m_recorded.size(), 0)
    , m_sequenceMatchers(m_recorded.size())
{
    m_normalized.reserve(m_recorded.size());
    for (size_t i = 0; i < m_recorded.size(); ++i) {
        const RecordedQuery &r = m_recorded[i];
        m_normalized.push_back(normalizeQueryForMatching(r.query));
        const QString key = QueryLog::replayKey(r.query, r.parameters);
        if (!key.isEmpty())
            m_exact[key].records.push_back(qsizetype(i));
        const QString normalizedKey = QueryLog::replayKey(m_normalized.back(), r.parameters);
        if (!normalizedKey.isEmpty())
            m_byNormalized[normalizedKey].records.push_back(qsizetype(i));
    }
}

SqlMatcher::~SqlMatcher() = default;

const SequenceMatcher &SqlMatcher::sequenceMatcher(qsizetype record) const
{
    std::unique_ptr<SequenceMatcher> &m = m_sequenceMatchers[size_t(record)];
    if (!m)
        m = std::make_unique<SequenceMatcher>(m_normalized[size_t(record)]);
    return *m;
}

SqlMatch SqlMatcher::decide(const QString &query, const JsonValue &parameters, const Bucket **bucket, bool fuzzy) const
{
    SqlMatch r;
    *bucket = nullptr;
    const auto pickFrom = [&](const Bucket &b, bool lastWins) {
        r.sameKey = qsizetype(b.records.size());
        if (m_policy == MatchPolicy::Sequential)
            r.record = b.records[std::min(b.next, b.records.size() - 1)];
        else
            r.record = lastWins ? b.records.back() : b.records.front();
        *bucket = &b;
    };
    // 1. The exact key: DataHub's dict keeps the last recording of a key.
    if (const auto it = m_exact.constFind(QueryLog::replayKey(query, parameters)); it != m_exact.constEnd()) {
        r.rule = SqlMatch::Rule::Exact;
        pickFrom(*it, true);
        return r;
    }
    // 2. The normalised key: its list answers with the first.
    const QString normalized = normalizeQueryForMatching(query);
    if (const auto it = m_byNormalized.constFind(QueryLog::replayKey(normalized, parameters)); it != m_byNormalized.constEnd()) {
        r.rule = SqlMatch::Rule::Normalized;
        pickFrom(*it, false);
        return r;
    }
    if (!fuzzy)
        return r;
    // 3. The best ratio of the normalised texts, live against recorded; a later recording must beat it.
    const SequenceMatcher::Prepared live = SequenceMatcher::prepare(normalized);
    double best = 0;
    qsizetype bestRecord = -1;
    const bool liveParameters = !parameters.isNull();
    for (qsizetype i = 0; i < size(); ++i) {
        const JsonValue &recordedParameters = m_recorded[size_t(i)].parameters;
        if (liveParameters && !recordedParameters.isNull() && !(parameters == recordedParameters))
            continue;
        // Only a ratio above the best so far (and at the threshold) can change the outcome.
        const double floor = std::max(best, FuzzyThreshold);
        const double ratio = sequenceMatcher(i).ratioIfAtLeast(live, floor);
        if (ratio > best && ratio >= floor) {
            best = ratio;
            bestRecord = i;
        }
    }
    if (bestRecord >= 0 && best >= FuzzyThreshold) {
        r.rule = SqlMatch::Rule::Fuzzy;
        r.ratio = best;
        r.record = bestRecord;
        r.sameKey = 1;
    }
    return r;
}

SqlMatch SqlMatcher::peek(const QString &query, const JsonValue &parameters, bool fuzzy) const
{
    const Bucket *bucket = nullptr;
    SqlMatch r = decide(query, parameters, &bucket, fuzzy);
    if (r.record >= 0)
        r.served = m_served[size_t(r.record)] + 1;
    return r;
}

SqlMatch SqlMatcher::match(const QString &query, const JsonValue &parameters)
{
    const Bucket *bucket = nullptr;
    SqlMatch r = decide(query, parameters, &bucket);
    if (r.record < 0)
        return r;
    r.served = ++m_served[size_t(r.record)];
    if (bucket && bucket->next < bucket->records.size())
        ++const_cast<Bucket *>(bucket)->next; // the bucket is this object's: decide() only looked it up
    return r;
}

QList<SqlCandidate> SqlMatcher::nearest(const QString &query, const JsonValue &parameters, int count) const
{
    const QString normalized = normalizeQueryForMatching(query);
    QList<SqlCandidate> ranked;
    constexpr qsizetype MaxExamined = 4096;
    for (qsizetype i = 0; i < size() && i < MaxExamined; ++i) {
        const JsonValue &recordedParameters = m_recorded[size_t(i)].parameters;
        const bool differ = !parameters.isNull() && !recordedParameters.isNull() && !(parameters == recordedParameters);
        ranked.append({ i, sequenceMatcher(i).ratio(normalized), differ });
    }
    std::stable_sort(ranked.begin(), ranked.end(), [](const SqlCandidate &l, const SqlCandidate &r) { return l.ratio > r.ratio; });
    if (ranked.size() > count)
        ranked.resize(count);
    return ranked;
}

QList<QList<qsizetype>> SqlMatcher::ambiguousGroups() const
{
    QList<QList<qsizetype>> groups;
    for (const Bucket &b : m_exact) {
        if (b.records.size() > 1)
            groups.append(QList<qsizetype>(b.records.begin(), b.records.end()));
    }
    std::sort(groups.begin(), groups.end(), [](const auto &a, const auto &b) { return a.first() < b.first(); });
    return groups;
}

} // namespace tapedeck::replay
