// SPDX-License-Identifier: MIT
// The recording catalog: an SQLite file through Qt Sql, filled by listing folders and S3 prefixes.
//
// Journal: WAL. The GUI searches while `tapedeck-cli search --refresh` (or a GUI refresh) writes, and in WAL
// readers never wait for the writer nor the writer for them; a refresh is one transaction, committed with
// synchronous=NORMAL (a power cut may lose the last refresh, never the file: the catalog is rebuilt by
// listing again). SQLite gives the -wal and -shm files the database file's mode, 0600.
#include "core/storage/catalog.h"

#include "core/common/regularfile.h"
#include "core/recording/recordinglist.h"
#include "core/storage/s3client.h"
#include "core/storage/s3location.h"
#include "core/storage/s3summary.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSemaphore>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>
#include <QtEndian>

#include <atomic>
#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace tapedeck {

namespace {

constexpr int SchemaVersion = 1;
// PRAGMA application_id: "TPDC", so that no other SQLite file is taken for a catalog.
constexpr quint32 ApplicationId = 0x54504443;
constexpr int ProgressIntervalMs = 100;
// Ids per "IN (…)" when loading fields: well below SQLite's 32,766 parameters.
constexpr qsizetype IdBatch = 500;

std::atomic<quint64> nextConnection { 0 };

const char *const SchemaStatements[] = {
    "CREATE TABLE containers ("
    " url TEXT PRIMARY KEY,"
    " refreshed INTEGER NOT NULL)",
    "CREATE TABLE recordings ("
    " id INTEGER PRIMARY KEY,"
    " container TEXT NOT NULL,"
    " location TEXT NOT NULL,"
    " size INTEGER NOT NULL DEFAULT 0,"
    " etag TEXT NOT NULL DEFAULT '',"
    " modified INTEGER,"
    " state INTEGER NOT NULL,"
    " problem TEXT NOT NULL DEFAULT '',"
    " warning TEXT NOT NULL DEFAULT '',"
    " encrypted INTEGER NOT NULL DEFAULT 0,"
    " directory INTEGER NOT NULL DEFAULT 0,"
    " run_id TEXT NOT NULL DEFAULT '',"
    " source_type TEXT NOT NULL DEFAULT '',"
    " sink_type TEXT NOT NULL DEFAULT '',"
    " created INTEGER,"
    " failed INTEGER NOT NULL DEFAULT 0,"
    " exception_type TEXT NOT NULL DEFAULT '',"
    " exception_message TEXT NOT NULL DEFAULT '',"
    " listed INTEGER NOT NULL,"
    " UNIQUE (container, location))",
    "CREATE INDEX recordings_created ON recordings (created)",
    "CREATE INDEX recordings_source ON recordings (source_type COLLATE NOCASE, created)",
    "CREATE INDEX recordings_failed ON recordings (failed, created)",
    "CREATE INDEX recordings_location ON recordings (location)",
    "CREATE TABLE fields ("
    " recording INTEGER NOT NULL REFERENCES recordings (id) ON DELETE CASCADE,"
    " name TEXT NOT NULL,"
    " value TEXT NOT NULL,"
    " PRIMARY KEY (recording, name)) WITHOUT ROWID",
    "CREATE INDEX fields_name_value ON fields (name, value)",
};

const QString RecordingColumns = QStringLiteral(
    "r.id, r.container, r.location, r.size, r.etag, r.modified, r.state, r.problem, r.warning, r.encrypted, "
    "r.directory, r.run_id, r.source_type, r.sink_type, r.created, r.failed, r.exception_type, "
    "r.exception_message, r.listed");

// A recording as listed: where it is and what identifies its version.
struct Listed
{
    QString location;
    qint64 size = 0;
    QString etag;
    QDateTime modified;
    bool isDirectory = false;
};

struct ExistingRow
{
    qint64 id = 0;
    QString etag;
    CatalogEntry::State state = CatalogEntry::State::Unreadable;
};

struct ReadResult
{
    RecordingSummary summary;
    qint64 bytesFetched = 0;
    int requests = 0;
};

// Hands the catalog's cancel flag to S3 requests; progress is counted in recordings elsewhere.
class CancelOnly final : public ProgressReporter
{
public:
    explicit CancelOnly(const std::atomic<bool> &cancelled)
        : m_cancelled(cancelled)
    { }
    void setProgress(qint64, qint64) override { }
    bool isCancelled() const override { return m_cancelled.load(); }

private:
    const std::atomic<bool> &m_cancelled;
};

// Forwards the caller's cancel flag (from the calling thread only) without its progress counts.
class ForwardCancel final : public ProgressReporter
{
public:
    explicit ForwardCancel(ProgressReporter *progress)
        : m_progress(progress)
    { }
    void setProgress(qint64, qint64) override { }
    bool isCancelled() const override { return m_progress && m_progress->isCancelled(); }

private:
    ProgressReporter *m_progress;
};

qint64 toMs(const QDateTime &t)
{
    return t.toMSecsSinceEpoch();
}

QVariant msOrNull(const QDateTime &t)
{
    return t.isValid() ? QVariant(t.toMSecsSinceEpoch()) : QVariant(QMetaType::fromType<qint64>());
}

QDateTime fromMs(const QVariant &v)
{
    return v.isNull() ? QDateTime() : QDateTime::fromMSecsSinceEpoch(v.toLongLong(), Qt::UTC);
}

// Qt binds a null QString as NULL; text columns hold '' instead.
QVariant textValue(const QString &s)
{
    return s.isNull() ? QVariant(QStringLiteral("")) : QVariant(s);
}

// "m<ms>-<size>": what identifies a local file's version.
QString fileTag(const QFileInfo &info)
{
    return QStringLiteral("m%1-%2").arg(toMs(info.lastModified())).arg(info.size());
}

CatalogEntry::State stateOf(const RecordingSummary &s, bool passwordGiven)
{
    if (s.manifestRead)
        return CatalogEntry::State::Ok;
    if (s.problem && s.problem->code == ErrorCode::Password)
        return passwordGiven ? CatalogEntry::State::WrongPassword : CatalogEntry::State::Locked;
    return CatalogEntry::State::Unreadable;
}

// LIKE pattern for "contains text", with '\' escaping LIKE's wildcards and itself.
QString containsPattern(const QString &text)
{
    QString escaped;
    escaped.reserve(text.size() + 8);
    for (const QChar c : text) {
        if (c == QLatin1Char('\\') || c == QLatin1Char('%') || c == QLatin1Char('_'))
            escaped.append(QLatin1Char('\\'));
        escaped.append(c);
    }
    return QLatin1Char('%') + escaped + QLatin1Char('%');
}

// GLOB pattern where only '*' is a wildcard: '?' and '[' match themselves.
QString globPattern(const QString &value)
{
    QString pattern;
    pattern.reserve(value.size() + 8);
    for (const QChar c : value) {
        if (c == QLatin1Char('?'))
            pattern.append(QLatin1String("[?]"));
        else if (c == QLatin1Char('['))
            pattern.append(QLatin1String("[[]"));
        else
            pattern.append(c);
    }
    return pattern;
}

// Creates the missing folders of path, each 0700 (folders that exist are left as they are).
Status makeFolders(const QString &path)
{
    const QString clean = QDir::cleanPath(QDir(path).absolutePath());
    QStringList missing;
    for (QString p = clean; !QFileInfo::exists(p); p = QFileInfo(p).path()) {
        missing.prepend(p);
        if (p == QFileInfo(p).path())
            break;
    }
    for (const QString &p : std::as_const(missing)) {
        if (::mkdir(QFile::encodeName(p).constData(), 0700) != 0 && errno != EEXIST)
            return makeError(ErrorCode::Io,
                Catalog::tr("the folder %1 could not be created: %2")
                    .arg(p, QString::fromLocal8Bit(strerror(errno))));
    }
    return success();
}

// The summary of one listed recording: through ranged reads with client (S3), or from the file.
ReadResult readOne(
    S3Client *client, const Listed &l, const std::optional<QString> &password, ProgressReporter *cancel)
{
    ReadResult r;
    if (!client) {
        r.summary = RecordingList::read(QFileInfo(l.location), password);
        return r;
    }
    const Result<S3Location> object = S3Location::parse(l.location);
    if (!object) {
        r.summary.path = l.location;
        r.summary.problem = object.error();
        return r;
    }
    RangedSummary ranged = S3Summary::read(*client, *object, l.size, l.etag, l.modified, password, cancel);
    r.summary = std::move(ranged.summary);
    r.bytesFetched = ranged.bytesFetched;
    r.requests = ranged.requests;
    return r;
}

} // namespace

