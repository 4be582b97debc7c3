// SPDX-License-Identifier: MIT
// The replay session: arrival, holding, the decision, the answer, GMS capture.
#include "core/replay/replaysession.h"

#include "core/replay/replaysubject.h"
#include "core/replay/sqlreplay.h"

#include "core/recording/mcpextractor.h"
#include "core/recording/timeline.h"
#include "core/recording/timelineindexer.h"

#include <QSet>

#include <algorithm>

namespace tapedeck::replay {

namespace {

// scheme://host[:port] of an absolute URI; empty when it has none.
QString originOfUri(const QString &uri)
{
    const qsizetype scheme = uri.indexOf(QLatin1String("://"));
    if (scheme <= 0)
        return {};
    qsizetype end = scheme + 3;
    while (end < uri.size() && uri.at(end) != u'/' && uri.at(end) != u'?' && uri.at(end) != u'#')
        ++end;
    return uri.left(scheme).toLower() + uri.mid(scheme, end - scheme).toLower();
}

// The path of an absolute URI after its origin ("/api/gms" of "http://h:8080/api/gms").
QString pathOfUri(const QString &uri)
{
    const QString origin = originOfUri(uri);
    QString rest = uri.mid(origin.size());
    const qsizetype query = rest.indexOf(u'?');
    if (query >= 0)
        rest.truncate(query);
    while (rest.endsWith(u'/'))
        rest.chop(1);
    return rest;
}

QString shorten(const QString &text, qsizetype max = 160)
{
    if (text.size() <= max)
        return text;
    return text.left(max) + QStringLiteral("… (%1 characters)").arg(text.size());
}

// Headers whose difference says nothing about the request (transport, or set by the proxy path).
bool isTransportHeader(QByteArrayView name)
{
    static const char *const names[] = { "host", "content-length", "connection", "proxy-connection",
        "proxy-authorization", "keep-alive", "transfer-encoding", "te", "expect", "upgrade" };
    for (const char *n : names) {
        if (name.compare(QByteArrayView(n), Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

// Headers whose values are secrets: never written into an answer or a report.
bool isSecretHeader(QByteArrayView name)
{
    static const char *const names[] = { "authorization", "cookie", "set-cookie", "x-api-key", "x-auth-token",
        "api-key", "x-amz-security-token" };
    for (const char *n : names) {
        if (name.compare(QByteArrayView(n), Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

constexpr qint64 AnswerCacheBudget = qint64(256) << 20;
constexpr qsizetype MaxDivergences = 1000;

} // namespace

ReplaySession::ReplaySession(const Timeline &timeline, const QString &gmsServer, Options options, QObject *parent)
    : QObject(parent)
    , m_timeline(timeline)
    , m_gmsServer(gmsServer.trimmed())
    , m_options(std::move(options))
{
    connect(this, &ReplaySession::requestHeld, this, [this](qsizetype i) { changedEntry({ ReplayKind::Http, i }); });
    connect(this, &ReplaySession::requestAnswered, this, [this](qsizetype i) {
        m_heldEntries.removeOne(ReplayRef { ReplayKind::Http, i });
        changedEntry({ ReplayKind::Http, i });
    });
}

ReplaySession::~ReplaySession()
{
    stop();
}

Status ReplaySession::start()
{
    std::vector<RequestKey> keys;
    QSet<QString> origins;
    const qsizetype count = m_timeline.count();
    for (qsizetype seq = 0; seq < count; ++seq) {
        const EventRecord &record = m_timeline.record(seq);
        if (record.kind != EventKind::Http)
            continue;
        Result<HttpExchange> exchange = TimelineIndexer::exchange(m_timeline, seq);
        if (!exchange) {
            // Indexing read it once; a re-read failing means the recording changed underneath: skip it.
            m_mcpWarnings.append(exchange.error().message);
            continue;
        }
        Interaction interaction;
        interaction.seq = seq;
        interaction.origin = originOfUri(exchange->uri);
        if (!interaction.origin.isEmpty())
            origins.insert(interaction.origin);
        if (record.flags & GmsIngestFlag)
            m_gmsOrigins.insert(interaction.origin, true);
        keys.push_back(RequestKey { exchange->method, exchange->uri, std::move(exchange->requestBody) });
        m_interactions.push_back(std::move(interaction));
    }
    if (!m_gmsServer.isEmpty())
        m_gmsOrigin = originOfUri(m_gmsServer);
    if (m_gmsOrigin.isEmpty() && !m_gmsOrigins.isEmpty()) {
        // The first GMS origin in recorded order.
        for (const Interaction &i : m_interactions) {
            if (m_gmsOrigins.contains(i.origin)) {
                m_gmsOrigin = i.origin;
                break;
            }
        }
    }
    if (m_gmsOrigin.isEmpty())
        m_gmsOrigin = QStringLiteral("http://localhost:8080"); // DataHub's default GMS
    m_gmsOrigins.insert(m_gmsOrigin, true);
    origins.insert(m_gmsOrigin);
    m_origins = QStringList(origins.begin(), origins.end());
    m_origins.sort();

    m_everServed.assign(m_interactions.size(), false);
    m_matcher = std::make_unique<Matcher>(std::move(keys), m_options.match);

    m_server = std::make_unique<MockHttpServer>(m_options.limits);
    m_server->setHandler([this](IncomingHttpRequest &&request) { arrived(std::move(request)); });
    if (m_options.tls)
        m_server->setTlsProvider(m_options.tls);
    m_server->setConnectPolicy([this](const QString &host, quint16 port) -> QString {
        QString origin = QLatin1String("https://") + (host.contains(u':') ? u'[' + host + u']' : host);
        if (port != 443)
            origin += u':' + QString::number(port);
        if (m_origins.contains(origin))
            return {};
        QString plain = QLatin1String("http://") + (host.contains(u':') ? u'[' + host + u']' : host);
        if (port != 80)
            plain += u':' + QString::number(port);
        if (m_gmsOrigins.contains(plain) || m_gmsOrigins.contains(origin))
            return {};
        return tr("the recording has no requests for %1 (recorded origins: %2)").arg(origin, m_origins.join(QLatin1String(", ")));
    });
    connect(m_server.get(), &MockHttpServer::protocolEvent, this, [this](const HttpProtocolEvent &event) {
        m_protocol.append(event);
        emit protocolEventOccurred(event);
    });
    connect(m_server.get(), &MockHttpServer::abandoned, this, [this](quint64 id) {
        const auto it = m_byId.constFind(id);
        if (it == m_byId.constEnd())
            return;
        ReplayHttpEvent &event = m_events[size_t(*it)];
        if (event.outcome == ReplayOutcome::Held || event.outcome == ReplayOutcome::Pending) {
            m_held.removeOne(event.index);
            event.outcome = ReplayOutcome::Abandoned;
            event.answered = QDateTime::currentDateTimeUtc();
            emit requestAnswered(event.index);
        }
    });
    Result<int> proxy = m_server->listenProxy(m_options.address, m_options.proxyPort);
    if (!proxy)
        return proxy.error();
    for (const QString &origin : std::as_const(m_origins)) {
        Result<int> reverse = m_server->listenReverse(origin, m_options.address, 0);
        if (!reverse)
            return reverse.error();
    }
    if (m_options.queries && m_options.queries->size() > 0) {
        SqlReplay::Options sql;
        sql.policy = m_options.match.policy;
        sql.address = m_options.address;
        sql.port = m_options.postgresPort;
        sql.server = m_options.postgres;
        m_sql = std::make_unique<SqlReplay>(m_options.queries, sql);
        connect(m_sql.get(), &SqlReplay::statementArrived, this, [this](qsizetype i) { addEntry({ ReplayKind::Sql, i }); });
        connect(m_sql.get(), &SqlReplay::statementHeld, this, [this](qsizetype i) {
            m_heldEntries.append({ ReplayKind::Sql, i });
            changedEntry({ ReplayKind::Sql, i });
        });
        connect(m_sql.get(), &SqlReplay::statementAnswered, this, [this](qsizetype i) {
            m_heldEntries.removeOne(ReplayRef { ReplayKind::Sql, i });
            changedEntry({ ReplayKind::Sql, i });
        });
        updateSqlHolding();
        if (const Status started = m_sql->start(); !started)
            return started;
    }
    return success();
}

void ReplaySession::stop()
{
    if (m_server)
        m_server->close();
    if (m_sql)
        m_sql->stop();
}

QString ReplaySession::postgresUrl() const
{
    return m_sql ? m_sql->url() : QString();
}

QString ReplaySession::proxyUrl() const
{
    return m_server && !m_server->endpoints().empty() ? m_server->endpoints().front().url() : QString();
}

QString ReplaySession::gmsUrl() const
{
    for (const ReverseEndpoint &e : reverseEndpoints()) {
        if (e.origin == m_gmsOrigin) {
            // The recorded server's path prefix (a frontend's /api/gms) stays part of the URL.
            return e.url + pathOfUri(m_gmsServer.isEmpty() ? m_gmsOrigin : m_gmsServer);
        }
    }
    return {};
}

QList<ReplaySession::ReverseEndpoint> ReplaySession::reverseEndpoints() const
{
    QList<ReverseEndpoint> out;
    if (!m_server)
        return out;
    for (const MockHttpServer::Endpoint &e : m_server->endpoints()) {
        if (e.kind == MockHttpServer::Endpoint::Kind::Reverse)
            out.append(ReverseEndpoint { e.origin, e.url(), m_gmsOrigins.contains(e.origin) });
    }
    return out;
}

void ReplaySession::arrived(IncomingHttpRequest &&request)
{
    ReplayHttpEvent event;
    event.id = request.id;
    event.index = qsizetype(m_events.size());
    event.arrived = request.arrived;
    event.method = QString::fromLatin1(request.http.method);
    event.uri = request.uri;
    event.headers = std::move(request.http.headers);
    event.body = std::move(request.http.body);
    event.viaTunnel = request.viaTunnel;
    event.gms = m_gmsOrigins.contains(request.origin);
    const bool mayHold = m_paused || m_breakpoint || !m_breakpoints.isEmpty() || m_holdNextUnmatched;
    ReplayState prospective = ReplayState::None;
    if (mayHold) {
        // What it would get, for the breakpoint and for whoever inspects it while it waits.
        const MatchResult peek = m_matcher->peek(RequestKey { event.method, event.uri, event.body });
        event.interaction = peek.interaction;
        event.sameKey = peek.sameKey;
        event.served = peek.served;
        event.bodyIgnored = peek.bodyIgnored;
        event.emptyBody = peek.emptyBody;
        prospective = peek.interaction >= 0 ? ReplayState::Matched
            : (event.gms && synthesizedGms(event)) ? ReplayState::Synthesized
                                                   : ReplayState::Unmatched;
    }
    for (const auto &[name, value] : event.headers)
        m_payloadBytes += name.size() + value.size();
    m_payloadBytes += event.body ? event.body->size() : 0;
    m_byId.insert(event.id, event.index);
    m_events.push_back(std::move(event));
    const qsizetype index = m_events.back().index;
    addEntry({ ReplayKind::Http, index });
    emit requestArrived(index);
    ReplayHttpEvent &stored = m_events[size_t(index)];
    if (stored.outcome != ReplayOutcome::Pending)
        return; // an observer answered it already
    if (mayHold && shouldHold(&stored, nullptr, prospective)) {
        if (prospective == ReplayState::Unmatched) {
            // The nearest recorded requests, for whoever looks at it while it waits.
            stored.candidates = m_matcher->nearest(RequestKey { stored.method, stored.uri, stored.body }, 5);
            for (Candidate &c : stored.candidates)
                addHeaderDifferences(stored, c);
        }
        stored.outcome = ReplayOutcome::Held;
        m_held.append(index);
        m_heldEntries.append({ ReplayKind::Http, index });
        emit requestHeld(index);
        return;
    }
    decide(stored);
}

bool ReplaySession::shouldHold(const ReplayHttpEvent *http, const ReplaySqlEvent *sql, ReplayState prospective)
{
    if (m_paused)
        return true;
    if (m_holdNextUnmatched && prospective == ReplayState::Unmatched) {
        // Continue to next unmatched: this is it; everything after it waits too.
        m_holdNextUnmatched = false;
        m_paused = true;
        updateSqlHolding();
        return true;
    }
    if (http && m_breakpoint && m_breakpoint(*http))
        return true;
    if (m_breakpoints.isEmpty())
        return false;
    ReplaySubject subject;
    if (http)
        subject.setHttp(*http, logEntryOf({ ReplayKind::Http, http->index }));
    else
        subject.setSql(*sql, qsizetype(m_log.size()));
    subject.overrideState(prospective);
    // A breakpoint whose regex gives up on this request does not hold it.
    return std::any_of(m_breakpoints.cbegin(), m_breakpoints.cend(),
        [&](const FilterExpression &b) { return b.match(subject) == FilterExpression::Outcome::Match; });
}

void ReplaySession::updateSqlHolding()
{
    if (!m_sql)
        return;
    if (m_paused || m_holdNextUnmatched || !m_breakpoints.isEmpty())
        m_sql->setHoldPredicate([this](const ReplaySqlEvent &e) { return shouldHold(nullptr, &e, replayStateOf(e.outcome)); });
    else
        m_sql->setHoldPredicate({});
}

void ReplaySession::setPaused(bool paused)
{
    m_paused = paused;
    updateSqlHolding();
}

void ReplaySession::setBreakpoint(std::function<bool(const ReplayHttpEvent &)> breakpoint)
{
    m_breakpoint = std::move(breakpoint);
}

void ReplaySession::setBreakpoints(QList<FilterExpression> breakpoints)
{
    m_breakpoints = std::move(breakpoints);
    m_breakpoints.removeIf([](const FilterExpression &b) { return b.isEmpty(); }); // an empty one would hold everything
    updateSqlHolding();
}

void ReplaySession::setHoldNextUnmatched(bool hold)
{
    m_holdNextUnmatched = hold;
    updateSqlHolding();
}

void ReplaySession::addEntry(ReplayRef ref)
{
    std::vector<qsizetype> &entries = ref.kind == ReplayKind::Http ? m_httpEntry : m_sqlEntry;
    if (qsizetype(entries.size()) <= ref.index)
        entries.resize(size_t(ref.index) + 1, -1);
    entries[size_t(ref.index)] = qsizetype(m_log.size());
    m_log.push_back(ref);
    emit entryAdded(qsizetype(m_log.size()) - 1);
}

void ReplaySession::changedEntry(ReplayRef ref)
{
    if (const qsizetype entry = logEntryOf(ref); entry >= 0)
        emit entryChanged(entry);
}

qsizetype ReplaySession::logEntryOf(ReplayRef ref) const
{
    const std::vector<qsizetype> &entries = ref.kind == ReplayKind::Http ? m_httpEntry : m_sqlEntry;
    return ref.index >= 0 && ref.index < qsizetype(entries.size()) ? entries[size_t(ref.index)] : -1;
}

bool ReplaySession::step()
{
    if (m_heldEntries.isEmpty())
        return false;
    release(m_heldEntries.first());
    return true;
}

void ReplaySession::continueReplay()
{
    m_paused = false;
    m_holdNextUnmatched = false;
    updateSqlHolding();
    releaseAll();
}

void ReplaySession::continueToNextUnmatched()
{
    m_paused = false;
    m_holdNextUnmatched = true;
    updateSqlHolding();
    releaseAll();
}

void ReplaySession::release(ReplayRef entry)
{
    if (entry.kind == ReplayKind::Http)
        release(entry.index);
    else if (m_sql)
        m_sql->release(entry.index);
}

ReplayWhatIf ReplaySession::whatIf(const ReplayHttpEvent &event, const MatchOptions &options) const
{
    std::vector<RequestKey> recorded;
    recorded.reserve(size_t(m_matcher->size()));
    for (qsizetype i = 0; i < m_matcher->size(); ++i)
        recorded.push_back(m_matcher->recorded(i));
    const Matcher alternative(std::move(recorded), options);
    const RequestKey key { event.method, event.uri, event.body };
    ReplayWhatIf out;
    out.match = alternative.peek(key);
    out.nearest = alternative.nearest(key, 5);
    if (out.match.interaction >= 0)
        out.recordedSeq = interactionSeq(out.match.interaction);
    for (Candidate &c : out.nearest) {
        addHeaderDifferences(event, c);
        out.nearestSeqs.append(interactionSeq(c.interaction));
    }
    return out;
}

ReplaySession::RecordedRequest ReplaySession::recordedRequest(qsizetype interaction) const
{
    if (interaction < 0 || interaction >= qsizetype(m_interactions.size()))
        return {};
    const RequestKey &key = m_matcher->recorded(interaction);
    RecordedRequest r { key.method, key.uri, {}, key.body };
    // The headers are read again from the recording: the matcher keeps only what decides a match.
    if (const Result<HttpExchange> exchange = TimelineIndexer::exchange(m_timeline, m_interactions[size_t(interaction)].seq)) {
        for (const HttpHeader &h : exchange->requestHeaders)
            r.headers.append({ h.name.toUtf8(), h.value.toUtf8() });
    }
    return r;
}

Result<HttpAnswer> ReplaySession::recordedAnswerOf(qsizetype interaction)
{
    if (interaction < 0 || interaction >= qsizetype(m_interactions.size()))
        return makeError(ErrorCode::Usage, tr("no recorded interaction %1").arg(interaction));
    return recordedAnswer(interaction);
}

void ReplaySession::decide(ReplayHttpEvent &event)
{
    const MatchResult match = m_matcher->match(RequestKey { event.method, event.uri, event.body });
    event.interaction = match.interaction;
    event.sameKey = match.sameKey;
    event.served = match.served;
    event.bodyIgnored = match.bodyIgnored;
    event.emptyBody = match.emptyBody;
    if (match.interaction >= 0) {
        const qsizetype i = match.interaction;
        if (!m_everServed[size_t(i)]) {
            m_everServed[size_t(i)] = true;
            // Order divergence: a recorded interaction served for the first time after a later one was.
            if (i < m_maxServed && m_divergence.size() < MaxDivergences)
                m_divergence.append(ReplayOrderDivergence { event.index, i, m_maxServed });
            m_maxServed = std::max(m_maxServed, i);
        }
        Result<HttpAnswer> answer = recordedAnswer(i);
        if (answer) {
            send(event, ReplayOutcome::Matched, std::move(answer).value());
            return;
        }
        send(event, ReplayOutcome::Matched,
            HttpAnswer { 502, {}, { { "Content-Type", "text/plain; charset=utf-8" } },
                tr("Tapedeck replay: the recorded interaction could not be read: %1\n").arg(answer.error().message).toUtf8(), false });
        return;
    }
    if (event.gms) {
        if (std::optional<HttpAnswer> synthesized = synthesizedGms(event)) {
            send(event, ReplayOutcome::Synthesized, std::move(*synthesized));
            return;
        }
    }
    ++m_unmatched;
    event.candidates = m_matcher->nearest(RequestKey { event.method, event.uri, event.body }, 5);
    for (Candidate &c : event.candidates)
        addHeaderDifferences(event, c);
    if (m_options.unmatched == UnmatchedAnswer::Close) {
        event.outcome = ReplayOutcome::Unmatched;
        event.status = 0;
        event.answered = QDateTime::currentDateTimeUtc();
        m_byId.remove(event.id);
        m_server->drop(event.id);
        emit requestAnswered(event.index);
        return;
    }
    send(event, ReplayOutcome::Unmatched,
        HttpAnswer { 503, {},
            { { "Content-Type", "text/plain; charset=utf-8" }, { "X-Tapedeck-Unmatched", "1" }, { "Retry-After", "3600" } },
            describeMiss(event).toUtf8(), false });
}

void ReplaySession::send(ReplayHttpEvent &event, ReplayOutcome outcome, HttpAnswer answer)
{
    event.outcome = outcome;
    event.status = answer.status;
    event.answered = QDateTime::currentDateTimeUtc();
    m_byId.remove(event.id); // only requests still waiting can be abandoned
    if (event.gms && answer.status < 400)
        capture(event);
    m_server->answer(event.id, std::move(answer));
    emit requestAnswered(event.index);
    if (m_payloadBytes > m_options.payloadBudget)
        trimPayloads();
}

void ReplaySession::trimPayloads()
{
    // Oldest first, answered ones only (a held request keeps what the user may edit it against), down to
    // three quarters of the budget so that trimming does not run on every request.
    const qsizetype end = qsizetype(m_events.size());
    for (qsizetype k = m_trimmedUpTo; k < end && m_payloadBytes > m_options.payloadBudget / 4 * 3; ++k) {
        ReplayHttpEvent &e = m_events[size_t(k)];
        if (e.outcome == ReplayOutcome::Held || e.outcome == ReplayOutcome::Pending)
            continue; // m_trimmedUpTo stays at the oldest such one: it is looked at again once answered
        if (!e.payloadDropped) {
            for (const auto &[name, value] : e.headers)
                m_payloadBytes -= name.size() + value.size();
            m_payloadBytes -= e.body ? e.body->size() : 0;
            e.headers = {};
            e.body.reset();
            e.payloadDropped = true;
        }
        if (k == m_trimmedUpTo)
            ++m_trimmedUpTo;
    }
}

void ReplaySession::capture(ReplayHttpEvent &event)
{
    if (!event.body || !McpExtractor::isGmsIngest(event.method, event.uri))
        return;
    QStringList warnings;
    const QList<McpRecord> records = McpExtractor::fromRequest(event.method, event.uri, *event.body, &warnings);
    event.mcps = int(records.size());
    m_mcps.append(records);
    for (const QString &w : std::as_const(warnings))
        m_mcpWarnings.append(tr("request %1 (%2 %3): %4").arg(event.index + 1).arg(event.method, event.uri, w));
}

Result<HttpAnswer> ReplaySession::recordedAnswer(qsizetype interaction)
{
    const auto cached = m_answerCache.constFind(interaction);
    if (cached != m_answerCache.constEnd())
        return *cached;
    Result<HttpExchange> exchange = TimelineIndexer::exchange(m_timeline, m_interactions[size_t(interaction)].seq);
    if (!exchange)
        return exchange.error();
    HttpAnswer answer;
    if (exchange->hasStatus() && exchange->status >= 200 && exchange->status <= 599) {
        answer.status = exchange->status;
        answer.reason = exchange->statusMessage.toUtf8();
    } else {
        // No status, one no HTTP/1.1 status line can carry, or an interim 1xx (a client would wait on for
        // the final answer): a gateway error saying so.
        answer.status = 502;
        answer.reason = exchange->hasStatus() ? QByteArray("Recorded Status Not Replayable") : QByteArray("No Recorded Response");
        answer.headers = { { "Content-Type", "text/plain; charset=utf-8" } };
        answer.body = tr("Tapedeck replay: the recorded answer (status %1) cannot be sent as HTTP/1.1.\n")
                          .arg(exchange->hasStatus() ? QString::number(exchange->status) : tr("none"))
                          .toUtf8();
        return answer;
    }
    for (const HttpHeader &h : std::as_const(exchange->responseHeaders))
        answer.headers.append({ h.name.toUtf8(), h.value.toUtf8() });
    answer.body = exchange->responseBody.value_or(QByteArray());
    const qint64 size = answer.body.size() + 64 * answer.headers.size();
    if (m_answerCacheBytes + size <= AnswerCacheBudget) {
        m_answerCache.insert(interaction, answer);
        m_answerCacheBytes += size;
    }
    return answer;
}

std::optional<HttpAnswer> ReplaySession::synthesizedGms(const ReplayHttpEvent &event) const
{
    const QList<std::pair<QByteArray, QByteArray>> json { { "Content-Type", "application/json" },
        { "X-RestLi-Protocol-Version", "2.0.0" }, { "X-Tapedeck-Synthesized", "1" } };
    const QString path = pathOfUri(event.uri);
    if (event.method == u"GET" && path.endsWith(QLatin1String("/config"))) {
        // What the REST emitter's test_connection needs: a JSON object with "noCode": "true".
        return HttpAnswer { 200, {}, json,
            R"({"models": {}, "noCode": "true", "statefulIngestionCapable": true, "versions": {"acryldata/datahub": {"version": "v0.0.0-tapedeck-replay", "commit": ""}, "linkedin/datahub": {"version": "v0.0.0-tapedeck-replay", "commit": ""}}})",
            false };
    }
    if (McpExtractor::isGmsIngest(event.method, event.uri)) {
        // Any status below 400 is success to the emitter; without a traceparent header it reads no body.
        const bool openApi = event.uri.contains(QLatin1String("/openapi/"));
        return HttpAnswer { 200, {}, json, openApi ? QByteArray("[]") : QByteArray("{}"), false };
    }
    return std::nullopt;
}

void ReplaySession::addHeaderDifferences(const ReplayHttpEvent &event, Candidate &candidate) const
{
    const Result<HttpExchange> exchange
        = TimelineIndexer::exchange(m_timeline, m_interactions[size_t(candidate.interaction)].seq);
    if (!exchange)
        return;
    QSet<QString> seen;
    int added = 0;
    for (const HttpHeader &h : std::as_const(exchange->requestHeaders)) {
        const QByteArray name = h.name.toUtf8();
        const QString lower = h.name.toLower();
        if (isTransportHeader(name) || seen.contains(lower))
            continue;
        seen.insert(lower);
        if (std::any_of(m_options.ignoredHeaders.cbegin(), m_options.ignoredHeaders.cend(),
                [&](const QString &ignored) { return ignored.compare(h.name, Qt::CaseInsensitive) == 0; }))
            continue;
        QString incoming;
        bool present = false;
        for (const auto &[n, v] : event.headers) {
            if (n.compare(name, Qt::CaseInsensitive) == 0) {
                incoming = QString::fromUtf8(v);
                present = true;
                break;
            }
        }
        const QString recorded = HttpExchange::headerValue(exchange->requestHeaders, h.name);
        if (present && incoming == recorded)
            continue;
        RequestDifference d;
        d.field = RequestDifference::Field::Header;
        d.name = h.name;
        if (isSecretHeader(name)) {
            d.recorded = tr("(a value)");
            d.incoming = present ? tr("(another value)") : QString();
        } else {
            d.recorded = recorded;
            d.incoming = incoming;
        }
        candidate.differences.append(d);
        if (++added >= 10)
            break;
    }
}

ReplayHttpEvent *ReplaySession::heldEvent(qsizetype index)
{
    if (index < 0 || index >= qsizetype(m_events.size()))
        return nullptr;
    ReplayHttpEvent &event = m_events[size_t(index)];
    if (event.outcome != ReplayOutcome::Held)
        return nullptr;
    m_held.removeOne(index);
    return &event;
}

QList<qsizetype> ReplaySession::held() const
{
    return m_held;
}

void ReplaySession::release(qsizetype index)
{
    if (ReplayHttpEvent *event = heldEvent(index))
        decide(*event);
}

void ReplaySession::releaseAll()
{
    const QList<ReplayRef> held = m_heldEntries;
    for (const ReplayRef &entry : held)
        release(entry);
}

void ReplaySession::answerEdited(qsizetype index, HttpAnswer answer)
{
    if (ReplayHttpEvent *event = heldEvent(index)) {
        event->edit = answer;
        send(*event, ReplayOutcome::Edited, std::move(answer));
    }
}

void ReplaySession::answerError(qsizetype index, int status, const QString &message)
{
    ReplayHttpEvent *event = heldEvent(index);
    if (!event)
        return;
    if (status == 0) {
        event->outcome = ReplayOutcome::Errored;
        event->status = 0;
        event->answered = QDateTime::currentDateTimeUtc();
        m_byId.remove(event->id);
        m_server->drop(event->id);
        emit requestAnswered(index);
        return;
    }
    HttpAnswer answer { status, {}, { { "Content-Type", "text/plain; charset=utf-8" } },
        (message.isEmpty() ? tr("Tapedeck replay: answered with an error by the user") : message).toUtf8() + '\n', false };
    event->edit = answer;
    send(*event, ReplayOutcome::Errored, std::move(answer));
}

QString ReplaySession::explainMatch(const ReplayHttpEvent &event) const
{
    if (event.interaction < 0)
        return {};
    const MatchOptions &o = m_options.match;
    QStringList key { tr("method") };
    key.append(o.ignoreQueryOrder ? tr("URI (query in any order)") : tr("URI (exact)"));
    if (!o.ignoredParams.isEmpty())
        key.last() += tr(" without %1").arg(o.ignoredParams.join(QLatin1String(", ")));
    if (event.bodyIgnored)
        key.append(o.ignoreBody ? tr("body ignored (--ignore-body)") : tr("body ignored (an auth endpoint, as DataHub does)"));
    else
        key.append(o.bodyIgnoreRules.isEmpty() ? tr("body as DataHub normalises it") : tr("body as DataHub normalises it, ignore paths left out"));
    QString why = tr("same %1").arg(key.join(QLatin1String(", ")));
    if (event.emptyBody)
        why += tr(" (sent without a body; recorded with an empty one, which HTTP cannot tell apart)");
    if (event.sameKey > 1) {
        why += o.policy == MatchPolicy::DataHub
            ? tr("; %1 recorded with this key, datahub answers with the first").arg(event.sameKey)
            : tr("; %1 recorded with this key, sequential hands them out in order (this was use %2)").arg(event.sameKey).arg(event.served);
    }
    return why;
}

QString ReplaySession::fieldName(RequestDifference::Field field)
{
    switch (field) {
    case RequestDifference::Field::Method: return tr("method");
    case RequestDifference::Field::Scheme: return tr("scheme");
    case RequestDifference::Field::Host: return tr("host");
    case RequestDifference::Field::Port: return tr("port");
    case RequestDifference::Field::Path: return tr("path");
    case RequestDifference::Field::Query: return tr("query parameter");
    case RequestDifference::Field::Header: return tr("header");
    case RequestDifference::Field::Body: return tr("body");
    }
    return {};
}

QString ReplaySession::outcomeName(ReplayOutcome outcome)
{
    switch (outcome) {
    case ReplayOutcome::Pending: return QStringLiteral("pending");
    case ReplayOutcome::Held: return QStringLiteral("held");
    case ReplayOutcome::Matched: return QStringLiteral("matched");
    case ReplayOutcome::Synthesized: return QStringLiteral("synthesized");
    case ReplayOutcome::Edited: return QStringLiteral("edited");
    case ReplayOutcome::Errored: return QStringLiteral("errored");
    case ReplayOutcome::Unmatched: return QStringLiteral("unmatched");
    case ReplayOutcome::Abandoned: return QStringLiteral("abandoned");
    case ReplayOutcome::Builtin: return QStringLiteral("builtin");
    }
    return {};
}

QString ReplaySession::describeMiss(const ReplayHttpEvent &event) const
{
    QString out = tr("Tapedeck replay: no recorded interaction matches this request.\n  %1 %2\n")
                      .arg(event.method, shorten(event.uri, 400));
    out += m_options.match.policy == MatchPolicy::DataHub
        ? tr("Policy: datahub (the exact URI, the method and the body as DataHub normalises it).\n")
        : tr("Policy: sequential (the exact URI, the method and the body as DataHub normalises it).\n");
    if (event.candidates.isEmpty()) {
        out += tr("The recording has no HTTP interactions.\n");
        return out;
    }
    out += tr("Nearest recorded requests:\n");
    int rank = 0;
    for (const Candidate &c : event.candidates) {
        const RequestKey &key = m_matcher->recorded(c.interaction);
        out += tr("  %1. interaction %2 (timeline event %3): %4 %5\n")
                   .arg(++rank)
                   .arg(c.interaction + 1)
                   .arg(m_interactions[size_t(c.interaction)].seq + 1)
                   .arg(key.method, shorten(key.uri, 400));
        for (const RequestDifference &d : c.differences) {
            const QString what = d.name.isEmpty() ? fieldName(d.field) : fieldName(d.field) + u' ' + d.name;
            out += tr("       %1: recorded %2, sent %3\n")
                       .arg(what,
                           d.recorded.isEmpty() ? tr("(none)") : u'"' + shorten(d.recorded) + u'"',
                           d.incoming.isEmpty() ? tr("(none)") : u'"' + shorten(d.incoming) + u'"');
        }
        if (c.differences.isEmpty())
            out += tr("       (the same request: its recorded answers are used up)\n");
    }
    return out;
}

} // namespace tapedeck::replay
