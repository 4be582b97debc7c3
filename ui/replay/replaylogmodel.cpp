// SPDX-License-Identifier: MIT
#include "ui/replay/replaylogmodel.h"

#include "core/replay/replaysubject.h"
#include "ui/widgets/themecolors.h"

#include <QApplication>
#include <QLocale>

#include <algorithm>

namespace tapedeck {

using namespace tapedeck::replay;

ReplayLogModel::ReplayLogModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    m_refilter.setSingleShot(true);
    m_refilter.setInterval(0);
    connect(&m_refilter, &QTimer::timeout, this, &ReplayLogModel::refilterSlice);
}

void ReplayLogModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_shown.clear();
    m_next.clear();
    m_refilterAt = -1;
    m_refilter.stop();
    m_identity = isIdentity();
    std::fill(std::begin(m_kindCounts), std::end(m_kindCounts), 0);
    m_gaveUp = false;
    endResetModel();
    emitCounts();
}

bool ReplayLogModel::matches(const ReplayRow &row)
{
    const EventKind kind = row.ref.kind == ReplayKind::Sql ? EventKind::Sql : EventKind::Http;
    if (!(m_kinds & kindBit(kind)))
        return false;
    if (m_filter.isEmpty() || m_gaveUp)
        return !m_gaveUp;
    ReplayRowSubject subject;
    subject.setRow(row);
    FilterError gaveUp;
    const FilterExpression::Outcome outcome = m_filter.match(subject, &gaveUp);
    if (outcome == FilterExpression::Outcome::GaveUp) {
        // As the timeline does: the matches before it stay, nothing more is matched until the filter changes.
        m_gaveUp = true;
        emit filterGaveUp(gaveUp);
        return false;
    }
    return outcome == FilterExpression::Outcome::Match;
}

void ReplayLogModel::addRows(const QList<ReplayRow> &rows)
{
    if (rows.isEmpty())
        return;
    const qsizetype first = qsizetype(m_rows.size());
    // Batches come in order; anything else is a stale batch of an earlier replay.
    qsizetype count = 0;
    for (const ReplayRow &r : rows) {
        if (r.entry == first + count)
            ++count;
    }
    if (count == 0)
        return;
    const qsizetype last = first + count;
    auto append = [&] {
        for (const ReplayRow &r : rows) {
            if (r.entry != qsizetype(m_rows.size()) || qsizetype(m_rows.size()) >= last)
                continue;
            m_rows.push_back(r);
            ++m_kindCounts[int(r.ref.kind == ReplayKind::Sql ? EventKind::Sql : EventKind::Http)];
        }
    };
    if (m_identity) {
        // Every row is shown (also while a new filter is being matched: it replaces them when done).
        beginInsertRows({}, int(first), int(last - 1));
        append();
        endInsertRows();
    } else if (m_refilterAt < 0) {
        append();
        std::vector<qsizetype> added;
        for (qsizetype e = first; e < last; ++e) {
            if (matches(m_rows[size_t(e)]))
                added.push_back(e);
        }
        if (!added.empty()) {
            beginInsertRows({}, int(m_shown.size()), int(m_shown.size() + added.size() - 1));
            m_shown.insert(m_shown.end(), added.begin(), added.end());
            endInsertRows();
        }
    } else {
        append();
    }
    emitCounts();
}

void ReplayLogModel::updateRows(const QList<ReplayRow> &rows)
{
    int lowest = -1;
    int highest = -1;
    auto touched = [&](int row) {
        lowest = lowest < 0 ? row : std::min(lowest, row);
        highest = std::max(highest, row);
    };
    for (const ReplayRow &r : rows) {
        if (r.entry < 0 || r.entry >= qsizetype(m_rows.size()))
            continue;
        m_rows[size_t(r.entry)] = r;
        if (m_refilterAt >= 0 && r.entry < m_refilterAt) {
            // Already matched by the filter being applied: match it again as it is now.
            const auto at = std::lower_bound(m_next.begin(), m_next.end(), r.entry);
            const bool was = at != m_next.end() && *at == r.entry;
            const bool now = matches(r);
            if (was && !now)
                m_next.erase(at);
            else if (!was && now)
                m_next.insert(at, r.entry);
        }
        if (m_identity) {
            touched(int(r.entry));
            continue;
        }
        const auto at = std::lower_bound(m_shown.begin(), m_shown.end(), r.entry);
        const bool shown = at != m_shown.end() && *at == r.entry;
        const int row = int(at - m_shown.begin());
        if (m_refilterAt >= 0) {
            if (shown)
                touched(row); // the old rows stay until the new filter is applied
            continue;
        }
        const bool now = matches(r);
        if (shown && now) {
            touched(row);
        } else if (shown) {
            if (lowest >= 0) {
                emit dataChanged(index(lowest, 0), index(highest, ColumnCount - 1));
                lowest = highest = -1;
            }
            beginRemoveRows({}, row, row);
            m_shown.erase(at);
            endRemoveRows();
        } else if (now) {
            if (lowest >= 0) {
                emit dataChanged(index(lowest, 0), index(highest, ColumnCount - 1));
                lowest = highest = -1;
            }
            beginInsertRows({}, row, row);
            m_shown.insert(at, r.entry);
            endInsertRows();
        }
    }
    if (lowest >= 0)
        emit dataChanged(index(lowest, 0), index(highest, ColumnCount - 1));
    emitCounts();
}

