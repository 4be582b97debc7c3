// SPDX-License-Identifier: MIT
// ZIP archives as recordings: libzip's container parsing, our central directory reader (WinZip AES extra
// fields, flags), WinZip AES decryption and authentication, the entry decoders, and loading a recording
// from the archive (limits, manifest, recipe, checksums, the timeline) the way `tapedeck-cli` does.
//
// Input: the archive. Encrypted entries are read with the sample's password, so the sample-derived seeds
// decrypt and mutations reach the decoders behind AES (their HMAC then fails, as it must).
// Invariants:
// - every error carries a message; nothing crashes, leaks or runs unbounded;
// - an archive holds no more entries than central headers fit in it (46 bytes each);
// - an entry read successfully produced exactly the size it declares, and reading it again gives the same
//   bytes; nothing beyond the declared size ever reaches the caller;
// - CentralDirectory and libzip agree on the number of entries whenever both accept the archive;
// - a loaded recording's entries were read from disjoint parts of the archive: together they were never
//   stored in more bytes than the archive has (overlapping entries are refused, not expanded again);
// - a loaded recording holds no more than the extraction limits allow.
#include "core/archive/centraldirectory.h"
#include "core/archive/extractionlimits.h"
#include "core/archive/ziparchive.h"
#include "core/recording/recording.h"
#include "core/recording/recordingsource.h"
#include "core/recording/timeline.h"
#include "core/recording/timelineindexer.h"
#include "fuzzsupport.h"

#include <QBuffer>

using namespace tapedeck;
using namespace tapedeck::fuzz;

