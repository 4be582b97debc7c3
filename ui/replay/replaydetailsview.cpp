// SPDX-License-Identifier: MIT
#include "ui/replay/replaydetailsview.h"

#include "core/common/jsonvalue.h"
#include "core/recording/bodycontent.h"
#include "core/replay/sqlreplay.h"
#include "ui/replay/replaylogmodel.h"
#include "ui/replay/sidebysidetext.h"
#include "ui/widgets/codeview.h"

#include <QCheckBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTreeWidget>
#include <QUrlQuery>
#include <QVBoxLayout>

namespace tapedeck {

using namespace tapedeck::replay;

namespace {

constexpr qsizetype MaxShownBody = qsizetype(1) << 20;

QList<HttpHeader> headerList(const QList<std::pair<QByteArray, QByteArray>> &headers)
{
    QList<HttpHeader> out;
    for (const auto &[name, value] : headers)
        out.append({ QString::fromLatin1(name), QString::fromLatin1(value) });
    return out;
}

// A body as the comparison shows it: its JSON when it is JSON, else its text (decoded), else a note.
JsonValue bodyValue(const std::optional<QByteArray> &body, const QList<std::pair<QByteArray, QByteArray>> &headers)
{
    if (!body)
        return JsonValue();
    const BodyContent content = BodyContent::inspect(body, headerList(headers));
    if (content.shape == BodyContent::Shape::Json && !content.tooLargeToParse) {
        if (Result<JsonValue> parsed = JsonValue::parse(content.content))
            return std::move(parsed).value();
    }
    if (content.shape == BodyContent::Shape::Text || content.shape == BodyContent::Shape::Json || content.shape == BodyContent::Shape::Empty)
        return JsonValue::string(content.text);
    return JsonValue::string(ReplayDetailsView::tr("(%n byte(s) of binary data)", nullptr, int(std::min<qsizetype>(content.content.size(), INT_MAX))));
}

// A request as the comparison lays it out: method, URI, its query parameters, headers (by lower-case name),
// body.
JsonValue requestValue(const QString &method, const QString &uri, const QList<std::pair<QByteArray, QByteArray>> &headers,
    const std::optional<QByteArray> &body)
{
    JsonObject query;
    const qsizetype q = uri.indexOf(QLatin1Char('?'));
    if (q >= 0) {
        for (const auto &[name, value] : QUrlQuery(uri.mid(q + 1)).queryItems(QUrl::FullyDecoded))
            query.push_back({ name, JsonValue::string(value) });
    }
    JsonObject headerObject;
    for (const auto &[name, value] : headers) {
        const QString key = QString::fromLatin1(name).toLower();
        auto it = std::find_if(headerObject.begin(), headerObject.end(), [&](const JsonMember &m) { return m.key == key; });
        if (it != headerObject.end())
            it->value = JsonValue::string(it->value.toString() + QStringLiteral(", ") + QString::fromLatin1(value));
        else
            headerObject.push_back({ key, JsonValue::string(QString::fromLatin1(value)) });
    }
    std::sort(headerObject.begin(), headerObject.end(), [](const JsonMember &a, const JsonMember &b) { return a.key < b.key; });
    JsonObject o;
    o.push_back({ QStringLiteral("method"), JsonValue::string(method) });
    o.push_back({ QStringLiteral("uri"), JsonValue::string(uri) });
    if (!query.empty())
        o.push_back({ QStringLiteral("query"), JsonValue::object(std::move(query)) });
    o.push_back({ QStringLiteral("headers"), JsonValue::object(std::move(headerObject)) });
    o.push_back({ QStringLiteral("body"), bodyValue(body, headers) });
    return JsonValue::object(std::move(o));
}

QString answerText(const HttpAnswer &answer)
{
    QString text = QStringLiteral("%1 %2\n").arg(answer.status).arg(QString::fromLatin1(answer.reason));
    for (const auto &[name, value] : answer.headers)
        text += QString::fromLatin1(name) + QStringLiteral(": ") + QString::fromLatin1(value) + QLatin1Char('\n');
    text += QLatin1Char('\n');
    const BodyContent content = BodyContent::inspect(answer.body, headerList(answer.headers));
    if (content.shape == BodyContent::Shape::Json && !content.pretty.isEmpty())
        text += content.pretty;
    else if (content.shape == BodyContent::Shape::Text || content.shape == BodyContent::Shape::Json)
        text += content.text;
    else if (content.shape == BodyContent::Shape::Binary)
        text += ReplayDetailsView::tr("(%n byte(s) of %1)", nullptr, int(std::min<qsizetype>(content.content.size(), INT_MAX)))
                    .arg(content.binaryKind.isEmpty() ? ReplayDetailsView::tr("binary data") : content.binaryKind);
    return text;
}

QString differenceText(const RequestDifference &d)
{
    const QString field = ReplaySession::fieldName(d.field);
    const QString what = d.name.isEmpty() ? field : QStringLiteral("%1 %2").arg(field, d.name);
    return ReplayDetailsView::tr("%1: recorded %2, sent %3")
        .arg(what, d.recorded.isEmpty() ? ReplayDetailsView::tr("(none)") : d.recorded.left(300),
            d.incoming.isEmpty() ? ReplayDetailsView::tr("(none)") : d.incoming.left(300));
}

} // namespace

ReplayDetailsView::ReplayDetailsView(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_explanation(new QLabel(this))
    , m_goRecorded(new QPushButton(tr("Go to Recorded Event"), this))
    , m_tabs(new QTabWidget(this))
    , m_compare(new SideBySideText(this))
{
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_title->setWordWrap(true);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_explanation->setWordWrap(true);
    m_explanation->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_goRecorded->setToolTip(tr("Show the recorded event in the Timeline tab (Alt+Left comes back)"));
    connect(m_goRecorded, &QPushButton::clicked, this, [this] {
        if (m_details && m_details->recordedSeq >= 0)
            emit recordedEventRequested(m_details->recordedSeq);
    });

    // The response: shown, or (held) editable.
    m_responseStack = new QStackedWidget(this);
    m_response = new CodeView(m_responseStack);
    m_editor = new QWidget(m_responseStack);
    auto *form = new QFormLayout;
    m_status = new QSpinBox(m_editor);
    m_status->setRange(100, 999);
    m_reason = new QLineEdit(m_editor);
    m_reason->setPlaceholderText(tr("the standard phrase"));
    auto *statusRow = new QHBoxLayout;
    statusRow->addWidget(m_status);
    statusRow->addWidget(m_reason, 1);
    auto *statusLabel = new QLabel(tr("&Status:"), m_editor);
    statusLabel->setBuddy(m_status);
    form->addRow(statusLabel, statusRow);
    m_headers = new QPlainTextEdit(m_editor);
    m_headers->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_headers->setPlaceholderText(tr("Name: value, one per line"));
    form->addRow(tr("&Headers:"), m_headers);
    m_body = new QPlainTextEdit(m_editor);
    m_body->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_body->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    form->addRow(tr("&Body:"), m_body);
    m_editorNote = new QLabel(m_editor);
    m_editorNote->setWordWrap(true);
    form->addRow(m_editorNote);
    m_release = new QPushButton(tr("Send as Recorded"), m_editor);
    m_sendEdited = new QPushButton(tr("Send Edited"), m_editor);
    m_sendEdited->setToolTip(tr("Answer with this response instead (kept in this replay only; the recording is not changed)"));
    m_errorStatus = new QSpinBox(m_editor);
    m_errorStatus->setRange(400, 599);
    m_errorStatus->setValue(500);
    m_errorMessage = new QLineEdit(m_editor);
    m_errorMessage->setPlaceholderText(tr("error message"));
    m_sendError = new QPushButton(tr("Answer with Error"), m_editor);
    m_close = new QPushButton(tr("Close Connection"), m_editor);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_release);
    buttons->addWidget(m_sendEdited);
    buttons->addStretch(1);
    auto *errorRow = new QHBoxLayout;
    errorRow->addWidget(m_errorStatus);
    errorRow->addWidget(m_errorMessage, 1);
    errorRow->addWidget(m_sendError);
    errorRow->addWidget(m_close);
    auto *editorLayout = new QVBoxLayout(m_editor);
    editorLayout->setContentsMargins(0, 0, 0, 0);
    editorLayout->addLayout(form, 1);
    editorLayout->addLayout(buttons);
    editorLayout->addLayout(errorRow);
    m_responseStack->addWidget(m_response);
    m_responseStack->addWidget(m_editor);
    connect(m_release, &QPushButton::clicked, this, [this] {
        if (m_details)
            emit releaseRequested(m_details->ref);
    });
    connect(m_sendEdited, &QPushButton::clicked, this, &ReplayDetailsView::sendEdited);
    connect(m_sendError, &QPushButton::clicked, this, &ReplayDetailsView::sendError);
    connect(m_close, &QPushButton::clicked, this, [this] {
        if (m_details)
            emit errorAnswerRequested(m_details->ref, 0, {});
    });

    // A miss: the nearest recorded requests, and what if.
    m_candidatesPage = new QWidget(this);
    m_candidates = new QTreeWidget(m_candidatesPage);
    m_candidates->setHeaderLabels({ tr("Recorded request"), tr("Score") });
    m_candidates->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_candidates->setUniformRowHeights(true);
    connect(m_candidates, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        const qsizetype seq = item->data(0, Qt::UserRole).toLongLong();
        if (seq >= 0 && item->data(0, Qt::UserRole).isValid())
            emit recordedEventRequested(seq);
    });
    m_whatIfBox = new QWidget(m_candidatesPage);
    auto *whatIfLayout = new QHBoxLayout(m_whatIfBox);
    whatIfLayout->setContentsMargins(0, 0, 0, 0);
    whatIfLayout->addWidget(new QLabel(tr("What if:"), m_whatIfBox));
    whatIfLayout->addStretch(1);
    m_whatIfResult = new QLabel(m_candidatesPage);
    m_whatIfResult->setWordWrap(true);
    auto *candidatesLayout = new QVBoxLayout(m_candidatesPage);
    candidatesLayout->setContentsMargins(0, 0, 0, 0);
    candidatesLayout->addWidget(m_whatIfBox);
    candidatesLayout->addWidget(m_whatIfResult);
    candidatesLayout->addWidget(m_candidates, 1);