void ReplayLogModel::setFilter(const FilterExpression &filter)
{
    m_filter = filter;
    m_gaveUp = false;
    if (isIdentity()) {
        m_refilter.stop();
        m_refilterAt = -1;
        m_next.clear();
        if (!m_identity) {
            beginResetModel();
            m_identity = true;
            m_shown.clear();
            endResetModel();
        }
        emitCounts();
        emit filterApplied();
        return;
    }
    m_next.clear();
    m_refilterAt = 0;
    refilterSlice(); // small lists are done at once
}

void ReplayLogModel::setKinds(KindMask kinds)
{
    m_kinds = kinds;
    setFilter(m_filter);
}

void ReplayLogModel::refilterSlice()
{
    if (m_refilterAt < 0)
        return;
    const qsizetype end = std::min(qsizetype(m_rows.size()), m_refilterAt + m_slice);
    for (qsizetype e = m_refilterAt; e < end; ++e) {
        if (matches(m_rows[size_t(e)]))
            m_next.push_back(e);
    }
    m_refilterAt = end;
    if (m_refilterAt < qsizetype(m_rows.size())) {
        m_refilter.start();
        return;
    }
    beginResetModel();
    m_shown.swap(m_next);
    m_next.clear();
    m_identity = false;
    m_refilterAt = -1;
    endResetModel();
    emitCounts();
    emit filterApplied();
}

void ReplayLogModel::emitCounts()
{
    emit countsChanged(rowCount(), totalCount());
}

const ReplayRow *ReplayLogModel::rowAt(int row) const
{
    if (row < 0 || row >= rowCount())
        return nullptr;
    return &m_rows[size_t(m_identity ? row : m_shown[size_t(row)])];
}

const ReplayRow *ReplayLogModel::entry(qsizetype entry) const
{
    return entry >= 0 && entry < qsizetype(m_rows.size()) ? &m_rows[size_t(entry)] : nullptr;
}

int ReplayLogModel::rowOfEntry(qsizetype entry) const
{
    if (entry < 0 || entry >= qsizetype(m_rows.size()))
        return -1;
    if (m_identity)
        return int(entry);
    const auto at = std::lower_bound(m_shown.begin(), m_shown.end(), entry);
    return at != m_shown.end() && *at == entry ? int(at - m_shown.begin()) : -1;
}

int ReplayLogModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid())
        return 0;
    return int(m_identity ? m_rows.size() : m_shown.size());
}

int ReplayLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ReplayLogModel::outcomeText(ReplayOutcome outcome)
{
    switch (outcome) {
    case ReplayOutcome::Pending: return tr("pending");
    case ReplayOutcome::Held: return tr("held");
    case ReplayOutcome::Matched: return tr("matched");
    case ReplayOutcome::Synthesized: return tr("synthesized");
    case ReplayOutcome::Edited: return tr("edited");
    case ReplayOutcome::Errored: return tr("error chosen");
    case ReplayOutcome::Unmatched: return tr("unmatched");
    case ReplayOutcome::Abandoned: return tr("abandoned");
    case ReplayOutcome::Builtin: return tr("built-in");
    }
    return {};
}

QString ReplayLogModel::requestText(const ReplayRow &r)
{
    QString text = r.ref.kind == ReplayKind::Http ? r.method + QLatin1Char(' ') + r.target : r.target;
    text.replace(QLatin1Char('\n'), QLatin1Char(' '));
    return text;
}

