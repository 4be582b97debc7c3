// SPDX-License-Identifier: MIT
// The side-by-side review window: choose a recorded and a replayed source (or a recording and its own MCP
// file in one click), compare them in the background, browse URNs and aspects, step through differences
// (F7 / Shift+F7), ignore a path where it differs, keep ignore lists as profiles, export the report.
#pragma once

#include "core/common/result.h"
#include "core/diff/diffinput.h"
#include "core/diff/diffreport.h"
#include "core/diff/ignoresuggestions.h"

#include <QMainWindow>
#include <QProcessEnvironment>

#include <map>
#include <memory>
#include <optional>
#include <vector>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTreeView;

namespace tapedeck {

class Banner;
class DiffRulesPanel;
class DiffTreeModel;
class DiffView;
class JobTracker;
class LoadingBar;
class PasswordStore;
class RecordingOpener;

class DiffWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DiffWindow)

public:
    enum class ExportFormat { Markdown, Json };

    explicit DiffWindow(QWidget *parent = nullptr);
    ~DiffWindow() override;

    // Opens a diff window that deletes itself when closed. With both sources it compares at once; with a
    // recording only, against the MCP file beside it when there is one (ownMcpFile).
    static DiffWindow *open(QWidget *parent, const QString &recorded = {}, const QString &replayed = {});

    void setSources(const QString &recorded, const QString &replayed);
    QString recordedSource() const;
    QString replayedSource() const;
    // Compares two inputs already in memory (a replay's captured MCPs against its recording's) with preset:
    // the source fields show their names.
    void compareInputs(const DiffInput &recorded, const DiffInput &replayed, DiffPreset preset);
    // Compares the chosen sources in the background (recordings are opened first, asking for passwords);
    // a comparison still running is superseded.
    void compare();
    // The file-sink output a recording's run left beside it: <name>.mcps.json, <name>.json,
    // <name>.mcps.jsonl or recording_output.json. Empty when there is none.
    static QString ownMcpFile(const QString &recording);
    // The recorded source against ownMcpFile(recorded source); false (and a file dialog) when none is found.
    bool compareWithOwnMcps();

    void setEnvironment(const QProcessEnvironment &environment); // where recording passwords are read from
    // Where remembered passwords are looked up and kept: the system keychain unless set (not owned).
    void setPasswordStore(PasswordStore *store);
    bool isBusy() const;
    std::shared_ptr<const DiffReport> report() const { return m_report; }
    DiffTreeModel *treeModel() const { return m_model; }
    DiffView *view() const { return m_view; }
    QTreeView *tree() const { return m_tree; }

    QStringList ignoreRules() const;
    void addIgnoreRule(const QString &rule); // and compares again
    QList<IgnoreSuggestion> ignoreSuggestions(const FieldDifference &field) const;

    // The difference shown: an index into report()->aspects and the field within it (-1: none).
    int currentDifference() const;
    int currentField() const;
    int differenceCount() const { return int(m_stops.size()); } // places F7 steps through
    void nextDifference();
    void previousDifference();

    Status exportReport(const QString &path, ExportFormat format) const;

Q_SIGNALS:
    void comparisonFinished();
    void comparisonFailed(const tapedeck::Error &error);

private:
    struct Stop
    {
        int difference;
        int field;
    };

    void buildMenus();
    void browse(QLineEdit *edit, const QString &title);
    void loadNextRecording();
    void startDiff();
    void finishDiff(const Result<DiffReport> &result);
    void showError(const QString &headline, const Error &error);
    void showCurrent(const QModelIndex &index);
    void goToStop(int stop);
    void updateSummary();
    void chooseProfile(const QString &name);
    void saveProfile(const QString &name);
    void exportWithDialog(ExportFormat format);

    QLineEdit *m_recordedEdit;
    QLineEdit *m_replayedEdit;
    QPushButton *m_compareButton;
    QPushButton *m_ownMcpsButton;
    QComboBox *m_preset;
    QCheckBox *m_strictCounts;
    QCheckBox *m_systemMetadata;
    Banner *m_banner;
    LoadingBar *m_loadingBar;
    QLabel *m_summary;
    QLineEdit *m_filter;
    QCheckBox *m_changedOnly;
    QTreeView *m_tree;
    DiffTreeModel *m_model;
    DiffView *m_view;
    DiffRulesPanel *m_rules;
    RecordingOpener *m_opener;

    std::map<QString, DiffInput> m_inputs; // by path: read once, compared again with other rules
    QString m_loading; // the recording being opened
    JobTracker *m_diffJobs;
    std::shared_ptr<const DiffReport> m_report;
    std::vector<Stop> m_stops;
    int m_stop = -1;
};

} // namespace tapedeck