    m_tabs->addTab(m_compare, tr("Request"));
    m_tabs->addTab(m_responseStack, tr("Response"));
    m_tabs->addTab(m_candidatesPage, tr("Candidates"));

    auto *header = new QHBoxLayout;
    header->addWidget(m_title, 1);
    header->addWidget(m_goRecorded);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(m_explanation);
    layout->addWidget(m_tabs, 1);
    clear();
}

void ReplayDetailsView::clear()
{
    m_details.reset();
    m_title->setText(tr("Select a request or statement of the replay."));
    m_explanation->clear();
    m_goRecorded->setVisible(false);
    m_compare->setValues(std::nullopt, std::nullopt);
    m_response->setCode({}, SyntaxLanguage::None);
    m_responseStack->setCurrentWidget(m_response);
    m_candidates->clear();
    m_whatIfResult->clear();
    m_tabs->setTabVisible(2, false);
}

void ReplayDetailsView::showDetails(const ReplayDetails &d)
{
    const bool same = m_details && m_details->ref == d.ref;
    const int tab = m_tabs->currentIndex();
    m_details = d;
    m_goRecorded->setVisible(d.recordedSeq >= 0);
    m_goRecorded->setText(d.recordedSeq >= 0 ? tr("Go to Recorded Event #%1").arg(QLocale().toString(d.recordedSeq)) : QString());
    if (d.http)
        showHttp(d);
    else if (d.sql)
        showSql(d);
    if (same)
        m_tabs->setCurrentIndex(tab);
    else if ((d.http && d.http->outcome == ReplayOutcome::Held) || (d.sql && d.sql->outcome == ReplayOutcome::Held))
        m_tabs->setCurrentIndex(1); // what it will get, ready to edit
}

