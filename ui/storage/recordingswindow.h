// SPDX-License-Identifier: MIT
// File › Browse Recordings…: the saved locations (folders, S3 prefixes), the recordings the catalog knows in
// them (searched, sorted), and opening one or comparing the MCPs of two.
#pragma once

#include "core/common/result.h"
#include "core/storage/catalog.h"
#include "ui/storage/recordingsmodel.h"

#include <QMainWindow>
#include <QPointer>
#include <QProcessEnvironment>

#include <optional>

class QCheckBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QStackedWidget;
class QTableView;
class QTimer;

namespace tapedeck {

class Banner;
class JobTracker;
class LoadingBar;
class PasswordStore;
class RecordingDownloader;

class RecordingsWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RecordingsWindow)

public:
    // At most this many recordings are shown per location (the newest first); the search narrows them.
    static constexpr int RowLimit = 50000;

    explicit RecordingsWindow(QWidget *parent = nullptr);
    ~RecordingsWindow() override;

    // Where DATAHUB_RECORDING_PASSWORD and ADMIN_PASSWORD are read to read encrypted summaries, and what
    // the diff windows opened here use: the process environment unless set.
    void setEnvironment(const QProcessEnvironment &environment);
    // Handed to the diff windows opened here (not owned).
    void setPasswordStore(PasswordStore *store);
    // The catalog file: Catalog::defaultPath() unless set.
    void setCatalogPath(const QString &path);

    QList<CatalogLocation> locations() const { return m_locations; }
    // Adds (or replaces, by address) a location, saves the list and lists it.
    Status addLocation(const CatalogLocation &location);
    void removeLocation(const QString &url);
    // The location whose recordings are shown; empty for every location.
    void setCurrentLocation(const QString &url);
    QString currentLocation() const;

    // Lists every location again (only what changed is read).
    void refresh();
    void setSearchText(const QString &text);
    void setFailedOnly(bool failedOnly);
    // A recording (a file, an extracted recording folder, s3://bucket/key.zip) opens; a folder or an S3
    // prefix (s3://bucket/prefix, with or without the trailing '/') becomes a location.
    void goToAddress(const QString &address);

    // The selected recordings, in the table's order.
    QStringList selectedRecordings() const;
    void openSelected();
    void compareSelected();

    RecordingsModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QListWidget *locationList() const { return m_locationList; }
    bool isRefreshing() const;
    bool isSearching() const;
    bool isDownloading() const;
    // The options a recording is reached with: its saved S3 location's (the longest prefix that holds it).
    S3Options optionsFor(const QString &recording) const;

Q_SIGNALS:
    // The user chose a recording to open: a local path, or an s3:// address to download first.
    void openRequested(const QString &location, const tapedeck::S3Options &options);
    // The table shows the result of the latest search.
    void searchFinished();
    // Every location asked for was listed (or failed; see the banner).
    void refreshFinished();

protected:
    void showEvent(QShowEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    struct RefreshOutcome
    {
        CatalogLocation location;
        Result<CatalogRefreshStats> stats;
    };
    struct SearchOutcome
    {
        RecordingRows rows;
        QStringList errors;
        bool truncated = false;
    };

    void buildActions();
    void rebuildLocationList();
    void addFolder();
    void addS3Prefix(const QString &address = {});
    void removeCurrentLocation();
    void createCatalog();
    void refreshLocations(const QList<CatalogLocation> &locations);
    void refreshNext();
    void finishRefresh(const RefreshOutcome &outcome);
    void search();
    // sorted: the rows are in the model's current order already.
    void applySearch(SearchOutcome outcome, bool sorted);
    void updateActions();
    void updateEmptyState();
    void updateLockedHint();
    void askPassword();
    std::optional<QString> password() const;
    void downloadNextForCompare();
    void openDiff(const QString &left, const QString &right);
    void restoreLayout();
    void saveLayout() const;

    QString m_catalogPath;
    bool m_catalogCreated = false;
    std::optional<QProcessEnvironment> m_environment;
    QPointer<PasswordStore> m_store;
    QList<CatalogLocation> m_locations;
    std::optional<QString> m_password; // entered here, kept while the window lives, never saved

    QLineEdit *m_address;
    QListWidget *m_locationList;
    QPushButton *m_removeButton;
    QLineEdit *m_search;
    QCheckBox *m_failedOnly;
    LoadingBar *m_refreshBar;
    LoadingBar *m_downloadBar;
    Banner *m_errors;
    QWidget *m_lockedRow;
    Banner *m_lockedHint;
    QStackedWidget *m_stack;
    QTableView *m_view;
    QLabel *m_empty;
    QLabel *m_count;
    QPushButton *m_openButton;
    QPushButton *m_compareButton;
    RecordingsModel *m_model;
    QTimer *m_searchDelay;
    JobTracker *m_searchJobs;
    JobTracker *m_refreshJobs;
    RecordingDownloader *m_downloader;

    QList<CatalogLocation> m_refreshQueue;
    int m_refreshTotal = 0;
    QStringList m_refreshErrors;
    int m_lockedBeforeUnlock = -1; // the locked count when a password was entered, until it is tried

    QStringList m_compareSources; // s3:// or local, as selected
    QStringList m_compareLocal; // the downloaded or local paths so far
};

} // namespace tapedeck
