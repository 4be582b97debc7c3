// SPDX-License-Identifier: MIT
// The field differences of one aspect as a table: path, recorded value, replayed value, kind of change.
#pragma once

#include "core/diff/diffreport.h"

#include <QAbstractTableModel>

#include <memory>

namespace tapedeck {

class DiffFieldsModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DiffFieldsModel)

public:
    enum Column { PathColumn, RecordedColumn, ReplayedColumn, ChangeColumn, ColumnCount };

    explicit DiffFieldsModel(QObject *parent = nullptr);

    // The fields of report->aspects[difference]; none for -1.
    void setDifference(std::shared_ptr<const DiffReport> report, int difference);
    int difference() const { return m_difference; }
    const FieldDifference *field(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString changeText(FieldDifference::Kind kind);

private:
    std::shared_ptr<const DiffReport> m_report;
    int m_difference = -1;
};

} // namespace tapedeck