void ReplayDetailsView::showHttp(const ReplayDetails &d)
{
    const ReplayHttpEvent &e = *d.http;
    QString title = tr("#%1  %2 %3 — %4").arg(QLocale().toString(d.entry + 1), e.method, e.uri.left(500), ReplayLogModel::outcomeText(e.outcome));
    if (e.outcome == ReplayOutcome::Held)
        title += e.interaction >= 0 ? tr(" (would get recorded event #%1)").arg(QLocale().toString(d.recordedSeq)) : tr(" (nothing recorded matches)");
    m_title->setText(title);
    m_explanation->setText(d.explanation.left(4000));
    if (e.payloadDropped) {
        m_compare->setTitles(tr("Sent (its headers and body were let go to bound memory)"), tr("Recorded"));
    } else {
        m_compare->setTitles(tr("Sent by the client"), d.recorded ? tr("Recorded (interaction %1)").arg(e.interaction + 1) : tr("Recorded: nothing matched"));
    }
    const JsonValue incoming = requestValue(e.method, e.uri, e.headers, e.body);
    std::optional<JsonValue> recorded;
    if (d.recorded)
        recorded = requestValue(d.recorded->method, d.recorded->uri, d.recorded->headers, d.recorded->body);
    else if (!d.candidates.isEmpty())
        recorded = requestValue(d.candidates.first().method, d.candidates.first().uri, d.candidates.first().headers, d.candidates.first().body);
    if (!d.recorded && !d.candidates.isEmpty())
        m_compare->setTitles(tr("Sent by the client"), tr("Nearest recorded request (not a match)"));
    m_compare->setValues(incoming, recorded);

    const bool held = e.outcome == ReplayOutcome::Held;
    if (held) {
        HttpAnswer answer = d.answer.value_or(HttpAnswer { 503, {}, {}, {}, false });
        // Edited decoded: the body is shown and sent as text, without the recorded Content-Encoding.
        const BodyContent content = BodyContent::inspect(answer.body, headerList(answer.headers));
        const bool decodedBody = content.decoded && !content.contentEncoding.isEmpty() && content.contentEncoding != u"identity";
        QString headers;
        for (const auto &[name, value] : answer.headers) {
            const QByteArray lower = name.toLower();
            if (lower == "content-length" || lower == "transfer-encoding" || (decodedBody && lower == "content-encoding"))
                continue;
            headers += QString::fromLatin1(name) + QStringLiteral(": ") + QString::fromLatin1(value) + QLatin1Char('\n');
        }
        m_status->setValue(answer.status);
        m_reason->setText(QString::fromLatin1(answer.reason));
        m_headers->setPlainText(headers);
        const QByteArray body = decodedBody ? content.content : answer.body;
        m_body->setPlainText(QString::fromUtf8(body.left(MaxShownBody)));
        QStringList notes;
        if (!d.answer)
            notes << tr("Nothing recorded matches: as it is, it gets %1.").arg(tr("503 with the nearest recorded requests"));
        if (decodedBody)
            notes << tr("The recorded body was %1-encoded; it is edited and sent decoded.").arg(content.contentEncoding);
        if (body.size() > MaxShownBody)
            notes << tr("The body is longer than the editor shows; Send as Recorded keeps it whole.");
        if (!d.answerError.isEmpty())
            notes << d.answerError;
        m_editorNote->setText(notes.join(QLatin1Char(' ')));
        m_sendEdited->setEnabled(body.size() <= MaxShownBody);
        for (QWidget *w : std::initializer_list<QWidget *> { m_status, m_reason, m_headers, m_body, m_sendEdited, m_close, m_errorStatus })
            w->setVisible(true);
        m_release->setText(d.answer ? tr("Send as Recorded") : tr("Send as Unmatched"));
        m_responseStack->setCurrentWidget(m_editor);
        m_tabs->setTabText(1, tr("Response (held)"));
    } else {
        QString text;
        if (e.outcome == ReplayOutcome::Abandoned)
            text = tr("The client went away before an answer was sent.");
        else if (e.outcome == ReplayOutcome::Unmatched || ((e.outcome == ReplayOutcome::Errored) && e.status == 0 && !e.edit))
            text = e.status == 0 ? tr("The connection was closed.") : tr("%1 Service Unavailable (Tapedeck: nothing recorded matches)\n\n%2").arg(e.status).arg(d.explanation);
        else if (d.answer)
            text = answerText(*d.answer);
        else if (!d.answerError.isEmpty())
            text = d.answerError;
        else
            text = tr("Status %1 (synthesized answer)").arg(e.status);
        m_response->setCode(text, SyntaxLanguage::None);
        m_responseStack->setCurrentWidget(m_response);
        m_tabs->setTabText(1, e.outcome == ReplayOutcome::Edited ? tr("Response (edited)") : tr("Response"));
    }
    const bool miss = e.interaction < 0 && (e.outcome == ReplayOutcome::Unmatched || held);
    m_tabs->setTabVisible(2, miss && !e.candidates.isEmpty());
    fillCandidates(e.candidates, d.candidates);
    for (int i = 0; i < m_candidates->topLevelItemCount() && i < d.candidateSeqs.size(); ++i)
        m_candidates->topLevelItem(i)->setData(0, Qt::UserRole, qlonglong(d.candidateSeqs[i]));
    buildWhatIf(e);
    m_whatIfResult->clear();
}

