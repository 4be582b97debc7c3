// SPDX-License-Identifier: MIT
// The overview of one loaded recording.
#include "ui/overview/recordingview.h"

#include "ui/widgets/banner.h"
#include "ui/overview/entriesmodel.h"
#include "ui/overview/manifestpanel.h"
#include "ui/overview/recipemodel.h"

#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QStackedWidget>
#include <QStyle>
#include <QTableView>
#include <QTreeView>
#include <QVBoxLayout>

namespace tapedeck {

namespace {

// Problems beyond this many go behind the banner's "show all" toggle, so the content stays in view.
constexpr qsizetype ProblemsInline = 3;

QGroupBox *groupWith(QWidget *content, QWidget *parent)
{
    auto *box = new QGroupBox(parent);
    auto *layout = new QVBoxLayout(box);
    layout->addWidget(content);
    return box;
}

} // namespace

RecordingView::RecordingView(QWidget *parent)
    : QWidget(parent)
    , m_problems(new Banner(Banner::Kind::Warning, this))
    , m_exception(new Banner(Banner::Kind::Error, this))
    , m_manifest(new ManifestPanel(this))
    , m_entriesView(new QTableView(this))
    , m_entriesModel(new EntriesModel(this))
    , m_recipeStack(new QStackedWidget(this))
    , m_recipeView(new QTreeView(this))
    , m_recipePlaceholder(new QLabel(this))
    , m_recipeModel(new RecipeModel(this))
{
    m_problems->setObjectName(QStringLiteral("problemsBanner"));
    m_problems->hide();
    m_exception->setObjectName(QStringLiteral("exceptionBanner"));
    m_exception->hide();

    m_entriesView->setObjectName(QStringLiteral("entriesView"));
    m_entriesView->setModel(m_entriesModel);
    m_entriesView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_entriesView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_entriesView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_entriesView->setAlternatingRowColors(true);
    m_entriesView->setShowGrid(false);
    m_entriesView->setWordWrap(false);
    m_entriesView->verticalHeader()->hide();
    m_entriesView->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    // As compact as the recipe tree next to it, with room for the checksum icons.
    m_entriesView->verticalHeader()->setDefaultSectionSize(
        std::max(fontMetrics().height(), style()->pixelMetric(QStyle::PM_SmallIconSize)) + 6);
    m_entriesView->horizontalHeader()->setHighlightSections(false);
    m_entriesView->horizontalHeader()->setSectionResizeMode(EntriesModel::NameColumn, QHeaderView::Stretch);

    m_recipeView->setObjectName(QStringLiteral("recipeView"));
    m_recipeView->setModel(m_recipeModel);
    m_recipeView->setUniformRowHeights(true);
    m_recipeView->setAlternatingRowColors(true);
    m_recipeView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_recipeView->header()->setStretchLastSection(true);
    m_recipePlaceholder->setObjectName(QStringLiteral("recipePlaceholder"));
    m_recipePlaceholder->setTextFormat(Qt::PlainText);
    m_recipePlaceholder->setWordWrap(true);
    m_recipePlaceholder->setAlignment(Qt::AlignCenter);
    m_recipeStack->addWidget(m_recipeView);
    m_recipeStack->addWidget(m_recipePlaceholder);

    QGroupBox *manifestBox = groupWith(m_manifest, this);
    manifestBox->setTitle(tr("Manifest"));
    manifestBox->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    m_entriesBox = groupWith(m_entriesView, this);
    m_recipeBox = groupWith(m_recipeStack, this);

    auto *left = new QSplitter(Qt::Vertical, this);
    left->setChildrenCollapsible(false);
    left->addWidget(manifestBox);
    left->addWidget(m_entriesBox);
    // The manifest keeps its natural height; the entries list takes what is left.
    left->setStretchFactor(0, 0);
    left->setStretchFactor(1, 1);

    auto *columns = new QSplitter(Qt::Horizontal, this);
    columns->setChildrenCollapsible(false);
    columns->addWidget(left);
    columns->addWidget(m_recipeBox);
    columns->setStretchFactor(0, 1);
    columns->setStretchFactor(1, 1);
    // A little more room for the entries table than for the recipe: file names should not be elided.
    columns->setSizes({ 11, 9 });

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_problems);
    layout->addWidget(m_exception);
    layout->addWidget(columns, 1);

    setRecording(nullptr);
}

