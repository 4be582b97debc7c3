// SPDX-License-Identifier: MIT
// Which recorded query answers a replayed statement (DESIGN.md §7, DataHub's db_proxy.py; facts in
// docs/research/replay-facts.md §1.5). The `datahub` policy is DataHub's lookup exactly: the replay key
// (query and parameters) with the last recording of a key winning; else the key of the normalised query
// (normalizeQueryForMatching) with the first winning; else the best difflib ratio ≥ 0.85 between the
// normalised texts (live against recorded), skipping recordings whose parameters differ when both have
// some, the first winning a tie. `sequential` hands the recordings of one key out in recorded order (the
// last repeating). Pure: no I/O; exact and normalised lookups are hashed, the fuzzy one scans (as DataHub
// does) with difflib's quick upper bounds first.
#pragma once

#include "core/common/jsonvalue.h"
#include "core/replay/matcher.h"
#include "core/replay/sequencematcher.h"

#include <QHash>
#include <QString>

#include <memory>
#include <vector>

namespace tapedeck::replay {

struct RecordedQuery
{
    QString query;
    JsonValue parameters; // null, a list or an object, as queries.jsonl holds them
};

struct SqlMatch
{
    enum class Rule : quint8 { None, Exact, Normalized, Fuzzy };
    qsizetype record = -1; // the recorded query that answers; -1 when none
    Rule rule = Rule::None;
    double ratio = 0; // Fuzzy: the difflib ratio
    qsizetype sameKey = 0; // recordings sharing the key that matched
    qint64 served = 0; // times the record has been served, this one included
};

struct SqlCandidate
{
    qsizetype record = -1;
    double ratio = 0; // of the normalised texts
    bool parametersDiffer = false; // both have parameters and they differ (DataHub skips it for fuzzy)
};

class SqlMatcher
{
public:
    static constexpr double FuzzyThreshold = 0.85;

    SqlMatcher(std::vector<RecordedQuery> recorded, MatchPolicy policy);
    ~SqlMatcher();

    SqlMatch match(const QString &query, const JsonValue &parameters);
    // Without fuzzy, only the exact and the normalised keys are looked up (no scan).
    SqlMatch peek(const QString &query, const JsonValue &parameters, bool fuzzy = true) const;
    // Counts record as served once more (a decision taken before, repeated); returns the new count.
    qint64 noteServed(qsizetype record) { return ++m_served[size_t(record)]; }
    // For a statement nothing matched: the recordings with the best ratios, best first.
    QList<SqlCandidate> nearest(const QString &query, const JsonValue &parameters, int count = 5) const;

    qsizetype size() const { return qsizetype(m_recorded.size()); }
    const RecordedQuery &recorded(qsizetype record) const { return m_recorded[size_t(record)]; }
    const QString &normalizedQuery(qsizetype record) const { return m_normalized[size_t(record)]; }
    const std::vector<qint64> &served() const { return m_served; }
    // Keys recorded more than once (exact keys).
    QList<QList<qsizetype>> ambiguousGroups() const;

private:
    struct Bucket
    {
        std::vector<qsizetype> records; // in recorded order
        size_t next = 0;
    };
    SqlMatch decide(const QString &query, const JsonValue &parameters, const Bucket **bucket, bool fuzzy = true) const;
    const SequenceMatcher &sequenceMatcher(qsizetype record) const;

    MatchPolicy m_policy;
    std::vector<RecordedQuery> m_recorded;
    std::vector<QString> m_normalized;
    QHash<QString, Bucket> m_exact;
    QHash<QString, Bucket> m_byNormalized;
    std::vector<qint64> m_served;
    mutable std::vector<std::unique_ptr<SequenceMatcher>> m_sequenceMatchers; // made on first fuzzy use
};

} // namespace tapedeck::replay
