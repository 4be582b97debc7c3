// SPDX-License-Identifier: MIT
// Table model over a recording's entries.
#include "ui/overview/entriesmodel.h"

#include "ui/widgets/themecolors.h"

#include "ui/widgets/icons.h"

#include <QBrush>
#include <QFont>
#include <QLocale>

namespace tapedeck {

namespace {

constexpr std::array AllStates { ChecksumState::Ok, ChecksumState::Mismatch, ChecksumState::Missing,
    ChecksumState::Unlisted, ChecksumState::Unreadable };

// Entries that are listed in the manifest but absent have only a name: show no sizes for them.
bool hasDetails(const EntryCheck &check)
{
    return check.checksum != ChecksumState::Missing;
}

// In the user's language ("1,5 KiB", "760 Byte"); the CLI keeps core's fixed C-locale format for scripts.
QString sizeText(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeIecFormat);
}

// An int, not Qt::Alignment: views and QAbstractItemModelTester read the role with toInt().
int alignment(int column)
{
    const bool number = column == EntriesModel::SizeColumn || column == EntriesModel::StoredSizeColumn;
    return int((number ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
}

QString methodText(const QString &method)
{
    if (method == QLatin1String("store"))
        return EntriesModel::tr("stored");
    if (method == QLatin1String("file"))
        return EntriesModel::tr("plain file");
    if (method == QLatin1String("deflate"))
        return QStringLiteral("Deflate");
    return method.toUpper();
}

QString encryptionText(const QString &encryption)
{
    if (encryption == QLatin1String("none"))
        return EntriesModel::tr("none");
    if (encryption == QLatin1String("zipcrypto"))
        return QStringLiteral("ZipCrypto");
    if (encryption == QLatin1String("unsupported"))
        return EntriesModel::tr("unsupported");
    return encryption.toUpper();
}

} // namespace

EntriesModel::EntriesModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    for (ChecksumState state : AllStates)
        m_checksumIcons.at(size_t(state)) = icons::checksum(state);
}

void EntriesModel::setEntries(const QList<EntryCheck> &entries)
{
    beginResetModel();
    m_entries = entries;
    endResetModel();
}

QString EntriesModel::checksumText(ChecksumState state)
{
    switch (state) {
    case ChecksumState::Ok:
        return tr("OK");
    case ChecksumState::Mismatch:
        return tr("Mismatch");
    case ChecksumState::Missing:
        return tr("Missing");
    case ChecksumState::Unlisted:
        return tr("Not listed");
    case ChecksumState::Unreadable:
        return tr("Unreadable");
    }
    return {};
}

int EntriesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int EntriesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EntriesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const EntryCheck &check = m_entries.at(index.row());
    const int column = index.column();

    switch (role) {
    case Qt::DisplayRole:
        return display(check, column);
    case Qt::ToolTipRole:
        return toolTip(check, column);
    case ChecksumStateRole:
        return int(check.checksum);
    case SortRole:
        switch (column) {
        case SizeColumn:
            return check.entry.size;
        case StoredSizeColumn:
            return check.entry.storedSize;
        case ChecksumColumn:
            return int(check.checksum);
        default:
            return display(check, column);
        }
    case Qt::DecorationRole:
        if (column == ChecksumColumn && !check.entry.isDirectory)
            return m_checksumIcons.at(size_t(check.checksum));
        return {};
    case Qt::TextAlignmentRole:
        return alignment(column);
    case Qt::ForegroundRole:
        // Colour only where something is wrong; the icon carries the state for everyone else.
        if (check.checksum == ChecksumState::Mismatch || check.checksum == ChecksumState::Unreadable)
            return QBrush(ThemeColors::fromApplication().errorText);
        if (check.checksum == ChecksumState::Missing)
            return QBrush(ThemeColors::fromApplication().warningText);
        return {};
    case Qt::FontRole:
        if (column == ChecksumColumn && check.checksum != ChecksumState::Ok
            && check.checksum != ChecksumState::Unlisted) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    default:
        return {};
    }
}

QVariant EntriesModel::display(const EntryCheck &check, int column) const
{
    const SourceEntry &e = check.entry;
    const QString none = QStringLiteral("—");
    switch (column) {
    case NameColumn:
        return e.name;
    case SizeColumn:
        return hasDetails(check) ? sizeText(e.size) : none;
    case StoredSizeColumn:
        return hasDetails(check) ? sizeText(e.storedSize) : none;
    case MethodColumn:
        return hasDetails(check) && !e.method.isEmpty() ? methodText(e.method) : none;
    case EncryptionColumn:
        return hasDetails(check) && !e.encryption.isEmpty() ? encryptionText(e.encryption) : none;
    case ChecksumColumn:
        return e.isDirectory ? tr("folder") : checksumText(check.checksum);
    default:
        return {};
    }
}

QString EntriesModel::toolTip(const EntryCheck &check, int column) const
{
    const SourceEntry &e = check.entry;
    switch (column) {
    case SizeColumn:
        return hasDetails(check) ? tr("Uncompressed size in bytes: %L1").arg(e.size) : QString();
    case StoredSizeColumn:
        return hasDetails(check)
            ? tr("Size in bytes as stored in the archive (compressed, encrypted): %L1").arg(e.storedSize)
            : QString();
    case NameColumn:
    case ChecksumColumn:
        break;
    default:
        return {};
    }
    if (e.isDirectory)
        return e.name;
    switch (check.checksum) {
    case ChecksumState::Ok:
        return tr("The content matches the SHA-256 checksum in the manifest.\nSHA-256: %1").arg(check.actual);
    case ChecksumState::Mismatch:
        return tr(
            "The content does not match the checksum in the manifest: the entry was changed or damaged after "
            "recording.\nManifest: %1\nContent: %2")
            .arg(check.expected, check.actual);
    case ChecksumState::Missing:
        return tr("The manifest lists this file with a checksum, but the recording does not contain "
                  "it.\nManifest: %1")
            .arg(check.expected);
    case ChecksumState::Unlisted:
        return tr("The manifest lists no checksum for this entry, so its content cannot be verified.");
    case ChecksumState::Unreadable:
        return tr("The entry could not be read: %1").arg(check.problem);
    }
    return {};
}

QVariant EntriesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::TextAlignmentRole)
        return alignment(section);
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case SizeColumn:
        return tr("Size");
    case StoredSizeColumn:
        return tr("Stored");
    case MethodColumn:
        return tr("Method");
    case EncryptionColumn:
        return tr("Encryption");
    case ChecksumColumn:
        return tr("Checksum");
    default:
        return {};
    }
}

} // namespace tapedeck
