// SPDX-License-Identifier: MIT
// The Recordings window's table: catalog rows as compact records, cells formatted when shown, sorted by any
// column (on a worker for a fresh result, in place when the user clicks a header).
#pragma once

#include "core/storage/catalog.h"

#include <QAbstractTableModel>
#include <QIcon>

#include <vector>

namespace tapedeck {

// One recording as the table needs it: the catalog entry without its field map.
struct RecordingRow
{
    QString location; // absolute path or s3://bucket/key
    QString container; // the location (folder or S3 prefix) it was listed under
    QString runId;
    QString sourceType;
    QString sinkType;
    QString exceptionType;
    QString exceptionMessage;
    QString problem; // why the summary could not be read
    qint64 size = 0;
    qint64 createdMs = 0; // ms since the epoch (UTC); valid only with hasCreated
    qint64 modifiedMs = 0;
    CatalogEntry::State state = CatalogEntry::State::Unreadable;
    bool hasCreated = false;
    bool failed = false;
    bool encrypted = false;

    static RecordingRow fromEntry(const CatalogEntry &entry);
    bool isS3() const;
    QString fileName() const;
};

using RecordingRows = std::vector<RecordingRow>;

class RecordingsModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RecordingsModel)

public:
    enum Column {
        NameColumn,
        RunIdColumn,
        FlowColumn, // source → sink
        CreatedColumn,
        SizeColumn,
        OutcomeColumn,
        LocationColumn, // the folder or S3 prefix it was listed under
        ColumnCount
    };
    enum Role {
        LocationRole = Qt::UserRole + 1, // the recording's path or s3:// address, every column
        ContainerRole,
        StateRole, // int(CatalogEntry::State)
        FailedRole, // bool
    };

    explicit RecordingsModel(QObject *parent = nullptr);

    // Replaces the rows. sorted says they are already in the model's sort order (a search job sorted them
    // off the GUI thread with sortRows()); otherwise they are sorted here.
    void setRows(RecordingRows rows, bool sorted = false);
    const RecordingRows &rows() const { return m_rows; }
    const RecordingRow &row(int row) const { return m_rows.at(size_t(row)); }
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }
    // Rows with this location; -1 when none.
    int rowOf(const QString &location) const;

    // Stable; ties by location so that every order is reproducible. Safe on any thread.
    static void sortRows(RecordingRows &rows, int column, Qt::SortOrder order);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    static QString outcomeText(const RecordingRow &row);

private:
    QVariant display(const RecordingRow &row, int column) const;
    QString toolTip(const RecordingRow &row, int column) const;
    QVariant decoration(const RecordingRow &row, int column) const;

    RecordingRows m_rows;
    int m_sortColumn = CreatedColumn;
    Qt::SortOrder m_sortOrder = Qt::DescendingOrder;
    QIcon m_lockIcon;
    QIcon m_errorIcon;
    QIcon m_warningIcon;
};

} // namespace tapedeck
