// SPDX-License-Identifier: MIT
// Reading a diff side: MCP files are streamed through the scanner, cassettes and recordings become the
// MCPs their GMS requests carried.
#include "core/diff/diffinput.h"

#include "core/common/filereader.h"
#include "core/diff/mcpscanner.h"
#include "core/recording/recording.h"
#include "core/recording/timeline.h"
#include "core/recording/timelineindexer.h"

#include <QFileInfo>
#include <QMutex>

namespace tapedeck {

struct DiffInput::Shared
{
    enum class Kind { File, Recording, Records };
    Kind kind = Kind::File;
    QString name;
    std::shared_ptr<const Recording> recording;

    QMutex mutex; // guards what follows
    bool loaded = false;
    std::optional<Error> loadError;
    bool isMcpFile = false; // read by the scanner, anew for each comparison
    QList<McpRecord> records; // everything else
    QStringList warnings;
};

namespace {

// The MCPs of a timeline (cassette or recording), or the fault that stopped reading it.
Status mcpsOf(const Timeline &timeline, QList<McpRecord> &records, QStringList &warnings)
{
    const QList<Error> faults = timeline.faults();
    if (!faults.isEmpty())
        return faults.first();
    Result<QList<McpRecord>> read = TimelineIndexer::mcps(timeline);
    if (!read)
        return read.error();
    records = std::move(read).value();
    warnings += timeline.warnings();
    return success();
}

} // namespace

DiffInput DiffInput::file(const QString &path)
{
    DiffInput input;
    input.m_shared = std::make_shared<Shared>();
    input.m_shared->kind = Shared::Kind::File;
    input.m_shared->name = path;
    return input;
}

DiffInput DiffInput::recording(std::shared_ptr<const Recording> recording, const QString &name)
{
    DiffInput input;
    input.m_shared = std::make_shared<Shared>();
    input.m_shared->kind = Shared::Kind::Recording;
    input.m_shared->name = name.isEmpty() ? recording->location : name;
    input.m_shared->recording = std::move(recording);
    return input;
}

DiffInput DiffInput::records(const QString &name, QList<McpRecord> records, QStringList warnings)
{
    DiffInput input;
    input.m_shared = std::make_shared<Shared>();
    input.m_shared->kind = Shared::Kind::Records;
    input.m_shared->name = name;
    input.m_shared->records = std::move(records);
    input.m_shared->warnings = std::move(warnings);
    input.m_shared->loaded = true;
    return input;
}

bool DiffInput::isRecordingPath(const QString &path)
{
    const QFileInfo info(path);
    return info.isDir() || info.suffix().compare(QLatin1String("zip"), Qt::CaseInsensitive) == 0;
}

QString DiffInput::name() const
{
    return m_shared ? m_shared->name : QString();
}

Status DiffInput::load(DiffSide &side, McpScanner &scanner, ProgressReporter *progress) const
{
    if (!m_shared)
        return makeError(ErrorCode::Usage, tr("No input was given."));
    Shared &s = *m_shared;
    side.name = s.name;
    {
        const QMutexLocker lock(&s.mutex);
        if (!s.loaded) {
            s.loaded = true;
            if (s.kind == Shared::Kind::File) {
                Result<std::shared_ptr<DiffFile>> opened = DiffFile::open(s.name);
                QByteArray head;
                if (opened) {
                    head.resize(qsizetype(std::min<qint64>((*opened)->size(), 65536)));
                    if (Status read = (*opened)->read(0, head.data(), head.size()); !read)
                        opened = read.error();
                }
                const std::optional<TimelineIndexer::FileKind> kind
                    = opened ? TimelineIndexer::detect(s.name, head) : std::nullopt;
                if (!opened) {
                    s.loadError = opened.error();
                } else if (!kind) {
                    s.loadError = makeError(ErrorCode::InvalidInput,
                        tr("%1 is neither an MCP file (JSON or JSON lines) nor a cassette").arg(s.name));
                } else if (*kind == TimelineIndexer::FileKind::Queries) {
                    s.loadError = makeError(ErrorCode::InvalidInput,
                        tr("%1 holds SQL queries (a queries.jsonl), not MCPs").arg(s.name));
                } else if (*kind == TimelineIndexer::FileKind::McpFile) {
                    s.isMcpFile = true;
                } else {
                    // A cassette is indexed whole, as everywhere else.
                    Result<QByteArray> yaml = FileReader::readAll(s.name);
                    Timeline timeline;
                    const Status indexed = yaml ? TimelineIndexer::indexCassette(
                                               timeline, QFileInfo(s.name).fileName(), *yaml, progress)
                                                : Status(yaml.error());
                    timeline.setComplete();
                    const Status extracted = indexed ? mcpsOf(timeline, s.records, s.warnings) : indexed;
                    if (!extracted)
                        s.loadError = extracted.error();
                }
            } else if (s.kind == Shared::Kind::Recording) {
                Timeline timeline;
                const Status indexed = TimelineIndexer::indexRecording(timeline, *s.recording, progress);
                timeline.setComplete();
                const Status extracted = indexed ? mcpsOf(timeline, s.records, s.warnings) : indexed;
                if (!extracted)
                    s.loadError = extracted.error();
                if (!s.recording->contents.contains(QStringLiteral("http/cassette.yaml")))
                    s.warnings.append(tr("%1 holds no http/cassette.yaml, so no MCPs").arg(s.name));
            }
        }
        if (s.loadError) {
            const Error error = *s.loadError;
            if (s.kind == Shared::Kind::File) {
                // A missing or unreadable file may be there next time.
                s.loaded = false;
                s.loadError.reset();
                s.warnings.clear();
                s.records.clear();
            }
            return error;
        }
        side.warnings += s.warnings;
    }
    if (s.isMcpFile) {
        Result<std::shared_ptr<DiffFile>> file = DiffFile::open(s.name);
        if (!file)
            return file.error();
        side.file = std::move(file).value();
        const qint64 total = side.file->size();
        return scanner.scanFile(side, [progress, total](qint64 done) {
            if (!progress)
                return true;
            progress->setProgress(done, total);
            return !progress->isCancelled();
        });
    }
    scanner.addRecords(side, s.records);
    return success();
}

} // namespace tapedeck
