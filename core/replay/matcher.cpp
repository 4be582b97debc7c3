// SPDX-License-Identifier: MIT
// The replay matcher's index and policies.
#include "core/replay/matcher.h"

#include "core/common/jsonvalue.h"
#include "core/diff/diffpath.h"

#include <QCryptographicHash>

#include <algorithm>

namespace tapedeck::replay {

namespace {

// The parts of an absolute URI as VCR.py writes it: scheme://host[:port]/path?query.
struct UriParts
{
    QStringView scheme;
    QStringView host;
    QStringView port;
    QStringView path;
    QStringView query;
    bool hasQuery = false;
};

UriParts split(QStringView uri)
{
    UriParts p;
    qsizetype at = 0;
    if (const qsizetype colon = uri.indexOf(u"://"); colon >= 0) {
        p.scheme = uri.first(colon);
        at = colon + 3;
    }
    qsizetype authorityEnd = at;
    while (authorityEnd < uri.size() && uri[authorityEnd] != u'/' && uri[authorityEnd] != u'?')
        ++authorityEnd;
    const QStringView authority = uri.sliced(at, authorityEnd - at);
    const qsizetype closing = authority.lastIndexOf(u']'); // an IPv6 literal holds colons
    const qsizetype portColon = authority.lastIndexOf(u':');
    if (portColon > closing) {
        p.host = authority.first(portColon);
        p.port = authority.sliced(portColon + 1);
    } else {
        p.host = authority;
    }
    const QStringView rest = uri.sliced(authorityEnd);
    const qsizetype question = rest.indexOf(u'?');
    p.path = question < 0 ? rest : rest.first(question);
    if (question >= 0) {
        p.hasQuery = true;
        p.query = rest.sliced(question + 1);
    }
    return p;
}

QString originOf(QStringView uri)
{
    const UriParts p = split(uri);
    return p.scheme + u"://" + p.host + (p.port.isEmpty() ? QString() : u':' + p.port.toString());
}

QString resourceOf(QStringView uri)
{
    const qsizetype question = uri.indexOf(u'?');
    return (question < 0 ? uri : uri.first(question)).toString();
}

using Params = QList<std::pair<QStringView, QStringView>>;

Params paramsOf(QStringView query)
{
    Params out;
    if (query.isEmpty())
        return out;
    for (const QStringView piece : query.split(u'&')) {
        const qsizetype eq = piece.indexOf(u'=');
        out.append(eq < 0 ? std::pair { piece, QStringView() } : std::pair { piece.first(eq), piece.sliced(eq + 1) });
    }
    return out;
}

QStringList valuesOf(const Params &params, QStringView name)
{
    QStringList values;
    for (const auto &[n, v] : params) {
        if (n == name)
            values.append(v.toString());
    }
    return values;
}

// A body in a line: its text, shortened, or its size when it is bytes.
QString bodySummary(const NormalizedBody &body)
{
    constexpr qsizetype Shown = 120;
    switch (body.kind) {
    case NormalizedBody::Kind::None:
        return QStringLiteral("(none)");
    case NormalizedBody::Kind::Bytes:
        return body.data.isEmpty() ? QStringLiteral("(empty)") : QStringLiteral("(%1 bytes)").arg(body.data.size());
    case NormalizedBody::Kind::Text:
        break;
    }
    const QString text = QString::fromUtf8(body.data.first(std::min(body.data.size(), Shown * 4)));
    return text.size() > Shown ? text.first(Shown) + u'…' : text;
}

// Where two JSON values differ, in order (arrays by position, objects by key), as paths in the diff's
// spelling; at most cap of them.
void jsonDifferences(const JsonValue &a, const JsonValue &b, DiffPath &path, QList<RequestDifference> &out, int cap)
{
    if (out.size() >= cap)
        return;
    const auto report = [&](const JsonValue *x, const JsonValue *y) {
        RequestDifference d;
        d.field = RequestDifference::Field::Body;
        d.name = DiffPaths::display(path);
        d.recorded = x ? QString::fromUtf8(pythonDumps(*x, true, false)) : QString();
        d.incoming = y ? QString::fromUtf8(pythonDumps(*y, true, false)) : QString();
        out.append(std::move(d));
    };
    if (a.type() != b.type() || (!a.isArray() && !a.isObject())) {
        if (!(a == b))
            report(&a, &b);
        return;
    }
    if (a.isArray()) {
        const JsonArray &x = a.toArray();
        const JsonArray &y = b.toArray();
        for (size_t i = 0; i < std::max(x.size(), y.size()) && out.size() < cap; ++i) {
            path.append(PathSegment::ofIndex(qint64(i)));
            if (i < x.size() && i < y.size())
                jsonDifferences(x[i], y[i], path, out, cap);
            else
                report(i < x.size() ? &x[i] : nullptr, i < y.size() ? &y[i] : nullptr);
            path.removeLast();
        }
        return;
    }
    for (const JsonMember &m : a.toObject()) {
        if (out.size() >= cap)
            return;
        path.append(PathSegment::ofKey(m.key.toUtf8()));
        if (const JsonValue *other = b.find(m.key))
            jsonDifferences(m.value, *other, path, out, cap);
        else
            report(&m.value, nullptr);
        path.removeLast();
    }
    for (const JsonMember &m : b.toObject()) {
        if (out.size() >= cap)
            return;
        if (!a.find(m.key)) {
            path.append(PathSegment::ofKey(m.key.toUtf8()));
            report(nullptr, &m.value);
            path.removeLast();
        }
    }
}

} // namespace

Matcher::Matcher(std::vector<RequestKey> recorded, MatchOptions options)
    : m_options(std::move(options))
    , m_bodyIgnore(m_options.bodyIgnoreRules.isEmpty() ? nullptr : std::make_unique<IgnoreMatcher>(m_options.bodyIgnoreRules))
    , m_recorded(std::move(recorded))
    , m_served(m_recorded.size(), 0)
{
    m_index.reserve(qsizetype(m_recorded.size()));
    for (size_t i = 0; i < m_recorded.size(); ++i) {
        const RequestKey &r = m_recorded[i];
        Bucket &b = m_index[keyOf(r, nullptr)];
        b.interactions.push_back(qsizetype(i));
        if (b.interactions.size() == 2)
            ++m_ambiguous;
        m_byResource[resourceOf(canonicalUri(r.uri))].push_back(qsizetype(i));
        m_byOrigin[originOf(r.uri)].push_back(qsizetype(i));
    }
}

QList<QList<qsizetype>> Matcher::ambiguousGroups() const
{
    QList<QList<qsizetype>> groups;
    for (const Bucket &b : m_index) {
        if (b.interactions.size() > 1)
            groups.append(QList<qsizetype>(b.interactions.begin(), b.interactions.end()));
    }
    std::sort(groups.begin(), groups.end(), [](const auto &a, const auto &b) { return a.first() < b.first(); });
    return groups;
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
    const NormalizedBody body = normalized(request.body);
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

// An HTTP request cannot say whether it had no body or an empty one (VCR.py records None or b"" as the
// client library had it, and DataHub's body rule tells them apart): a request without body bytes is
// looked up as None first, then as b"".
template<typename Index>
auto Matcher::findKey(Index &index, const RequestKey &request, MatchResult &r) const
{
    auto it = index.find(keyOf(request, &r.bodyIgnored));
    if (it == index.end() && !request.body && !r.bodyIgnored) {
        const RequestKey empty { request.method, request.uri, QByteArray() };
        it = index.find(keyOf(empty, nullptr));
        r.emptyBody = it != index.end();
    }
    return it;
}

MatchResult Matcher::peek(const RequestKey &request) const
{
    MatchResult r;
    const auto it = findKey(m_index, request, r);
    if (it == m_index.end())
        return r;
    r.sameKey = qsizetype(it->interactions.size());
    r.interaction = pick(*it);
    r.served = m_served[size_t(r.interaction)] + 1;
    return r;
}

MatchResult Matcher::match(const RequestKey &request)
{
    MatchResult r;
    const auto it = findKey(m_index, request, r);
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

NormalizedBody Matcher::normalized(const std::optional<QByteArray> &body) const
{
    return normalizeBody(body, m_bodyIgnore.get());
}

QList<Candidate> Matcher::nearest(const RequestKey &request, int count) const
{
    const QString uri = canonicalUri(request.uri);
    const std::vector<qsizetype> *pool = nullptr;
    if (const auto it = m_byResource.constFind(resourceOf(uri)); it != m_byResource.constEnd())
        pool = &*it;
    else if (const auto origin = m_byOrigin.constFind(originOf(request.uri)); origin != m_byOrigin.constEnd())
        pool = &*origin;
    // The request's side once; each candidate's is read as it is scored.
    const UriParts in = split(uri);
    const Params inParams = paramsOf(in.query);
    const NormalizedBody inBody = normalized(request.body);
    const bool bodyIgnored = m_options.ignoreBody || isAuthUri(uri);
    const auto score = [&](const RequestKey &recorded) {
        const QString recUri = canonicalUri(recorded.uri);
        const UriParts y = split(recUri);
        int s = 0;
        if (request.method == recorded.method)
            s += 8;
        if (in.scheme == y.scheme && in.host == y.host && in.port == y.port)
            s += 4;
        if (in.path == y.path) {
            s += 4;
        } else {
            // Paths that share leading segments are nearer: /api/4.0/user is near /api/4.0/userx.
            const QList<QStringView> a = QStringView(in.path).split(u'/');
            const QList<QStringView> b = QStringView(y.path).split(u'/');
            qsizetype common = 0;
            while (common < a.size() && common < b.size() && a[common] == b[common])
                ++common;
            const bool prefix = common < a.size() && common < b.size() && a[common].startsWith(b[common]);
            s += int((3 * common + (prefix ? 2 : 0)) / std::max<qsizetype>(1, std::max(a.size(), b.size())));
        }
        const Params q = paramsOf(y.query);
        if (!inParams.isEmpty() || !q.isEmpty()) {
            qsizetype shared = 0;
            for (const auto &pair : inParams)
                shared += q.contains(pair) ? 1 : 0;
            s += int(2 * shared / std::max(inParams.size(), q.size()));
        } else {
            s += 2;
        }
        if (bodyIgnored || normalized(recorded.body) == inBody)
            s += 3;
        return s;
    };
    QList<Candidate> ranked;
    const auto consider = [&](qsizetype i) { ranked.append({ i, score(m_recorded[size_t(i)]), {} }); };
    if (pool) {
        for (size_t k = 0; k < pool->size() && k < size_t(MaxExamined); ++k)
            consider((*pool)[k]);
    } else {
        for (qsizetype i = 0; i < size() && i < MaxExamined; ++i)
            consider(i);
    }
    std::stable_sort(ranked.begin(), ranked.end(), [](const Candidate &l, const Candidate &r) { return l.score > r.score; });
    if (ranked.size() > count)
        ranked.resize(count);

    for (Candidate &c : ranked) {
        const RequestKey &rec = m_recorded[size_t(c.interaction)];
        const QString recUri = canonicalUri(rec.uri);
        const UriParts r = split(recUri);
        const auto differ = [&c](RequestDifference::Field field, QStringView recorded, QStringView incoming,
                                const QString &name = QString()) {
            if (recorded != incoming)
                c.differences.append({ field, name, recorded.toString(), incoming.toString() });
        };
        differ(RequestDifference::Field::Method, rec.method, request.method);
        differ(RequestDifference::Field::Scheme, r.scheme, in.scheme);
        differ(RequestDifference::Field::Host, r.host, in.host);
        differ(RequestDifference::Field::Port, r.port, in.port);
        differ(RequestDifference::Field::Path, r.path, in.path);
        const Params rp = paramsOf(r.query);
        QStringList names;
        for (const Params *ps : { &rp, &inParams }) {
            for (const auto &pair : *ps) {
                if (!names.contains(pair.first))
                    names.append(pair.first.toString());
            }
        }
        bool valuesDiffer = false;
        for (const QString &name : std::as_const(names)) {
            const QStringList rv = valuesOf(rp, name);
            const QStringList iv = valuesOf(inParams, name);
            if (rv != iv) {
                valuesDiffer = true;
                c.differences.append({ RequestDifference::Field::Query, name, rv.join(u','), iv.join(u',') });
            }
        }
        if (!valuesDiffer && r.query != in.query)
            c.differences.append({ RequestDifference::Field::Query, QString(), r.query.toString(), in.query.toString() });
        if (bodyIgnored)
            continue;
        const NormalizedBody recBody = normalized(rec.body);
        if (recBody == inBody)
            continue;
        if (recBody.json && inBody.json) {
            const Result<JsonValue> x = JsonValue::parse(recBody.data);
            const Result<JsonValue> y = JsonValue::parse(inBody.data);
            if (x && y) {
                DiffPath path;
                jsonDifferences(*x, *y, path, c.differences, c.differences.size() + 8);
                continue;
            }
        }
        c.differences.append({ RequestDifference::Field::Body, QString(), bodySummary(recBody), bodySummary(inBody) });
    }
    return ranked;
}

} // namespace tapedeck::replay