void ReplayDetailsView::showSql(const ReplayDetails &d)
{
    const ReplaySqlEvent &e = *d.sql;
    QString statement = e.statement.left(300);
    statement.replace(QLatin1Char('\n'), QLatin1Char(' '));
    QString title = tr("#%1  %2 — %3").arg(QLocale().toString(d.entry + 1), statement, ReplayLogModel::outcomeText(e.outcome));
    if (e.outcome == ReplayOutcome::Held && e.record >= 0)
        title += tr(" (would get recorded query at line %1)").arg(d.recordLine);
    m_title->setText(title);
    m_explanation->setText(d.explanation.left(4000));
    JsonObject sent;
    sent.push_back({ QStringLiteral("query"), JsonValue::string(e.query.isEmpty() ? e.statement : e.query) });
    sent.push_back({ QStringLiteral("parameters"), e.parameters });
    if (!e.mapping.isEmpty())
        sent.push_back({ QStringLiteral("mapping"), JsonValue::string(e.mapping) });
    std::optional<JsonValue> recorded;
    std::shared_ptr<const SqlQuery> record = d.record ? d.record : (d.candidateRecords.isEmpty() ? nullptr : d.candidateRecords.first());
    if (record) {
        JsonObject r;
        r.push_back({ QStringLiteral("query"), JsonValue::string(record->query) });
        r.push_back({ QStringLiteral("parameters"), record->parameters });
        if (!e.mapping.isEmpty())
            r.push_back({ QStringLiteral("mapping"), JsonValue::string(e.mapping) });
        recorded = JsonValue::object(std::move(r));
    }
    m_compare->setTitles(tr("Sent by the client (as DataHub's cursor would see it)"),
        d.record ? tr("Recorded (line %1)").arg(d.recordLine) : (record ? tr("Nearest recorded query (not a match)") : tr("Recorded: nothing matched")));
    m_compare->setValues(JsonValue::object(std::move(sent)), recorded);

    if (e.outcome == ReplayOutcome::Held) {
        for (QWidget *w : std::initializer_list<QWidget *> { m_status, m_reason, m_headers, m_body, m_sendEdited, m_close, m_errorStatus })
            w->setVisible(false);
        m_editorNote->setText(d.record ? tr("As it is, it gets the recorded answer: %n row(s).", nullptr, int(std::min<qsizetype>(d.record->resultCount, INT_MAX)))
                                          + (d.record->error ? QLatin1Char(' ') + tr("The recording raised: %1").arg(*d.record->error) : QString())
                                       : tr("Nothing recorded matches: as it is, it gets an error naming the nearest recorded queries."));
        m_release->setText(tr("Send as Recorded"));
        m_responseStack->setCurrentWidget(m_editor);
        m_tabs->setTabText(1, tr("Result (held)"));
    } else {
        QString text;
        if (e.outcome == ReplayOutcome::Abandoned)
            text = tr("The client went away before an answer was sent.");
        else if (!e.error.isEmpty())
            text = tr("ERROR: %1").arg(e.error);
        else
            text = tr("%1 (%n row(s) sent)", nullptr, int(std::min<qint64>(e.rows, INT_MAX))).arg(QString::fromLatin1(e.tag));
        if (record && record->resultCount > 0 && e.error.isEmpty()) {
            text += QStringLiteral("\n\n");
            const qsizetype shown = std::min<qsizetype>(qsizetype(record->rows.size()), 50);
            for (qsizetype i = 0; i < shown; ++i)
                text += QString::fromUtf8(pythonDumps(record->rows[size_t(i)], false, false)) + QLatin1Char('\n');
            if (record->resultCount > shown)
                text += tr("… %n more row(s)", nullptr, int(std::min<qsizetype>(record->resultCount - shown, INT_MAX)));
        }
        m_response->setCode(text, SyntaxLanguage::None);
        m_responseStack->setCurrentWidget(m_response);
        m_tabs->setTabText(1, tr("Result"));
    }
    m_candidates->clear();
    for (int i = 0; i < e.candidates.size(); ++i) {
        const SqlCandidate &c = e.candidates[i];
        auto *item = new QTreeWidgetItem(m_candidates);
        const std::shared_ptr<const SqlQuery> q = d.candidateRecords.value(i);
        QString text = q ? q->query.left(300) : tr("(unreadable)");
        text.replace(QLatin1Char('\n'), QLatin1Char(' '));
        item->setText(0, tr("%1. line %2: %3").arg(i + 1).arg(d.candidateLines.value(i)).arg(text));
        item->setText(1, QLocale().toString(c.ratio, 'f', 3));
        if (c.parametersDiffer)
            new QTreeWidgetItem(item, { tr("parameters differ (DataHub skips such a recording)") });
    }
    m_candidates->expandAll();
    m_tabs->setTabVisible(2, !e.candidates.isEmpty() && e.record < 0);
    m_whatIfBox->setVisible(false);
    m_whatIfResult->clear();
}

