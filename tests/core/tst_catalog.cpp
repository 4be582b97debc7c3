// SPDX-License-Identifier: MIT
// The recording catalog over 5,000 generated recordings in five folders: every row equals what the
// generator wrote, every filter returns what the generator's own data says it must, re-listing reads only
// what changed, locked recordings are read once a password comes, damaged ones are recorded with their
// problem, and a file that is not a catalog is refused and left untouched.
#include "core/recording/recordinglist.h"
#include "core/storage/catalog.h"
#include "s3server.h"
#include "testsupport.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSet>
#include <QSqlDatabase>
#include <QTemporaryDir>
#include <QTest>
#include <QtConcurrent/QtConcurrentRun>
#include <QtEndian>

#include <functional>
#include <sys/stat.h>

using namespace tapedeck;

namespace {

const QString Password = QStringLiteral("catalog-pw");
constexpr int Folders = 5;
// 5,000 recordings; TAPEDECK_CATALOG_COUNT=1000 (any multiple of 100) for quicker runs by hand.
const int Count = [] {
    const int n = qEnvironmentVariableIntValue("TAPEDECK_CATALOG_COUNT");
    return n >= 500 && n % 100 == 0 ? n : 5000;
}();

// What the generator says one recording holds.
struct Expected
{
    QString location; // absolute
    QString folder; // team-N
    QString kind; // zip, plain, dir
    QString runId;
    QString source;
    QString sink;
    std::optional<qint64> createdMs;
    bool failed = false;
    QString exceptionType;
    QString exceptionMessage;
    QMap<QString, QString> fields;
    qint64 size = 0;
};

QList<Expected> parseRecords(const QJsonArray &array, const QString &root)
{
    QList<Expected> list;
    for (const QJsonValue &v : array) {
        const QJsonObject o = v.toObject();
        Expected e;
        e.location = QDir(root).filePath(o.value(QStringLiteral("location")).toString());
        e.folder = o.value(QStringLiteral("folder")).toString();
        e.kind = o.value(QStringLiteral("kind")).toString();
        e.runId = o.value(QStringLiteral("run_id")).toString();
        e.source = o.value(QStringLiteral("source_type")).toString();
        e.sink = o.value(QStringLiteral("sink_type")).toString();
        if (!o.value(QStringLiteral("created_ms")).isNull())
            e.createdMs = qint64(o.value(QStringLiteral("created_ms")).toDouble());
        e.failed = o.value(QStringLiteral("failed")).toBool();
        e.exceptionType = o.value(QStringLiteral("exception_type")).toString();
        e.exceptionMessage = o.value(QStringLiteral("exception_message")).toString();
        const QJsonObject fields = o.value(QStringLiteral("fields")).toObject();
        for (auto it = fields.begin(); it != fields.end(); ++it)
            e.fields.insert(it.key(), it.value().toString());
        e.size = e.kind == QLatin1String("dir") ? 0 : QFileInfo(e.location).size();
        list.append(e);
    }
    return list;
}

// '*' is the only wildcard of --where values.
bool globMatches(const QString &pattern, const QString &value)
{
    QStringList parts = pattern.split(QLatin1Char('*'));
    for (QString &p : parts)
        p = QRegularExpression::escape(p);
    return QRegularExpression(QRegularExpression::anchoredPattern(parts.join(QStringLiteral(".*"))))
        .match(value)
        .hasMatch();
}

bool textMatches(const Expected &e, const QString &text)
{
    QStringList haystack { e.runId, e.location, e.source, e.sink, e.exceptionType, e.exceptionMessage };
    haystack += e.fields.values();
    for (const QString &s : std::as_const(haystack)) {
        if (s.contains(text, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

QDateTime at(const QString &iso)
{
    return QDateTime::fromString(iso, Qt::ISODate);
}

// The newest first, unknown creation times last, then by location: the catalog's default order.
bool newerFirst(const Expected &a, const Expected &b)
{
    if (a.createdMs.has_value() != b.createdMs.has_value())
        return a.createdMs.has_value();
    if (a.createdMs != b.createdMs)
        return *a.createdMs > *b.createdMs;
    return a.location < b.location;
}

class Recorder final : public ProgressReporter
{
public:
    void setProgress(qint64 done, qint64 total) override
    {
        calls.append({ done, total });
        if (cancelAfter >= 0 && calls.size() > cancelAfter)
            cancelled = true;
    }
    bool isCancelled() const override { return cancelled; }

    QList<QPair<qint64, qint64>> calls;
    int cancelAfter = -1;
    bool cancelled = false;
};

QStringList locationsOf(const QList<CatalogEntry> &entries)
{
    QStringList list;
    for (const CatalogEntry &e : entries)
        list.append(e.location);
    return list;
}

QStringList locationsOf(const QList<Expected> &entries)
{
    QStringList list;
    for (const Expected &e : entries)
        list.append(e.location);
    return list;
}

int modeOf(const QString &path)
{
    struct stat st;
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? int(st.st_mode & 07777) : -1;
}

bool setMtime(const QString &path, const QDateTime &when)
{
    QFile file(path);
    return file.open(QIODevice::ReadWrite) && file.setFileTime(when, QFileDevice::FileModificationTime);
}

} // namespace

class TestCatalog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_root = m_dir.filePath(QStringLiteral("recordings"));
        m_extras = m_dir.filePath(QStringLiteral("extras"));
        const QString index = m_dir.filePath(QStringLiteral("index.json"));
        QElapsedTimer timer; // reported, never asserted
        timer.start();
        const test::ProcessResult made = test::run(QStringLiteral("/usr/bin/python3"),
            { QStringLiteral(TAPEDECK_TEST_TOOLS "/gen_catalog_recordings.py"), QStringLiteral("--output"),
                m_root, QStringLiteral("--count"), QString::number(Count), QStringLiteral("--folders"),
                QString::number(Folders), QStringLiteral("--password"), Password, QStringLiteral("--index"),
                index, QStringLiteral("--extras"), m_extras });
        QVERIFY2(made.exitCode == 0, made.err.constData());
        const QJsonObject document = QJsonDocument::fromJson(test::readFile(index)).object();
        m_expected = parseRecords(document.value(QStringLiteral("recordings")).toArray(), m_root);
        m_extra = parseRecords(document.value(QStringLiteral("extras")).toArray(), m_extras);
        QCOMPARE(m_expected.size(), Count);
        QCOMPARE(m_extra.size(), 12);
        qInfo("generated %d recordings in %lld ms", Count, timer.restart());

        // In folders that do not exist yet: created 0700.
        m_catalogPath = m_dir.filePath(QStringLiteral("data/tapedeck/catalog.sqlite"));
        auto catalog = Catalog::open(m_catalogPath);
        QVERIFY2(catalog, qPrintable(catalog ? QString() : catalog.error().message));
        m_catalog = std::move(*catalog);
        for (int f = 0; f < Folders; ++f) {
            Recorder progress;
            const Result<CatalogRefreshStats> stats
                = m_catalog->refresh({ folder(f), {} }, Password, &progress);
            QVERIFY2(stats, qPrintable(stats ? QString() : stats.error().message));
            QCOMPARE(stats->listed, Count / Folders);
            QCOMPARE(stats->read, Count / Folders);
            QCOMPARE(stats->unchanged, 0);
            QCOMPARE(stats->removed, 0);
            QCOMPARE(stats->readLocations.size(), Count / Folders);
            // Progress counts recordings, never backwards, and ends complete.
            QVERIFY(!progress.calls.isEmpty());
            QCOMPARE(progress.calls.constLast(), (QPair<qint64, qint64>(Count / Folders, Count / Folders)));
            for (qsizetype i = 1; i < progress.calls.size(); ++i)
                QVERIFY(progress.calls.at(i).first >= progress.calls.at(i - 1).first);
        }
        qInfo("listed and read them in %lld ms", timer.elapsed());
    }

    void filesArePrivate()
    {
        QCOMPARE(modeOf(m_catalogPath), 0600);
        QCOMPARE(modeOf(m_dir.filePath(QStringLiteral("data/tapedeck"))), 0700);
        QCOMPARE(modeOf(m_dir.filePath(QStringLiteral("data"))), 0700);
        // WAL: its files exist while the catalog is open, with the catalog's mode.
        for (const QString &suffix : { QStringLiteral("-wal"), QStringLiteral("-shm") }) {
            QVERIFY2(QFileInfo::exists(m_catalogPath + suffix), qPrintable(suffix));
            QCOMPARE(modeOf(m_catalogPath + suffix), 0600);
        }
        // An existing folder keeps its mode; an existing catalog with a loose mode is made private.
        QTemporaryDir shared;
        QVERIFY(QFile::setPermissions(shared.path(),
            QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner | QFileDevice::ReadGroup
                | QFileDevice::ExeGroup));
        const QString path = shared.filePath(QStringLiteral("catalog.sqlite"));
        QVERIFY(Catalog::open(path));
        QCOMPARE(modeOf(shared.path()), 0750);
        QCOMPARE(modeOf(path), 0600);
        QVERIFY(::chmod(QFile::encodeName(path).constData(), 0644) == 0);
        QVERIFY(Catalog::open(path));
        QCOMPARE(modeOf(path), 0600);
    }

    void defaultPath()
    {
        qputenv("XDG_DATA_HOME", "/xdg/data");
        QCOMPARE(Catalog::defaultPath(), QStringLiteral("/xdg/data/tapedeck/catalog.sqlite"));
        qputenv("XDG_DATA_HOME", "");
        QCOMPARE(Catalog::defaultPath(),
            QDir::homePath() + QStringLiteral("/.local/share/tapedeck/catalog.sqlite"));
        qunsetenv("XDG_DATA_HOME");
    }

    // Every row holds what the generator wrote into that recording.
    void everyRowMatchesTheGenerator()
    {
        const Result<QList<CatalogEntry>> all = m_catalog->search({});
        QVERIFY(all);
        QCOMPARE(all->size(), Count);
        QHash<QString, const CatalogEntry *> byLocation;
        for (const CatalogEntry &e : *all)
            byLocation.insert(e.location, &e);
        for (const Expected &x : std::as_const(m_expected)) {
            const CatalogEntry *e = byLocation.value(x.location);
            QVERIFY2(e, qPrintable(x.location));
            QVERIFY2(
                e->state == CatalogEntry::State::Ok, qPrintable(x.location + QLatin1Char(' ') + e->problem));
            QCOMPARE(e->container, folder(x.folder));
            QCOMPARE(e->runId, x.runId);
            QCOMPARE(e->sourceType, x.source);
            QCOMPARE(e->sinkType, x.sink);
            QCOMPARE(e->failed, x.failed);
            QCOMPARE(e->exceptionType, x.exceptionType);
            QCOMPARE(e->exceptionMessage, x.exceptionMessage);
            QCOMPARE(e->encrypted, x.kind == QLatin1String("zip"));
            QCOMPARE(e->isDirectory, x.kind == QLatin1String("dir"));
            QCOMPARE(e->size, x.size);
            QCOMPARE(e->created.isValid(), x.createdMs.has_value());
            if (x.createdMs)
                QCOMPARE(e->created.toMSecsSinceEpoch(), *x.createdMs);
            QCOMPARE(e->fields, x.fields);
            QVERIFY(e->problem.isEmpty());
            QVERIFY(e->warning.isEmpty());
            QVERIFY(e->listed.isValid());
        }
        const Result<std::optional<CatalogEntry>> one = m_catalog->find(m_expected.at(42).location);
        QVERIFY(one && *one);
        QCOMPARE((*one)->runId, m_expected.at(42).runId);
        QCOMPARE((*one)->fields, m_expected.at(42).fields);
        const Result<std::optional<CatalogEntry>> none
            = m_catalog->find(m_root + QStringLiteral("/absent.zip"));
        QVERIFY(none && !*none);
        const auto containers = m_catalog->containers();
        QVERIFY(containers);
        QCOMPARE(containers->size(), Folders);
        for (int f = 0; f < Folders; ++f) {
            QCOMPARE(containers->at(f).first, folder(f));
            QVERIFY(containers->at(f).second.isValid());
        }
    }

    // Each filter, alone and combined, against the generator's own data.
    void filters_data()
    {
        QTest::addColumn<QString>("name");
        for (const QString &name : filterCases().keys())
            QTest::addRow("%s", qPrintable(name)) << name;
    }
    void filters()
    {
        QFETCH(QString, name);
        const auto &[query, predicate] = filterCases().value(name);
        QList<Expected> expected;
        for (const Expected &x : std::as_const(m_expected)) {
            if (predicate(x))
                expected.append(x);
        }
        std::sort(expected.begin(), expected.end(), newerFirst);
        const Result<QList<CatalogEntry>> found = m_catalog->search(query);
        QVERIFY2(found, qPrintable(found ? QString() : found.error().message));
        qInfo("%s: %lld of %d", qPrintable(name), qlonglong(expected.size()), Count);
        QCOMPARE(locationsOf(*found), locationsOf(expected)); // the same set, in the default order
        QVERIFY2(
            !expected.isEmpty() || name.startsWith(QLatin1String("none")), "a case that matches nothing");
        QVERIFY2(expected.size() < Count || name == QLatin1String("all"), "a case that matches everything");
    }

    void limitAndOrder()
    {
        QList<Expected> byCreated = m_expected;
        std::sort(byCreated.begin(), byCreated.end(), newerFirst);
        CatalogQuery query;
        query.limit = 25;
        Result<QList<CatalogEntry>> found = m_catalog->search(query);
        QVERIFY(found);
        QCOMPARE(locationsOf(*found), locationsOf(byCreated.first(25)));

        // Oldest first: unknown creation times still last.
        QList<Expected> oldest = m_expected;
        std::sort(oldest.begin(), oldest.end(), [](const Expected &a, const Expected &b) {
            if (a.createdMs.has_value() != b.createdMs.has_value())
                return a.createdMs.has_value();
            return a.createdMs != b.createdMs ? *a.createdMs < *b.createdMs : a.location < b.location;
        });
        query.order = CatalogQuery::Order::CreatedAsc;
        query.limit = 0;
        found = m_catalog->search(query);
        QVERIFY(found);
        QCOMPARE(locationsOf(*found), locationsOf(oldest));
        QVERIFY(!found->constLast().created.isValid());

        QList<Expected> byLocation = m_expected;
        std::sort(byLocation.begin(), byLocation.end(),
            [](const Expected &a, const Expected &b) { return a.location < b.location; });
        query.order = CatalogQuery::Order::Location;
        query.limit = 300;
        found = m_catalog->search(query);
        QVERIFY(found);
        QCOMPARE(locationsOf(*found), locationsOf(byLocation.first(300)));

        QList<Expected> bySize = m_expected;
        std::sort(bySize.begin(), bySize.end(), [](const Expected &a, const Expected &b) {
            return a.size != b.size ? a.size > b.size : a.location < b.location;
        });
        query.order = CatalogQuery::Order::Size;
        query.limit = 300;
        found = m_catalog->search(query);
        QVERIFY(found);
        QCOMPARE(locationsOf(*found), locationsOf(bySize.first(300)));

        // A limit with filters: the newest failed snowflake runs of team-1.
        QList<Expected> filtered;
        for (const Expected &x : std::as_const(byCreated)) {
            if (x.failed && x.source.compare(QLatin1String("snowflake"), Qt::CaseInsensitive) == 0
                && x.folder == QLatin1String("team-1"))
                filtered.append(x);
        }
        QVERIFY(filtered.size() > 5);
        query = {};
        query.container = folder(1);
        query.source = QStringLiteral("snowflake");
        query.failedOnly = true;
        query.limit = 5;
        found = m_catalog->search(query);
        QVERIFY(found);
        QCOMPARE(locationsOf(*found), locationsOf(filtered.first(5)));
    }

    // User values are bound, never spliced: quotes, LIKE and GLOB wildcards are literal characters.
    void valuesAreLiteral()
    {
        CatalogQuery query;
        query.source = QStringLiteral("x' OR '1'='1");
        QCOMPARE(m_catalog->search(query)->size(), 0);
        query = {};
        query.text = QStringLiteral("%");
        const int percent = int(std::count_if(m_expected.cbegin(), m_expected.cend(),
            [](const Expected &x) { return textMatches(x, QStringLiteral("%")); }));
        QVERIFY(percent > 0);
        QCOMPARE(int(m_catalog->search(query)->size()), percent);
        query.text = QStringLiteral("'; DROP TABLE recordings; --");
        QCOMPARE(m_catalog->search(query)->size(), 0);
        QVERIFY(m_catalog->search({})->size() >= Count);
        query = {};
        query.where = { { QStringLiteral("run_id' OR 1=1 --"), QStringLiteral("*") } };
        QCOMPARE(m_catalog->search(query)->size(), 0);
    }

    // Re-listing: 5 archives replaced, 5 touched, 5 deleted, 7 added; exactly those 17 are read.
    void incrementalRefresh()
    {
        const QString team0 = folder(0);
        QStringList replaced, touched, deleted, added;
        QList<Expected> replacements, news;
        for (const Expected &x : std::as_const(m_extra)) {
            if (x.folder == QLatin1String("replace"))
                replacements.append(x);
            else
                news.append(x);
        }
        QCOMPARE(replacements.size(), 5);
        QCOMPARE(news.size(), 7);
        QSet<QString> replacedNames;
        for (const Expected &x : std::as_const(replacements)) {
            const QString target = QDir(team0).filePath(QFileInfo(x.location).fileName());
            replacedNames.insert(target);
            QVERIFY(QFile::remove(target));
            QVERIFY(QFile::copy(x.location, target));
            QVERIFY(setMtime(target, QDateTime::currentDateTimeUtc().addSecs(3600)));
            replaced.append(target);
        }
        QList<Expected> untouched;
        for (const Expected &x : std::as_const(m_expected)) {
            if (x.folder != QLatin1String("team-0") || x.kind != QLatin1String("zip")
                || replacedNames.contains(x.location))
                continue;
            if (touched.size() < 5) {
                QVERIFY(setMtime(x.location, QDateTime::currentDateTimeUtc().addSecs(7200)));
                touched.append(x.location);
            } else if (deleted.size() < 5) {
                QVERIFY(QFile::remove(x.location));
                deleted.append(x.location);
            }
        }
        for (const Expected &x : std::as_const(news)) {
            const QString target = QDir(team0).filePath(QFileInfo(x.location).fileName());
            QVERIFY(QFile::copy(x.location, target));
            added.append(target);
        }

        Result<CatalogRefreshStats> stats = m_catalog->refresh({ team0 + QLatin1Char('/'), {} }, Password);
        QVERIFY2(stats, qPrintable(stats ? QString() : stats.error().message));
        QCOMPARE(stats->listed, Count / Folders - 5 + 7);
        QCOMPARE(stats->read, 17);
        QCOMPARE(stats->unchanged, Count / Folders - 5 - 5 - 5);
        QCOMPARE(stats->removed, 5);
        QStringList read = stats->readLocations;
        read.sort();
        QStringList want = replaced + touched + added;
        want.sort();
        QCOMPARE(read, want);
        deleted.sort();
        QCOMPARE(stats->removedLocations, deleted);

        // The catalog shows the new state.
        CatalogQuery query;
        query.source = QStringLiteral("REPLACED-SRC");
        Result<QList<CatalogEntry>> found = m_catalog->search(query);
        QVERIFY(found);
        QStringList replacedFound = locationsOf(*found);
        replacedFound.sort();
        replaced.sort();
        QCOMPARE(replacedFound, replaced);
        for (const QString &gone : std::as_const(deleted)) {
            const auto entry = m_catalog->find(gone);
            QVERIFY(entry && !*entry);
        }
        for (qsizetype i = 0; i < news.size(); ++i) {
            const auto entry = m_catalog->find(added.at(i));
            QVERIFY(entry && *entry);
            QCOMPARE((*entry)->runId, news.at(i).runId);
            QCOMPARE((*entry)->fields, news.at(i).fields);
        }
        query = {};
        query.container = team0;
        found = m_catalog->search(query);
        QVERIFY(found);
        QCOMPARE(found->size(), Count / Folders + 2);

        // Nothing changed: nothing read.
        stats = m_catalog->refresh({ team0, {} }, Password);
        QVERIFY(stats);
        QCOMPARE(stats->read, 0);
        QCOMPARE(stats->unchanged, Count / Folders + 2);
        QCOMPARE(stats->removed, 0);
    }

    // Without a password encrypted recordings are locked; a wrong one marks them so; the right one reads
    // them, and then they are not read again.
    void lockedUntilAPasswordComes()
    {
        const QString dir = m_dir.filePath(QStringLiteral("locked"));
        QVERIFY(QDir().mkpath(dir));
        int encrypted = 0, plain = 0;
        QHash<QString, Expected> copies;
        for (const Expected &x : std::as_const(m_expected)) {
            // Encrypted ones of team-3, unencrypted ones of any folder the other tests leave alone.
            if (x.kind == QLatin1String("dir") || x.folder == QLatin1String("team-0")
                || (x.kind == QLatin1String("zip") && x.folder != QLatin1String("team-3")))
                continue;
            if ((x.kind == QLatin1String("zip") && encrypted < 12)
                || (x.kind == QLatin1String("plain") && plain < 2)) {
                (x.kind == QLatin1String("zip") ? encrypted : plain)++;
                const QString target = QDir(dir).filePath(QFileInfo(x.location).fileName());
                QVERIFY(QFile::copy(x.location, target));
                copies.insert(target, x);
            }
        }
        QCOMPARE(encrypted, 12);
        QCOMPARE(plain, 2);
        const auto states = [&](CatalogEntry::State state) {
            CatalogQuery query;
            query.container = dir;
            const Result<QList<CatalogEntry>> found = m_catalog->search(query);
            int n = 0;
            for (const CatalogEntry &e : found ? *found : QList<CatalogEntry>())
                n += e.state == state;
            return n;
        };

        Result<CatalogRefreshStats> stats = m_catalog->refresh({ dir, {} }, std::nullopt);
        QVERIFY(stats);
        QCOMPARE(stats->read, 14);
        QCOMPARE(states(CatalogEntry::State::Locked), 12);
        QCOMPARE(states(CatalogEntry::State::Ok), 2);
        CatalogQuery query;
        query.container = dir;
        query.where = { { QStringLiteral("run_id"), QStringLiteral("*") } };
        QCOMPARE(m_catalog->search(query)->size(), 2); // nothing known of the locked ones but their names
        const auto locked = m_catalog->find(copies.constBegin().key());
        QVERIFY(locked && *locked);
        if ((*locked)->state == CatalogEntry::State::Locked) {
            QCOMPARE((*locked)->runId, copies.constBegin()->runId); // from the file name
            QVERIFY((*locked)->encrypted);
            QVERIFY(!(*locked)->problem.isEmpty());
        }

        // Again without a password: nothing to read.
        stats = m_catalog->refresh({ dir, {} }, std::nullopt);
        QVERIFY(stats);
        QCOMPARE(stats->read, 0);

        stats = m_catalog->refresh({ dir, {} }, QStringLiteral("not-the-password"));
        QVERIFY(stats);
        QCOMPARE(stats->read, 12);
        QCOMPARE(states(CatalogEntry::State::WrongPassword), 12);

        stats = m_catalog->refresh({ dir, {} }, Password);
        QVERIFY(stats);
        QCOMPARE(stats->read, 12);
        QCOMPARE(stats->unchanged, 2);
        QCOMPARE(states(CatalogEntry::State::Ok), 14);
        for (auto it = copies.cbegin(); it != copies.cend(); ++it) {
            const auto entry = m_catalog->find(it.key());
            QVERIFY(entry && *entry);
            QCOMPARE((*entry)->sourceType, it->source);
            QCOMPARE((*entry)->fields, it->fields);
        }
        stats = m_catalog->refresh({ dir, {} }, Password);
        QVERIFY(stats);
        QCOMPARE(stats->read, 0);
    }

    // Damaged recordings are rows with their problem (the one the folder listing reports), not errors.
    void damagedRecordingsAreRecorded()
    {
        const QString dir = m_dir.filePath(QStringLiteral("damaged"));
        QVERIFY(QDir().mkpath(dir + QStringLiteral("/bad-folder")));
        const Expected &good = *std::find_if(m_expected.cbegin(), m_expected.cend(), [](const Expected &x) {
            return x.kind == QLatin1String("zip") && x.folder == QLatin1String("team-2");
        });
        const QByteArray bytes = test::readFile(good.location);
        QVERIFY(
            test::writeFile(dir + QStringLiteral("/recording-truncated.zip"), bytes.first(bytes.size() / 2)));
        QByteArray flipped = bytes;
        // The last byte of manifest.json's HMAC (the first entry: its data follows the local header).
        const qsizetype dataStart = 30 + qFromLittleEndian<quint16>(bytes.constData() + 26)
            + qFromLittleEndian<quint16>(bytes.constData() + 28);
        const qsizetype macEnd = dataStart + qFromLittleEndian<quint32>(bytes.constData() + 18);
        flipped[macEnd - 1] = char(flipped.at(macEnd - 1) ^ 0x55);
        QVERIFY(test::writeFile(dir + QStringLiteral("/recording-tampered.zip"), flipped));
        QVERIFY(test::writeFile(dir + QStringLiteral("/notes.zip"), "not an archive at all\n"));
        QVERIFY(test::writeFile(dir + QStringLiteral("/bad-folder/manifest.json"), "{\"run_id\": "));
        QVERIFY(test::writeFile(dir + QStringLiteral("/ignored.txt"), "not listed\n"));

        const Result<CatalogRefreshStats> stats = m_catalog->refresh({ dir, {} }, Password);
        QVERIFY(stats);
        QCOMPARE(stats->listed, 4);
        QCOMPARE(stats->read, 4);
        const Result<QList<RecordingSummary>> local = RecordingList::scan(dir, Password);
        QVERIFY(local);
        QCOMPARE(local->size(), 4);
        for (const RecordingSummary &s : *local) {
            const auto entry = m_catalog->find(s.path);
            QVERIFY2(entry && *entry, qPrintable(s.path));
            QCOMPARE((*entry)->state, CatalogEntry::State::Unreadable);
            QVERIFY(s.problem);
            QCOMPARE((*entry)->problem, s.problem->message);
            QVERIFY2(!(*entry)->problem.isEmpty(), qPrintable(s.path));
        }
        const auto tampered = m_catalog->find(dir + QStringLiteral("/recording-tampered.zip"));
        QVERIFY2((*tampered)->problem.contains(QLatin1String("HMAC")), qPrintable((*tampered)->problem));
        QCOMPARE((*tampered)->runId, QStringLiteral("tampered"));
    }

    void cancelledRefreshKeepsWhatWasRead()
    {
        Recorder cancel;
        cancel.cancelAfter = 0; // at the first progress report
        const QString team4 = folder(4);
        auto other = Catalog::open(m_dir.filePath(QStringLiteral("cancel.sqlite")));
        QVERIFY(other);
        const Result<CatalogRefreshStats> stopped = (*other)->refresh({ team4, {} }, Password, &cancel);
        QVERIFY(!stopped);
        QCOMPARE(stopped.error().code, ErrorCode::Cancelled);
        const auto containers = (*other)->containers();
        QVERIFY(containers && containers->isEmpty()); // not refreshed to the end
        const Result<QList<CatalogEntry>> partial = (*other)->search({});
        QVERIFY(partial);
        QVERIFY(partial->size() < Count / Folders);
        for (const CatalogEntry &e : *partial)
            QCOMPARE(e.state, CatalogEntry::State::Ok);
        const Result<CatalogRefreshStats> rest = (*other)->refresh({ team4, {} }, Password);
        QVERIFY(rest);
        QCOMPARE(rest->unchanged, partial->size());
        QCOMPARE(rest->read, Count / Folders - partial->size());
    }

    // Two catalogs on one file at once, each with its own connection, removed when it goes.
    void connections()
    {
        const QStringList before = QSqlDatabase::connectionNames();
        {
            auto a = Catalog::open(m_catalogPath);
            auto b = Catalog::open(m_catalogPath);
            QVERIFY(a && b);
            QCOMPARE(QSqlDatabase::connectionNames().size(), before.size() + 2);
            QVERIFY((*a)->refresh({ folder(2), {} }, Password));
            QCOMPARE((*b)->search({})->size(), m_catalog->search({})->size());
        }
        QCOMPARE(QSqlDatabase::connectionNames(), before);
    }

    // An S3 prefix of recordings on a real S3 server (signatures verified), uploaded with the AWS CLI: rows
    // equal to those of the same files listed from the folder, each summary a few ranged GETs (a 20 MB
    // recording well under 1% of it), re-listing by ETag, locked until the password comes.
    void s3Prefix()
    {
        test::S3TestServer server;
        QVERIFY2(server.start(test::S3TestServer::Flavour::Verify, { QStringLiteral("recordings") }),
            qPrintable(server.errorString()));
        const QProcessEnvironment env = server.environment(QProcessEnvironment());
        for (const QString &key : env.keys())
            qputenv(key.toLatin1().constData(), env.value(key).toUtf8());
        const auto restoreEnvironment = qScopeGuard([&] {
            for (const QString &key : env.keys())
                qunsetenv(key.toLatin1().constData());
        });

        // 30 archives of team-1 (encrypted and plain) and one of 20 MB.
        const QString upload = m_dir.filePath(QStringLiteral("s3-upload"));
        QVERIFY(QDir().mkpath(upload));
        QHash<QString, QString> localOf; // key → the same file in team-1
        qint64 smallBytes = 0;
        for (const Expected &x : std::as_const(m_expected)) {
            if (x.folder != QLatin1String("team-1") || x.kind == QLatin1String("dir") || localOf.size() == 30)
                continue;
            const QString name = QFileInfo(x.location).fileName();
            QVERIFY(QFile::copy(x.location, QDir(upload).filePath(name)));
            localOf.insert(QStringLiteral("team-1/") + name, x.location);
            smallBytes += x.size;
        }
        const QString big = bigRecording(upload);
        QVERIFY(!big.isEmpty());
        const qint64 bigSize = QFileInfo(big).size();
        QVERIFY(server.upload(upload, QStringLiteral("s3://recordings/team-1/")));
        QVERIFY(server.upload(
            m_extra.constFirst().location, QStringLiteral("s3://recordings/elsewhere/not-listed.zip")));

        auto catalog = Catalog::open(m_dir.filePath(QStringLiteral("s3.sqlite")));
        QVERIFY(catalog);
        const CatalogLocation prefix { QStringLiteral("s3://recordings/team-1"), {} }; // '/' added
        Result<CatalogRefreshStats> stats = (*catalog)->refresh(prefix, Password);
        QVERIFY2(stats, qPrintable(stats ? QString() : stats.error().message));
        QCOMPARE(stats->listed, 31);
        QCOMPARE(stats->read, 31);
        qInfo("31 summaries over S3: %lld bytes in %d requests (the small archives hold %lld, the big one "
              "%lld)",
            stats->bytesRead, stats->requests, smallBytes, bigSize);
        // Each small archive is smaller than the first read of its end: one GET of all of it.
        QVERIFY2(
            stats->bytesRead - smallBytes < bigSize / 100, qPrintable(QString::number(stats->bytesRead)));
        QVERIFY2(stats->requests <= 30 + 3, qPrintable(QString::number(stats->requests)));

        CatalogQuery query;
        query.container = QStringLiteral("s3://recordings/team-1/");
        const Result<QList<CatalogEntry>> rows = (*catalog)->search(query);
        QVERIFY(rows);
        QCOMPARE(rows->size(), 31);
        for (const CatalogEntry &e : *rows) {
            QCOMPARE(e.container, QStringLiteral("s3://recordings/team-1/"));
            QVERIFY2(
                e.state == CatalogEntry::State::Ok, qPrintable(e.location + QLatin1Char(' ') + e.problem));
            QVERIFY(!e.etag.isEmpty());
            QVERIFY(e.modified.isValid());
            const QString key = e.location.mid(QStringLiteral("s3://recordings/").size());
            if (key.endsWith(QLatin1String("recording-big-s3.zip"))) {
                QCOMPARE(e.size, bigSize);
                QCOMPARE(e.sourceType, QStringLiteral("snowflake"));
                QCOMPARE(e.fields.value(QStringLiteral("recipe.pipeline_name")), QStringLiteral("big"));
                continue;
            }
            QVERIFY2(localOf.contains(key), qPrintable(key));
            const auto local = m_catalog->find(localOf.value(key));
            QVERIFY(local && *local);
            QCOMPARE(e.size, (*local)->size);
            QCOMPARE(e.runId, (*local)->runId);
            QCOMPARE(e.sourceType, (*local)->sourceType);
            QCOMPARE(e.created, (*local)->created);
            QCOMPARE(e.failed, (*local)->failed);
            QCOMPARE(e.exceptionMessage, (*local)->exceptionMessage);
            QCOMPARE(e.encrypted, (*local)->encrypted);
            QCOMPARE(e.fields, (*local)->fields);
        }

        // Re-listing: two objects replaced by other recordings, one re-uploaded as it was (same ETag), one
        // deleted, one added: exactly three read.
        const QStringList keys = localOf.keys();
        QStringList sorted = keys;
        sorted.sort();
        QVERIFY(
            server.upload(localOf.value(sorted.at(1)), QStringLiteral("s3://recordings/") + sorted.at(0)));
        QVERIFY(
            server.upload(localOf.value(sorted.at(3)), QStringLiteral("s3://recordings/") + sorted.at(2)));
        QVERIFY(
            server.upload(localOf.value(sorted.at(4)), QStringLiteral("s3://recordings/") + sorted.at(4)));
        QVERIFY(server.remove(QStringLiteral("s3://recordings/") + sorted.at(5)));
        QVERIFY(
            server.upload(m_extra.constFirst().location, QStringLiteral("s3://recordings/team-1/added.zip")));
        stats = (*catalog)->refresh(prefix, Password);
        QVERIFY2(stats, qPrintable(stats ? QString() : stats.error().message));
        QCOMPARE(stats->listed, 31);
        QCOMPARE(stats->read, 3);
        QCOMPARE(stats->unchanged, 28);
        QCOMPARE(stats->removed, 1);
        QStringList read = stats->readLocations;
        read.sort();
        QStringList changed { QStringLiteral("s3://recordings/") + sorted.at(0),
            QStringLiteral("s3://recordings/") + sorted.at(2),
            QStringLiteral("s3://recordings/team-1/added.zip") };
        changed.sort();
        QCOMPARE(read, changed);
        QCOMPARE(stats->removedLocations, QStringList { QStringLiteral("s3://recordings/") + sorted.at(5) });
        const auto replaced = (*catalog)->find(QStringLiteral("s3://recordings/") + sorted.at(0));
        QVERIFY(replaced && *replaced);
        QCOMPARE((*replaced)->runId, (*m_catalog->find(localOf.value(sorted.at(1))))->runId);
        QCOMPARE((*(*catalog)->find(QStringLiteral("s3://recordings/team-1/added.zip")))->runId,
            m_extra.constFirst().runId);

        // Without a password on another catalog: locked; with it: read, and not again.
        auto other = Catalog::open(m_dir.filePath(QStringLiteral("s3-locked.sqlite")));
        QVERIFY(other);
        stats = (*other)->refresh(prefix, std::nullopt);
        QVERIFY(stats);
        QCOMPARE(stats->read, 31);
        query.where = { { QStringLiteral("run_id"), QStringLiteral("*") } };
        const int plain = int((*other)->search(query)->size());
        QVERIFY(plain < 31);
        stats = (*other)->refresh(prefix, Password);
        QVERIFY(stats);
        QCOMPARE(stats->read, 31 - plain);
        QCOMPARE(int((*other)->search(query)->size()), 31);
        stats = (*other)->refresh(prefix, Password);
        QVERIFY(stats);
        QCOMPARE(stats->read, 0);

        // Refused credentials are the refresh's error (exit code 3), naming the server's answer.
        qputenv("AWS_SECRET_ACCESS_KEY", "wrong-secret");
        stats = (*other)->refresh(prefix, Password);
        QVERIFY(!stats);
        QCOMPARE(stats.error().code, ErrorCode::Password);
        QVERIFY2(stats.error().message.contains(QLatin1String("SignatureDoesNotMatch")),
            qPrintable(stats.error().message));
    }

    // Processes (here threads, each with its own catalog) creating the same new catalog at once all get it.
    void createdAtOnce()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("new/catalog.sqlite"));
        QList<QFuture<QString>> opens;
        for (int i = 0; i < 4; ++i) {
            opens.append(QtConcurrent::run([path] {
                const auto catalog = Catalog::open(path);
                if (!catalog)
                    return catalog.error().message;
                const auto containers = (*catalog)->containers();
                return containers ? QString() : containers.error().message;
            }));
        }
        for (QFuture<QString> &open : opens)
            QCOMPARE(open.result(), QString());
        QCOMPARE(modeOf(path), 0600);
    }

