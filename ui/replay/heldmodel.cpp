// SPDX-License-Identifier: MIT
#include "ui/replay/heldmodel.h"

#include "ui/replay/replaylogmodel.h"

#include <QDateTime>
#include <QLocale>

namespace tapedeck {

using namespace tapedeck::replay;

HeldModel::HeldModel(const ReplayLogModel *log, QObject *parent)
    : QAbstractTableModel(parent)
    , m_log(log)
{
    m_ages.setInterval(1000);
    connect(&m_ages, &QTimer::timeout, this, [this] {
        if (!m_entries.isEmpty())
            emit dataChanged(index(0, AgeColumn), index(int(m_entries.size()) - 1, AgeColumn), { Qt::DisplayRole });
    });
}

void HeldModel::setHeld(const QList<qsizetype> &entries, qint64 startedAtMs)
{
    m_startedAtMs = startedAtMs;
    if (entries == m_entries) {
        if (!m_entries.isEmpty())
            emit dataChanged(index(0, 0), index(int(m_entries.size()) - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_entries = entries;
    endResetModel();
    if (m_entries.isEmpty())
        m_ages.stop();
    else if (!m_ages.isActive())
        m_ages.start();
}

int HeldModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int HeldModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString HeldModel::ageText(qint64 ms)
{
    const QLocale locale;
    if (ms < 60'000)
        return tr("%1 s").arg(locale.toString(ms / 1000));
    if (ms < 3'600'000)
        return tr("%1 min %2 s").arg(locale.toString(ms / 60'000), locale.toString((ms / 1000) % 60));
    return tr("%1 h %2 min").arg(locale.toString(ms / 3'600'000), locale.toString((ms / 60'000) % 60));
}

QVariant HeldModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_entries.size())
        return {};
    const qsizetype entry = m_entries[index.row()];
    if (role == EntryRole)
        return qlonglong(entry);
    const ReplayRow *row = m_log->entry(entry);
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case EntryColumn: return QLocale().toString(entry + 1);
    case RequestColumn: {
        if (!row)
            return tr("(arriving)");
        const QString text = ReplayLogModel::requestText(*row);
        return role == Qt::ToolTipRole ? text.left(2000) : text;
    }
    case WouldGetColumn:
        if (!row)
            return {};
        return row->recordedSeq >= 0 ? tr("recorded event #%1").arg(QLocale().toString(row->recordedSeq))
                                     : tr("nothing recorded");
    case AgeColumn:
        if (!row)
            return {};
        return ageText(std::max<qint64>(0, QDateTime::currentMSecsSinceEpoch() - (m_startedAtMs + row->arrivedMs)));
    default: break;
    }
    return {};
}

QVariant HeldModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case EntryColumn: return tr("#");
    case RequestColumn: return tr("Held request");
    case WouldGetColumn: return tr("Would get");
    case AgeColumn: return tr("Waiting");
    default: break;
    }
    return {};
}

} // namespace tapedeck