void ReplayDetailsView::fillCandidates(const QList<Candidate> &candidates, const QList<ReplaySession::RecordedRequest> &requests)
{
    m_candidates->clear();
    for (int i = 0; i < candidates.size(); ++i) {
        const Candidate &c = candidates[i];
        auto *item = new QTreeWidgetItem(m_candidates);
        const ReplaySession::RecordedRequest r = requests.value(i);
        item->setText(0, tr("%1. %2 %3").arg(i + 1).arg(r.method, r.uri.left(500)));
        item->setText(1, QLocale().toString(c.score));
        for (const RequestDifference &d : c.differences)
            new QTreeWidgetItem(item, { differenceText(d) });
    }
    m_candidates->expandAll();
}

void ReplayDetailsView::buildWhatIf(const ReplayHttpEvent &e)
{
    qDeleteAll(m_whatIfBoxes);
    m_whatIfBoxes.clear();
    const bool miss = e.interaction < 0 && !e.candidates.isEmpty();
    m_whatIfBox->setVisible(miss);
    if (!miss)
        return;
    auto *layout = static_cast<QHBoxLayout *>(m_whatIfBox->layout());
    auto add = [&](const QString &text, const QString &key, const QString &value, bool checked) {
        auto *box = new QCheckBox(text, m_whatIfBox);
        box->setProperty("whatIf", key);
        box->setProperty("value", value);
        box->setChecked(checked);
        layout->insertWidget(layout->count() - 1, box);
        connect(box, &QCheckBox::toggled, this, &ReplayDetailsView::requestWhatIf);
        m_whatIfBoxes.append(box);
    };
    add(tr("ignore query order"), QStringLiteral("order"), {}, m_base.ignoreQueryOrder);
    add(tr("ignore body"), QStringLiteral("body"), {}, m_base.ignoreBody);
    QStringList params;
    for (const Candidate &c : e.candidates) {
        for (const RequestDifference &d : c.differences) {
            if (d.field == RequestDifference::Field::Query && !d.name.isEmpty() && !params.contains(d.name) && params.size() < 6)
                params.append(d.name);
        }
    }
    for (const QString &p : std::as_const(params))
        add(tr("ignore parameter %1").arg(p), QStringLiteral("param"), p, m_base.ignoredParams.contains(p));
}