    // What is not a catalog is refused with a clear message and left byte for byte as it was.
    void foreignFilesAreRefused_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("message");
        QTest::addRow("text") << QStringLiteral("text") << QStringLiteral("not an SQLite database");
        QTest::addRow("another application's SQLite")
            << QStringLiteral("foreign") << QStringLiteral("another application");
        QTest::addRow("a newer catalog") << QStringLiteral("newer") << QStringLiteral("schema 7");
        QTest::addRow("damaged pages") << QStringLiteral("damaged") << QStringLiteral("damaged");
        QTest::addRow("truncated") << QStringLiteral("truncated") << QStringLiteral("damaged");
    }
    void foreignFilesAreRefused()
    {
        QFETCH(QString, kind);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("catalog.sqlite"));
        if (kind == QLatin1String("text")) {
            QVERIFY(test::writeFile(path, "my notes, not a database\n"));
        } else if (kind == QLatin1String("foreign")) {
            const test::ProcessResult made = test::run(QStringLiteral("/usr/bin/python3"),
                { QStringLiteral("-c"),
                    QStringLiteral("import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); "
                                   "c.execute('create table recordings (x)'); c.commit()"),
                    path });
            QVERIFY2(made.exitCode == 0, made.err.constData());
        } else {
            {
                auto made = Catalog::open(path);
                QVERIFY(made);
                QVERIFY((*made)->refresh({ m_dir.filePath(QStringLiteral("locked")), {} }, Password));
            }
            QVERIFY(!QFileInfo::exists(path + QStringLiteral("-wal"))); // checkpointed at the last close
            QByteArray bytes = test::readFile(path);
            QVERIFY(bytes.size() >= 8192);
            if (kind == QLatin1String("newer")) {
                bytes[63] = 7; // user_version, big-endian at offset 60
            } else if (kind == QLatin1String("damaged")) {
                for (qsizetype i = 100; i < bytes.size(); i += 7)
                    bytes[i] = char(0xa5);
            } else {
                bytes.truncate(bytes.size() / 3);
            }
            QVERIFY(test::writeFile(path, bytes));
        }
        const QByteArray before = test::readFile(path);
        const QDateTime modified = QFileInfo(path).lastModified();

        const auto opened = Catalog::open(path);
        Error error;
        if (opened) {
            // Damage past the header shows at the first use: an error, not a new catalog.
            const Result<QList<CatalogEntry>> searched = (*opened)->search({});
            QVERIFY2(!searched, "a damaged catalog was searched");
            error = searched.error();
        } else {
            error = opened.error();
        }
        QCOMPARE(error.code, ErrorCode::InvalidInput);
        QVERIFY2(error.message.contains(message), qPrintable(error.message));
        QVERIFY2(error.message.contains(path), qPrintable(error.message));
        QCOMPARE(test::readFile(path), before);
        QCOMPARE(QFileInfo(path).lastModified(), modified);
    }

