// SPDX-License-Identifier: MIT
#include "ui/replay/replaysetupview.h"

#include "core/diff/ignorerule.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QCryptographicHash>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSaveFile>
#include <QSettings>
#include <QVBoxLayout>

namespace tapedeck {

using namespace tapedeck::replay;

namespace {

QString settingsKey(const QString &recording)
{
    // Paths can hold anything; QSettings keys cannot.
    return QStringLiteral("replay/commands/")
        + QString::fromLatin1(QCryptographicHash::hash(recording.toUtf8(), QCryptographicHash::Sha256).toHex().left(24));
}

QStringList listOf(const QString &text)
{
    QStringList out;
    for (const QString &item : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (!item.trimmed().isEmpty())
            out.append(item.trimmed());
    }
    return out;
}

} // namespace

ReplaySetupView::ReplaySetupView(QWidget *parent)
    : QWidget(parent)
{
    auto *matching = new QGroupBox(tr("Matching"), this);
    auto *matchForm = new QFormLayout(matching);
    m_policy = new QComboBox(matching);
    m_policy->addItem(tr("DataHub (the first recording answers every repeat)"), int(MatchPolicy::DataHub));
    m_policy->addItem(tr("Sequential (repeats get the recorded answers in order)"), int(MatchPolicy::Sequential));
    matchForm->addRow(tr("&Policy:"), m_policy);
    m_ignoreQueryOrder = new QCheckBox(tr("Ignore the order of query parameters"), matching);
    matchForm->addRow(QString(), m_ignoreQueryOrder);
    m_ignoredParams = new QLineEdit(matching);
    m_ignoredParams->setPlaceholderText(tr("names, comma-separated: requestId, ts"));
    matchForm->addRow(tr("Ignore query &parameters:"), m_ignoredParams);
    m_ignoreBody = new QCheckBox(tr("Ignore request bodies"), matching);
    matchForm->addRow(QString(), m_ignoreBody);
    m_bodyPaths = new QLineEdit(matching);
    m_bodyPaths->setPlaceholderText(tr("rules, comma-separated: root['requestId'], root[**]['timestamp']"));
    matchForm->addRow(tr("Ignore body p&aths:"), m_bodyPaths);
    m_ignoredHeaders = new QLineEdit(matching);
    m_ignoredHeaders->setPlaceholderText(tr("left out of a miss's differences: User-Agent, Date"));
    matchForm->addRow(tr("Ignore &headers:"), m_ignoredHeaders);
    m_unmatched = new QComboBox(matching);
    m_unmatched->addItem(tr("Answer 503 naming the nearest recorded requests"), int(ReplaySession::UnmatchedAnswer::ServiceUnavailable));
    m_unmatched->addItem(tr("Close the connection"), int(ReplaySession::UnmatchedAnswer::Close));
    matchForm->addRow(tr("&Unmatched requests:"), m_unmatched);

    auto *run = new QGroupBox(tr("Command"), this);
    auto *runForm = new QFormLayout(run);
    m_command = new QLineEdit(run);
    m_command->setPlaceholderText(tr("datahub ingest -c {recipe}   (empty: serve until Stop)"));
    m_recipeButton = new QPushButton(tr("Insert {recipe}"), run);
    m_recipeButton->setToolTip(tr("The replay recipe: the recorded recipe pointed at the mock layer"));
    auto *commandRow = new QHBoxLayout;
    commandRow->addWidget(m_command, 1);
    commandRow->addWidget(m_recipeButton);
    runForm->addRow(tr("&Run:"), commandRow);
    m_folder = new QLineEdit(run);
    m_folder->setPlaceholderText(QDir::homePath());
    m_folderButton = new QPushButton(tr("Choose…"), run);
    auto *folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(m_folderButton);
    runForm->addRow(tr("&Working folder:"), folderRow);
    m_environment = new QPlainTextEdit(run);
    m_environment->setReadOnly(true);
    m_environment->setMaximumBlockCount(200);
    m_environment->setLineWrapMode(QPlainTextEdit::NoWrap);
    runForm->addRow(tr("Environment:"), m_environment);

    auto *serving = new QGroupBox(tr("Endpoints"), this);
    auto *servingLayout = new QVBoxLayout(serving);
    m_endpoints = new QPlainTextEdit(serving);
    m_endpoints->setReadOnly(true);
    m_endpoints->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_endpoints->setPlaceholderText(tr("Start the replay to open its endpoints."));
    servingLayout->addWidget(m_endpoints, 1);
    m_copyExports = new QPushButton(tr("Copy export lines"), serving);
    m_copyExports->setToolTip(tr("The variables that point a shell's clients at the replay, as export lines"));
    m_copyExports->setEnabled(false);
    auto *caRow = new QHBoxLayout;
    m_caPath = new QLabel(serving);
    m_caPath->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_caFingerprint = new QLabel(serving);
    m_caFingerprint->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_caFingerprint->setWordWrap(true);
    m_copyCa = new QPushButton(tr("Copy certificate"), serving);
    m_saveCa = new QPushButton(tr("Save certificate…"), serving);
    m_copyCa->setEnabled(false);
    m_saveCa->setEnabled(false);
    caRow->addWidget(m_copyExports);
    caRow->addStretch(1);
    caRow->addWidget(m_copyCa);
    caRow->addWidget(m_saveCa);
    servingLayout->addLayout(caRow);
    servingLayout->addWidget(m_caPath);
    servingLayout->addWidget(m_caFingerprint);

    auto *left = new QVBoxLayout;
    left->addWidget(matching);
    left->addWidget(run, 1);
    auto *layout = new QHBoxLayout(this);
    layout->addLayout(left, 1);
    layout->addWidget(serving, 1);

    connect(m_recipeButton, &QPushButton::clicked, this, &ReplaySetupView::insertRecipe);
    connect(m_folderButton, &QPushButton::clicked, this, &ReplaySetupView::chooseFolder);
    connect(m_copyCa, &QPushButton::clicked, this, &ReplaySetupView::copyCertificate);
    connect(m_saveCa, &QPushButton::clicked, this, &ReplaySetupView::saveCertificate);
    connect(m_copyExports, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(m_exportLines); });
    connect(m_command, &QLineEdit::textChanged, this, &ReplaySetupView::commandChanged);
    showEnvironmentPreview();
}

