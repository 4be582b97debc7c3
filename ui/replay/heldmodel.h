// SPDX-License-Identifier: MIT
// The Replay tab's held requests and statements, oldest first, with what each would get and how long it
// has waited (refreshed every second while any waits).
#pragma once

#include <QAbstractTableModel>
#include <QTimer>

namespace tapedeck {

class ReplayLogModel;

class HeldModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HeldModel)

public:
    enum Column { EntryColumn, RequestColumn, WouldGetColumn, AgeColumn, ColumnCount };
    enum Role { EntryRole = Qt::UserRole + 1 };

    // log: where the held entries' rows are read (outlives this model).
    explicit HeldModel(const ReplayLogModel *log, QObject *parent = nullptr);

    // entries: log entries, oldest first; startedAtMs: the replay's start (epoch ms), rows' arrival is
    // relative to it.
    void setHeld(const QList<qsizetype> &entries, qint64 startedAtMs);
    qsizetype entryAt(int row) const { return row >= 0 && row < m_entries.size() ? m_entries[row] : -1; }
    int rowOfEntry(qsizetype entry) const { return int(m_entries.indexOf(entry)); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString ageText(qint64 milliseconds);

private:
    const ReplayLogModel *m_log;
    QList<qsizetype> m_entries;
    qint64 m_startedAtMs = 0;
    QTimer m_ages;
};

} // namespace tapedeck
