// SPDX-License-Identifier: MIT
// Listing recordings in a folder.
#include "core/recording/recordinglist.h"

#include "core/archive/manifest.h"
#include "core/archive/ziparchive.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>

namespace tapedeck {

namespace {

void applyManifest(RecordingSummary &s, const QByteArray &json, const QString &origin)
{
    Result<Manifest> manifest = Manifest::parse(json, origin);
    if (!manifest) {
        s.problem = manifest.error();
        return;
    }
    s.manifestRead = true;
    if (!manifest->runId.isEmpty())
        s.runId = manifest->runId;
    s.sourceType = manifest->sourceType;
    s.createdAt = manifest->createdAt;
    s.hasException = manifest->hasException;
}

void readArchive(RecordingSummary &s, const std::optional<QString> &password)
{
    auto archive = ZipArchive::open(s.path);
    if (!archive) {
        s.problem = archive.error();
        return;
    }
    s.archiveOpened = true;
    s.encrypted = (*archive)->isEncrypted();
    const ZipEntry *entry = (*archive)->find(Manifest::FileName);
    if (!entry) {
        s.problem = makeError(ErrorCode::InvalidInput,
            RecordingList::tr("%1 has no manifest.json").arg(QFileInfo(s.path).fileName()));
        return;
    }
    if (entry->isEncrypted()) {
        if (!password) {
            s.problem = makeError(ErrorCode::Password, RecordingList::tr("locked (no password given)"));
            return;
        }
        (*archive)->setPassword(*password);
    }
    // A manifest is small; refuse one that claims otherwise rather than inflating it.
    constexpr qint64 MaxManifestSize = qint64(16) << 20;
    if (entry->size > MaxManifestSize) {
        s.problem
            = makeError(ErrorCode::InvalidInput, RecordingList::tr("manifest.json is implausibly large"));
        return;
    }
    Result<QByteArray> json = (*archive)->readAll(*entry);
    if (!json) {
        s.problem = json.error();
        return;
    }
    applyManifest(s, *json, s.path + QLatin1String("/manifest.json"));
}

} // namespace

Result<QList<RecordingSummary>> RecordingList::scan(
    const QString &folder, const std::optional<QString> &password)
{
    const QDir dir(folder);
    if (!dir.exists())
        return makeError(ErrorCode::Io, tr("the folder %1 does not exist").arg(folder));

    QList<RecordingSummary> list;
    const QFileInfoList infos
        = dir.entryInfoList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot | QDir::Readable);
    for (const QFileInfo &info : infos) {
        RecordingSummary s;
        s.path = info.absoluteFilePath();
        s.modified = info.lastModified();
        if (info.isDir()) {
            QFile manifest(QDir(s.path).filePath(Manifest::FileName));
            if (!manifest.exists())
                continue;
            s.isDirectory = true;
            if (manifest.open(QIODevice::ReadOnly))
                applyManifest(s, manifest.readAll(), manifest.fileName());
            else
                s.problem = makeError(ErrorCode::Io,
                    tr("%1 could not be read: %2").arg(manifest.fileName(), manifest.errorString()));
        } else {
            if (info.suffix().compare(QLatin1String("zip"), Qt::CaseInsensitive) != 0)
                continue;
            s.size = info.size();
            // DataHub names archives recording-{run_id}.zip: a run id even for locked archives.
            const QString base = info.completeBaseName();
            if (base.startsWith(QLatin1String("recording-")))
                s.runId = base.mid(10);
            readArchive(s, password);
        }
        list.append(s);
    }
    std::stable_sort(list.begin(), list.end(), [](const RecordingSummary &a, const RecordingSummary &b) {
        const QDateTime ta
            = a.createdAt.isEmpty() ? a.modified : QDateTime::fromString(a.createdAt, Qt::ISODateWithMs);
        const QDateTime tb
            = b.createdAt.isEmpty() ? b.modified : QDateTime::fromString(b.createdAt, Qt::ISODateWithMs);
        return ta > tb;
    });
    return list;
}

} // namespace tapedeck