void ReplaySetupView::setRecordingKey(const QString &key, bool hasRecipe)
{
    m_key = key;
    m_hasRecipe = hasRecipe;
    m_recipeButton->setEnabled(hasRecipe);
    QSettings settings;
    settings.beginGroup(settingsKey(key));
    m_command->setText(settings.value(QStringLiteral("command")).toString());
    m_folder->setText(settings.value(QStringLiteral("folder")).toString());
    settings.endGroup();
}

void ReplaySetupView::remember() const
{
    if (m_key.isEmpty())
        return;
    QSettings settings;
    settings.beginGroup(settingsKey(m_key));
    settings.setValue(QStringLiteral("command"), m_command->text());
    settings.setValue(QStringLiteral("folder"), m_folder->text());
    settings.endGroup();
}

Result<ReplayStartOptions> ReplaySetupView::options() const
{
    ReplayStartOptions o;
    o.session.match.policy = MatchPolicy(m_policy->currentData().toInt());
    o.session.match.ignoreQueryOrder = m_ignoreQueryOrder->isChecked();
    o.session.match.ignoredParams = listOf(m_ignoredParams->text());
    o.session.match.ignoreBody = m_ignoreBody->isChecked();
    // Rules hold commas inside their brackets: split only at commas outside them.
    QString rule;
    int depth = 0;
    QStringList rules;
    for (const QChar c : m_bodyPaths->text()) {
        if (c == QLatin1Char('['))
            ++depth;
        else if (c == QLatin1Char(']'))
            --depth;
        if (c == QLatin1Char(',') && depth <= 0) {
            rules.append(rule.trimmed());
            rule.clear();
            continue;
        }
        rule += c;
    }
    rules.append(rule.trimmed());
    for (const QString &text : std::as_const(rules)) {
        if (text.isEmpty())
            continue;
        Result<IgnoreRule> parsed = IgnoreRule::parseIgnorePath(text);
        if (!parsed)
            return makeError(ErrorCode::Usage, tr("Ignore body paths: %1: %2").arg(text, parsed.error().message));
        o.session.match.bodyIgnoreRules.append(std::move(parsed).value());
    }
    o.session.ignoredHeaders = listOf(m_ignoredHeaders->text());
    o.session.unmatched = ReplaySession::UnmatchedAnswer(m_unmatched->currentData().toInt());
    return o;
}

QStringList ReplaySetupView::commandArguments() const
{
    return QProcess::splitCommand(m_command->text());
}

QString ReplaySetupView::commandText() const
{
    return m_command->text();
}

void ReplaySetupView::setCommandText(const QString &text)
{
    m_command->setText(text);
}

QString ReplaySetupView::workingDirectory() const
{
    return m_folder->text().trimmed();
}

void ReplaySetupView::setWorkingDirectory(const QString &folder)
{
    m_folder->setText(folder);
}

