// SPDX-License-Identifier: MIT
// Table model over a Timeline.
#include "ui/timeline/timelinemodel.h"

#include "core/recording/eventpresentation.h"
#include "ui/widgets/icons.h"
#include "ui/widgets/themecolors.h"

#include <QGuiApplication>
#include <QLocale>
#include <QPainter>
#include <QPixmap>

#include <algorithm>
#include <limits>

namespace tapedeck {

namespace {

constexpr qsizetype MaxTargetLength = 400; // the view elides anyway; keeps huge SQL texts cheap to draw

// "458 B", "14.3 KiB": short, for a narrow column (the tooltip has the long form).
QString sizeText(qint64 bytes)
{
    if (bytes < 1024)
        return TimelineModel::tr("%1 B").arg(bytes);
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeIecFormat);
}

QString longSizeText(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeIecFormat);
}

QString oneLine(QStringView text, qsizetype limit)
{
    QString s = text.left(limit * 2).toString().simplified();
    if (s.size() > limit)
        s = s.left(limit - 1) + QChar(0x2026);
    return s;
}

EventField messageField(EventKind kind)
{
    switch (kind) {
    case EventKind::Http:
        return EventField::HttpMessage;
    case EventKind::Sql:
        return EventField::SqlError;
    case EventKind::Mcp:
        return EventField::McpMessage;
    }
    return EventField::HttpMessage;
}

// The first word of a statement ("SELECT", "WITH"), skipping leading comments.
QString sqlOperation(QStringView query)
{
    QStringView q = query.trimmed();
    for (;;) {
        if (q.startsWith(u"--")) {
            const qsizetype end = q.indexOf(u'\n');
            q = end < 0 ? QStringView() : q.sliced(end + 1).trimmed();
        } else if (q.startsWith(u"/*")) {
            const qsizetype end = q.indexOf(u"*/");
            q = end < 0 ? QStringView() : q.sliced(end + 2).trimmed();
        } else {
            break;
        }
    }
    qsizetype n = 0;
    while (n < q.size() && (q[n].isLetter() || q[n] == u'_'))
        ++n;
    return q.first(n).toString().toUpper();
}

// The Result column's replay mark: a ring for never served, a dot for once, two dots for more (shapes, so
// that the colour is not the only difference).
QIcon servedMark(int times, const QColor &colour)
{
    constexpr int Size = 16;
    const qreal ratio = qGuiApp->devicePixelRatio();
    QPixmap pixmap(QSize(Size, Size) * ratio);
    pixmap.setDevicePixelRatio(ratio);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    if (times == 0) {
        painter.setPen(QPen(colour, 1.6));
        painter.setBrush(Qt::NoBrush);
        painter.drawEllipse(QRectF(4.5, 4.5, 7, 7));
    } else {
        painter.setPen(Qt::NoPen);
        painter.setBrush(colour);
        if (times == 1) {
            painter.drawEllipse(QRectF(4, 4, 8, 8));
        } else {
            painter.drawEllipse(QRectF(1.5, 4.5, 7, 7));
            painter.drawEllipse(QRectF(8.5, 4.5, 7, 7));
        }
    }
    painter.end();
    return QIcon(pixmap);
}

int alignment(int column)
{
    switch (column) {
    case TimelineModel::SeqColumn:
    case TimelineModel::SizeColumn:
        return int(Qt::AlignRight | Qt::AlignVCenter);
    default:
        return int(Qt::AlignLeft | Qt::AlignVCenter);
    }
}

} // namespace

TimelineModel::TimelineModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    for (const EventKind kind : { EventKind::Http, EventKind::Sql, EventKind::Mcp })
        m_kindIcons.at(size_t(kind)) = icons::eventKind(kind);
    m_errorIcon = icons::error();
    m_warningIcon = icons::warning();
    m_poll.setInterval(m_pollInterval);
    connect(&m_poll, &QTimer::timeout, this, &TimelineModel::refresh);
}

void TimelineModel::setTimeline(std::shared_ptr<const Timeline> timeline)
{
    m_filterJobs.abandon();
    m_searchJobs.abandon();
    beginResetModel();
    m_timeline = std::move(timeline);
    m_coverage.reset();
    m_rematchForCoverage = false;
    m_total = 0;
    m_identityRows = 0;
    m_completeSignalled = false;
    m_rows = std::make_shared<Rows>();
    m_identity = isIdentity();
    m_pendingReset = false;
    m_filteredUpTo = 0;
    m_gaveUp = false;
    endResetModel();
    if (m_timeline && m_pollInterval > 0)
        m_poll.start(m_pollInterval);
    else
        m_poll.stop();
    refresh();
    emitCounts();
}