namespace {

const QString Password = QStringLiteral("tapedeck-sample");
constexpr qsizetype CentralHeaderSize = 46;
constexpr qsizetype MaxEntriesRead = 64;

ExtractionLimits fuzzLimits()
{
    ExtractionLimits limits;
    limits.maxEntrySize = qint64(16) << 20;
    limits.maxTotalSize = qint64(64) << 20;
    limits.maxRatio = ExtractionLimits::DefaultMaxRatio;
    return limits;
}

struct Read
{
    Status status = success();
    qint64 produced = 0;
    quint64 hash = 0xcbf29ce484222325ull; // FNV-1a over the bytes
};

Read readEntry(ZipArchive &archive, const ZipEntry &entry)
{
    Read r;
    r.status = archive.read(entry, [&](QByteArrayView chunk) {
        r.produced += chunk.size();
        FUZZ_CHECK(r.produced <= entry.size,
            QStringLiteral("entry \"%1\" handed out %2 bytes, more than the %3 it declares")
                .arg(entry.name)
                .arg(r.produced)
                .arg(entry.size));
        for (const char c : chunk)
            r.hash = (r.hash ^ quint8(c)) * 0x100000001b3ull;
        return success();
    });
    if (!r.status)
        FUZZ_CHECK_ERROR(r.status.error());
    else
        FUZZ_CHECK(r.produced == entry.size,
            QStringLiteral("entry \"%1\" read %2 bytes of the %3 it declares")
                .arg(entry.name)
                .arg(r.produced)
                .arg(entry.size));
    return r;
}

void checkArchive(const QByteArray &data)
{
    QByteArray copy = data;
    QBuffer buffer(&copy);
    buffer.open(QIODevice::ReadOnly);
    const Result<CentralDirectory> directory = CentralDirectory::read(buffer);
    if (!directory)
        FUZZ_CHECK_ERROR(directory.error());

    Result<std::unique_ptr<ZipArchive>> opened = ZipArchive::fromData(data, QStringLiteral("fuzz.zip"));
    if (!opened) {
        FUZZ_CHECK_ERROR(opened.error());
        return;
    }
    ZipArchive &archive = **opened;
    const QList<ZipEntry> &entries = archive.entries();
    FUZZ_CHECK(entries.size() <= data.size() / CentralHeaderSize,
        QStringLiteral("%1 entries in %2 bytes").arg(entries.size()).arg(data.size()));
    // An archive that opened has a central directory Tapedeck reads itself, with the same entries, laid out
    // without overlaps (opening checks that).
    FUZZ_CHECK(bool(directory), QStringLiteral("opened, but its central directory does not read"));
    if (directory) {
        FUZZ_CHECK(directory->records.size() == entries.size(),
            QStringLiteral("central directory: %1 records, libzip: %2 entries")
                .arg(directory->records.size())
                .arg(entries.size()));
        FUZZ_CHECK(bool(directory->checkLayout(buffer)), QStringLiteral("opened, but its entries overlap"));
    }
    for (qsizetype i = 0; i < entries.size(); ++i) {
        FUZZ_CHECK(entries.at(i).index == i && entries.at(i).size >= 0 && entries.at(i).compressedSize >= 0,
            QStringLiteral("entry %1 has index %2, sizes %3/%4")
                .arg(i)
                .arg(entries.at(i).index)
                .arg(entries.at(i).size)
                .arg(entries.at(i).compressedSize));
    }

    if (const Status s = fuzzLimits().check(entries, archive.displayName()); !s) {
        FUZZ_CHECK_ERROR(s.error());
        return;
    }
    if (archive.isEncrypted()) {
        archive.setPassword(Password);
        if (const Status s = archive.verifyPassword(); !s)
            FUZZ_CHECK_ERROR(s.error());
    }
    for (qsizetype i = 0; i < std::min(entries.size(), MaxEntriesRead); ++i) {
        const ZipEntry &entry = entries.at(i);
        if (entry.isDirectory)
            continue;
        const Read first = readEntry(archive, entry);
        if (!first.status)
            continue;
        const Read again = readEntry(archive, entry);
        FUZZ_CHECK(again.status.ok() && again.hash == first.hash,
            QStringLiteral("entry \"%1\" reads differently the second time").arg(entry.name));
    }
}

void checkRecording(const QByteArray &data)
{
    Result<std::unique_ptr<RecordingSource>> source = RecordingSource::open(memoryFile(data));
    if (!source) {
        FUZZ_CHECK_ERROR(source.error());
        return;
    }
    if (const Status s = (*source)->unlock(Password); !s) {
        FUZZ_CHECK_ERROR(s.error());
        return;
    }
    const ExtractionLimits limits = fuzzLimits();
    Result<Recording> recording = Recording::load(**source, limits);
    if (!recording) {
        FUZZ_CHECK_ERROR(recording.error());
        return;
    }
    for (const Error &problem : recording->problems)
        FUZZ_CHECK_ERROR(problem);
    qint64 stored = 0;
    qint64 decoded = 0;
    for (auto it = recording->contents.cbegin(); it != recording->contents.cend(); ++it) {
        const SourceEntry *entry = (*source)->find(it.key());
        FUZZ_CHECK(entry, QStringLiteral("content \"%1\" is no entry of the archive").arg(it.key()));
        FUZZ_CHECK(it.value().size() == entry->size,
            QStringLiteral("\"%1\" holds %2 bytes, the entry declares %3")
                .arg(it.key())
                .arg(it.value().size())
                .arg(entry->size));
        stored += entry->storedSize;
        decoded += it.value().size();
    }
    FUZZ_CHECK(stored <= data.size(),
        QStringLiteral("the entries read were stored in %1 bytes of a %2-byte archive: they overlap")
            .arg(stored)
            .arg(data.size()));
    FUZZ_CHECK(decoded <= limits.maxTotalSize,
        QStringLiteral("%1 bytes decoded, over the total limit").arg(decoded));

    Timeline timeline;
    if (const Status s = TimelineIndexer::indexRecording(timeline, *recording); !s)
        FUZZ_CHECK_ERROR(s.error());
    for (const Error &fault : timeline.faults())
        FUZZ_CHECK_ERROR(fault);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *bytes, std::size_t size)
{
    const QByteArray data(reinterpret_cast<const char *>(bytes), qsizetype(size));
    checkArchive(data);
    checkRecording(data);
    return 0;
}