QString Catalog::defaultPath()
{
    QString base = qEnvironmentVariable("XDG_DATA_HOME");
    if (base.isEmpty() || !QDir::isAbsolutePath(base))
        base = QDir::homePath() + QStringLiteral("/.local/share");
    return base + QStringLiteral("/tapedeck/catalog.sqlite");
}

Result<QString> Catalog::containerUrl(const QString &url)
{
    if (S3Location::isS3Url(url)) {
        Result<S3Location> location = S3Location::parse(url);
        if (!location)
            return location.error();
        QString key = location->key;
        if (!key.isEmpty() && !key.endsWith(QLatin1Char('/')))
            key.append(QLatin1Char('/'));
        return QString(QStringLiteral("s3://") + location->bucket + QLatin1Char('/') + key);
    }
    if (url.isEmpty())
        return makeError(ErrorCode::Usage, tr("no folder given"));
    return QString(QDir::cleanPath(QFileInfo(url).absoluteFilePath()));
}

Result<std::unique_ptr<Catalog>> Catalog::open(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    if (Status folders = makeFolders(QFileInfo(absolute).path()); !folders)
        return folders.error();

    // Look at an existing file before SQLite does: whatever it is, a file that is not a catalog is refused
    // without SQLite ever opening it for writing.
    bool fresh = false;
    const QByteArray nativePath = QFile::encodeName(absolute);
    struct stat st;
    if (::stat(nativePath.constData(), &st) != 0) {
        if (errno != ENOENT)
            return makeError(ErrorCode::Io,
                tr("the catalog %1 cannot be read: %2")
                    .arg(absolute, QString::fromLocal8Bit(strerror(errno))));
        const int fd = ::open(nativePath.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd < 0 && errno != EEXIST)
            return makeError(ErrorCode::Io,
                tr("the catalog %1 cannot be created: %2")
                    .arg(absolute, QString::fromLocal8Bit(strerror(errno))));
        if (fd >= 0)
            ::close(fd);
        fresh = true;
    } else {
        QFile file;
        if (Status opened = RegularFile::open(file, absolute); !opened)
            return opened.error();
        const QByteArray header = file.read(100);
        if (header.size() == 0) {
            fresh = true; // an empty file holds nothing to lose (SQLite takes it for an empty database too)
        } else if (header.size() < 100 || !header.startsWith(QByteArrayView("SQLite format 3\0", 16))) {
            return makeError(ErrorCode::InvalidInput,
                tr("%1 is not a Tapedeck catalog (not an SQLite database); it was left as it is")
                    .arg(absolute));
        } else if (qFromBigEndian<quint32>(header.constData() + 68) != ApplicationId) {
            return makeError(ErrorCode::InvalidInput,
                tr("%1 is an SQLite database of another application, not a Tapedeck catalog; it was left as "
                   "it is")
                    .arg(absolute));
        } else if (const quint32 version = qFromBigEndian<quint32>(header.constData() + 60);
                   version != quint32(SchemaVersion)) {
            return makeError(ErrorCode::InvalidInput,
                tr("%1 is a catalog of another Tapedeck version (schema %2, this one reads %3); it was "
                   "left as it is")
                    .arg(absolute)
                    .arg(version)
                    .arg(SchemaVersion));
        }
        if ((st.st_mode & 077) != 0)
            ::chmod(nativePath.constData(), 0600);
    }

    std::unique_ptr<Catalog> catalog(new Catalog);
    catalog->m_path = absolute;
    catalog->m_connection = QStringLiteral("tapedeck-catalog-%1").arg(nextConnection.fetch_add(1));
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), catalog->m_connection);
    db.setDatabaseName(absolute);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
    if (!db.open())
        return makeError(
            ErrorCode::Io, tr("the catalog %1 cannot be opened: %2").arg(absolute, db.lastError().text()));

    const auto damaged = [&](const QSqlQuery &q) {
        return makeError(ErrorCode::InvalidInput,
            tr("the catalog %1 is damaged (%2); it was left as it is").arg(absolute, q.lastError().text()));
    };
    QSqlQuery q(db);
    if (fresh) {
        const auto writeError = [&](const QString &detail) {
            return makeError(ErrorCode::Io, tr("the catalog %1 cannot be written: %2").arg(absolute, detail));
        };
        // IMMEDIATE: another process creating the same catalog waits, then finds it made.
        if (!q.exec(QStringLiteral("BEGIN IMMEDIATE")))
            return writeError(q.lastError().text());
        QStringList statements;
        if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next())
            return writeError(q.lastError().text());
        if (q.value(0).toInt() == 0) {
            statements = QStringList { QStringLiteral("PRAGMA application_id = %1").arg(ApplicationId),
                QStringLiteral("PRAGMA user_version = %1").arg(SchemaVersion) };
            for (const char *statement : SchemaStatements)
                statements.append(QString::fromLatin1(statement));
        }
        q.finish();
        statements.append(QStringLiteral("COMMIT"));
        for (const QString &statement : std::as_const(statements)) {
            if (!q.exec(statement)) {
                const Error error = writeError(q.lastError().text());
                q.exec(QStringLiteral("ROLLBACK"));
                return error;
            }
        }
    } else {
        // A file with our header whose pages are damaged fails here or at its first query: an error, never
        // a reason to start over.
        if (!q.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table'")))
            return damaged(q);
        QStringList tables;
        while (q.next())
            tables.append(q.value(0).toString());
        for (const char *table : { "containers", "recordings", "fields" }) {
            if (!tables.contains(QLatin1String(table)))
                return makeError(ErrorCode::InvalidInput,
                    tr("the catalog %1 is damaged (the table %2 is missing); it was left as it is")
                        .arg(absolute, QLatin1String(table)));
        }
    }
    // Each may fail on file systems without shared memory (WAL) and then keeps SQLite's default.
    q.exec(QStringLiteral("PRAGMA journal_mode = WAL"));
    q.exec(QStringLiteral("PRAGMA synchronous = NORMAL"));
    q.exec(QStringLiteral("PRAGMA foreign_keys = ON"));
    return catalog;
}

