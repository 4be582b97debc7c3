// SPDX-License-Identifier: MIT
// The diff window's left tree: URNs, and below each the aspects compared, with added/removed/changed/
// identical status and counts; optionally only what differs, optionally only names containing a text.
#pragma once

#include "core/diff/diffreport.h"

#include <QAbstractItemModel>

#include <memory>
#include <vector>

namespace tapedeck {

class DiffTreeModel final : public QAbstractItemModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DiffTreeModel)

public:
    enum Column { NameColumn, StatusColumn, DetailColumn, ColumnCount };
    enum class Status { Added, Removed, Changed, Identical };
    enum Role {
        StatusRole = Qt::UserRole + 1, // int(Status)
        DifferenceRole, // index into the report's aspects, -1 for identical groups and URNs
        UrnRole,
    };

    explicit DiffTreeModel(QObject *parent = nullptr);

    void setReport(std::shared_ptr<const DiffReport> report);
    const DiffReport *report() const { return m_report.get(); }
    void setChangedOnly(bool changedOnly);
    bool changedOnly() const { return m_changedOnly; }
    // Case-insensitive substring of a URN or aspect name; empty shows everything.
    void setFilterText(const QString &text);

    // The row of the report's aspect difference, or an invalid index when it is filtered out.
    QModelIndex indexOfDifference(int difference) const;
    int differenceAt(const QModelIndex &index) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString statusText(Status status);

private:
    struct Aspect
    {
        QString name;
        Status status;
        int count; // values (identical groups) or copies (added/removed)
        int difference; // index into the report's aspects, or -1
    };
    struct Urn
    {
        QString urn;
        Status status;
        int added = 0;
        int removed = 0;
        int changed = 0;
        int identical = 0;
        std::vector<Aspect> aspects;
        std::vector<int> visible; // indices into aspects
    };

    void rebuild();
    bool aspectVisible(const Urn &urn, const Aspect &aspect) const;

    std::shared_ptr<const DiffReport> m_report;
    std::vector<Urn> m_urns;
    std::vector<int> m_visible; // indices into m_urns
    std::vector<std::pair<int, int>> m_differenceRows; // difference → (urn, aspect) in m_urns
    bool m_changedOnly = true;
    QString m_filter;
};

} // namespace tapedeck