void ReplaySetupView::insertRecipe()
{
    m_command->insert(QStringLiteral("{recipe}"));
    m_command->setFocus();
}

void ReplaySetupView::chooseFolder()
{
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Working Folder"), workingDirectory());
    if (!folder.isEmpty())
        m_folder->setText(folder);
}

void ReplaySetupView::setRunning(bool running)
{
    for (QWidget *w : std::initializer_list<QWidget *> { m_policy, m_ignoreQueryOrder, m_ignoredParams, m_ignoreBody, m_bodyPaths,
             m_ignoredHeaders, m_unmatched, m_command, m_recipeButton, m_folder, m_folderButton })
        w->setEnabled(!running);
    m_recipeButton->setEnabled(!running && m_hasRecipe);
}

void ReplaySetupView::showEnvironmentPreview()
{
    m_environment->setPlainText(tr("Set when the replay starts: HTTP_PROXY, HTTPS_PROXY, http_proxy, https_proxy, REQUESTS_CA_BUNDLE, "
                                   "SSL_CERT_FILE, CURL_CA_BUNDLE, NODE_EXTRA_CA_CERTS, AWS_CA_BUNDLE, TAPEDECK_PROXY_URL, "
                                   "TAPEDECK_CA_BUNDLE, TAPEDECK_GMS_URL, TAPEDECK_POSTGRES_URL, TAPEDECK_RECIPE; NO_PROXY removed."));
}

void ReplaySetupView::setEndpoints(const ReplayEndpoints *e)
{
    if (!e) {
        m_endpoints->clear();
        m_exportLines.clear();
        m_caPem.clear();
        m_caPath->clear();
        m_caFingerprint->clear();
        m_copyExports->setEnabled(false);
        m_copyCa->setEnabled(false);
        m_saveCa->setEnabled(false);
        showEnvironmentPreview();
        return;
    }
    QString text;
    text += tr("Proxy:       %1").arg(e->proxyUrl) + QLatin1Char('\n');
    text += tr("GMS:         %1").arg(e->gmsUrl) + QLatin1Char('\n');
    if (!e->postgresUrl.isEmpty())
        text += tr("PostgreSQL:  %1").arg(e->postgresUrl) + QLatin1Char('\n');
    if (!e->recipePath.isEmpty())
        text += tr("Recipe:      %1").arg(e->recipePath) + QLatin1Char('\n');
    if (!e->reverse.isEmpty()) {
        text += tr("Reverse endpoints (one per recorded origin):") + QLatin1Char('\n');
        for (const ReplaySession::ReverseEndpoint &r : e->reverse)
            text += QStringLiteral("  %1  →  %2%3\n").arg(r.url, r.origin, r.gms ? tr(" (GMS)") : QString());
    }
    for (const QString &change : e->recipeChanges)
        text += tr("Recipe change: %1").arg(change) + QLatin1Char('\n');
    for (const QString &note : e->recipeNotes)
        text += tr("Recipe note: %1").arg(note) + QLatin1Char('\n');
    for (const QString &warning : e->warnings)
        text += tr("Warning: %1").arg(warning) + QLatin1Char('\n');
    m_endpoints->setPlainText(text);
    QString environment;
    for (const auto &[name, value] : e->environment)
        environment += name + QLatin1Char('=') + value + QLatin1Char('\n');
    environment += tr("(NO_PROXY and no_proxy are removed: a recorded host must not bypass the replay)");
    m_environment->setPlainText(environment);
    m_exportLines = e->exportLines;
    m_caPem = e->caPem;
    m_caPath->setText(tr("CA certificate: %1").arg(e->caPath));
    m_caFingerprint->setText(tr("SHA-256 fingerprint: %1").arg(e->caFingerprint));
    m_copyExports->setEnabled(!m_exportLines.isEmpty());
    m_copyCa->setEnabled(!m_caPem.isEmpty());
    m_saveCa->setEnabled(!m_caPem.isEmpty());
}

void ReplaySetupView::copyCertificate()
{
    QApplication::clipboard()->setText(QString::fromLatin1(m_caPem));
}

void ReplaySetupView::saveCertificate()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Save CA Certificate"), QStringLiteral("tapedeck-ca.pem"),
        tr("PEM certificates (*.pem *.crt);;All files (*)"));
    if (path.isEmpty())
        return;
    // The certificate only (public): the key never leaves Tapedeck's CA folder.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(m_caPem) != m_caPem.size() || !file.commit())
        m_caPath->setText(tr("Could not save %1: %2").arg(path, file.errorString()));
}

} // namespace tapedeck