void TimelineModel::setPollInterval(int milliseconds)
{
    m_pollInterval = milliseconds;
    if (milliseconds <= 0)
        m_poll.stop();
    else if (m_timeline && !m_completeSignalled)
        m_poll.start(milliseconds);
}

void TimelineModel::refresh()
{
    if (!m_timeline)
        return;
    // Read completeness first: when it is set, count() already covers every event.
    const bool complete = m_timeline->isComplete();
    const qsizetype count = m_timeline->count();
    if (count > m_total) {
        m_total = count;
        if (m_identity && !m_pendingReset) {
            beginInsertRows({}, int(m_identityRows), int(count - 1));
            m_identityRows = count;
            endInsertRows();
        } else if (!m_filterJobs.isRunning() && !m_gaveUp) {
            startJob(m_filteredUpTo, m_total, JobMode::Append);
        }
        Q_EMIT kindCountsChanged(
            kindCount(EventKind::Http), kindCount(EventKind::Sql), kindCount(EventKind::Mcp));
        emitCounts();
    }
    if (complete && !m_completeSignalled) {
        m_completeSignalled = true;
        m_poll.stop();
        Q_EMIT timelineComplete();
    }
}

void TimelineModel::setFilter(const FilterExpression &filter)
{
    m_filter = filter;
    restartFiltering();
}

void TimelineModel::setKinds(KindMask kinds)
{
    m_kinds = kinds & AllKinds;
    restartFiltering();
}

void TimelineModel::setCoverage(std::shared_ptr<const EventCoverage> coverage)
{
    if (coverage == m_coverage)
        return;
    m_coverage = std::move(coverage);
    // One signal for every row: the view asks again for the rows it shows, nothing else is touched.
    if (const int rows = rowCount(); rows > 0) {
        Q_EMIT dataChanged(index(0, 0), index(rows - 1, ColumnCount - 1),
            { Qt::DecorationRole, Qt::ToolTipRole, ServedRole });
    }
    if (!m_filter.dependsOnReplay() || !m_timeline)
        return;
    if (m_filterJobs.isRunning() && m_jobMode != JobMode::Append) {
        m_rematchForCoverage = true; // after the job running now, which matches with the coverage before
        return;
    }
    startJob(0, m_total, JobMode::Replace); // supersedes an Append job: it covers those events too
}

void TimelineModel::restartFiltering()
{
    m_filterJobs.abandon();
    m_gaveUp = false;
    m_rematchForCoverage = false;
    if (isIdentity()) {
        // Every event, row == seq: nothing to compute.
        beginResetModel();
        m_identity = true;
        m_identityRows = m_total;
        m_pendingReset = false;
        m_rows = std::make_shared<Rows>();
        m_filteredUpTo = 0;
        endResetModel();
        emitCounts();
        Q_EMIT filterApplied();
        return;
    }
    m_pendingReset = true;
    m_filteredUpTo = 0;
    startJob(0, m_total, JobMode::Reset);
}

void TimelineModel::startJob(qsizetype from, qsizetype to, JobMode mode)
{
    m_jobMode = mode;
    // The coverage snapshot is immutable: the job's threads share it, and the job keeps it alive.
    m_filterJobs.start(
        [timeline = m_timeline, filter = m_filter, kinds = m_kinds, coverage = m_coverage, from, to](
            JobTracker::Job &job) {
            if (!timeline)
                return TimelineFilter::Matches();
            return TimelineFilter::match(
                *timeline, filter, kinds, from, to, job.pool(), [&job] { return job.cancelled(); },
                coverage.get());
        },
        [this, from, to, mode](
            TimelineFilter::Matches matches) { finishJob(from, to, mode, std::move(matches)); });
}