Catalog::~Catalog()
{
    if (m_connection.isEmpty())
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
}

Result<CatalogRefreshStats> Catalog::refresh(
    const CatalogLocation &location, const std::optional<QString> &password, ProgressReporter *progress)
{
    const Result<QString> container = containerUrl(location.url);
    if (!container)
        return container.error();
    const bool s3 = container->startsWith(QLatin1String("s3://"));
    ForwardCancel forwardCancel(progress);

    // 1. List.
    QList<Listed> listed;
    std::optional<S3Config> s3Config;
    QString bucket;
    if (s3) {
        const Result<S3Location> prefix = S3Location::parse(*container);
        if (!prefix)
            return prefix.error();
        bucket = prefix->bucket;
        Result<S3Config> config = AwsConfig::resolve(location.s3);
        if (!config)
            return config.error();
        s3Config = *config;
        S3Client client(*s3Config);
        const Result<QList<S3Object>> objects = client.listAll(prefix->bucket, prefix->key, &forwardCancel);
        if (!objects)
            return objects.error();
        for (const S3Object &o : *objects) {
            if (!o.key.endsWith(QLatin1String(".zip"), Qt::CaseInsensitive))
                continue;
            listed.append({ QStringLiteral("s3://") + prefix->bucket + QLatin1Char('/') + o.key, o.size,
                o.etag, o.lastModified, false });
        }
    } else {
        const Result<QFileInfoList> found = RecordingList::find(*container);
        if (!found)
            return found.error();
        for (const QFileInfo &info : *found) {
            Listed l;
            l.location = info.absoluteFilePath();
            l.modified = info.lastModified().toUTC();
            if (info.isDir()) {
                // An extracted folder changes with its manifest and recipe.
                const QDir dir(l.location);
                l.isDirectory = true;
                l.etag = fileTag(QFileInfo(dir.filePath(QStringLiteral("manifest.json"))));
                const QFileInfo recipe(dir.filePath(QStringLiteral("recipe.yaml")));
                if (recipe.exists())
                    l.etag += QLatin1Char('-') + fileTag(recipe);
            } else {
                l.size = info.size();
                l.etag = fileTag(info);
            }
            listed.append(l);
        }
    }

    // 2. Compare with the rows under this container.
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    const auto sqlError = [&](const QSqlQuery &q) { return databaseError(q.lastError(), true); };
    QHash<QString, ExistingRow> existing;
    {
        QSqlQuery q(db);
        q.setForwardOnly(true);
        q.prepare(QStringLiteral("SELECT id, location, etag, state FROM recordings WHERE container = ?"));
        q.addBindValue(*container);
        if (!q.exec())
            return sqlError(q);
        while (q.next())
            existing.insert(q.value(1).toString(),
                { q.value(0).toLongLong(), q.value(2).toString(), CatalogEntry::State(q.value(3).toInt()) });
    }
    CatalogRefreshStats stats;
    stats.listed = int(listed.size());
    QList<qsizetype> toRead;
    QSet<QString> seen;
    for (qsizetype i = 0; i < listed.size(); ++i) {
        const Listed &l = listed.at(i);
        seen.insert(l.location);
        const auto row = existing.constFind(l.location);
        const bool locked = row != existing.cend()
            && (row->state == CatalogEntry::State::Locked
                || row->state == CatalogEntry::State::WrongPassword);
        if (row == existing.cend() || row->etag != l.etag || (locked && password))
            toRead.append(i);
        else
            ++stats.unchanged;
    }

    // 3. Read the summaries of what is new or changed, several at once (an S3 client per reader thread).
    const qsizetype total = toRead.size();
    std::vector<ReadResult> results(
        static_cast<size_t>(total)); // one slot per reader task, written by that task only
    std::atomic<qsizetype> next { 0 };
    std::atomic<bool> cancelled { false };
    QSemaphore finished;
    {
        const int readers = int(std::min<qsizetype>(
            total, s3 ? S3Readers : std::min(LocalReaders, std::max(1, QThread::idealThreadCount()))));
        QThreadPool pool;
        pool.setMaxThreadCount(std::max(1, readers));
        QList<QFuture<void>> workers;
        for (int w = 0; w < readers; ++w) {
            workers.append(QtConcurrent::run(&pool, [&] {
                std::unique_ptr<S3Client> client;
                if (s3)
                    client = std::make_unique<S3Client>(*s3Config);
                CancelOnly cancel(cancelled);
                for (qsizetype k = next++; k < total && !cancelled.load(); k = next++) {
                    results[size_t(k)] = readOne(client.get(), listed.at(toRead.at(k)), password, &cancel);
                    finished.release();
                }
            }));
        }
        qsizetype done = 0;
        while (done < total) {
            if (progress) {
                progress->setProgress(done, total);
                if (progress->isCancelled() && !cancelled.exchange(true))
                    break;
            }
            if (finished.tryAcquire(1, ProgressIntervalMs))
                ++done;
        }
        for (QFuture<void> &w : workers)
            w.waitForFinished();
        if (progress && !cancelled.load())
            progress->setProgress(total, total);
    }
    // A summary interrupted by the cancel is not stored: only those read to the end (the first `done`
    // slots are not necessarily those, so look at each).
    const auto interrupted = [&](const ReadResult &r) {
        return r.summary.path.isEmpty()
            || (r.summary.problem && r.summary.problem->code == ErrorCode::Cancelled)
            || (r.summary.recipeProblem && r.summary.recipeProblem->code == ErrorCode::Cancelled);
    };

    // 4. Store: one transaction.
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (!db.transaction())
        return databaseError(db.lastError(), true);
    Status stored = [&]() -> Status {
        QSqlQuery insert(db), update(db), clearFields(db), insertField(db), remove(db), touch(db), mark(db);
        insert.prepare(QStringLiteral(
            "INSERT INTO recordings (container, location, size, etag, modified, state, problem, warning, "
            "encrypted, directory, run_id, source_type, sink_type, created, failed, exception_type, "
            "exception_message, listed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
        update.prepare(QStringLiteral(
            "UPDATE recordings SET size = ?, etag = ?, modified = ?, state = ?, problem = ?, warning = ?, "
            "encrypted = ?, directory = ?, run_id = ?, source_type = ?, sink_type = ?, created = ?, failed = "
            "?, "
            "exception_type = ?, exception_message = ?, listed = ? WHERE id = ?"));
        clearFields.prepare(QStringLiteral("DELETE FROM fields WHERE recording = ?"));
        insertField.prepare(QStringLiteral("INSERT INTO fields (recording, name, value) VALUES (?, ?, ?)"));
        remove.prepare(QStringLiteral("DELETE FROM recordings WHERE id = ?"));
        touch.prepare(QStringLiteral("UPDATE recordings SET listed = ? WHERE container = ?"));
        mark.prepare(QStringLiteral("INSERT INTO containers (url, refreshed) VALUES (?, ?) "
                                    "ON CONFLICT (url) DO UPDATE SET refreshed = excluded.refreshed"));

        for (qsizetype k = 0; k < total; ++k) {
            const ReadResult &r = results[size_t(k)];
            if (interrupted(r))
                continue;
            const Listed &l = listed.at(toRead.at(k));
            const RecordingSummary &s = r.summary;
            const CatalogEntry::State state = stateOf(s, password.has_value());
            const QVariantList values { l.size, textValue(l.etag), msOrNull(l.modified), int(state),
                textValue(s.problem ? s.problem->message : QString()),
                textValue(s.recipeProblem ? s.recipeProblem->message : QString()), s.encrypted, l.isDirectory,
                textValue(s.runId), textValue(s.sourceType), textValue(s.sinkType), msOrNull(s.created()),
                s.manifestRead && s.hasException, textValue(s.exceptionType), textValue(s.exceptionMessage),
                now };
            qint64 id = 0;
            const auto row = existing.constFind(l.location);
            if (row != existing.cend()) {
                id = row->id;
                for (const QVariant &v : values)
                    update.addBindValue(v);
                update.addBindValue(id);
                if (!update.exec())
                    return sqlError(update);
                clearFields.addBindValue(id);
                if (!clearFields.exec())
                    return sqlError(clearFields);
            } else {
                insert.addBindValue(*container);
                insert.addBindValue(l.location);
                for (const QVariant &v : values)
                    insert.addBindValue(v);
                if (!insert.exec())
                    return sqlError(insert);
                id = insert.lastInsertId().toLongLong();
            }
            for (auto f = s.fields.cbegin(); f != s.fields.cend(); ++f) {
                insertField.addBindValue(id);
                insertField.addBindValue(f.key());
                insertField.addBindValue(textValue(f.value()));
                if (!insertField.exec())
                    return sqlError(insertField);
            }
            ++stats.read;
            stats.bytesRead += r.bytesFetched;
            stats.requests += r.requests;
            stats.readLocations.append(l.location);
        }
        if (cancelled.load())
            return success();
        for (auto it = existing.cbegin(); it != existing.cend(); ++it) {
            if (seen.contains(it.key()))
                continue;
            clearFields.addBindValue(it->id);
            remove.addBindValue(it->id);
            if (!clearFields.exec())
                return sqlError(clearFields);
            if (!remove.exec())
                return sqlError(remove);
            ++stats.removed;
            stats.removedLocations.append(it.key());
        }
        touch.addBindValue(now);
        touch.addBindValue(*container);
        mark.addBindValue(*container);
        mark.addBindValue(now);
        if (!touch.exec())
            return sqlError(touch);
        if (!mark.exec())
            return sqlError(mark);
        return success();
    }();
    if (!stored) {
        db.rollback();
        return stored.error();
    }
    if (!db.commit())
        return databaseError(db.lastError(), true);
    if (cancelled.load())
        return makeError(ErrorCode::Cancelled, tr("cancelled"));
    std::sort(stats.removedLocations.begin(), stats.removedLocations.end());
    return stats;
}

namespace {

CatalogEntry entryFrom(const QSqlQuery &q)
{
    CatalogEntry e;
    e.id = q.value(0).toLongLong();
    e.container = q.value(1).toString();
    e.location = q.value(2).toString();
    e.size = q.value(3).toLongLong();
    e.etag = q.value(4).toString();
    e.modified = fromMs(q.value(5));
    const int state = q.value(6).toInt();
    e.state = state >= 0 && state <= int(CatalogEntry::State::Unreadable) ? CatalogEntry::State(state)
                                                                          : CatalogEntry::State::Unreadable;
    e.problem = q.value(7).toString();
    e.warning = q.value(8).toString();
    e.encrypted = q.value(9).toBool();
    e.isDirectory = q.value(10).toBool();
    e.runId = q.value(11).toString();
    e.sourceType = q.value(12).toString();
    e.sinkType = q.value(13).toString();
    e.created = fromMs(q.value(14));
    e.failed = q.value(15).toBool();
    e.exceptionType = q.value(16).toString();
    e.exceptionMessage = q.value(17).toString();
    e.listed = fromMs(q.value(18));
    return e;
}

} // namespace

Error Catalog::databaseError(const QSqlError &error, bool writing) const
{
    // SQLITE_CORRUPT (11) and SQLITE_NOTADB (26), extended codes included: the file, not the query.
    const int code = error.nativeErrorCode().toInt() & 0xff;
    if (code == 11 || code == 26)
        return makeError(ErrorCode::InvalidInput,
            tr("the catalog %1 is damaged (%2); it was left as it is").arg(m_path, error.text()));
    return makeError(ErrorCode::Io,
        (writing ? tr("the catalog %1 could not be updated: %2") : tr("the catalog %1 could not be read: %2"))
            .arg(m_path, error.text()));
}

Result<QList<CatalogEntry>> Catalog::search(const CatalogQuery &query) const
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    const auto sqlError = [&](const QSqlQuery &q) { return databaseError(q.lastError(), false); };

    // Every value the user gave is bound; the SQL text is made of constants only.
    QStringList conditions;
    QVariantList binds;
    if (!query.container.isEmpty()) {
        const Result<QString> container = containerUrl(query.container);
        if (!container)
            return container.error();
        conditions.append(QStringLiteral("r.container = ?"));
        binds.append(*container);
    }
    if (!query.source.isEmpty()) {
        conditions.append(QStringLiteral("r.source_type = ? COLLATE NOCASE"));
        binds.append(query.source);
    }
    if (query.since.isValid()) {
        conditions.append(QStringLiteral("r.created >= ?"));
        binds.append(toMs(query.since));
    }
    if (query.until.isValid()) {
        conditions.append(QStringLiteral("r.created <= ?"));
        binds.append(toMs(query.until));
    }
    if (query.failedOnly)
        conditions.append(QStringLiteral("r.failed = 1"));
    for (const auto &[name, value] : query.where) {
        if (value.contains(QLatin1Char('*'))) {
            conditions.append(QStringLiteral("EXISTS (SELECT 1 FROM fields f WHERE f.recording = r.id AND "
                                             "f.name = ? AND f.value GLOB ?)"));
            binds.append(name);
            binds.append(globPattern(value));
        } else {
            conditions.append(QStringLiteral(
                "EXISTS (SELECT 1 FROM fields f WHERE f.recording = r.id AND f.name = ? AND f.value = ?)"));
            binds.append(name);
            binds.append(value);
        }
    }
    if (!query.text.isEmpty()) {
        static const QStringList columns { QStringLiteral("r.run_id"), QStringLiteral("r.location"),
            QStringLiteral("r.source_type"), QStringLiteral("r.sink_type"),
            QStringLiteral("r.exception_type"), QStringLiteral("r.exception_message") };
        QStringList alternatives;
        const QString pattern = containsPattern(query.text);
        for (const QString &column : columns) {
            alternatives.append(column + QStringLiteral(" LIKE ? ESCAPE '\\'"));
            binds.append(pattern);
        }
        alternatives.append(QStringLiteral(
            "EXISTS (SELECT 1 FROM fields f WHERE f.recording = r.id AND f.value LIKE ? ESCAPE '\\')"));
        binds.append(pattern);
        conditions.append(QLatin1Char('(') + alternatives.join(QStringLiteral(" OR ")) + QLatin1Char(')'));
    }

    QString sql = QStringLiteral("SELECT ") + RecordingColumns + QStringLiteral(" FROM recordings r");
    if (!conditions.isEmpty())
        sql += QStringLiteral(" WHERE ") + conditions.join(QStringLiteral(" AND "));
    switch (query.order) {
    case CatalogQuery::Order::CreatedDesc:
        sql += QStringLiteral(" ORDER BY r.created IS NULL, r.created DESC, r.location, r.container");
        break;
    case CatalogQuery::Order::CreatedAsc:
        sql += QStringLiteral(" ORDER BY r.created IS NULL, r.created ASC, r.location, r.container");
        break;
    case CatalogQuery::Order::Location:
        sql += QStringLiteral(" ORDER BY r.location, r.container");
        break;
    case CatalogQuery::Order::Size:
        sql += QStringLiteral(" ORDER BY r.size DESC, r.location, r.container");
        break;
    }
    if (query.limit > 0) {
        sql += QStringLiteral(" LIMIT ?");
        binds.append(query.limit);
    }

    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.prepare(sql))
        return sqlError(q);
    for (const QVariant &v : std::as_const(binds))
        q.addBindValue(v);
    if (!q.exec())
        return sqlError(q);
    QList<CatalogEntry> entries;
    QHash<qint64, qsizetype> byId;
    while (q.next()) {
        byId.insert(q.value(0).toLongLong(), entries.size());
        entries.append(entryFrom(q));
    }
    if (q.lastError().isValid())
        return sqlError(q);

    // The fields of the rows found, a batch of ids at a time.
    for (qsizetype from = 0; from < entries.size(); from += IdBatch) {
        const qsizetype count = std::min(IdBatch, entries.size() - from);
        QStringList marks;
        for (qsizetype i = 0; i < count; ++i)
            marks.append(QStringLiteral("?"));
        QSqlQuery f(db);
        f.setForwardOnly(true);
        if (!f.prepare(QStringLiteral("SELECT recording, name, value FROM fields WHERE recording IN (")
                + marks.join(QLatin1Char(',')) + QLatin1Char(')')))
            return sqlError(f);
        for (qsizetype i = 0; i < count; ++i)
            f.addBindValue(entries.at(from + i).id);
        if (!f.exec())
            return sqlError(f);
        while (f.next())
            entries[byId.value(f.value(0).toLongLong())].fields.insert(
                f.value(1).toString(), f.value(2).toString());
    }
    return entries;
}

Result<std::optional<CatalogEntry>> Catalog::find(const QString &location) const
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT ") + RecordingColumns
        + QStringLiteral(" FROM recordings r WHERE r.location = ? ORDER BY r.listed DESC LIMIT 1"));
    q.addBindValue(location);
    if (!q.exec())
        return databaseError(q.lastError(), false);
    if (!q.next())
        return std::optional<CatalogEntry>();
    CatalogEntry e = entryFrom(q);
    QSqlQuery f(db);
    f.setForwardOnly(true);
    f.prepare(QStringLiteral("SELECT name, value FROM fields WHERE recording = ?"));
    f.addBindValue(e.id);
    if (!f.exec())
        return databaseError(f.lastError(), false);
    while (f.next())
        e.fields.insert(f.value(0).toString(), f.value(1).toString());
    return std::optional<CatalogEntry>(std::move(e));
}

Result<QList<QPair<QString, QDateTime>>> Catalog::containers() const
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT url, refreshed FROM containers ORDER BY url")))
        return databaseError(q.lastError(), false);
    QList<QPair<QString, QDateTime>> list;
    while (q.next())
        list.append({ q.value(0).toString(), fromMs(q.value(1)) });
    return list;
}

} // namespace tapedeck