QVariant ReplayLogModel::display(const ReplayRow &r, int column) const
{
    const QLocale locale;
    switch (column) {
    case EntryColumn: return locale.toString(r.entry + 1);
    case KindColumn: return r.ref.kind == ReplayKind::Sql ? tr("SQL") : tr("HTTP");
    case OutcomeColumn:
        if ((r.outcome == ReplayOutcome::Matched || r.outcome == ReplayOutcome::Edited) && r.recordedSeq >= 0)
            return tr("%1 → #%2").arg(outcomeText(r.outcome), locale.toString(r.recordedSeq));
        return outcomeText(r.outcome);
    case RequestColumn: return requestText(r);
    case ResultColumn:
        if (r.outcome == ReplayOutcome::Held || r.outcome == ReplayOutcome::Pending)
            return QString();
        if (r.outcome == ReplayOutcome::Abandoned)
            return tr("client left");
        if (r.ref.kind == ReplayKind::Http)
            return r.status > 0 ? locale.toString(r.status) : tr("closed");
        if (r.failed)
            return r.message.section(QLatin1Char('\n'), 0, 0);
        return r.rows > 0 || r.message.startsWith(QLatin1String("SELECT")) ? tr("%n row(s)", nullptr, int(std::min<qint64>(r.rows, INT_MAX)))
                                                                         : r.message;
    case ServedColumn: return r.served >= 0 ? QVariant(locale.toString(r.served)) : QVariant();
    case ArrivedColumn: return tr("+%1 s").arg(locale.toString(double(r.arrivedMs) / 1000.0, 'f', 3));
    case DurationColumn: return r.durationMs >= 0 ? QVariant(tr("%1 ms").arg(locale.toString(r.durationMs))) : QVariant();
    default: break;
    }
    return {};
}

void ReplayLogModel::updateColours() const
{
    const QPalette palette = QApplication::palette();
    const qint64 key = palette.cacheKey();
    if (key == m_paletteKey)
        return;
    m_paletteKey = key;
    const ThemeColors c = ThemeColors::from(palette);
    m_errorText = c.errorText;
    m_okText = c.okText;
    m_warningText = c.warningText;
    m_mutedText = c.mutedText;
}

QVariant ReplayLogModel::foreground(const ReplayRow &r, int column) const
{
    updateColours();
    if (column == OutcomeColumn) {
        switch (r.outcome) {
        case ReplayOutcome::Unmatched:
        case ReplayOutcome::Errored: return m_errorText;
        case ReplayOutcome::Held:
        case ReplayOutcome::Edited: return m_warningText;
        case ReplayOutcome::Abandoned:
        case ReplayOutcome::Pending: return m_mutedText;
        default: return m_okText;
        }
    }
    if (column == ResultColumn && r.failed)
        return m_errorText;
    if (column == EntryColumn || column == ArrivedColumn || column == DurationColumn || column == KindColumn)
        return m_mutedText;
    return {};
}

QVariant ReplayLogModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= ColumnCount)
        return {};
    const ReplayRow &r = *rowAt(index.row());
    switch (role) {
    case Qt::DisplayRole: return display(r, index.column());
    case Qt::ToolTipRole:
        if (index.column() == RequestColumn)
            return r.target.left(2000);
        if (index.column() == ResultColumn && r.failed)
            return r.message.left(2000);
        if (index.column() == ServedColumn && r.served >= 0)
            return tr("Its recorded event had been served %n time(s), this one included", nullptr, int(std::min<qint64>(r.served, INT_MAX)));
        return {};
    case Qt::ForegroundRole: return foreground(r, index.column());
    case Qt::TextAlignmentRole:
        if (index.column() == EntryColumn || index.column() == ServedColumn || index.column() == DurationColumn
            || index.column() == ArrivedColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case EntryRole: return qlonglong(r.entry);
    case OutcomeRole: return int(r.outcome);
    case RecordedSeqRole: return qlonglong(r.recordedSeq);
    case KindRole: return int(r.ref.kind == ReplayKind::Sql ? EventKind::Sql : EventKind::Http);
    default: break;
    }
    return {};
}

QVariant ReplayLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case EntryColumn: return tr("#");
    case KindColumn: return tr("Kind");
    case OutcomeColumn: return tr("Outcome");
    case RequestColumn: return tr("Request");
    case ResultColumn: return tr("Result");
    case ServedColumn: return tr("Served");
    case ArrivedColumn: return tr("Arrived");
    case DurationColumn: return tr("Time");
    default: break;
    }
    return {};
}

} // namespace tapedeck