void TimelineModel::finishJob(qsizetype from, qsizetype to, JobMode mode, TimelineFilter::Matches matches)
{
    Rows &rows = matches.seqs;
    const bool current = mode != JobMode::Append || from == m_filteredUpTo;
    switch (mode) {
    case JobMode::Reset:
        beginResetModel();
        m_identity = false;
        m_pendingReset = false;
        m_rows = std::make_shared<Rows>(std::move(rows));
        m_filteredUpTo = to;
        endResetModel();
        emitCounts();
        Q_EMIT filterApplied();
        break;
    case JobMode::Replace:
        replaceRows(std::move(rows));
        m_filteredUpTo = to;
        m_gaveUp = false; // matched afresh: whether it gives up again is in this result
        emitCounts();
        Q_EMIT coverageApplied();
        break;
    case JobMode::Append:
        if (from != m_filteredUpTo)
            break;
        if (!rows.empty()) {
            const int first = int(m_rows->size());
            beginInsertRows({}, first, first + int(rows.size()) - 1);
            if (m_rows.use_count() > 1) // a search still reads the old vector
                m_rows = std::make_shared<Rows>(*m_rows);
            m_rows->insert(m_rows->end(), rows.begin(), rows.end());
            endInsertRows();
        }
        m_filteredUpTo = to;
        emitCounts();
        break;
    }
    if (matches.gaveUp && current) {
        m_gaveUp = true;
        Q_EMIT filterGaveUp(*matches.gaveUp);
    }
    if (m_rematchForCoverage) {
        m_rematchForCoverage = false;
        startJob(0, m_total, JobMode::Replace);
    } else if (!m_gaveUp && m_filteredUpTo < m_total) {
        startJob(m_filteredUpTo, m_total, JobMode::Append);
    }
}

// The same filter, new matches: one layout change instead of a reset, so the view keeps its scroll
// position and the selection stays on its event (persistent indexes follow their seq, or go when it is
// no longer shown). Per persistent index a binary search; nothing per row.
void TimelineModel::replaceRows(Rows rows)
{
    Q_ASSERT(!m_identity);
    Q_EMIT layoutAboutToBeChanged();
    const QModelIndexList before = persistentIndexList();
    QModelIndexList after;
    after.reserve(before.size());
    for (const QModelIndex &old : before) {
        const quint32 seq = (*m_rows)[size_t(old.row())];
        const auto it = std::lower_bound(rows.begin(), rows.end(), seq);
        after.append(it != rows.end() && *it == seq ? createIndex(int(it - rows.begin()), old.column())
                                                    : QModelIndex());
    }
    m_rows = std::make_shared<Rows>(std::move(rows)); // a search may still read the old vector
    changePersistentIndexList(before, after);
    Q_EMIT layoutChanged();
}

void TimelineModel::emitCounts()
{
    Q_EMIT countsChanged(shownCount(), m_total);
}

qsizetype TimelineModel::shownCount() const
{
    return m_identity ? m_identityRows : qsizetype(m_rows->size());
}

qsizetype TimelineModel::kindCount(EventKind kind) const
{
    return m_timeline ? std::min(m_timeline->laneCount(kind), m_total) : 0;
}

qsizetype TimelineModel::seqAt(int row) const
{
    if (row < 0 || row >= rowCount())
        return -1;
    return m_identity ? qsizetype(row) : qsizetype((*m_rows)[size_t(row)]);
}

int TimelineModel::rowOfSeq(qsizetype seq) const
{
    if (seq < 0)
        return -1;
    if (m_identity)
        return seq < m_identityRows ? int(seq) : -1;
    const auto it = std::lower_bound(m_rows->begin(), m_rows->end(), quint32(seq));
    return it != m_rows->end() && *it == quint32(seq) ? int(it - m_rows->begin()) : -1;
}

void TimelineModel::find(const QString &text, int fromRow, bool forward)
{
    m_searchJobs.abandon(); // an older search must not answer after this one
    const qsizetype rows = shownCount();
    Result<FilterExpression> expression = FilterExpression::parse(TimelineFilter::freeTextExpression(text));
    if (text.isEmpty() || !expression || rows == 0 || !m_timeline) {
        Q_EMIT searchFinished(text, -1);
        return;
    }
    const qsizetype start = fromRow < 0 ? (forward ? 0 : rows - 1) : (forward ? fromRow + 1 : fromRow - 1);
    m_searchJobs.start(
        [timeline = m_timeline, filter = *expression, shown = m_identity ? nullptr : m_rows, rows, start,
            forward](JobTracker::Job &job) {
            const auto seqAt
                = [&shown](qsizetype row) { return shown ? qsizetype((*shown)[size_t(row)]) : row; };
            const qsizetype row = TimelineFilter::findRow(
                *timeline, filter, seqAt, rows, start, forward, [&job] { return job.cancelled(); });
            return row < 0 ? qsizetype(-1) : seqAt(row);
        },
        [this, text](qsizetype seq) { Q_EMIT searchFinished(text, seq); });
}

int TimelineModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(shownCount());
}

int TimelineModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