void RecordingView::setRecording(const std::shared_ptr<const Recording> &recording)
{
    m_recording = recording;
    static const Recording empty;
    const Recording &r = recording ? *recording : empty;

    showProblems(r);
    showException(r);
    m_manifest->setManifest(r.manifest);

    m_entriesModel->setEntries(r.entries);
    m_entriesBox->setTitle(tr("Entries (%1)").arg(r.entries.size()));
    m_entriesView->resizeColumnsToContents();
    m_entriesView->horizontalHeader()->setSectionResizeMode(EntriesModel::NameColumn, QHeaderView::Stretch);

    m_recipeModel->setRecipe(r.recipe);
    if (!r.recipe) {
        const bool present = std::any_of(r.entries.cbegin(), r.entries.cend(),
            [](const EntryCheck &c) { return c.entry.name == Recipe::FileName; });
        m_recipePlaceholder->setText(present ? tr("recipe.yaml could not be read; see the problems above.")
                                             : tr("This recording has no recipe.yaml."));
        m_recipeStack->setCurrentWidget(m_recipePlaceholder);
        m_recipeBox->setTitle(tr("Recipe"));
    } else {
        m_recipeStack->setCurrentWidget(m_recipeView);
        m_recipeView->expandAll();
        m_recipeView->resizeColumnToContents(RecipeModel::KeyColumn);
        const int redacted = m_recipeModel->replayDummyCount();
        if (redacted == 0)
            m_recipeBox->setTitle(tr("Recipe"));
        else
            m_recipeBox->setTitle(redacted == 1
                    ? tr("Recipe — 1 secret redacted by DataHub")
                    : tr("Recipe — %n secrets redacted by DataHub", nullptr, redacted));
    }
}

void RecordingView::showProblems(const Recording &recording)
{
    QStringList problems;
    for (const Error &e : recording.problems)
        problems << e.message;
    if (recording.manifest) {
        for (const QString &warning : recording.manifest->warnings)
            problems << tr("%1/%2: %3").arg(recording.displayName, Manifest::FileName, warning);
    }
    if (problems.isEmpty()) {
        m_problems->hide();
        return;
    }

    const bool damaged
        = std::any_of(recording.problems.cbegin(), recording.problems.cend(), [](const Error &e) {
              return e.code == ErrorCode::InvalidInput || e.code == ErrorCode::Io
                  || e.code == ErrorCode::Password;
          });
    m_problems->setKind(damaged ? Banner::Kind::Error : Banner::Kind::Warning);
    const int count = int(problems.size());
    // Singular and plural are separate source strings: the untranslated English must read right too.
    if (damaged) {
        m_problems->setTitle(count == 1
                ? tr("This recording has a problem. Everything that could still be read is shown below.")
                : tr("This recording has %n problems. Everything that could still be read is shown below.",
                    nullptr, count));
    } else {
        m_problems->setTitle(count == 1
                ? tr("The manifest has an irregularity; the recording is shown as far as it is understood.")
                : tr("The manifest has %n irregularities; the recording is shown as far as it is understood.",
                    nullptr, count));
    }
    QStringList shown = problems.mid(0, ProblemsInline);
    for (QString &line : shown)
        line.prepend(QStringLiteral("• "));
    if (count > ProblemsInline)
        shown << tr("… and %n more.", nullptr, count - int(ProblemsInline));
    m_problems->setText(shown.join(QLatin1Char('\n')));
    m_problems->setDetails(count > ProblemsInline ? problems.join(QLatin1Char('\n')) : QString(),
        tr("Show all problems"), tr("Hide the list"));
    m_problems->show();
}

void RecordingView::showException(const Recording &recording)
{
    if (!recording.manifest || !recording.manifest->hasException) {
        m_exception->hide();
        return;
    }
    const std::optional<ExceptionInfo> &exception = recording.manifest->exception;
    if (exception && !exception->type.isEmpty())
        m_exception->setTitle(tr("The recorded run failed with %1").arg(exception->type));
    else
        m_exception->setTitle(tr("The recorded run failed"));
    m_exception->setText(exception && !exception->message.isEmpty()
            ? exception->message
            : tr("The manifest records no message for the failure."));
    m_exception->setDetails(
        exception ? exception->traceback : QString(), tr("Show traceback"), tr("Hide traceback"));
    m_exception->show();
}

} // namespace tapedeck
