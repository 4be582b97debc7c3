// SPDX-License-Identifier: MIT
// Listing recordings in a folder.
#include "core/recording/recordinglist.h"

#include "core/archive/manifest.h"
#include "core/archive/ziparchive.h"
#include "core/common/regularfile.h"

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
    if (entry->size > Manifest::MaxSize) {
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
    const QFileInfo folderInfo(folder);
    if (!folderInfo.exists())
        return makeError(ErrorCode::Io, tr("the folder %1 does not exist").arg(folder));
    if (!folderInfo.isDir())
        return makeError(ErrorCode::Io, tr("%1 is not a folder").arg(folder));
    const QDir dir(folder);

    QList<RecordingSummary> list;
    // System: a FIFO, socket or device named *.zip is listed as unreadable (and never opened), not hidden.
    const QFileInfoList infos
        = dir.entryInfoList(QDir::Files | QDir::Dirs | QDir::System | QDir::NoDotAndDotDot | QDir::Readable);
    for (const QFileInfo &info : infos) {
        RecordingSummary s;
        s.path = info.absoluteFilePath();
        s.modified = info.lastModified();
        if (info.isDir()) {
            const QString manifestPath = QDir(s.path).filePath(Manifest::FileName);
            if (!QFileInfo::exists(manifestPath) && !QFileInfo(manifestPath).isSymLink())
                continue;
            s.isDirectory = true;
            QFile manifest;
            if (Status opened = RegularFile::open(manifest, manifestPath); !opened)
                s.problem = opened.error();
            else if (manifest.size() > Manifest::MaxSize)
                s.problem
                    = makeError(ErrorCode::InvalidInput, tr("%1 is implausibly large").arg(manifestPath));
            else
                applyManifest(s, manifest.readAll(), manifestPath);
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