int TimelineModel::eventFlags(qsizetype seq) const
{
    const EventRecord &r = m_timeline->record(seq);
    int flags = r.flags;
    if (r.kind == EventKind::Mcp && r.related != EventRecord::NoCarrier && qsizetype(r.related) < m_total
        && (m_timeline->record(r.related).flags & ErrorFlag))
        flags |= ErrorFlag;
    return flags;
}

void TimelineModel::updateColours() const
{
    const QPalette palette = QGuiApplication::palette();
    if (palette.cacheKey() == m_paletteKey)
        return;
    m_paletteKey = palette.cacheKey();
    const ThemeColors colours = ThemeColors::from(palette);
    m_errorText = colours.errorText;
    m_errorBackground = colours.errorBackground;
    m_warningBackground = colours.warningBackground;
    m_mutedText = colours.mutedText;
    // Never served stands out (the recording has something the run did not ask for); served is calm.
    m_servedMarks = { servedMark(0, colours.warningText), servedMark(1, colours.okText),
        servedMark(2, colours.okText) };
}

qint64 TimelineModel::servedOf(qsizetype seq) const
{
    return m_coverage ? m_coverage->servedOf(seq) : -1;
}

QVariant TimelineModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid) || !m_timeline)
        return {};
    const qsizetype seq = seqAt(index.row());
    const EventRecord &r = m_timeline->record(seq);
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return display(seq, column);
    case Qt::ToolTipRole:
        return toolTip(seq, column);
    case Qt::TextAlignmentRole:
        return alignment(column);
    case Qt::DecorationRole:
        if (column == KindColumn)
            return m_kindIcons.at(size_t(r.kind));
        if (column == ResultColumn) {
            const qint64 served = servedOf(seq);
            if (served < 0)
                return {};
            updateColours();
            return m_servedMarks.at(size_t(std::min<qint64>(served, 2)));
        }
        if (column == SeqColumn) {
            const int flags = eventFlags(seq);
            if (flags & ErrorFlag)
                return m_errorIcon;
            if (flags & WarningFlag)
                return m_warningIcon;
        }
        return {};
    case Qt::ForegroundRole: {
        const int flags = eventFlags(seq);
        updateColours();
        if ((flags & ErrorFlag) && (column == ResultColumn || column == SeqColumn))
            return m_errorText;
        if (column == ResultColumn && r.kind == EventKind::Sql && (r.flags & NoNumberFlag))
            return m_mutedText;
        return {};
    }
    case Qt::BackgroundRole: {
        const int flags = eventFlags(seq);
        updateColours();
        if (flags & ErrorFlag)
            return m_errorBackground;
        if (flags & WarningFlag)
            return m_warningBackground;
        return {};
    }
    case SeqRole:
        return qlonglong(seq);
    case KindRole:
        return int(r.kind);
    case FlagsRole:
        return eventFlags(seq);
    case MessageRole:
        return m_timeline->field(seq, messageField(r.kind)).toString();
    case ServedRole:
        return qlonglong(servedOf(seq));
    default:
        return {};
    }
}

QVariant TimelineModel::display(qsizetype seq, int column) const
{
    const Timeline &t = *m_timeline;
    const EventRecord &r = t.record(seq);
    switch (column) {
    case SeqColumn:
        return qlonglong(seq);
    case KindColumn:
        return EventHeading::kindTitle(r.kind);
    case OperationColumn:
        switch (r.kind) {
        case EventKind::Http:
            return t.field(seq, EventField::Method).toString();
        case EventKind::Sql:
            return sqlOperation(t.field(seq, EventField::Query));
        case EventKind::Mcp:
            return t.field(seq, EventField::ChangeType).toString();
        }
        return {};
    case TargetColumn:
        switch (r.kind) {
        case EventKind::Http:
            return oneLine(t.field(seq, EventField::Uri), MaxTargetLength * 4);
        case EventKind::Sql:
            return oneLine(t.field(seq, EventField::Query), MaxTargetLength);
        case EventKind::Mcp:
            return tr("%1 · %2").arg(t.field(seq, EventField::AspectName).toString(),
                t.field(seq, EventField::EntityUrn).toString());
        }
        return {};
    case ResultColumn:
        switch (r.kind) {
        case EventKind::Http:
            // The reason phrase of a failure is in the tooltip: the column stays narrow.
            return (r.flags & NoNumberFlag) ? tr("–", "no HTTP status recorded") : QString::number(r.number);
        case EventKind::Sql:
            if (r.flags & ErrorFlag)
                return tr("error");
            if (r.flags & NoNumberFlag)
                return tr("row count null");
            return r.number == 1 ? tr("1 row") : tr("%n rows", nullptr, r.number);
        case EventKind::Mcp:
            if (r.related != EventRecord::NoCarrier && (eventFlags(seq) & ErrorFlag))
                return tr("request failed");
            return {};
        }
        return {};
    case SizeColumn:
        switch (r.kind) {
        case EventKind::Http:
            // Most requests have no body: then only the response size.
            return r.sizeA == 0 ? sizeText(r.sizeB) : tr("%1 / %2").arg(sizeText(r.sizeA), sizeText(r.sizeB));
        case EventKind::Mcp:
            return sizeText(r.sizeA);
        case EventKind::Sql:
            return {};
        }
        return {};
    default:
        return {};
    }
}

