// SPDX-License-Identifier: MIT
// Reading a recording's summary through a RangeDevice, with the reads planned from the ZIP directory.
#include "core/storage/remotesummary.h"

#include "core/archive/centraldirectory.h"
#include "core/archive/manifest.h"
#include "core/archive/recipe.h"
#include "core/archive/ziparchive.h"

#include <algorithm>
#include <vector>

namespace tapedeck {

namespace {

constexpr qint64 LocalHeaderSize = 30;
// Room for the local extra field, which the central record does not size (WinZip AES 11 bytes, ZIP64 20,
// Unix timestamps up to 28); a longer one costs one more small read.
constexpr qint64 ExtraAllowance = 64;
// Ranges closer than this are read as one: a few KiB more beat another round trip.
constexpr qint64 MergeGap = 8 * 1024;
// However the entries lie, the planned reads stay this few (ranges merge over wider gaps instead).
constexpr qsizetype MaxPlannedReads = 8;

struct Range
{
    qint64 begin;
    qint64 end;
};

std::vector<Range> merged(std::vector<Range> ranges, qint64 gap)
{
    std::sort(ranges.begin(), ranges.end(), [](const Range &a, const Range &b) { return a.begin < b.begin; });
    std::vector<Range> out;
    for (const Range &r : ranges) {
        if (!out.empty() && r.begin <= out.back().end + gap)
            out.back().end = std::max(out.back().end, r.end);
        else
            out.push_back(r);
    }
    return out;
}

// The local header of every entry (the layout check reads them all) and the whole of manifest.json and
// recipe.yaml, as few reads as their places allow.
std::vector<Range> plan(const CentralDirectory &directory, qint64 size)
{
    std::vector<Range> ranges;
    for (const CentralRecord &r : directory.records) {
        const qint64 begin = qint64(std::min<quint64>(r.localHeaderOffset, quint64(size)));
        qint64 length = LocalHeaderSize + r.rawName.size() + ExtraAllowance;
        const QString name = QString::fromUtf8(r.rawName);
        if (name == Manifest::FileName || name == Recipe::FileName)
            length += qint64(std::min<quint64>(r.compressedSize, quint64(size)));
        ranges.push_back({ begin, std::min(size, begin + length) });
    }
    qint64 gap = MergeGap;
    std::vector<Range> reads = merged(ranges, gap);
    while (qsizetype(reads.size()) > MaxPlannedReads) {
        gap *= 4;
        reads = merged(reads, gap);
    }
    return reads;
}

} // namespace

RangedSummary RemoteSummary::read(
    const std::shared_ptr<RangeDevice> &device, RecordingSummary base, const std::optional<QString> &password)
{
    RangedSummary result;
    result.summary = std::move(base);
    RecordingSummary &s = result.summary;
    const QString name = s.path.mid(s.path.lastIndexOf(QLatin1Char('/')) + 1);
    if (s.runId.isEmpty())
        s.runId = RecordingList::runIdFromFileName(name);
    const auto finish = [&]() -> RangedSummary {
        // A network failure shows to libzip as a short read: name the real cause.
        if (const std::optional<Error> &error = device->lastError()) {
            if (s.problem)
                s.problem = error;
            else if (s.recipeProblem)
                s.recipeProblem = error;
        }
        result.bytesFetched = device->bytesFetched();
        result.requests = device->requests();
        return result;
    };

    const qint64 size = device->size();
    if (size > 0) {
        if (Status tail = device->prefetch(std::max<qint64>(0, size - TailSize), TailSize); !tail) {
            s.problem = tail.error();
            return finish();
        }
        // Read from what was fetched (plus the rest of a directory bigger than the tail); when it cannot be
        // read, opening the archive below says why.
        if (const Result<CentralDirectory> directory = CentralDirectory::read(*device); directory) {
            for (const Range &r : plan(*directory, size)) {
                if (Status fetched = device->prefetch(r.begin, r.end - r.begin); !fetched) {
                    s.problem = fetched.error();
                    return finish();
                }
            }
        }
    }
    Result<std::unique_ptr<ZipArchive>> archive = ZipArchive::fromDevice(device, name);
    if (!archive) {
        s.problem = archive.error();
        return finish();
    }
    RecordingList::readArchive(**archive, password, s);
    return finish();
}

} // namespace tapedeck
