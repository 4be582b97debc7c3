// SPDX-License-Identifier: MIT
// The Recordings window's table model.
#include "ui/storage/recordingsmodel.h"

#include "core/storage/s3location.h"
#include "ui/widgets/icons.h"
#include "ui/widgets/themecolors.h"

#include <QBrush>
#include <QDateTime>
#include <QDir>
#include <QLocale>

#include <algorithm>
#include <numeric>

namespace tapedeck {

namespace {

QStringView fileNameOf(const QString &location)
{
    QStringView view(location);
    while (view.endsWith(QLatin1Char('/')))
        view.chop(1);
    const qsizetype slash = view.lastIndexOf(QLatin1Char('/'));
    return slash < 0 ? view : view.mid(slash + 1);
}

// Outcomes in the order "what needs a look first" when sorted descending.
int outcomeRank(const RecordingRow &row)
{
    if (row.failed)
        return 4;
    switch (row.state) {
    case CatalogEntry::State::Unreadable:
        return 3;
    case CatalogEntry::State::WrongPassword:
        return 2;
    case CatalogEntry::State::Locked:
        return 1;
    case CatalogEntry::State::Ok:
        break;
    }
    return 0;
}

int compareText(QStringView a, QStringView b)
{
    return a.compare(b, Qt::CaseInsensitive);
}

template<typename T> int compareValues(const T &a, const T &b)
{
    return a < b ? -1 : (b < a ? 1 : 0);
}

int compareColumn(const RecordingRow &a, const RecordingRow &b, int column)
{
    switch (column) {
    case RecordingsModel::NameColumn:
        return compareText(fileNameOf(a.location), fileNameOf(b.location));
    case RecordingsModel::RunIdColumn:
        return compareText(a.runId, b.runId);
    case RecordingsModel::FlowColumn:
        if (const int c = compareText(a.sourceType, b.sourceType); c != 0)
            return c;
        return compareText(a.sinkType, b.sinkType);
    case RecordingsModel::CreatedColumn:
        // Unknown dates sort before every known one.
        if (a.hasCreated != b.hasCreated)
            return a.hasCreated ? 1 : -1;
        return compareValues(a.createdMs, b.createdMs);
    case RecordingsModel::SizeColumn:
        return compareValues(a.size, b.size);
    case RecordingsModel::OutcomeColumn:
        if (const int c = compareValues(outcomeRank(a), outcomeRank(b)); c != 0)
            return c;
        return compareText(a.exceptionType, b.exceptionType);
    case RecordingsModel::LocationColumn:
        return compareText(a.container, b.container);
    default:
        return 0;
    }
}

// An int, not Qt::Alignment: views and QAbstractItemModelTester read the role with toInt().
int alignment(int column)
{
    return int((column == RecordingsModel::SizeColumn ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
}

QString displayLocation(const QString &location)
{
    return S3Location::isS3Url(location) ? location : QDir::toNativeSeparators(location);
}

} // namespace

RecordingRow RecordingRow::fromEntry(const CatalogEntry &entry)
{
    RecordingRow row;
    row.location = entry.location;
    row.container = entry.container;
    row.runId = entry.runId;
    row.sourceType = entry.sourceType;
    row.sinkType = entry.sinkType;
    row.exceptionType = entry.exceptionType;
    row.exceptionMessage = entry.exceptionMessage;
    row.problem = entry.problem;
    row.size = entry.size;
    row.hasCreated = entry.created.isValid();
    row.createdMs = row.hasCreated ? entry.created.toMSecsSinceEpoch() : 0;
    row.modifiedMs = entry.modified.isValid() ? entry.modified.toMSecsSinceEpoch() : 0;
    row.state = entry.state;
    row.failed = entry.failed;
    row.encrypted = entry.encrypted;
    return row;
}

bool RecordingRow::isS3() const
{
    return S3Location::isS3Url(location);
}

QString RecordingRow::fileName() const
{
    return fileNameOf(location).toString();
}

RecordingsModel::RecordingsModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_lockIcon(icons::locked())
    , m_errorIcon(icons::error())
    , m_warningIcon(icons::warning())
{ }

void RecordingsModel::setRows(RecordingRows rows, bool sorted)
{
    if (!sorted)
        sortRows(rows, m_sortColumn, m_sortOrder);
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

int RecordingsModel::rowOf(const QString &location) const
{
    const auto it
        = std::find_if(m_rows.begin(), m_rows.end(), [&](const RecordingRow &r) { return r.location == location; });
    return it == m_rows.end() ? -1 : int(it - m_rows.begin());
}

void RecordingsModel::sortRows(RecordingRows &rows, int column, Qt::SortOrder order)
{
    const bool descending = order == Qt::DescendingOrder;
    std::stable_sort(rows.begin(), rows.end(), [column, descending](const RecordingRow &a, const RecordingRow &b) {
        const int c = compareColumn(a, b, column);
        if (c != 0)
            return descending ? c > 0 : c < 0;
        return a.location < b.location;
    });
}

void RecordingsModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= ColumnCount)
        return;
    m_sortColumn = column;
    m_sortOrder = order;
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    // Sort a permutation, so that the selection and the current row follow their recordings.
    std::vector<int> permutation(m_rows.size());
    std::iota(permutation.begin(), permutation.end(), 0);
    const bool descending = order == Qt::DescendingOrder;
    std::stable_sort(permutation.begin(), permutation.end(), [&](int x, int y) {
        const RecordingRow &a = m_rows[size_t(x)];
        const RecordingRow &b = m_rows[size_t(y)];
        const int c = compareColumn(a, b, column);
        if (c != 0)
            return descending ? c > 0 : c < 0;
        return a.location < b.location;
    });
    std::vector<int> newRowOf(m_rows.size());
    RecordingRows sorted;
    sorted.reserve(m_rows.size());
    for (size_t i = 0; i < permutation.size(); ++i) {
        newRowOf[size_t(permutation[i])] = int(i);
        sorted.push_back(std::move(m_rows[size_t(permutation[i])]));
    }
    m_rows = std::move(sorted);
    const QModelIndexList before = persistentIndexList();
    QModelIndexList after;
    after.reserve(before.size());
    for (const QModelIndex &index : before)
        after.append(this->index(newRowOf[size_t(index.row())], index.column()));
    changePersistentIndexList(before, after);
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

int RecordingsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RecordingsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RecordingsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case NameColumn:
            return tr("Recording");
        case RunIdColumn:
            return tr("Run ID");
        case FlowColumn:
            return tr("Source → Sink");
        case CreatedColumn:
            return tr("Created (UTC)");
        case SizeColumn:
            return tr("Size");
        case OutcomeColumn:
            return tr("Outcome");
        case LocationColumn:
            return tr("Location");
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case CreatedColumn:
            return tr("When DataHub wrote the recording (the manifest's created_at)");
        case OutcomeColumn:
            return tr("Whether the run failed (the manifest's exception) or why its summary could not be read");
        case LocationColumn:
            return tr("The folder or S3 prefix the recording was listed under");
        default:
            return {};
        }
    }
    if (role == Qt::TextAlignmentRole)
        return alignment(section);
    if (role == Qt::InitialSortOrderRole) {
        // Newest, largest and "needs a look" first; names and IDs in reading order.
        const bool descending
            = section == CreatedColumn || section == SizeColumn || section == OutcomeColumn;
        return int(descending ? Qt::DescendingOrder : Qt::AscendingOrder);
    }
    return {};
}

