// SPDX-License-Identifier: MIT
// The diff window: sources, background comparison with progress and cancel, the URN/aspect tree, the
// side-by-side view, difference stepping, ignore rules with profiles, export.
#include "ui/diff/diffwindow.h"

#include "core/diff/metadatadiff.h"
#include "core/recording/recording.h"
#include "ui/diff/diffprofiles.h"
#include "ui/diff/diffrulespanel.h"
#include "ui/diff/difftreemodel.h"
#include "ui/diff/diffview.h"
#include "ui/displayname.h"
#include "ui/errortext.h"
#include "ui/jobs/jobtracker.h"
#include "ui/recordingopener.h"
#include "ui/widgets/banner.h"
#include "ui/widgets/loadingbar.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QPushButton>
#include <QSaveFile>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTreeView>
#include <QVBoxLayout>

namespace tapedeck {

namespace {

const QString LastProfileKey = QStringLiteral("diff/lastProfile");

} // namespace

DiffWindow::DiffWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_recordedEdit(new QLineEdit(this))
    , m_replayedEdit(new QLineEdit(this))
    , m_compareButton(new QPushButton(tr("Compare"), this))
    , m_ownMcpsButton(new QPushButton(tr("Recording vs Its MCP File"), this))
    , m_preset(new QComboBox(this))
    , m_strictCounts(new QCheckBox(tr("Repeated emissions are differences"), this))
    , m_systemMetadata(new QCheckBox(tr("Compare systemMetadata"), this))
    , m_banner(new Banner(Banner::Kind::Error, this))
    , m_loadingBar(new LoadingBar(this))
    , m_summary(new QLabel(this))
    , m_filter(new QLineEdit(this))
    , m_changedOnly(new QCheckBox(tr("Changed only"), this))
    , m_tree(new QTreeView(this))
    , m_model(new DiffTreeModel(this))
    , m_view(new DiffView(this))
    , m_rules(new DiffRulesPanel(this))
    , m_opener(new RecordingOpener(this, m_loadingBar))
    , m_diffJobs(new JobTracker(this))
{
    setWindowTitle(tr("Compare Recorded and Replayed Metadata"));
    setAttribute(Qt::WA_DeleteOnClose, false);

    m_recordedEdit->setPlaceholderText(tr("Recording, cassette or MCP file (JSON or JSON lines)"));
    m_replayedEdit->setPlaceholderText(tr("The replay's MCP file, or another recording"));
    auto *browseRecorded = new QPushButton(tr("Browse…"), this);
    auto *browseReplayed = new QPushButton(tr("Browse…"), this);
    for (const DiffPreset p : { DiffPreset::DataHub, DiffPreset::Replay, DiffPreset::None }) {
        m_preset->addItem(DiffPresets::name(p), int(p));
        m_preset->setItemData(m_preset->count() - 1, DiffPresets::description(p), Qt::ToolTipRole);
    }
    m_preset->setToolTip(tr("Fields ignored from the start."));

    auto *sources = new QWidget(this);
    auto *form = new QFormLayout(sources);
    auto *recordedRow = new QHBoxLayout;
    recordedRow->addWidget(m_recordedEdit, 1);
    recordedRow->addWidget(browseRecorded);
    recordedRow->addWidget(m_ownMcpsButton);
    auto *replayedRow = new QHBoxLayout;
    replayedRow->addWidget(m_replayedEdit, 1);
    replayedRow->addWidget(browseReplayed);
    replayedRow->addWidget(m_compareButton);
    auto *optionsRow = new QHBoxLayout;
    optionsRow->addWidget(new QLabel(tr("Preset:"), this));
    optionsRow->addWidget(m_preset);
    optionsRow->addWidget(m_strictCounts);
    optionsRow->addWidget(m_systemMetadata);
    optionsRow->addStretch(1);
    form->addRow(tr("Recorded:"), recordedRow);
    form->addRow(tr("Replayed:"), replayedRow);
    form->addRow(optionsRow);

    m_banner->hide();
    m_banner->setDismissable(true);
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setWordWrap(true);

    m_filter->setPlaceholderText(tr("Filter URNs and aspects"));
    m_filter->setClearButtonEnabled(true);
    m_changedOnly->setChecked(true);
    m_tree->setModel(m_model);
    m_tree->setUniformRowHeights(true);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->header()->setSectionResizeMode(DiffTreeModel::NameColumn, QHeaderView::Interactive);
    m_tree->header()->resizeSection(DiffTreeModel::NameColumn, 330);

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    auto *filterRow = new QHBoxLayout;
    filterRow->addWidget(m_filter, 1);
    filterRow->addWidget(m_changedOnly);
    leftLayout->addLayout(filterRow);
    leftLayout->addWidget(m_tree, 1);

    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(left);
    split->addWidget(m_view);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    split->setSizes({ 520, 780 });

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->addWidget(sources);
    layout->addWidget(m_banner);
    layout->addWidget(m_loadingBar);
    layout->addWidget(m_summary);
    layout->addWidget(split, 1);
    setCentralWidget(central);

    auto *dock = new QDockWidget(tr("Ignore Rules"), this);
    dock->setObjectName(QStringLiteral("ignoreRulesDock"));
    dock->setWidget(m_rules);
    addDockWidget(Qt::RightDockWidgetArea, dock);
    buildMenus();
    resize(1280, 800);

    connect(browseRecorded, &QPushButton::clicked, this,
        [this] { browse(m_recordedEdit, tr("Choose the Recorded Side")); });
    connect(browseReplayed, &QPushButton::clicked, this,
        [this] { browse(m_replayedEdit, tr("Choose the Replayed Side")); });
    connect(m_compareButton, &QPushButton::clicked, this, &DiffWindow::compare);
    connect(m_ownMcpsButton, &QPushButton::clicked, this, &DiffWindow::compareWithOwnMcps);
    for (QLineEdit *edit : { m_recordedEdit, m_replayedEdit })
        connect(edit, &QLineEdit::returnPressed, this, &DiffWindow::compare);
    connect(m_preset, &QComboBox::activated, this, [this] {
        if (m_report)
            compare();
    });
    for (QCheckBox *box : { m_strictCounts, m_systemMetadata }) {
        connect(box, &QCheckBox::toggled, this, [this] {
            if (m_report)
                compare();
        });
    }
    connect(m_filter, &QLineEdit::textChanged, m_model, &DiffTreeModel::setFilterText);
    connect(m_changedOnly, &QCheckBox::toggled, m_model, &DiffTreeModel::setChangedOnly);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        if (m_stop >= 0 && size_t(m_stop) < m_stops.size()) {
            const QModelIndex index = m_model->indexOfDifference(m_stops[size_t(m_stop)].difference);
            if (index.isValid())
                m_tree->setCurrentIndex(index);
        }
    });
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
        [this](const QModelIndex &current) { showCurrent(current); });

    m_view->setSuggestionProvider([this](const FieldDifference &f) { return ignoreSuggestions(f); });
    connect(m_view, &DiffView::ignoreRuleChosen, this, &DiffWindow::addIgnoreRule);
    connect(m_view, &DiffView::currentFieldChanged, this, [this](int field) {
        const int difference = m_view->difference();
        for (size_t s = 0; s < m_stops.size(); ++s) {
            if (m_stops[s].difference == difference && (m_stops[s].field == field || field < 0)) {
                m_stop = int(s);
                break;
            }
        }
    });
    connect(m_rules, &DiffRulesPanel::rulesChanged, this, [this] {
        if (!recordedSource().isEmpty() && !replayedSource().isEmpty())
            compare();
    });
    connect(m_rules, &DiffRulesPanel::profileChosen, this, &DiffWindow::chooseProfile);
    connect(m_rules, &DiffRulesPanel::saveProfileRequested, this, &DiffWindow::saveProfile);
    connect(m_rules, &DiffRulesPanel::deleteProfileRequested, this, [this](const QString &name) {
        DiffProfiles::remove(name);
        QSettings().remove(LastProfileKey);
        m_rules->setProfiles(DiffProfiles::names());
    });

    // The opener cancels opening a recording on the same button.
    connect(m_loadingBar, &LoadingBar::cancelRequested, m_diffJobs, &JobTracker::cancel);
    connect(m_diffJobs, &JobTracker::progressChanged, m_loadingBar, &LoadingBar::setProgress);
    connect(m_opener, &RecordingOpener::loaded, this,
        [this](const QString &path, const std::shared_ptr<const Recording> &recording) {
            m_inputs[path] = DiffInput::recording(recording, path);
            m_loading.clear();
            loadNextRecording();
        });
    connect(m_opener, &RecordingOpener::failed, this, [this](const QString &path, const Error &error) {
        m_loading.clear();
        showError(ErrorText::openFailedHeadline(error.code, displayFileName(path)), error);
        Q_EMIT comparisonFailed(error);
    });
    connect(m_opener, &RecordingOpener::cancelled, this, [this] { m_loading.clear(); });

    const QString last = QSettings().value(LastProfileKey).toString();
    m_rules->setProfiles(DiffProfiles::names(), last);
    if (!last.isEmpty())
        chooseProfile(last);
    updateSummary();
}