QVariant TimelineModel::toolTip(qsizetype seq, int column) const
{
    const Timeline &t = *m_timeline;
    const EventRecord &r = t.record(seq);
    const QString message = t.field(seq, messageField(r.kind)).toString();
    switch (column) {
    case SeqColumn:
    case ResultColumn: {
        QStringList lines;
        if (r.kind == EventKind::Http && r.related > 0)
            lines.append(r.related == 1 ? tr("Carried 1 MCP to DataHub")
                                        : tr("Carried %n MCPs to DataHub", nullptr, int(r.related)));
        if (r.kind == EventKind::Mcp && r.related != EventRecord::NoCarrier)
            lines.append(tr("MCP %1 of %2 in the body of event %3")
                             .arg(r.number + 1)
                             .arg(qsizetype(r.related) < m_total ? t.record(r.related).related : 0)
                             .arg(r.related));
        if (!message.isEmpty())
            lines.append(message);
        if (const qint64 served = servedOf(seq); served == 0)
            lines.append(tr("Never served by the replay"));
        else if (served == 1)
            lines.append(tr("Served once by the replay"));
        else if (served > 1)
            lines.append(tr("Served %n times by the replay", nullptr,
                int(std::min<qint64>(served, std::numeric_limits<int>::max()))));
        return lines.isEmpty() ? QVariant() : QVariant(lines.join(QLatin1Char('\n')));
    }
    case TargetColumn:
        switch (r.kind) {
        case EventKind::Http:
            return t.field(seq, EventField::Uri).left(4096).toString();
        case EventKind::Sql:
            return t.field(seq, EventField::Query).left(4096).toString();
        case EventKind::Mcp:
            return tr("URN: %1\nAspect: %2\nEntity type: %3")
                .arg(t.field(seq, EventField::EntityUrn).toString(),
                    t.field(seq, EventField::AspectName).toString(),
                    t.field(seq, EventField::EntityType).toString());
        }
        return {};
    case SizeColumn:
        if (r.kind == EventKind::Http)
            return tr("Request body %1, response body %2").arg(longSizeText(r.sizeA), longSizeText(r.sizeB));
        if (r.kind == EventKind::Mcp)
            return tr("Aspect %1").arg(longSizeText(r.sizeA));
        return {};
    case OperationColumn:
        if (r.kind == EventKind::Http)
            return t.field(seq, EventField::ContentType).isEmpty()
                ? QVariant()
                : QVariant(
                    tr("Response content type: %1").arg(t.field(seq, EventField::ContentType).toString()));
        return {};
    default:
        return {};
    }
}

QVariant TimelineModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole) {
        switch (section) {
        case SeqColumn:
            return tr("#");
        case KindColumn:
            return tr("Kind");
        case OperationColumn:
            return tr("Operation");
        case TargetColumn:
            return tr("Target");
        case ResultColumn:
            return tr("Result");
        case SizeColumn:
            return tr("Size");
        }
    } else if (role == Qt::ToolTipRole) {
        switch (section) {
        case SeqColumn:
            return tr("Sequence number on the timeline (the filter's seq: and tapedeck-cli show use it)");
        case KindColumn:
            return tr("HTTP exchange, SQL query or MCP (metadata change proposal)");
        case OperationColumn:
            return tr("HTTP method, SQL statement type, or MCP change type");
        case TargetColumn:
            return tr("Request URL, SQL statement, or MCP aspect and entity URN");
        case ResultColumn:
            return tr(
                "HTTP status, SQL row count or error, or the failure of the request that carried an MCP");
        case SizeColumn:
            return tr("HTTP request / response body size (only the response when the request had no body), "
                      "or MCP aspect size");
        }
    } else if (role == Qt::TextAlignmentRole) {
        return alignment(section);
    }
    return {};
}

} // namespace tapedeck