QVariant RecordingsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const RecordingRow &r = m_rows.at(size_t(index.row()));
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return display(r, column);
    case Qt::ToolTipRole:
        return toolTip(r, column);
    case Qt::DecorationRole:
        return decoration(r, column);
    case Qt::TextAlignmentRole:
        return alignment(column);
    case Qt::ForegroundRole:
        if (column == OutcomeColumn && r.failed)
            return QBrush(ThemeColors::fromApplication().errorText);
        if (column == OutcomeColumn && r.state != CatalogEntry::State::Ok)
            return QBrush(ThemeColors::fromApplication().mutedText);
        if ((column == RunIdColumn || column == FlowColumn || column == CreatedColumn)
            && r.state != CatalogEntry::State::Ok)
            return QBrush(ThemeColors::fromApplication().mutedText);
        return {};
    case LocationRole:
        return r.location;
    case ContainerRole:
        return r.container;
    case StateRole:
        return int(r.state);
    case FailedRole:
        return r.failed;
    default:
        return {};
    }
}

QString RecordingsModel::outcomeText(const RecordingRow &row)
{
    if (row.failed)
        return row.exceptionType.isEmpty() ? tr("failed") : tr("failed: %1").arg(row.exceptionType);
    switch (row.state) {
    case CatalogEntry::State::Ok:
        return tr("succeeded");
    case CatalogEntry::State::Locked:
        return tr("locked");
    case CatalogEntry::State::WrongPassword:
        return tr("wrong password");
    case CatalogEntry::State::Unreadable:
        return tr("unreadable");
    }
    return {};
}