DiffWindow::~DiffWindow() = default; // the tracker stops a comparison still running

DiffWindow *DiffWindow::open(QWidget *parent, const QString &recorded, const QString &replayed)
{
    auto *window = new DiffWindow(parent);
    window->setAttribute(Qt::WA_DeleteOnClose);
    window->setSources(recorded, replayed);
    window->show();
    if (!recorded.isEmpty() && !replayed.isEmpty())
        window->compare();
    else if (!recorded.isEmpty() && DiffInput::isRecordingPath(recorded) && !ownMcpFile(recorded).isEmpty())
        window->compareWithOwnMcps();
    return window;
}

void DiffWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *compareAction = file->addAction(tr("&Compare"), this, &DiffWindow::compare);
    compareAction->setShortcut(QKeySequence::Refresh);
    file->addAction(tr("Compare a Recording with &Its MCP File"), this, &DiffWindow::compareWithOwnMcps);
    file->addSeparator();
    file->addAction(
        tr("Export Report as &Markdown…"), this, [this] { exportWithDialog(ExportFormat::Markdown); });
    file->addAction(tr("Export Report as &JSON…"), this, [this] { exportWithDialog(ExportFormat::Json); });
    file->addSeparator();
    file->addAction(tr("&Close"), QKeySequence::Close, this, &QWidget::close);

    QMenu *go = menuBar()->addMenu(tr("&Go"));
    QAction *next = go->addAction(tr("&Next Difference"), this, &DiffWindow::nextDifference);
    next->setShortcut(QKeySequence(Qt::Key_F7));
    next->setShortcutContext(Qt::WindowShortcut);
    QAction *previous = go->addAction(tr("&Previous Difference"), this, &DiffWindow::previousDifference);
    previous->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F7));
    previous->setShortcutContext(Qt::WindowShortcut);
}

