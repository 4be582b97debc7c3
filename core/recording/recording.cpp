// SPDX-License-Identifier: MIT
// Loading a recording and verifying its checksums.
#include "core/recording/recording.h"

#include "core/archive/entryname.h"
#include "core/common/pythonjson.h"
#include "core/common/sha256.h"
#include "core/common/utf8.h"
#include "core/recording/checksumsummary.h"
#include "core/recording/sqlquery.h"

namespace tapedeck {

namespace {

// Reports progress over all entries (in stored bytes) and forwards cancellation.
class OverallProgress final : public ProgressReporter
{
public:
    OverallProgress(ProgressReporter *outer, qint64 total)
        : m_outer(outer)
        , m_total(total)
    { }
    void startEntry(qint64 storedSize)
    {
        m_base += m_current;
        m_current = 0;
        m_currentSize = storedSize;
    }
    void setProgress(qint64 done, qint64) override
    {
        m_current = std::min(done, m_currentSize);
        if (m_outer)
            m_outer->setProgress(m_base + m_current, m_total);
    }
    bool isCancelled() const override { return m_outer && m_outer->isCancelled(); }

private:
    ProgressReporter *m_outer;
    qint64 m_total;
    qint64 m_base = 0;
    qint64 m_current = 0;
    qint64 m_currentSize = 0;
};

} // namespace

const QStringList &Recording::readEntries()
{
    static const QStringList names { Manifest::FileName, Recipe::FileName, CassetteFileName,
        QueryLog::FileName };
    return names;
}

QString Recording::checksumStateName(ChecksumState state)
{
    switch (state) {
    case ChecksumState::Ok:
        return QStringLiteral("ok");
    case ChecksumState::Mismatch:
        return QStringLiteral("mismatch");
    case ChecksumState::Missing:
        return QStringLiteral("missing");
    case ChecksumState::Unlisted:
        return QStringLiteral("unlisted");
    case ChecksumState::Unreadable:
        return QStringLiteral("unreadable");
    }
    return {};
}

Result<Recording> Recording::load(
    RecordingSource &source, const ExtractionLimits &limits, ProgressReporter *progress)
{
    if (Status s = source.checkLimits(limits); !s)
        return s.error();

    Recording r;
    r.location = source.location();
    r.displayName = source.displayName();
    r.kind = source.kind();

    qint64 total = 0;
    for (const SourceEntry &e : source.entries())
        total += e.storedSize;
    OverallProgress overall(progress, total);

    // The manifest first: it says which checksums to expect.
    QList<SourceEntry> order = source.entries();
    std::stable_partition(
        order.begin(), order.end(), [](const SourceEntry &e) { return e.name == Manifest::FileName; });

    for (const SourceEntry &e : std::as_const(order)) {
        EntryCheck check;
        check.entry = e;
        if (e.isDirectory) {
            r.entries.append(check);
            continue;
        }
        if (const std::optional<QString> unsafe = EntryName::unsafeReason(e.name)) {
            check.checksum = ChecksumState::Unreadable;
            check.problem = *unsafe;
            r.problems.append(makeError(ErrorCode::InvalidInput,
                tr("%1: entry \"%2\" is refused: %3").arg(r.displayName, e.name, *unsafe)));
            r.entries.append(check);
            continue;
        }
        if (e.isSymlink) {
            check.checksum = ChecksumState::Unreadable;
            check.problem = tr("symbolic links are not read");
            r.problems.append(makeError(ErrorCode::InvalidInput,
                tr("%1: entry \"%2\" is a symbolic link; links are refused").arg(r.displayName, e.name)));
            r.entries.append(check);
            continue;
        }
        if (!e.specialKind.isEmpty()) {
            check.checksum = ChecksumState::Unreadable;
            check.problem = tr("%1 is not read").arg(e.specialKind);
            r.problems.append(makeError(ErrorCode::InvalidInput,
                tr("%1: \"%2\" is %3, not a regular file; it is not read")
                    .arg(r.displayName, e.name, e.specialKind)));
            r.entries.append(check);
            continue;
        }
        // What Tapedeck does not use is not decoded: a summary of an archive full of unknown entries
        // costs nothing. Unknown entries the manifest lists a checksum for are hashed, not kept.
        const bool used = readEntries().contains(e.name);
        const bool listed = r.manifest && r.manifest->checksums.contains(e.name);
        if (!used && !listed) {
            r.entries.append(check);
            continue;
        }

        overall.startEntry(e.storedSize);
        QByteArray data;
        if (used)
            data.reserve(qsizetype(std::min<qint64>(e.size, qint64(1) << 30)));
        Sha256 hash;
        const Status read = source.read(
            e.name,
            [&](QByteArrayView chunk) {
                if (used)
                    data.append(chunk);
                hash.addData(chunk);
                return success();
            },
            &overall);
        if (!read) {
            if (read.error().code == ErrorCode::Cancelled || read.error().code == ErrorCode::Password)
                return read.error();
            check.checksum = ChecksumState::Unreadable;
            check.problem = read.error().message;
            r.problems.append(read.error());
            r.entries.append(check);
            continue;
        }
        check.actual = QString::fromLatin1(hash.hexResult());
        if (e.name == Manifest::FileName) {
            Result<Manifest> manifest = Manifest::parse(data, r.displayName + QLatin1Char('/') + e.name);
            if (manifest)
                r.manifest = std::move(manifest).value();
            else
                r.problems.append(manifest.error());
        } else if (e.name == Recipe::FileName) {
            Result<Recipe> recipe = Recipe::parse(data, r.displayName + QLatin1Char('/') + e.name);
            if (recipe)
                r.recipe = std::move(recipe).value();
            else
                r.problems.append(recipe.error());
        }
        if (r.manifest && r.manifest->checksums.contains(e.name)) {
            check.expected = r.manifest->checksums.value(e.name);
            check.checksum = check.expected == check.actual ? ChecksumState::Ok : ChecksumState::Mismatch;
            if (check.checksum == ChecksumState::Mismatch) {
                r.problems.append(makeError(ErrorCode::InvalidInput,
                    Manifest::normalizeChecksum(check.expected)
                        ? tr("%1: checksum mismatch for %2 (the manifest says %3, the content hashes to %4)")
                              .arg(r.displayName, e.name, check.expected, check.actual)
                        : tr("%1: checksum mismatch for %2 (the manifest says %3, which is not a SHA-256 "
                             "digest; the content hashes to %4)")
                              .arg(r.displayName, e.name,
                                  // Quoted as written ("", ["a"], 12), which leaves no control character raw.
                                  decodeUtf8(PythonJson::dumps(
                                      r.manifest->object.value(QStringLiteral("checksums")).toObject().value(e.name))),
                                  check.actual)));
            }
        }
        if (used)
            r.contents.insert(e.name, data);
        r.entries.append(check);
    }
    // Entries count their decoded bytes, not the encryption's salt, verifier and MAC, nor what was skipped:
    // every entry was read, so the progress ends full.
    if (progress)
        progress->setProgress(total, total);

    if (!r.manifest && !source.find(Manifest::FileName)) {
        r.problems.prepend(makeError(ErrorCode::InvalidInput,
            tr("%1 has no manifest.json, so it is not a DataHub recording or its manifest was lost")
                .arg(r.displayName)));
    }
    // Show entries in archive order (the manifest was read first only to know what to expect).
    QHash<QString, qsizetype> position;
    for (qsizetype i = 0; i < source.entries().size(); ++i)
        position.insert(source.entries().at(i).name, i);
    std::stable_sort(r.entries.begin(), r.entries.end(), [&](const EntryCheck &a, const EntryCheck &b) {
        return position.value(a.entry.name) < position.value(b.entry.name);
    });
    if (r.manifest) {
        for (auto it = r.manifest->checksums.cbegin(); it != r.manifest->checksums.cend(); ++it) {
            if (source.find(it.key()))
                continue;
            EntryCheck missing;
            missing.entry.name = it.key();
            missing.checksum = ChecksumState::Missing;
            missing.expected = it.value();
            r.entries.append(missing);
            r.problems.append(makeError(ErrorCode::InvalidInput,
                tr("%1: %2 is listed in the manifest but missing").arg(r.displayName, it.key())));
        }
    }
    return r;
}

bool Recording::checksumsOk() const
{
    return ChecksumSummary::of(entries).allOk();
}

std::optional<Error> Recording::mainProblem() const
{
    if (problems.isEmpty())
        return std::nullopt;
    // Exit codes rank password (3) < damage (4) < I/O (5) numerically, but a password problem explains
    // every later failure, so it wins; otherwise the first problem found is the clearest.
    const auto password = std::find_if(
        problems.cbegin(), problems.cend(), [](const Error &e) { return e.code == ErrorCode::Password; });
    return password != problems.cend() ? *password : problems.first();
}

} // namespace tapedeck