private:
    // A recording of about 20 MB in DataHub's entry order (pyzipper layout), written into folder.
    QString bigRecording(const QString &folder) const
    {
        const QString tree = m_dir.filePath(QStringLiteral("big-tree"));
        if (!QDir().mkpath(tree))
            return {};
        const QByteArray manifest
            = R"({"format_version": "1.0.0", "run_id": "big-s3", "source_type": "snowflake",
 "sink_type": "datahub-rest", "created_at": "2025-06-01T10:00:00.500000+00:00", "checksums": {}})";
        if (!test::writeFile(tree + QStringLiteral("/manifest.json"), manifest)
            || !test::writeFile(
                tree + QStringLiteral("/recipe.yaml"), "source:\n  type: snowflake\npipeline_name: big\n")
            || !test::writeFile(tree + QStringLiteral("/cassette.yaml"), test::pseudoRandom(20'000'000, 14))
            || !test::writeFile(tree + QStringLiteral("/queries.jsonl"), test::jsonLines(300'000, 15)))
            return {};
        const QString zip = QDir(folder).filePath(QStringLiteral("recording-big-s3.zip"));
        const test::ProcessResult made = test::aeszip({ QStringLiteral("write"), QStringLiteral("--password"),
            Password, QStringLiteral("--method"), QStringLiteral("deflate"), QStringLiteral("--output"), zip,
            QStringLiteral("manifest.json=") + tree + QStringLiteral("/manifest.json"),
            QStringLiteral("recipe.yaml=") + tree + QStringLiteral("/recipe.yaml"),
            QStringLiteral("http/cassette.yaml=") + tree + QStringLiteral("/cassette.yaml"),
            QStringLiteral("db/queries.jsonl=") + tree + QStringLiteral("/queries.jsonl") });
        return made.exitCode == 0 ? zip : QString();
    }

    QString folder(int f) const { return folder(QStringLiteral("team-%1").arg(f)); }
    QString folder(const QString &name) const { return QDir::cleanPath(QDir(m_root).filePath(name)); }

    using Case = std::pair<CatalogQuery, std::function<bool(const Expected &)>>;
    QMap<QString, Case> filterCases() const
    {
        QMap<QString, Case> cases;
        const auto add = [&](const QString &name, const std::function<void(CatalogQuery &)> &set,
                             const std::function<bool(const Expected &)> &want) {
            CatalogQuery q;
            set(q);
            cases.insert(name, { q, want });
        };
        const auto ci
            = [](const QString &a, const QString &b) { return a.compare(b, Qt::CaseInsensitive) == 0; };
        const QString team2 = folder(2);
        add(
            QStringLiteral("all"), [](CatalogQuery &) {}, [](const Expected &) { return true; });
        add(
            QStringLiteral("container"), [&](CatalogQuery &q) { q.container = team2; },
            [](const Expected &x) { return x.folder == QLatin1String("team-2"); });
        add(
            QStringLiteral("container, trailing slash"),
            [&](CatalogQuery &q) { q.container = team2 + QLatin1Char('/'); },
            [](const Expected &x) { return x.folder == QLatin1String("team-2"); });
        add(
            QStringLiteral("source, other case"),
            [](CatalogQuery &q) { q.source = QStringLiteral("SNOWFLAKE"); },
            [=](const Expected &x) { return ci(x.source, QStringLiteral("snowflake")); });
        add(
            QStringLiteral("source"), [](CatalogQuery &q) { q.source = QStringLiteral("dbt"); },
            [=](const Expected &x) { return ci(x.source, QStringLiteral("dbt")); });
        add(
            QStringLiteral("none: unknown source"),
            [](CatalogQuery &q) { q.source = QStringLiteral("snow"); },
            [](const Expected &) { return false; });
        // Between two recordings (3 h 17 min apart), so that rounding never decides.
        const QDateTime since
            = at(QStringLiteral("2024-01-01T00:00:00Z")).addSecs(qint64(Count) * 2 / 5 * 197 * 60 + 5400);
        const QDateTime until
            = at(QStringLiteral("2024-01-01T00:00:00Z")).addSecs(qint64(Count) * 7 / 10 * 197 * 60 + 5400);
        add(
            QStringLiteral("since"), [&](CatalogQuery &q) { q.since = since; },
            [=](const Expected &x) { return x.createdMs && *x.createdMs >= since.toMSecsSinceEpoch(); });
        add(
            QStringLiteral("until"), [&](CatalogQuery &q) { q.until = until; },
            [=](const Expected &x) { return x.createdMs && *x.createdMs <= until.toMSecsSinceEpoch(); });
        add(
            QStringLiteral("since and until, in +02:00"),
            [&](CatalogQuery &q) {
                q.since = since.toOffsetFromUtc(7200);
                q.until = until.toOffsetFromUtc(7200);
            },
            [=](const Expected &x) {
                return x.createdMs && *x.createdMs >= since.toMSecsSinceEpoch()
                    && *x.createdMs <= until.toMSecsSinceEpoch();
            });
        // Both bounds hold the recording created exactly there.
        const Expected &edge = *std::find_if(m_expected.cbegin() + Count / 3, m_expected.cend(),
            [](const Expected &x) { return x.createdMs.has_value(); });
        const QDateTime exact = QDateTime::fromMSecsSinceEpoch(*edge.createdMs, Qt::UTC);
        add(
            QStringLiteral("since, inclusive"), [=](CatalogQuery &q) { q.since = exact; },
            [=](const Expected &x) { return x.createdMs && *x.createdMs >= *edge.createdMs; });
        add(
            QStringLiteral("until, inclusive"), [=](CatalogQuery &q) { q.until = exact; },
            [=](const Expected &x) { return x.createdMs && *x.createdMs <= *edge.createdMs; });
        add(
            QStringLiteral("since and until, one instant"),
            [=](CatalogQuery &q) {
                q.since = exact;
                q.until = exact;
            },
            [=](const Expected &x) { return x.createdMs == edge.createdMs; });
        add(
            QStringLiteral("failed"), [](CatalogQuery &q) { q.failedOnly = true; },
            [](const Expected &x) { return x.failed; });
        add(
            QStringLiteral("where exact"),
            [](CatalogQuery &q) {
                q.where = { { QStringLiteral("datahub_cli_version"), QStringLiteral("0.14.0") } };
            },
            [](const Expected &x) {
                return x.fields.value(QStringLiteral("datahub_cli_version")) == QLatin1String("0.14.0");
            });
        add(
            QStringLiteral("where glob"),
            [](CatalogQuery &q) {
                q.where = { { QStringLiteral("datahub_cli_version"), QStringLiteral("0.14.*") } };
            },
            [](const Expected &x) {
                return globMatches(
                    QStringLiteral("0.14.*"), x.fields.value(QStringLiteral("datahub_cli_version")));
            });
        add(
            QStringLiteral("where '?' is literal"),
            [](CatalogQuery &q) {
                q.where = { { QStringLiteral("recipe.pipeline_name"), QStringLiteral("pipe?1") } };
            },
            [](const Expected &x) {
                return x.fields.value(QStringLiteral("recipe.pipeline_name")) == QLatin1String("pipe?1");
            });
        add(
            QStringLiteral("where '[' is literal in a glob"),
            [](CatalogQuery &q) {
                q.where = { { QStringLiteral("recipe.pipeline_name"), QStringLiteral("pipe[1]*") } };
            },
            [](const Expected &x) {
                return x.fields.value(QStringLiteral("recipe.pipeline_name")) == QLatin1String("pipe[1]");
            });
        add(
            QStringLiteral("where '?' is literal in a glob"),
            [](CatalogQuery &q) {
                q.where = { { QStringLiteral("recipe.pipeline_name"), QStringLiteral("*?1") } };
            },
            [](const Expected &x) {
                return x.fields.value(QStringLiteral("recipe.pipeline_name")) == QLatin1String("pipe?1");
            });
        add(
            QStringLiteral("where recipe field, '_' literal"),
            [](CatalogQuery &q) {
                q.where = { { QStringLiteral("recipe.source.config.database"), QStringLiteral("db_1") } };
            },
            [](const Expected &x) {
                return x.fields.value(QStringLiteral("recipe.source.config.database"))
                    == QLatin1String("db_1");
            });
        add(
            QStringLiteral("where two fields"),
            [](CatalogQuery &q) {
                q.where = { { QStringLiteral("environment"), QStringLiteral("prod") },
                    { QStringLiteral("recipe.sink.config.server"), QStringLiteral("http://gms-3:*") } };
            },
            [](const Expected &x) {
                return x.fields.value(QStringLiteral("environment")) == QLatin1String("prod")
                    && x.fields.value(QStringLiteral("recipe.sink.config.server"))
                           .startsWith(QLatin1String("http://gms-3:"));
            });
        add(
            QStringLiteral("where any value"),
            [](CatalogQuery &q) {
                q.where = { { QStringLiteral("environment"), QStringLiteral("*") } };
            },
            [](const Expected &x) { return x.fields.contains(QStringLiteral("environment")); });
        add(
            QStringLiteral("where exception field"),
            [](CatalogQuery &q) {
                q.where = { { QStringLiteral("exception_info.type"), QStringLiteral("KeyError") } };
            },
            [](const Expected &x) { return x.exceptionType == QLatin1String("KeyError"); });
        add(
            QStringLiteral("none: where case differs"),
            [](CatalogQuery &q) {
                q.where = { { QStringLiteral("exception_info.type"), QStringLiteral("keyerror") } };
            },
            [](const Expected &) { return false; });
        for (const QString &text : { QStringLiteral("TIMED OUT"), QStringLiteral("gms-3:"),
                 QStringLiteral("100%"), QStringLiteral("a_b"), QStringLiteral("axb"),
                 QStringLiteral("team-4/recording-run-0"), QStringLiteral("run-0042"),
                 QStringLiteral("datahub-KAFKA"), QStringLiteral("db-7.internal") }) {
            add(
                QStringLiteral("text ") + text, [text](CatalogQuery &q) { q.text = text; },
                [text](const Expected &x) { return textMatches(x, text); });
        }
        add(
            QStringLiteral("combined"),
            [&](CatalogQuery &q) {
                q.container = folder(1);
                q.source = QStringLiteral("Snowflake");
                q.since = since;
                q.failedOnly = false;
                q.where = { { QStringLiteral("datahub_cli_version"), QStringLiteral("0.1*") } };
                q.text = QStringLiteral("gms-");
            },
            [=](const Expected &x) {
                return x.folder == QLatin1String("team-1") && ci(x.source, QStringLiteral("snowflake"))
                    && x.createdMs && *x.createdMs >= since.toMSecsSinceEpoch()
                    && globMatches(
                        QStringLiteral("0.1*"), x.fields.value(QStringLiteral("datahub_cli_version")))
                    && textMatches(x, QStringLiteral("gms-"));
            });
        return cases;
    }

    QTemporaryDir m_dir;
    QString m_root;
    QString m_extras;
    QString m_catalogPath;
    QList<Expected> m_expected;
    QList<Expected> m_extra;
    std::unique_ptr<Catalog> m_catalog;
};

QTEST_GUILESS_MAIN(TestCatalog)
#include "tst_catalog.moc"