void ReplayDetailsView::requestWhatIf()
{
    if (!m_details)
        return;
    MatchOptions options = m_base;
    for (QCheckBox *box : std::as_const(m_whatIfBoxes)) {
        const QString key = box->property("whatIf").toString();
        const QString value = box->property("value").toString();
        if (key == u"order")
            options.ignoreQueryOrder = box->isChecked();
        else if (key == u"body")
            options.ignoreBody = box->isChecked();
        else if (key == u"param") {
            options.ignoredParams.removeAll(value);
            if (box->isChecked())
                options.ignoredParams.append(value);
        }
    }
    m_whatIfResult->setText(tr("Ranking again…"));
    emit whatIfRequested(m_details->ref, options);
}

void ReplayDetailsView::showWhatIf(const MatchOptions &options, const ReplayWhatIf &whatIf, const QList<ReplaySession::RecordedRequest> &candidates)
{
    Q_UNUSED(options);
    if (whatIf.match.interaction >= 0)
        m_whatIfResult->setText(tr("With these options it would match recorded event #%1 (interaction %2).")
                                    .arg(QLocale().toString(whatIf.recordedSeq))
                                    .arg(whatIf.match.interaction + 1));
    else
        m_whatIfResult->setText(tr("Still unmatched with these options; the nearest recorded requests are ranked below."));
    fillCandidates(whatIf.nearest, candidates);
    for (int i = 0; i < m_candidates->topLevelItemCount() && i < whatIf.nearestSeqs.size(); ++i)
        m_candidates->topLevelItem(i)->setData(0, Qt::UserRole, qlonglong(whatIf.nearestSeqs[i]));
}

