// SPDX-License-Identifier: MIT
// The replay matcher's index and policies.
#include "core/replay/matcher.h"

#include <QCryptographicHash>

#include <algorithm>

namespace tapedeck::replay {

Matcher::Matcher(const std::vector<RequestKey> &recorded, MatchOptions options)
    : m_options(std::move(options))
    , m_served(recorded.size(), 0)
{
    m_index.reserve(qsizetype(recorded.size()));
    for (size_t i = 0; i < recorded.size(); ++i) {
        Bucket &b = m_index[keyOf(recorded[i], nullptr)];
        b.interactions.push_back(qsizetype(i));
        if (b.interactions.size() == 2)
            ++m_ambiguous;
    }
}

QString Matcher::canonicalUri(const QString &uri) const
{
    if (!m_options.ignoreQueryOrder && m_options.ignoredParams.isEmpty())
        return uri;
    const qsizetype question = uri.indexOf(QLatin1Char('?'));
    if (question < 0)
        return uri;
    QStringList params = uri.sliced(question + 1).split(QLatin1Char('&'));
    if (!m_options.ignoredParams.isEmpty()) {
        params.removeIf([this](const QString &p) {
            return m_options.ignoredParams.contains(p.section(QLatin1Char('='), 0, 0));
        });
    }
    if (m_options.ignoreQueryOrder)
        std::stable_sort(params.begin(), params.end());
    const QString base = uri.first(question);
    return params.isEmpty() ? base : base + QLatin1Char('?') + params.join(QLatin1Char('&'));
}

// method, URI and body, each as the policy compares it; the body as a SHA-256 of its normalised form, so
// that the index holds no copy of large bodies.
QByteArray Matcher::keyOf(const RequestKey &request, bool *bodyIgnored) const
{
    const QString uri = canonicalUri(request.uri);
    const bool ignored = m_options.ignoreBody || isAuthUri(uri);
    if (bodyIgnored)
        *bodyIgnored = ignored;
    QByteArray key = request.method.toUtf8();
    key += '\0';
    key += uri.toUtf8();
    key += '\0';
    if (ignored)
        return key;
    const NormalizedBody body = normalizeBody(request.body);
    key += char('0' + int(body.kind));
    key += QCryptographicHash::hash(body.data, QCryptographicHash::Sha256);
    return key;
}

qsizetype Matcher::pick(const Bucket &bucket) const
{
    if (m_options.policy == MatchPolicy::DataHub)
        return bucket.interactions.front();
    return bucket.interactions[std::min(bucket.next, bucket.interactions.size() - 1)];
}

MatchResult Matcher::peek(const RequestKey &request) const
{
    MatchResult r;
    const auto it = m_index.constFind(keyOf(request, &r.bodyIgnored));
    if (it == m_index.constEnd())
        return r;
    r.sameKey = qsizetype(it->interactions.size());
    r.interaction = pick(*it);
    r.served = m_served[size_t(r.interaction)] + 1;
    return r;
}

MatchResult Matcher::match(const RequestKey &request)
{
    MatchResult r;
    const auto it = m_index.find(keyOf(request, &r.bodyIgnored));
    if (it == m_index.end())
        return r;
    Bucket &bucket = *it;
    r.sameKey = qsizetype(bucket.interactions.size());
    r.interaction = pick(bucket);
    r.served = ++m_served[size_t(r.interaction)];
    if (bucket.next < bucket.interactions.size())
        ++bucket.next;
    return r;
}

} // namespace tapedeck::replay