void DiffWindow::browse(QLineEdit *edit, const QString &title)
{
    const QString start = edit->text().isEmpty() ? QDir::homePath() : QFileInfo(edit->text()).absolutePath();
    const QString path = QFileDialog::getOpenFileName(this, title, start,
        tr("MCP files and recordings (*.json *.jsonl *.zip *.yaml *.yml);;All files (*)"));
    if (!path.isEmpty())
        edit->setText(path);
}

void DiffWindow::setSources(const QString &recorded, const QString &replayed)
{
    m_recordedEdit->setText(recorded);
    m_replayedEdit->setText(replayed);
}

QString DiffWindow::recordedSource() const
{
    return m_recordedEdit->text().trimmed();
}

QString DiffWindow::replayedSource() const
{
    return m_replayedEdit->text().trimmed();
}

void DiffWindow::setEnvironment(const QProcessEnvironment &environment)
{
    m_opener->setEnvironment(environment);
}

void DiffWindow::setPasswordStore(PasswordStore *store)
{
    m_opener->setPasswordStore(store);
}

QString DiffWindow::ownMcpFile(const QString &recording)
{
    if (!DiffInput::isRecordingPath(recording))
        return {};
    const QFileInfo info(recording);
    const QDir dir = info.isDir() ? QFileInfo(info.absoluteFilePath()).dir() : info.absoluteDir();
    const QString base = info.isDir() ? info.fileName() : info.completeBaseName();
    const QStringList names { base + QStringLiteral(".mcps.json"), base + QStringLiteral(".json"),
        base + QStringLiteral(".mcps.jsonl"), QStringLiteral("recording_output.json") };
    for (const QString &name : names) {
        const QString candidate = dir.filePath(name);
        if (QFileInfo(candidate).isFile())
            return candidate;
    }
    return {};
}

