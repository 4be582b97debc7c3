// SPDX-License-Identifier: MIT
// Which recorded interaction answers a replayed request (DESIGN.md §7): the `datahub` policy is exactly
// DataHub's VCR.py playback (URI as an exact string, method exactly, body as bodymatch.h normalises it; the
// first match in recorded order answers every repeat), `sequential` hands a request's matches out in
// recorded order (the last repeats when they run out). Options loosen the key on both sides alike. Pure:
// no I/O; lookups go through a hash index, so a recording of a million interactions answers in
// microseconds.
#pragma once

#include "core/diff/ignorematcher.h"
#include "core/replay/bodymatch.h"

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <vector>

namespace tapedeck::replay {

// A request as the recording holds it, or as a client sent it: its method, its absolute URI as VCR.py
// writes it ("scheme://host[:port]/path?query", the port only when it is not the scheme's default), its
// body (nullopt when none was recorded).
struct RequestKey
{
    QString method;
    QString uri;
    std::optional<QByteArray> body;
};

enum class MatchPolicy : quint8 { DataHub, Sequential };

struct MatchOptions
{
    MatchPolicy policy = MatchPolicy::DataHub;
    bool ignoreQueryOrder = false; // query parameters compared as a sorted list
    QStringList ignoredParams; // query parameters left out on both sides (names, exact)
    bool ignoreBody = false;
    // Places of JSON bodies left out on both sides, in the diff's rule syntax (root is the body):
    // root['requestId'], root[**]['timestamp'].
    QList<IgnoreRule> bodyIgnoreRules;
};

// One way a recorded request differs from the one a client sent.
struct RequestDifference
{
    enum class Field : quint8 { Method, Scheme, Host, Port, Path, Query, Header, Body };
    Field field = Field::Method;
    QString name; // Query: the parameter ("" for their order); Header: its name; Body: the JSON path ("" for
                  // the whole body)
    QString recorded; // the recorded value ("" when absent)
    QString incoming; // the value the client sent ("" when absent)
};

// A recorded request near one nothing matched, and everything that differs.
struct Candidate
{
    qsizetype interaction = -1;
    int score = 0; // higher is nearer
    QList<RequestDifference> differences;
};

struct MatchResult
{
    qsizetype interaction = -1; // the recorded interaction that answers; -1 when none matches
    qsizetype sameKey = 0; // recorded interactions with the request's key (more than one: ambiguous)
    qsizetype served = 0; // times the answering interaction has been served, this one included
    bool bodyIgnored = false; // the body was not compared (an auth endpoint, or ignoreBody)
    bool emptyBody = false; // a request without body bytes matched an interaction recorded with b""
};

class Matcher
{
public:
    // Keeps the recorded requests (for explanations).
    Matcher(std::vector<RequestKey> recorded, MatchOptions options);

    // The interaction that answers request, counted as served.
    MatchResult match(const RequestKey &request);
    // A request without a body (nullopt: no body bytes on the wire) is looked up as None, then as b"".
    // The same decision without serving (what a held request would get).
    MatchResult peek(const RequestKey &request) const;

    const MatchOptions &options() const { return m_options; }
    qsizetype size() const { return qsizetype(m_served.size()); }
    // How often each recorded interaction has been served.
    const std::vector<qint64> &served() const { return m_served; }
    // Keys recorded more than once (DataHub answers all their repeats with the first).
    qsizetype ambiguousKeys() const { return m_ambiguous; }
    // The interactions of each such key, in recorded order; the keys ordered by their first interaction.
    QList<QList<qsizetype>> ambiguousGroups() const;

    // For a request nothing matches: up to count recorded requests, nearest first (the same method, origin
    // and path count most, then shared query parameters, then the body), each with its differences. Looks
    // at the requests of the same resource (URI without its query), else of the same origin, else at all,
    // at most MaxExamined of them.
    static constexpr qsizetype MaxExamined = 4096;
    QList<Candidate> nearest(const RequestKey &request, int count = 5) const;
    const RequestKey &recorded(qsizetype interaction) const { return m_recorded[size_t(interaction)]; }

    // The URI as the options compare it: the query's parameters in order (or sorted), ignored ones left out.
    QString canonicalUri(const QString &uri) const;

private:
    struct Bucket
    {
        std::vector<qsizetype> interactions; // in recorded order
        size_t next = 0; // sequential: the next to hand out
    };
    QByteArray keyOf(const RequestKey &request, bool *bodyIgnored) const;
    template<typename Index> auto findKey(Index &index, const RequestKey &request, MatchResult &r) const;
    qsizetype pick(const Bucket &bucket) const;

    NormalizedBody normalized(const std::optional<QByteArray> &body) const;

    MatchOptions m_options;
    std::unique_ptr<IgnoreMatcher> m_bodyIgnore; // walks bodies for bodyIgnoreRules (one thread at a time)
    std::vector<RequestKey> m_recorded;
    QHash<QByteArray, Bucket> m_index;
    QHash<QString, std::vector<qsizetype>> m_byResource; // canonical URI without its query
    QHash<QString, std::vector<qsizetype>> m_byOrigin; // scheme://host[:port]
    std::vector<qint64> m_served;
    qsizetype m_ambiguous = 0;
};

} // namespace tapedeck::replay
