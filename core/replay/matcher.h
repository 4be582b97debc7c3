// SPDX-License-Identifier: MIT
// Which recorded interaction answers a replayed request (DESIGN.md §7): the `datahub` policy is exactly
// DataHub's VCR.py playback (URI as an exact string, method exactly, body as bodymatch.h normalises it; the
// first match in recorded order answers every repeat), `sequential` hands a request's matches out in
// recorded order (the last repeats when they run out). Options loosen the key on both sides alike. Pure:
// no I/O; lookups go through a hash index, so a recording of a million interactions answers in
// microseconds.
#pragma once

#include "core/replay/bodymatch.h"

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QStringList>

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
};

struct MatchResult
{
    qsizetype interaction = -1; // the recorded interaction that answers; -1 when none matches
    qsizetype sameKey = 0; // recorded interactions with the request's key (more than one: ambiguous)
    qsizetype served = 0; // times the answering interaction has been served, this one included
    bool bodyIgnored = false; // the body was not compared (an auth endpoint, or ignoreBody)
};

class Matcher
{
public:
    Matcher(const std::vector<RequestKey> &recorded, MatchOptions options);

    // The interaction that answers request, counted as served.
    MatchResult match(const RequestKey &request);
    // The same decision without serving (what a held request would get).
    MatchResult peek(const RequestKey &request) const;

    const MatchOptions &options() const { return m_options; }
    qsizetype size() const { return qsizetype(m_served.size()); }
    // How often each recorded interaction has been served.
    const std::vector<qint64> &served() const { return m_served; }
    // Keys recorded more than once (DataHub answers all their repeats with the first).
    qsizetype ambiguousKeys() const { return m_ambiguous; }

    // The URI as the options compare it: the query's parameters in order (or sorted), ignored ones left out.
    QString canonicalUri(const QString &uri) const;

private:
    struct Bucket
    {
        std::vector<qsizetype> interactions; // in recorded order
        size_t next = 0; // sequential: the next to hand out
    };
    QByteArray keyOf(const RequestKey &request, bool *bodyIgnored) const;
    qsizetype pick(const Bucket &bucket) const;

    MatchOptions m_options;
    QHash<QByteArray, Bucket> m_index;
    std::vector<qint64> m_served;
    qsizetype m_ambiguous = 0;
};

} // namespace tapedeck::replay