bool DiffWindow::compareWithOwnMcps()
{
    const QString recording = recordedSource();
    if (recording.isEmpty()) {
        browse(m_recordedEdit, tr("Choose a Recording"));
        if (recordedSource().isEmpty())
            return false;
    }
    const QString mcps = ownMcpFile(recordedSource());
    if (mcps.isEmpty()) {
        statusBar()->showMessage(
            tr("No MCP file was found beside %1: choose it.").arg(displayFileName(recordedSource())), 8000);
        browse(m_replayedEdit, tr("Choose the Recording's MCP File"));
        if (replayedSource().isEmpty())
            return false;
    } else {
        m_replayedEdit->setText(mcps);
    }
    compare();
    return true;
}

bool DiffWindow::isBusy() const
{
    return m_diffJobs->isRunning() || !m_loading.isEmpty() || m_opener->isBusy();
}

void DiffWindow::compareInputs(const DiffInput &recorded, const DiffInput &replayed, DiffPreset preset)
{
    const QString left = recorded.name();
    QString right = replayed.name();
    if (right == left)
        right += tr(" (replayed)");
    m_inputs.clear();
    m_inputs[left] = recorded;
    m_inputs[right] = replayed;
    m_recordedEdit->setText(left);
    m_replayedEdit->setText(right);
    if (const int i = m_preset->findData(int(preset)); i >= 0)
        m_preset->setCurrentIndex(i);
    compare();
}

void DiffWindow::compare()
{
    m_banner->hide();
    if (recordedSource().isEmpty() || replayedSource().isEmpty()) {
        showError(tr("Two sources are needed"),
            makeError(ErrorCode::Usage, tr("Choose the recorded and the replayed side first.")));
        return;
    }
    // Inputs of paths no longer chosen are dropped; the chosen ones are kept, so comparing again with
    // other rules does not read (or unlock) them again.
    for (auto it = m_inputs.begin(); it != m_inputs.end();) {
        if (it->first != recordedSource() && it->first != replayedSource())
            it = m_inputs.erase(it);
        else
            ++it;
    }
    loadNextRecording();
}

void DiffWindow::loadNextRecording()
{
    if (!m_loading.isEmpty())
        return; // the recording being opened continues here when it is loaded
    for (const QString &path : { recordedSource(), replayedSource() }) {
        if (m_inputs.count(path))
            continue;
        if (!DiffInput::isRecordingPath(path)) {
            m_inputs[path] = DiffInput::file(path);
            continue;
        }
        m_loading = path;
        m_opener->open(path);
        return;
    }
    startDiff();
}

void DiffWindow::startDiff()
{
    DiffOptions options;
    options.preset = DiffPreset(m_preset->currentData().toInt());
    options.strictCounts = m_strictCounts->isChecked();
    options.compareSystemMetadata = m_systemMetadata->isChecked();
    options.listIdentical = true;
    QStringList invalid;
    for (const QString &text : m_rules->rules()) {
        Result<IgnoreRule> rule = IgnoreRule::parseIgnorePath(text);
        if (rule)
            options.rules.append(std::move(rule).value());
        else
            invalid.append(rule.error().message);
    }
    if (!invalid.isEmpty()) {
        m_banner->setKind(Banner::Kind::Warning);
        m_banner->setTitle(tr("Some ignore rules are not valid and were left out"));
        m_banner->setText(invalid.join(QLatin1Char('\n')));
        m_banner->show();
    }
    const DiffInput recorded = m_inputs.at(recordedSource());
    const DiffInput replayed = m_inputs.at(replayedSource());
    m_loadingBar->setText(
        tr("Comparing %1 with %2…").arg(displayFileName(recorded.name()), displayFileName(replayed.name())));
    m_loadingBar->setProgressVisible(true);
    m_loadingBar->setProgress(0);
    m_loadingBar->show();
    // A comparison still running is superseded: it stops early and its result is dropped.
    m_diffJobs->start(
        [recorded, replayed, options](
            JobTracker::Job &job) { return MetadataDiff::run(recorded, replayed, options, &job); },
        [this](const Result<DiffReport> &result) { finishDiff(result); });
}

