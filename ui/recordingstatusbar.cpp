// SPDX-License-Identifier: MIT
// The main window's status bar.
#include "ui/recordingstatusbar.h"

#include "core/recording/checksumsummary.h"
#include "core/recording/recording.h"
#include "core/storage/s3location.h"
#include "ui/widgets/icons.h"

#include <QDir>
#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>

#include <set>

namespace tapedeck {

namespace {

// A cell of a small icon and a text, each updated on its own.
QWidget *iconCell(QWidget *parent, const QString &objectName, QLabel *&icon, QLabel *&text)
{
    auto *cell = new QWidget(parent);
    cell->setObjectName(objectName);
    icon = new QLabel(cell);
    text = new QLabel(cell);
    text->setTextFormat(Qt::PlainText);
    auto *layout = new QHBoxLayout(cell);
    layout->setContentsMargins(4, 0, 4, 0);
    layout->setSpacing(4);
    layout->addWidget(icon);
    layout->addWidget(text);
    return cell;
}

void setIcon(QLabel *label, const QIcon &icon)
{
    const int size = label->style()->pixelMetric(QStyle::PM_SmallIconSize);
    label->setPixmap(icon.isNull() ? QPixmap() : icon.pixmap(QSize(size, size), label->devicePixelRatioF()));
    label->setVisible(!icon.isNull());
}

} // namespace

RecordingStatusBar::RecordingStatusBar(QWidget *parent)
    : QStatusBar(parent)
    , m_location(new QLabel(this))
    , m_events(new QLabel(this))
    , m_entries(new QLabel(this))
{
    // Where the shown recording lives; the window title has only its name.
    m_location->setObjectName(QStringLiteral("locationStatus"));
    m_location->setTextFormat(Qt::PlainText);
    m_location->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_location->setContentsMargins(4, 0, 0, 0);
    addWidget(m_location, 1);
    m_events->setObjectName(QStringLiteral("eventsStatus"));
    m_events->setToolTip(tr("Events shown by the timeline's filter / events in the recording"));
    addPermanentWidget(m_events);
    m_entries->setObjectName(QStringLiteral("entriesStatus"));
    addPermanentWidget(m_entries);
    addPermanentWidget(iconCell(this, QStringLiteral("lockStatus"), m_lockIcon, m_lock));
    addPermanentWidget(iconCell(this, QStringLiteral("checksumStatus"), m_checksumIcon, m_checksums));
    m_lock->setObjectName(QStringLiteral("lockStatusText"));
    m_checksums->setObjectName(QStringLiteral("checksumStatusText"));
    setRecording(nullptr);
}

void RecordingStatusBar::setEventCounts(qsizetype shown, qsizetype total)
{
    m_events->setText(
        shown == total ? tr("Events: %L1").arg(total) : tr("Events shown: %L1 of %L2").arg(shown).arg(total));
    m_events->show();
}

void RecordingStatusBar::setRecording(const Recording *recording, const QString &openedAs)
{
    const QString location = recording ? recording->location : QString();
    const QString opened = recording && !openedAs.isEmpty() ? QDir::cleanPath(openedAs) : location;
    // An s3:// address is shown as given (cleanPath would fold its "//"); the tooltip says where the
    // download is on disk.
    m_location->setText(S3Location::isS3Url(openedAs) && recording ? openedAs : QDir::toNativeSeparators(opened));
    m_location->setToolTip(QDir::toNativeSeparators(location));
    m_entries->setVisible(recording != nullptr);
    m_lock->parentWidget()->setVisible(recording != nullptr);
    m_checksums->parentWidget()->setVisible(recording != nullptr);
    if (!recording) {
        m_events->hide();
        return;
    }
    const Recording &r = *recording;

    const ChecksumSummary checksums = ChecksumSummary::of(r.entries);
    m_entries->setText(checksums.files == 1 ? tr("1 entry") : tr("%n entries", nullptr, checksums.files));

    switch (r.kind) {
    case RecordingSource::Kind::EncryptedArchive: {
        std::set<QString> encryptions;
        for (const EntryCheck &check : r.entries) {
            if (!check.entry.isDirectory && !check.entry.encryption.isEmpty()
                && check.entry.encryption != QLatin1String("none"))
                encryptions.insert(check.entry.encryption.toUpper());
        }
        const QStringList names(encryptions.cbegin(), encryptions.cend());
        setIcon(m_lockIcon, icons::locked());
        m_lock->setText(
            names.isEmpty() ? tr("Encrypted") : tr("Encrypted (%1)").arg(names.join(QStringLiteral(", "))));
        break;
    }
    case RecordingSource::Kind::Archive:
        setIcon(m_lockIcon, icons::unlocked());
        m_lock->setText(tr("Not encrypted"));
        break;
    case RecordingSource::Kind::Directory:
        setIcon(m_lockIcon, icons::unlocked());
        m_lock->setText(tr("Extracted folder"));
        break;
    }

    if (!r.manifest) {
        setIcon(m_checksumIcon, icons::warning());
        m_checksums->setText(tr("Checksums not verified (no manifest)"));
    } else if (const int problems = checksums.problems(); problems > 0) {
        setIcon(m_checksumIcon, icons::checksum(ChecksumState::Mismatch));
        m_checksums->setText(
            problems == 1 ? tr("1 checksum problem") : tr("%n checksum problems", nullptr, problems));
    } else if (checksums.ok == 0) {
        setIcon(m_checksumIcon, icons::checksum(ChecksumState::Unlisted));
        m_checksums->setText(tr("No checksums listed"));
    } else {
        setIcon(m_checksumIcon, icons::checksum(ChecksumState::Ok));
        m_checksums->setText(checksums.ok == 1
                ? tr("Checksums OK (1 file verified)")
                : tr("Checksums OK (%n files verified)", nullptr, checksums.ok));
    }
}

} // namespace tapedeck
