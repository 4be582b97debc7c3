// SPDX-License-Identifier: MIT
// Table model over a recording's entries: sizes, method, encryption and checksum state per entry.
#pragma once

#include "core/recording/recording.h"

#include <QAbstractTableModel>
#include <QIcon>

#include <array>

namespace tapedeck {

class EntriesModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EntriesModel)

public:
    enum Column {
        NameColumn,
        SizeColumn,
        StoredSizeColumn,
        MethodColumn,
        EncryptionColumn,
        ChecksumColumn,
        ColumnCount
    };
    enum Role {
        ChecksumStateRole = Qt::UserRole + 1, // int(ChecksumState), every column
        SortRole, // the raw value of the cell (numbers for sizes)
    };

    explicit EntriesModel(QObject *parent = nullptr);

    void setEntries(const QList<EntryCheck> &entries);
    const QList<EntryCheck> &entries() const { return m_entries; }

    static QString checksumText(ChecksumState state);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant display(const EntryCheck &check, int column) const;
    QString toolTip(const EntryCheck &check, int column) const;

    QList<EntryCheck> m_entries;
    std::array<QIcon, 5> m_checksumIcons;
};

} // namespace tapedeck