void DiffWindow::finishDiff(const Result<DiffReport> &result)
{
    m_loadingBar->hide();
    if (!result) {
        if (result.error().code == ErrorCode::Cancelled) {
            statusBar()->showMessage(tr("The comparison was cancelled."), 5000);
        } else {
            showError(tr("The comparison failed"), result.error());
            Q_EMIT comparisonFailed(result.error());
        }
        return;
    }
    // Keep the place: the same URN and aspect, if it still differs.
    QString urn, aspect;
    if (m_report && currentDifference() >= 0) {
        urn = m_report->aspects.at(currentDifference()).urn;
        aspect = m_report->aspects.at(currentDifference()).aspect;
    }
    m_report = std::make_shared<const DiffReport>(result.value());
    m_stops.clear();
    for (qsizetype d = 0; d < m_report->aspects.size(); ++d) {
        const AspectDifference &a = m_report->aspects.at(d);
        if (a.duplicate && !m_report->strictCounts)
            continue;
        if (a.fields.isEmpty())
            m_stops.push_back({ int(d), -1 });
        for (qsizetype f = 0; f < a.fields.size(); ++f)
            m_stops.push_back({ int(d), int(f) });
    }
    m_stop = -1;
    m_view->showMessage(tr("Choose an aspect on the left, or press F7 for the next difference."));
    m_model->setReport(m_report);
    m_rules->setUsage(m_report.get());
    if (!m_report->warnings.isEmpty()) {
        m_banner->setKind(Banner::Kind::Warning);
        m_banner->setTitle(tr("The inputs had problems that did not stop the comparison"));
        m_banner->setText(m_report->warnings.join(QLatin1Char('\n')));
        m_banner->show();
    }
    updateSummary();
    int resume = m_stops.empty() ? -1 : 0;
    for (size_t s = 0; s < m_stops.size() && !urn.isEmpty(); ++s) {
        const AspectDifference &a = m_report->aspects.at(m_stops[s].difference);
        if (a.urn == urn && a.aspect == aspect) {
            resume = int(s);
            break;
        }
    }
    if (resume >= 0)
        goToStop(resume);
    Q_EMIT comparisonFinished();
}

void DiffWindow::updateSummary()
{
    if (!m_report) {
        m_summary->setText(tr("Choose the recorded and the replayed side, then Compare."));
        return;
    }
    const DiffSummary &s = m_report->summary;
    QString text = m_report->match()
        ? DiffReport::PerfectMatch
        : tr("URNs: %1 added, %2 removed · aspects: %3 added, %4 removed, %5 changed "
             "(%6 field differences)")
              .arg(s.urnsAdded)
              .arg(s.urnsRemoved)
              .arg(s.aspectsAdded)
              .arg(s.aspectsRemoved)
              .arg(s.aspectsChanged)
              .arg(m_report->fieldDifferenceCount());
    text += QStringLiteral(" · ")
        + tr("%1 and %2 MCPs, %3 URN/aspect pairs compared, %4 values identical")
              .arg(m_report->recordedMcps)
              .arg(m_report->replayedMcps)
              .arg(s.aspectsCompared)
              .arg(s.valuesIdentical);
    const QStringList unused = m_report->unusedRules();
    if (!unused.isEmpty())
        text += QStringLiteral(" · ")
            + tr("rules that matched nothing: %1").arg(unused.join(QLatin1String(", ")));
    m_summary->setText(text);
}

void DiffWindow::showError(const QString &headline, const Error &error)
{
    m_banner->setKind(Banner::Kind::Error);
    m_banner->setTitle(headline);
    m_banner->setText(error.message);
    m_banner->show();
}

void DiffWindow::showCurrent(const QModelIndex &index)
{
    const int difference = m_model->differenceAt(index);
    if (difference >= 0) {
        if (difference != m_view->difference())
            m_view->showDifference(m_report, difference);
        return;
    }
    if (!index.isValid()) {
        m_view->showMessage(tr("Nothing chosen."));
    } else if (index.parent().isValid()) {
        m_view->showMessage(tr("%1 · %2: the recorded and replayed values are identical.")
                                .arg(index.data(DiffTreeModel::UrnRole).toString(),
                                    index.sibling(index.row(), DiffTreeModel::NameColumn).data().toString()));
    } else {
        m_view->showMessage(tr("%1 — %2").arg(index.data(DiffTreeModel::UrnRole).toString(),
            index.sibling(index.row(), DiffTreeModel::DetailColumn).data().toString()));
    }
}

int DiffWindow::currentDifference() const
{
    return m_view->difference();
}

int DiffWindow::currentField() const
{
    return m_view->currentField();
}