QVariant RecordingsModel::display(const RecordingRow &r, int column) const
{
    const bool known = r.state == CatalogEntry::State::Ok;
    const QString unknown = QStringLiteral("—");
    switch (column) {
    case NameColumn:
        return r.fileName();
    case RunIdColumn:
        return known && !r.runId.isEmpty() ? r.runId : unknown;
    case FlowColumn:
        if (!known || (r.sourceType.isEmpty() && r.sinkType.isEmpty()))
            return unknown;
        return tr("%1 → %2").arg(r.sourceType.isEmpty() ? unknown : r.sourceType,
            r.sinkType.isEmpty() ? unknown : r.sinkType);
    case CreatedColumn:
        return r.hasCreated
            ? QDateTime::fromMSecsSinceEpoch(r.createdMs, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
            : unknown;
    case SizeColumn:
        return QLocale().formattedDataSize(r.size, 1, QLocale::DataSizeIecFormat);
    case OutcomeColumn:
        return outcomeText(r);
    case LocationColumn:
        return displayLocation(r.container);
    default:
        return {};
    }
}

QString RecordingsModel::toolTip(const RecordingRow &r, int column) const
{
    switch (column) {
    case NameColumn:
        return displayLocation(r.location);
    case SizeColumn:
        return tr("%L1 bytes").arg(r.size);
    case OutcomeColumn:
        if (r.failed) {
            const QString message = r.exceptionMessage.left(2000);
            return message.isEmpty() ? outcomeText(r) : tr("%1: %2").arg(r.exceptionType, message);
        }
        switch (r.state) {
        case CatalogEntry::State::Ok:
            return tr("The run finished without an exception.");
        case CatalogEntry::State::Locked:
            return tr("The archive is encrypted: enter its password to read the run's summary.");
        case CatalogEntry::State::WrongPassword:
            return tr("The password given does not open this archive.");
        case CatalogEntry::State::Unreadable:
            return r.problem.isEmpty() ? tr("The recording's manifest could not be read.") : r.problem;
        }
        return {};
    case LocationColumn:
        return displayLocation(r.container);
    default:
        return {};
    }
}

QVariant RecordingsModel::decoration(const RecordingRow &r, int column) const
{
    if (column != OutcomeColumn)
        return {};
    if (r.failed)
        return m_errorIcon;
    switch (r.state) {
    case CatalogEntry::State::Locked:
    case CatalogEntry::State::WrongPassword:
        return m_lockIcon;
    case CatalogEntry::State::Unreadable:
        return m_warningIcon;
    case CatalogEntry::State::Ok:
        break;
    }
    return {};
}

} // namespace tapedeck