Result<replay::HttpAnswer> ReplayDetailsView::editedAnswer() const
{
    HttpAnswer answer;
    answer.status = m_status->value();
    answer.reason = m_reason->text().toLatin1();
    const QStringList lines = m_headers->toPlainText().split(QLatin1Char('\n'));
    for (int i = 0; i < lines.size(); ++i) {
        const QString line = lines[i].trimmed();
        if (line.isEmpty())
            continue;
        const qsizetype colon = line.indexOf(QLatin1Char(':'));
        if (colon <= 0)
            return makeError(ErrorCode::Usage, tr("Header line %1 is not \"Name: value\": %2").arg(i + 1).arg(line));
        const QByteArray name = line.left(colon).trimmed().toLatin1();
        const QByteArray lower = name.toLower();
        if (lower == "content-length" || lower == "transfer-encoding")
            continue; // the server frames the body itself
        answer.headers.append({ name, line.mid(colon + 1).trimmed().toLatin1() });
    }
    answer.body = m_body->toPlainText().toUtf8();
    return answer;
}

void ReplayDetailsView::sendEdited()
{
    if (!m_details)
        return;
    Result<HttpAnswer> answer = editedAnswer();
    if (!answer) {
        m_editorNote->setText(answer.error().message);
        return;
    }
    emit editedAnswerRequested(m_details->ref, *answer);
}

void ReplayDetailsView::sendError()
{
    if (m_details)
        emit errorAnswerRequested(m_details->ref, m_errorStatus->value(), m_errorMessage->text());
}

QString ReplayDetailsView::responseText() const
{
    return m_response->toPlainText();
}

} // namespace tapedeck