void DiffWindow::goToStop(int stop)
{
    if (stop < 0 || size_t(stop) >= m_stops.size())
        return;
    m_stop = stop;
    const Stop &s = m_stops[size_t(stop)];
    const QModelIndex index = m_model->indexOfDifference(s.difference);
    if (index.isValid()) {
        m_tree->setCurrentIndex(index);
        m_tree->scrollTo(index);
    }
    if (m_view->difference() != s.difference)
        m_view->showDifference(m_report, s.difference);
    m_view->setCurrentField(s.field);
    m_stop = stop; // setCurrentField may have moved it to the aspect's first field
    statusBar()->showMessage(tr("Difference %1 of %2").arg(stop + 1).arg(m_stops.size()), 3000);
}

void DiffWindow::nextDifference()
{
    if (m_stops.empty())
        return;
    if (m_stop + 1 >= int(m_stops.size())) {
        statusBar()->showMessage(tr("That was the last difference."), 3000);
        return;
    }
    goToStop(m_stop + 1);
}

void DiffWindow::previousDifference()
{
    if (m_stops.empty())
        return;
    if (m_stop <= 0) {
        statusBar()->showMessage(tr("That was the first difference."), 3000);
        return;
    }
    goToStop(m_stop - 1);
}

QStringList DiffWindow::ignoreRules() const
{
    return m_rules->rules();
}

void DiffWindow::addIgnoreRule(const QString &rule)
{
    m_rules->addRule(rule); // compares again through rulesChanged
}

QList<IgnoreSuggestion> DiffWindow::ignoreSuggestions(const FieldDifference &field) const
{
    if (!m_report)
        return {};
    return IgnoreSuggestions::forPath(field.path, *m_report);
}

void DiffWindow::chooseProfile(const QString &name)
{
    const std::optional<DiffProfile> profile = DiffProfiles::load(name);
    if (!profile)
        return;
    m_preset->setCurrentIndex(std::max(0, m_preset->findData(int(profile->preset))));
    {
        const QSignalBlocker strict(m_strictCounts);
        const QSignalBlocker metadata(m_systemMetadata);
        m_strictCounts->setChecked(profile->strictCounts);
        m_systemMetadata->setChecked(profile->compareSystemMetadata);
    }
    m_rules->setRules(profile->rules);
    m_rules->setProfiles(DiffProfiles::names(), name);
    QSettings().setValue(LastProfileKey, name);
    if (!recordedSource().isEmpty() && !replayedSource().isEmpty() && (m_report || m_diffJobs->isRunning()))
        compare();
}

void DiffWindow::saveProfile(const QString &name)
{
    DiffProfile profile;
    profile.name = name;
    profile.preset = DiffPreset(m_preset->currentData().toInt());
    profile.rules = m_rules->rules();
    profile.strictCounts = m_strictCounts->isChecked();
    profile.compareSystemMetadata = m_systemMetadata->isChecked();
    DiffProfiles::save(profile);
    QSettings().setValue(LastProfileKey, name);
    m_rules->setProfiles(DiffProfiles::names(), name);
    statusBar()->showMessage(tr("Profile %1 saved.").arg(name), 5000);
}

Status DiffWindow::exportReport(const QString &path, ExportFormat format) const
{
    if (!m_report)
        return makeError(ErrorCode::Usage, tr("There is no report to export yet."));
    const QByteArray data
        = format == ExportFormat::Json ? m_report->toJson() : m_report->toMarkdown().toUtf8();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit())
        return makeError(ErrorCode::Io, tr("%1 could not be written: %2").arg(path, file.errorString()));
    return success();
}

void DiffWindow::exportWithDialog(ExportFormat format)
{
    if (!m_report) {
        statusBar()->showMessage(tr("Compare first: there is no report to export yet."), 5000);
        return;
    }
    const bool json = format == ExportFormat::Json;
    const QString path = QFileDialog::getSaveFileName(this,
        json ? tr("Export the Report as JSON") : tr("Export the Report as Markdown"),
        QDir::home().filePath(
            json ? QStringLiteral("metadata-diff.json") : QStringLiteral("metadata-diff.md")),
        json ? tr("JSON (*.json)") : tr("Markdown (*.md)"));
    if (path.isEmpty())
        return;
    if (const Status s = exportReport(path, format); !s)
        showError(tr("The report could not be exported"), s.error());
    else
        statusBar()->showMessage(tr("Report written to %1.").arg(path), 5000);
}

} // namespace tapedeck
