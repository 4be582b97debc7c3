// SPDX-License-Identifier: MIT
// The replay report's counts, its text and its JSON.
#include "core/replay/replayreport.h"

#include "core/replay/sqlreplay.h"

#include "core/common/controlchars.h"
#include "core/common/jsonvalue.h"
#include "core/recording/mcpextractor.h"

namespace tapedeck::replay {

namespace {

JsonValue text(const QString &s)
{
    return JsonValue::string(s);
}

JsonValue count(qint64 n)
{
    return JsonValue::integer(n);
}

QString policyName(MatchPolicy policy)
{
    return policy == MatchPolicy::Sequential ? QStringLiteral("sequential") : QStringLiteral("datahub");
}

QString fieldKey(RequestDifference::Field field)
{
    switch (field) {
    case RequestDifference::Field::Method: return QStringLiteral("method");
    case RequestDifference::Field::Scheme: return QStringLiteral("scheme");
    case RequestDifference::Field::Host: return QStringLiteral("host");
    case RequestDifference::Field::Port: return QStringLiteral("port");
    case RequestDifference::Field::Path: return QStringLiteral("path");
    case RequestDifference::Field::Query: return QStringLiteral("query");
    case RequestDifference::Field::Header: return QStringLiteral("header");
    case RequestDifference::Field::Body: return QStringLiteral("body");
    }
    return {};
}

QString protocolKindName(HttpProtocolEvent::Kind kind)
{
    switch (kind) {
    case HttpProtocolEvent::Kind::BadRequest: return QStringLiteral("bad_request");
    case HttpProtocolEvent::Kind::Timeout: return QStringLiteral("timeout");
    case HttpProtocolEvent::Kind::ConnectRefused: return QStringLiteral("connect_refused");
    case HttpProtocolEvent::Kind::TlsFailed: return QStringLiteral("tls_failed");
    case HttpProtocolEvent::Kind::TooManyConnections: return QStringLiteral("too_many_connections");
    case HttpProtocolEvent::Kind::TooMuchOutput: return QStringLiteral("answers_not_read");
    }
    return {};
}

// Refused connections count against a replay (the client did something the recording cannot answer);
// a client that merely went away does not.
bool countsAsFailure(const HttpProtocolEvent &event)
{
    return event.kind == HttpProtocolEvent::Kind::ConnectRefused || event.kind == HttpProtocolEvent::Kind::BadRequest
        || event.kind == HttpProtocolEvent::Kind::TlsFailed;
}

} // namespace

bool ReplayCommandStatus::asRecorded() const
{
    if (!error.isEmpty() || interrupted)
        return false;
    const bool failed = crashed || exitCode != 0;
    return failed == expectedFailure;
}

ReplayReport ReplayReport::build(const ReplaySession &session, const QString &recordingName,
    std::optional<ReplayCommandStatus> command, std::optional<DiffReport> mcpDiff)
{
    ReplayReport r;
    r.recordingName = recordingName;
    r.command = std::move(command);
    r.mcpDiff = std::move(mcpDiff);
    r.m_policy = policyName(session.matcher().options().policy);
    for (const ReplayHttpEvent &e : session.events()) {
        ++r.requests;
        switch (e.outcome) {
        case ReplayOutcome::Matched: ++r.matched; break;
        case ReplayOutcome::Synthesized:
        case ReplayOutcome::Builtin: ++r.synthesized; break;
        case ReplayOutcome::Unmatched: ++r.unmatched; break;
        case ReplayOutcome::Edited: ++r.edited; break;
        case ReplayOutcome::Errored: ++r.errored; break;
        case ReplayOutcome::Held:
        case ReplayOutcome::Pending: ++r.held; break;
        case ReplayOutcome::Abandoned: ++r.abandoned; break;
        }
    }
    const std::vector<qint64> &served = session.matcher().served();
    for (size_t i = 0; i < served.size(); ++i) {
        if (served[i] == 0)
            r.unused.append(qsizetype(i));
    }
    r.ambiguous = session.matcher().ambiguousGroups();
    r.refusedConnections = std::count_if(session.protocolEvents().cbegin(), session.protocolEvents().cend(), countsAsFailure);
    if (const SqlReplay *sql = session.sql()) {
        for (const ReplaySqlEvent &e : sql->events()) {
            ++r.statements;
            switch (e.outcome) {
            case ReplayOutcome::Builtin: ++r.sqlBuiltin; break;
            case ReplayOutcome::Unmatched: ++r.sqlUnmatched; break;
            case ReplayOutcome::Abandoned: ++r.sqlAbandoned; break;
            default: ++r.sqlMatched; break;
            }
        }
        const std::vector<qint64> &servedQueries = sql->matcher().served();
        for (size_t i = 0; i < servedQueries.size(); ++i) {
            if (servedQueries[i] == 0)
                r.unusedQueries.append(qsizetype(i));
        }
        r.ambiguousQueries = sql->matcher().ambiguousGroups();
        // A client's Terminate and a cancelled statement are not failures; everything else the server
        // refused is.
        r.sqlProtocolErrors = std::count_if(sql->protocolEvents().cbegin(), sql->protocolEvents().cend(),
            [](const PgProtocolEvent &e) { return e.kind != PgProtocolEvent::Kind::Cancelled; });
    }
    r.warnings = session.mcpWarnings();
    return r;
}

bool ReplayReport::success() const
{
    return unmatched == 0 && refusedConnections == 0 && edited == 0 && errored == 0 && held == 0 && sqlUnmatched == 0
        && sqlProtocolErrors == 0 && (!command || command->asRecorded())
        && mcpDiff && mcpDiff->match();
}

QString ReplayReport::toText(const ReplaySession &session, bool) const
{
    QString out;
    const auto &events = session.events();
    out += tr("Replay of %1 (policy %2): %n request(s)", nullptr, int(requests))
               .arg(escapeControls(recordingName), m_policy)
        + u'\n';
    for (const ReplayHttpEvent &e : events) {
        QString line = QStringLiteral("  %1  %2 %3  ")
                           .arg(e.index + 1, 5)
                           .arg(e.method, escapeControls(e.uri.size() > 160 ? e.uri.left(160) + u'…' : e.uri));
        switch (e.outcome) {
        case ReplayOutcome::Matched:
            line += tr("→ %1, interaction %2 (served %3×)").arg(e.status).arg(e.interaction + 1).arg(e.served);
            if (e.sameKey > 1)
                line += tr(", 1 of %1 recorded with this key").arg(e.sameKey);
            if (e.bodyIgnored)
                line += tr(", body not compared");
            break;
        case ReplayOutcome::Synthesized:
        case ReplayOutcome::Builtin:
            line += tr("→ %1, synthesized GMS answer").arg(e.status);
            break;
        case ReplayOutcome::Unmatched:
            line += e.status ? tr("→ %1 UNMATCHED").arg(e.status) : tr("→ UNMATCHED (connection closed)");
            break;
        case ReplayOutcome::Edited: line += tr("→ %1, edited answer").arg(e.status); break;
        case ReplayOutcome::Errored:
            line += e.status ? tr("→ %1, error chosen by the user").arg(e.status) : tr("→ closed by the user");
            break;
        case ReplayOutcome::Held:
        case ReplayOutcome::Pending: line += tr("→ still held"); break;
        case ReplayOutcome::Abandoned: line += tr("→ the client went away before the answer"); break;
        }
        if (e.mcps > 0)
            line += tr(", %n MCP(s)", nullptr, e.mcps);
        out += line + u'\n';
        if (e.outcome == ReplayOutcome::Unmatched) {
            for (const Candidate &c : e.candidates.mid(0, 3)) {
                const RequestKey &key = session.matcher().recorded(c.interaction);
                out += tr("         nearest: interaction %1 %2 %3").arg(c.interaction + 1).arg(key.method, escapeControls(key.uri.left(160)))
                    + u'\n';
                for (const RequestDifference &d : c.differences.mid(0, 6)) {
                    const QString what = d.name.isEmpty() ? ReplaySession::fieldName(d.field)
                                                          : ReplaySession::fieldName(d.field) + u' ' + d.name;
                    out += tr("           %1: recorded %2, sent %3")
                               .arg(escapeControls(what), escapeControls(d.recorded.left(80)), escapeControls(d.incoming.left(80)))
                        + u'\n';
                }
            }
        }
    }
    out += u'\n';
    out += tr("Requests: %1 matched, %2 synthesized (GMS), %3 unmatched, %4 edited, %5 errored, %6 held, %7 abandoned")
               .arg(matched)
               .arg(synthesized)
               .arg(unmatched)
               .arg(edited)
               .arg(errored)
               .arg(held)
               .arg(abandoned)
        + u'\n';
    const qsizetype total = session.interactionCount();
    out += tr("Recorded interactions: %1, %2 served, %3 never served").arg(total).arg(total - unused.size()).arg(unused.size())
        + u'\n';
    for (const qsizetype i : unused.mid(0, 20)) {
        const RequestKey &key = session.matcher().recorded(i);
        out += tr("  unused: interaction %1 (timeline event %2) %3 %4")
                   .arg(i + 1)
                   .arg(session.interactionSeq(i) + 1)
                   .arg(key.method, escapeControls(key.uri.left(160)));
        if (McpExtractor::isGmsIngest(key.method, key.uri))
            out += tr(" (a GMS ingest call: the replay's own were captured)");
        out += u'\n';
    }
    if (unused.size() > 20)
        out += tr("  … and %1 more").arg(unused.size() - 20) + u'\n';
    if (!ambiguous.isEmpty()) {
        out += tr("Ambiguous keys (one request recorded with several answers; datahub serves the first forever, "
                  "sequential in order): %1")
                   .arg(ambiguous.size())
            + u'\n';
        for (const QList<qsizetype> &g : ambiguous.mid(0, 10)) {
            const RequestKey &key = session.matcher().recorded(g.first());
            QStringList numbers;
            for (const qsizetype i : g)
                numbers.append(QString::number(i + 1));
            out += QStringLiteral("  %1 %2: ").arg(key.method, escapeControls(key.uri.left(160)))
                + tr("interactions %1").arg(numbers.join(QLatin1String(", "))) + u'\n';
        }
    }
    const QList<ReplayOrderDivergence> &divergence = session.orderDivergence();
    if (!divergence.isEmpty()) {
        out += tr("Order divergence: %1 request(s) served an interaction recorded before one already served").arg(divergence.size())
            + u'\n';
        for (const ReplayOrderDivergence &d : divergence.mid(0, 10))
            out += tr("  request %1 got interaction %2 after interaction %3").arg(d.request + 1).arg(d.served + 1).arg(d.after + 1)
                + u'\n';
    }
    for (const HttpProtocolEvent &p : session.protocolEvents())
        out += tr("Connection from %1: %2").arg(p.peer, escapeControls(p.detail)) + u'\n';
    if (const SqlReplay *sql = session.sql()) {
        out += tr("SQL at %1: %n statement(s)", nullptr, int(statements)).arg(sql->url())
            + tr(" — %1 from the recording, %2 built-in, %3 unmatched").arg(sqlMatched).arg(sqlBuiltin).arg(sqlUnmatched) + u'\n';
        for (const ReplaySqlEvent &e : sql->events()) {
            const QString statement = e.payloadDropped ? tr("(text let go to keep memory bounded)")
                                                       : escapeControls(e.statement.size() > 120 ? e.statement.left(120) + u'…' : e.statement);
            QString line = QStringLiteral("  %1  %2  ").arg(e.index + 1, 5).arg(statement);
            switch (e.outcome) {
            case ReplayOutcome::Unmatched: line += tr("→ UNMATCHED"); break;
            case ReplayOutcome::Builtin: line += tr("→ %1, built-in").arg(QString::fromUtf8(e.tag)); break;
            case ReplayOutcome::Abandoned: line += tr("→ the client went away before the answer"); break;
            default:
                line += e.error.isEmpty() ? tr("→ %1").arg(QString::fromUtf8(e.tag)) : tr("→ recorded error");
                if (e.record >= 0)
                    line += tr(", query at line %1 (%2, served %3×)").arg(sql->recordLine(e.record)).arg(SqlReplay::ruleName(e.rule)).arg(e.served);
                break;
            }
            out += line + u'\n';
            if (e.outcome == ReplayOutcome::Unmatched) {
                for (const QString &l : sql->describeMiss(e).split(u'\n'))
                    out += QLatin1String("        ") + escapeControls(l) + u'\n';
            }
        }
        out += tr("Recorded queries: %1, %2 served, %3 never served").arg(sql->recordCount()).arg(sql->recordCount() - unusedQueries.size()).arg(unusedQueries.size()) + u'\n';
        for (const qsizetype i : unusedQueries.mid(0, 20)) {
            const QString q = sql->matcher().recorded(i).query;
            out += tr("  unused: line %1 %2").arg(sql->recordLine(i)).arg(escapeControls(q.size() > 120 ? q.left(120) + u'…' : q)) + u'\n';
        }
        if (unusedQueries.size() > 20)
            out += tr("  … and %1 more").arg(unusedQueries.size() - 20) + u'\n';
        if (!ambiguousQueries.isEmpty()) {
            out += tr("Ambiguous queries: %1 key(s) recorded more than once (DataHub serves the last)").arg(ambiguousQueries.size()) + u'\n';
            for (const QList<qsizetype> &g : ambiguousQueries.mid(0, 10)) {
                QStringList lines;
                for (const qsizetype i : g)
                    lines.append(QString::number(sql->recordLine(i)));
                out += tr("  lines %1").arg(lines.join(QLatin1String(", "))) + u'\n';
            }
        }
        for (const PgProtocolEvent &p : sql->protocolEvents())
            out += tr("PostgreSQL connection from %1: %2").arg(p.peer, escapeControls(p.detail)) + u'\n';
    }
    if (command) {
        QString how;
        if (!command->error.isEmpty())
            how = tr("could not be started: %1").arg(command->error);
        else if (command->interrupted)
            how = tr("was stopped");
        else if (command->crashed)
            how = tr("was ended by signal %1").arg(command->exitCode);
        else
            how = tr("exited with %1").arg(command->exitCode);
        out += tr("Command %1").arg(how);
        if (command->expectedFailure)
            out += command->asRecorded() ? tr(" (the recorded run failed too)") : tr(" (the recorded run failed; this one did not)");
        out += u'\n';
    }
    if (!recipeChanges.isEmpty() || !recipeNotes.isEmpty()) {
        out += tr("Replay recipe %1:").arg(recipePath) + u'\n';
        for (const QString &c : recipeChanges)
            out += QLatin1String("  ") + escapeControls(c) + u'\n';
        for (const QString &n : recipeNotes)
            out += tr("  note: %1").arg(escapeControls(n)) + u'\n';
    }
    for (const QString &w : warnings)
        out += tr("warning: %1").arg(escapeControls(w)) + u'\n';
    return out;
}

QByteArray ReplayReport::toJson(const ReplaySession &session) const
{
    JsonValue root = JsonValue::object();
    root.insert(QStringLiteral("recording"), text(recordingName));
    root.insert(QStringLiteral("policy"), text(m_policy));
    root.insert(QStringLiteral("success"), JsonValue::boolean(success()));

    JsonValue endpoints = JsonValue::object();
    endpoints.insert(QStringLiteral("proxy"), text(session.proxyUrl()));
    endpoints.insert(QStringLiteral("gms"), text(session.gmsUrl()));
    JsonArray reverse;
    for (const ReplaySession::ReverseEndpoint &e : session.reverseEndpoints()) {
        JsonValue o = JsonValue::object();
        o.insert(QStringLiteral("origin"), text(e.origin));
        o.insert(QStringLiteral("url"), text(e.url));
        o.insert(QStringLiteral("gms"), JsonValue::boolean(e.gms));
        reverse.push_back(std::move(o));
    }
    endpoints.insert(QStringLiteral("reverse"), JsonValue::array(std::move(reverse)));
    root.insert(QStringLiteral("endpoints"), std::move(endpoints));

    JsonValue summary = JsonValue::object();
    summary.insert(QStringLiteral("requests"), count(requests));
    summary.insert(QStringLiteral("matched"), count(matched));
    summary.insert(QStringLiteral("synthesized"), count(synthesized));
    summary.insert(QStringLiteral("unmatched"), count(unmatched));
    summary.insert(QStringLiteral("edited"), count(edited));
    summary.insert(QStringLiteral("errored"), count(errored));
    summary.insert(QStringLiteral("held"), count(held));
    summary.insert(QStringLiteral("abandoned"), count(abandoned));
    summary.insert(QStringLiteral("interactions"), count(session.interactionCount()));
    summary.insert(QStringLiteral("unused_interactions"), count(unused.size()));
    summary.insert(QStringLiteral("ambiguous_keys"), count(ambiguous.size()));
    summary.insert(QStringLiteral("order_divergences"), count(session.orderDivergence().size()));
    summary.insert(QStringLiteral("refused_connections"), count(refusedConnections));
    summary.insert(QStringLiteral("replayed_mcps"), count(session.replayedMcps().size()));
    root.insert(QStringLiteral("summary"), std::move(summary));

    JsonArray requestList;
    for (const ReplayHttpEvent &e : session.events()) {
        JsonValue o = JsonValue::object();
        o.insert(QStringLiteral("index"), count(e.index + 1));
        o.insert(QStringLiteral("method"), text(e.method));
        o.insert(QStringLiteral("uri"), text(e.uri));
        o.insert(QStringLiteral("outcome"), text(ReplaySession::outcomeName(e.outcome)));
        o.insert(QStringLiteral("status"), e.status ? count(e.status) : JsonValue());
        o.insert(QStringLiteral("interaction"), e.interaction >= 0 ? count(e.interaction + 1) : JsonValue());
        o.insert(QStringLiteral("event"), e.interaction >= 0 ? count(session.interactionSeq(e.interaction) + 1) : JsonValue());
        o.insert(QStringLiteral("rule"), e.interaction >= 0 && e.outcome == ReplayOutcome::Matched ? text(session.explainMatch(e)) : JsonValue());
        o.insert(QStringLiteral("served"), count(e.served));
        o.insert(QStringLiteral("same_key"), count(e.sameKey));
        o.insert(QStringLiteral("body_ignored"), JsonValue::boolean(e.bodyIgnored));
        o.insert(QStringLiteral("gms"), JsonValue::boolean(e.gms));
        o.insert(QStringLiteral("tunnel"), JsonValue::boolean(e.viaTunnel));
        o.insert(QStringLiteral("mcps"), count(e.mcps));
        o.insert(QStringLiteral("arrived"), text(e.arrived.toString(Qt::ISODateWithMs)));
        o.insert(QStringLiteral("answered"), e.answered.isValid() ? text(e.answered.toString(Qt::ISODateWithMs)) : JsonValue());
        JsonArray candidates;
        for (const Candidate &c : e.candidates) {
            const RequestKey &key = session.matcher().recorded(c.interaction);
            JsonValue co = JsonValue::object();
            co.insert(QStringLiteral("interaction"), count(c.interaction + 1));
            co.insert(QStringLiteral("event"), count(session.interactionSeq(c.interaction) + 1));
            co.insert(QStringLiteral("method"), text(key.method));
            co.insert(QStringLiteral("uri"), text(key.uri));
            co.insert(QStringLiteral("score"), count(c.score));
            JsonArray diffs;
            for (const RequestDifference &d : c.differences) {
                JsonValue dobj = JsonValue::object();
                dobj.insert(QStringLiteral("field"), text(fieldKey(d.field)));
                dobj.insert(QStringLiteral("name"), text(d.name));
                dobj.insert(QStringLiteral("recorded"), text(d.recorded));
                dobj.insert(QStringLiteral("sent"), text(d.incoming));
                diffs.push_back(std::move(dobj));
            }
            co.insert(QStringLiteral("differences"), JsonValue::array(std::move(diffs)));
            candidates.push_back(std::move(co));
        }
        o.insert(QStringLiteral("candidates"), JsonValue::array(std::move(candidates)));
        requestList.push_back(std::move(o));
    }
    root.insert(QStringLiteral("requests"), JsonValue::array(std::move(requestList)));

    JsonArray interactions;
    const std::vector<qint64> &served = session.matcher().served();
    for (size_t i = 0; i < served.size(); ++i) {
        const RequestKey &key = session.matcher().recorded(qsizetype(i));
        JsonValue o = JsonValue::object();
        o.insert(QStringLiteral("interaction"), count(qint64(i) + 1));
        o.insert(QStringLiteral("event"), count(session.interactionSeq(qsizetype(i)) + 1));
        o.insert(QStringLiteral("method"), text(key.method));
        o.insert(QStringLiteral("uri"), text(key.uri));
        o.insert(QStringLiteral("served"), count(served[i]));
        interactions.push_back(std::move(o));
    }
    root.insert(QStringLiteral("interactions"), JsonValue::array(std::move(interactions)));

    JsonArray unusedList;
    for (const qsizetype i : unused)
        unusedList.push_back(count(i + 1));
    root.insert(QStringLiteral("unused"), JsonValue::array(std::move(unusedList)));
    JsonArray ambiguousList;
    for (const QList<qsizetype> &g : ambiguous) {
        JsonArray members;
        for (const qsizetype i : g)
            members.push_back(count(i + 1));
        ambiguousList.push_back(JsonValue::array(std::move(members)));
    }
    root.insert(QStringLiteral("ambiguous"), JsonValue::array(std::move(ambiguousList)));
    JsonArray divergence;
    for (const ReplayOrderDivergence &d : session.orderDivergence()) {
        JsonValue o = JsonValue::object();
        o.insert(QStringLiteral("request"), count(d.request + 1));
        o.insert(QStringLiteral("interaction"), count(d.served + 1));
        o.insert(QStringLiteral("after"), count(d.after + 1));
        divergence.push_back(std::move(o));
    }
    root.insert(QStringLiteral("order_divergence"), JsonValue::array(std::move(divergence)));
    JsonArray protocol;
    for (const HttpProtocolEvent &p : session.protocolEvents()) {
        JsonValue o = JsonValue::object();
        o.insert(QStringLiteral("kind"), text(protocolKindName(p.kind)));
        o.insert(QStringLiteral("status"), p.status ? count(p.status) : JsonValue());
        o.insert(QStringLiteral("peer"), text(p.peer));
        o.insert(QStringLiteral("detail"), text(p.detail));
        protocol.push_back(std::move(o));
    }
    root.insert(QStringLiteral("connections"), JsonValue::array(std::move(protocol)));

    if (const SqlReplay *sql = session.sql()) {
        JsonValue o = JsonValue::object();
        o.insert(QStringLiteral("url"), text(sql->url()));
        JsonValue counts = JsonValue::object();
        counts.insert(QStringLiteral("statements"), count(statements));
        counts.insert(QStringLiteral("matched"), count(sqlMatched));
        counts.insert(QStringLiteral("builtin"), count(sqlBuiltin));
        counts.insert(QStringLiteral("unmatched"), count(sqlUnmatched));
        counts.insert(QStringLiteral("abandoned"), count(sqlAbandoned));
        counts.insert(QStringLiteral("queries"), count(sql->recordCount()));
        counts.insert(QStringLiteral("unused_queries"), count(unusedQueries.size()));
        counts.insert(QStringLiteral("ambiguous_keys"), count(ambiguousQueries.size()));
        counts.insert(QStringLiteral("protocol_errors"), count(sqlProtocolErrors));
        o.insert(QStringLiteral("summary"), std::move(counts));
        JsonArray list;
        for (const ReplaySqlEvent &e : sql->events()) {
            JsonValue s = JsonValue::object();
            s.insert(QStringLiteral("index"), count(e.index + 1));
            s.insert(QStringLiteral("connection"), count(qint64(e.connection)));
            s.insert(QStringLiteral("statement"), e.payloadDropped ? JsonValue() : text(e.statement));
            s.insert(QStringLiteral("extended"), JsonValue::boolean(e.extended));
            s.insert(QStringLiteral("outcome"), text(ReplaySession::outcomeName(e.outcome)));
            s.insert(QStringLiteral("query"), e.query.isEmpty() ? JsonValue() : text(e.query));
            s.insert(QStringLiteral("parameters"), e.parameters);
            s.insert(QStringLiteral("mapping"), e.mapping.isEmpty() ? JsonValue() : text(e.mapping));
            s.insert(QStringLiteral("line"), e.record >= 0 ? count(sql->recordLine(e.record)) : JsonValue());
            s.insert(QStringLiteral("rule"), e.record >= 0 || e.builtin ? text(sql->explainMatch(e)) : JsonValue());
            s.insert(QStringLiteral("served"), count(e.served));
            s.insert(QStringLiteral("same_key"), count(e.sameKey));
            s.insert(QStringLiteral("cursor"), e.cursor.isEmpty() ? JsonValue() : text(e.cursor));
            s.insert(QStringLiteral("rows"), count(e.rows));
            s.insert(QStringLiteral("tag"), e.tag.isEmpty() ? JsonValue() : text(QString::fromUtf8(e.tag)));
            s.insert(QStringLiteral("error"), e.error.isEmpty() ? JsonValue() : text(e.error));
            JsonArray candidates;
            for (const SqlCandidate &c : e.candidates) {
                JsonValue cand = JsonValue::object();
                cand.insert(QStringLiteral("line"), count(sql->recordLine(c.record)));
                cand.insert(QStringLiteral("query"), text(sql->matcher().recorded(c.record).query));
                cand.insert(QStringLiteral("ratio"), JsonValue::number(c.ratio));
                cand.insert(QStringLiteral("parameters_differ"), JsonValue::boolean(c.parametersDiffer));
                candidates.push_back(std::move(cand));
            }
            s.insert(QStringLiteral("candidates"), JsonValue::array(std::move(candidates)));
            s.insert(QStringLiteral("arrived"), text(e.arrived.toString(Qt::ISODateWithMs)));
            s.insert(QStringLiteral("payload_dropped"), JsonValue::boolean(e.payloadDropped));
            list.push_back(std::move(s));
        }
        o.insert(QStringLiteral("statements"), JsonValue::array(std::move(list)));
        JsonArray unusedSql;
        for (const qsizetype i : unusedQueries)
            unusedSql.push_back(count(sql->recordLine(i)));
        o.insert(QStringLiteral("unused_lines"), JsonValue::array(std::move(unusedSql)));
        JsonArray ambiguousSql;
        for (const QList<qsizetype> &g : ambiguousQueries) {
            JsonArray members;
            for (const qsizetype i : g)
                members.push_back(count(sql->recordLine(i)));
            ambiguousSql.push_back(JsonValue::array(std::move(members)));
        }
        o.insert(QStringLiteral("ambiguous_lines"), JsonValue::array(std::move(ambiguousSql)));
        JsonArray pgEvents;
        for (const PgProtocolEvent &p : sql->protocolEvents()) {
            JsonValue ev = JsonValue::object();
            ev.insert(QStringLiteral("peer"), text(p.peer));
            ev.insert(QStringLiteral("detail"), text(p.detail));
            pgEvents.push_back(std::move(ev));
        }
        o.insert(QStringLiteral("connections"), JsonValue::array(std::move(pgEvents)));
        root.insert(QStringLiteral("sql"), std::move(o));
    }

    if (command) {
        JsonValue c = JsonValue::object();
        JsonArray argv;
        for (const QString &a : command->argv)
            argv.push_back(text(a));
        c.insert(QStringLiteral("argv"), JsonValue::array(std::move(argv)));
        c.insert(QStringLiteral("exit_code"), command->crashed || !command->error.isEmpty() ? JsonValue() : count(command->exitCode));
        c.insert(QStringLiteral("signal"), command->crashed ? count(command->exitCode) : JsonValue());
        c.insert(QStringLiteral("interrupted"), JsonValue::boolean(command->interrupted));
        c.insert(QStringLiteral("error"), command->error.isEmpty() ? JsonValue() : text(command->error));
        c.insert(QStringLiteral("expected_failure"), JsonValue::boolean(command->expectedFailure));
        c.insert(QStringLiteral("as_recorded"), JsonValue::boolean(command->asRecorded()));
        root.insert(QStringLiteral("command"), std::move(c));
    } else {
        root.insert(QStringLiteral("command"), JsonValue());
    }
    if (mcpDiff) {
        Result<JsonValue> diff = JsonValue::parse(mcpDiff->toJson());
        root.insert(QStringLiteral("mcps"), diff ? std::move(diff).value() : JsonValue());
    } else {
        root.insert(QStringLiteral("mcps"), JsonValue());
    }
    if (!recipePath.isEmpty()) {
        JsonValue recipe = JsonValue::object();
        recipe.insert(QStringLiteral("path"), text(recipePath));
        JsonArray changes;
        for (const QString &c : recipeChanges)
            changes.push_back(text(c));
        recipe.insert(QStringLiteral("changes"), JsonValue::array(std::move(changes)));
        JsonArray notes;
        for (const QString &n : recipeNotes)
            notes.push_back(text(n));
        recipe.insert(QStringLiteral("notes"), JsonValue::array(std::move(notes)));
        root.insert(QStringLiteral("recipe"), std::move(recipe));
    } else {
        root.insert(QStringLiteral("recipe"), JsonValue());
    }
    JsonArray warningList;
    for (const QString &w : warnings)
        warningList.push_back(text(w));
    root.insert(QStringLiteral("warnings"), JsonValue::array(std::move(warningList)));

    const QByteArray compact = pythonDumps(root);
    const Result<QByteArray> indented = McpExtractor::reformat(compact, 2);
    return (indented ? *indented : compact) + '\n';
}

} // namespace tapedeck::replay
