// SPDX-License-Identifier: MIT
// A recording's summary read through ranged reads (RemoteSummary over a RangeDevice) equals what the local
// listing reads from the same file, costs a few small requests instead of the archive, and opening an
// archive through a device makes every check opening the file makes.
#include "core/archive/centraldirectory.h"
#include "core/archive/ziparchive.h"
#include "core/recording/recordinglist.h"
#include "core/storage/remotesummary.h"
#include "testsupport.h"

#include <QBuffer>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace tapedeck;

namespace {

const QString Password = QStringLiteral("s3cret-pass");

// The object behind the device: a file's bytes, with every request recorded.
struct Remote
{
    explicit Remote(QByteArray bytes)
        : data(std::move(bytes))
    { }

    QByteArray data;
    QList<QPair<qint64, qint64>> calls;
    int failFrom = -1; // requests from this one on fail

    std::shared_ptr<RangeDevice> device(qint64 blockSize = RemoteSummary::BlockSize)
    {
        return std::make_shared<RangeDevice>(
            data.size(),
            [this](qint64 offset, qint64 length) -> Result<QByteArray> {
                const int n = int(calls.size());
                calls.append({ offset, length });
                if (failFrom >= 0 && n >= failFrom)
                    return makeError(ErrorCode::Io, QStringLiteral("s3://bucket/key: connection reset"));
                return data.mid(offset, length);
            },
            blockSize);
    }
};

RecordingSummary baseOf(const QString &path)
{
    const QFileInfo info(path);
    RecordingSummary s;
    s.path = info.absoluteFilePath();
    s.size = info.size();
    s.modified = info.lastModified();
    return s;
}

QString describe(const RecordingSummary &s)
{
    QJsonObject fields;
    for (auto it = s.fields.cbegin(); it != s.fields.cend(); ++it)
        fields.insert(it.key(), it.value());
    const QJsonObject o { { QStringLiteral("path"), s.path }, { QStringLiteral("size"), s.size },
        { QStringLiteral("modified"), s.modified.toString(Qt::ISODateWithMs) },
        { QStringLiteral("directory"), s.isDirectory }, { QStringLiteral("opened"), s.archiveOpened },
        { QStringLiteral("encrypted"), s.encrypted }, { QStringLiteral("manifestRead"), s.manifestRead },
        { QStringLiteral("runId"), s.runId }, { QStringLiteral("source"), s.sourceType },
        { QStringLiteral("sink"), s.sinkType }, { QStringLiteral("createdAt"), s.createdAt },
        { QStringLiteral("failed"), s.hasException }, { QStringLiteral("exceptionType"), s.exceptionType },
        { QStringLiteral("exceptionMessage"), s.exceptionMessage },
        { QStringLiteral("recipeRead"), s.recipeRead },
        { QStringLiteral("problem"), s.problem ? s.problem->message : QString() },
        { QStringLiteral("problemCode"), s.problem ? int(s.problem->code) : 0 },
        { QStringLiteral("recipeProblem"), s.recipeProblem ? s.recipeProblem->message : QString() },
        { QStringLiteral("fields"), fields } };
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Indented));
}

// The one recording scan lists in the folder that holds only it.
std::optional<RecordingSummary> scanned(const QString &path, const std::optional<QString> &password)
{
    const Result<QList<RecordingSummary>> list = RecordingList::scan(QFileInfo(path).path(), password);
    if (!list || list->size() != 1)
        return std::nullopt;
    return list->constFirst();
}

const QByteArray Manifest = R"({
  "format_version": "1.0.0",
  "run_id": "big-run-20",
  "source_type": "snowflake",
  "sink_type": "datahub-rest",
  "datahub_cli_version": "0.14.1",
  "python_version": "3.11.4",
  "created_at": "2025-03-04T05:06:07.123456+00:00",
  "checksums": {},
  "recording_start_time": "2025-03-04T05:00:00+00:00",
  "exception_info": {
    "type": "PipelineExecutionError",
    "message": "Snowflake query timed out after 600 s",
    "traceback": "Traceback (most recent call last):\n  ..."
  }
}
)";

const QByteArray RecipeYaml = R"(source:
  type: snowflake
  config:
    account_id: acme-eu
    warehouse: COMPUTE_WH
    password: __REPLAY_DUMMY__
    schema_pattern:
      allow:
        - "^PUBLIC$"
        - "^SALES_.*"
sink:
  type: datahub-rest
  config:
    server: http://gms:8080
    token: __REPLAY_DUMMY__
pipeline_name: nightly-snowflake
)";

} // namespace

class TestRemoteSummary : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // An extracted recording of about 20 MB: a cassette that does not compress, small queries.
        m_tree = m_dir.filePath(QStringLiteral("tree"));
        QVERIFY(QDir().mkpath(m_tree + QStringLiteral("/http")));
        QVERIFY(QDir().mkpath(m_tree + QStringLiteral("/db")));
        QVERIFY(test::writeFile(m_tree + QStringLiteral("/manifest.json"), Manifest));
        QVERIFY(test::writeFile(m_tree + QStringLiteral("/recipe.yaml"), RecipeYaml));
        QVERIFY(test::writeFile(
            m_tree + QStringLiteral("/http/cassette.yaml"), test::pseudoRandom(20'000'000, 20)));
        QVERIFY(test::writeFile(m_tree + QStringLiteral("/db/queries.jsonl"), test::jsonLines(400'000, 21)));
    }

    // Archives of about 20 MB from three writers: the summary through ranged reads is the local one, for a
    // small fraction of the bytes and a handful of requests, none inside the cassette.
    void largeRecording_data()
    {
        QTest::addColumn<QString>("writer");
        QTest::addRow("pyzipper layout (aeszip.py), DataHub's order") << QStringLiteral("aeszip");
        QTest::addRow("tapedeck-cli pack") << QStringLiteral("pack");
        QTest::addRow("7-Zip, LZMA + AES-256") << QStringLiteral("7z");
    }
    void largeRecording()
    {
        QFETCH(QString, writer);
        const QString zip = recording(writer);
        QVERIFY(!zip.isEmpty());
        Remote remote { test::readFile(zip) };
        const qint64 size = remote.data.size();
        QVERIFY2(size > 19'000'000, qPrintable(QString::number(size)));

        const RangedSummary ranged = RemoteSummary::read(remote.device(), baseOf(zip), Password);
        const std::optional<RecordingSummary> local = scanned(zip, Password);
        QVERIFY(local);
        QVERIFY2(local->manifestRead && local->recipeRead, qPrintable(describe(*local)));
        QCOMPARE(describe(ranged.summary), describe(*local));
        QCOMPARE(ranged.summary.sourceType, QStringLiteral("snowflake"));
        QCOMPARE(ranged.summary.fields.value(QStringLiteral("recipe.source.config.schema_pattern.allow[1]")),
            QStringLiteral("^SALES_.*"));
        QCOMPARE(ranged.summary.fields.value(QStringLiteral("exception_info.type")),
            QStringLiteral("PipelineExecutionError"));

        qint64 fetched = 0;
        for (const auto &call : std::as_const(remote.calls))
            fetched += call.second;
        QCOMPARE(ranged.bytesFetched, fetched);
        QCOMPARE(ranged.requests, remote.calls.size());
        QStringList calls;
        for (const auto &[offset, length] : std::as_const(remote.calls))
            calls.append(QStringLiteral("%1+%2").arg(offset).arg(length));
        qInfo("%s: %lld bytes of %lld (%.3f%%) in %d requests: %s", qPrintable(writer), ranged.bytesFetched, size,
            100.0 * double(ranged.bytesFetched) / double(size), ranged.requests, qPrintable(calls.join(QLatin1Char(' '))));
        QVERIFY2(ranged.bytesFetched * 100 < size, qPrintable(QString::number(ranged.bytesFetched)));
        QVERIFY2(ranged.requests <= 3, qPrintable(QString::number(ranged.requests)));

        // Not one byte from inside the cassette's data but what the read of the archive's last 64 KiB holds.
        QBuffer buffer(&remote.data);
        QVERIFY(buffer.open(QIODevice::ReadOnly));
        const Result<CentralDirectory> directory = CentralDirectory::read(buffer);
        QVERIFY(directory);
        const auto cassette = std::find_if(directory->records.cbegin(), directory->records.cend(),
            [](const CentralRecord &r) { return r.rawName == "http/cassette.yaml"; });
        QVERIFY(cassette != directory->records.cend());
        const qint64 inside = qint64(cassette->localHeaderOffset) + 200;
        const qint64 insideEnd = qint64(cassette->localHeaderOffset + cassette->compressedSize);
        const qint64 tail = size - RemoteSummary::TailSize;
        for (const auto &[offset, length] : std::as_const(remote.calls))
            QVERIFY2(offset + length <= inside || offset >= std::min(insideEnd, tail),
                qPrintable(QStringLiteral("read %1 bytes at %2").arg(length).arg(offset)));
    }

    // The whole sample is smaller than the tail: one request, the archive once.
    void smallRecordingIsOneRequest()
    {
        Remote remote { test::readFile(test::samplePath()) };
        const RangedSummary ranged
            = RemoteSummary::read(remote.device(), baseOf(test::samplePath()), test::SamplePassword);
        QVERIFY2(ranged.summary.manifestRead, qPrintable(describe(ranged.summary)));
        QCOMPARE(ranged.requests, 1);
        QCOMPARE(ranged.bytesFetched, remote.data.size());
        const std::optional<RecordingSummary> local = scanned(test::samplePath(), test::SamplePassword);
        QVERIFY(local);
        QCOMPARE(describe(ranged.summary), describe(*local));
    }

    void lockedAndWrongPassword()
    {
        const QString zip = recording(QStringLiteral("aeszip"));
        QVERIFY(!zip.isEmpty());
        for (const std::optional<QString> &password :
            { std::optional<QString>(), std::optional<QString>(QStringLiteral("wrong")) }) {
            Remote remote { test::readFile(zip) };
            const RangedSummary ranged = RemoteSummary::read(remote.device(), baseOf(zip), password);
            QVERIFY(!ranged.summary.manifestRead);
            QVERIFY(ranged.summary.archiveOpened);
            QVERIFY(ranged.summary.encrypted);
            QVERIFY(ranged.summary.problem);
            QCOMPARE(ranged.summary.problem->code, ErrorCode::Password);
            QCOMPARE(ranged.summary.runId, QStringLiteral("aeszip")); // from the name, as for local files
            const std::optional<RecordingSummary> local = scanned(zip, password);
            QVERIFY(local);
            QCOMPARE(describe(ranged.summary), describe(*local));
        }
    }

    // A network failure is reported as itself, not as the damaged archive libzip then sees.
    void fetchErrorsSurface_data()
    {
        QTest::addColumn<int>("failFrom");
        QTest::addRow("the tail") << 0;
        QTest::addRow("the entries") << 1;
    }
    void fetchErrorsSurface()
    {
        QFETCH(int, failFrom);
        const QString zip = recording(QStringLiteral("aeszip"));
        QVERIFY(!zip.isEmpty());
        Remote remote { test::readFile(zip) };
        remote.failFrom = failFrom;
        const RangedSummary ranged = RemoteSummary::read(remote.device(), baseOf(zip), Password);
        QVERIFY(!ranged.summary.manifestRead);
        QVERIFY(ranged.summary.problem);
        QCOMPARE(ranged.summary.problem->code, ErrorCode::Io);
        QCOMPARE(ranged.summary.problem->message, QStringLiteral("s3://bucket/key: connection reset"));
        QCOMPARE(ranged.requests, failFrom + 1);
    }

    // Opening through a device refuses and accepts exactly what opening the file does, with the same
    // message: hostile layouts (overlapping entries, an entry grown into the next), writers' odd layouts
    // (data descriptors, any entry order), damage (truncation, not a ZIP, empty).
    void sameVerdictAsTheFile_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addRow("overlap bomb") << QStringLiteral("overlap.zip");
        QTest::addRow("entry grown into the next") << QStringLiteral("grown.zip");
        QTest::addRow("data descriptors") << QStringLiteral("stream.zip");
        QTest::addRow("reordered") << QStringLiteral("reordered.zip");
        QTest::addRow("truncated") << QStringLiteral("truncated.zip");
        QTest::addRow("directory cut off") << QStringLiteral("headless.zip");
        QTest::addRow("not a ZIP") << QStringLiteral("text.zip");
        QTest::addRow("empty") << QStringLiteral("empty.zip");
        QTest::addRow("sample") << QStringLiteral("sample.zip");
    }
    void sameVerdictAsTheFile()
    {
        QFETCH(QString, name);
        const QString zip = m_dir.filePath(name);
        if (!QFileInfo::exists(zip))
            QVERIFY(writeOdd(name, zip));
        const auto file = ZipArchive::open(zip);
        Remote remote { test::readFile(zip) };
        const auto device = ZipArchive::fromDevice(remote.device(1024), name);
        QCOMPARE(device.ok(), file.ok());
        if (!file) {
            QCOMPARE(device.error().message, file.error().message);
            QCOMPARE(device.error().code, file.error().code);
            return;
        }
        QCOMPARE((*device)->entries().size(), (*file)->entries().size());
        for (qsizetype i = 0; i < (*file)->entries().size(); ++i) {
            const ZipEntry &a = (*file)->entries().at(i);
            const ZipEntry &b = (*device)->entries().at(i);
            QCOMPARE(b.name, a.name);
            QCOMPARE(b.size, a.size);
            QCOMPARE(b.flags, a.flags);
            QCOMPARE(b.aesVendorVersion, a.aesVendorVersion);
            if (name == QLatin1String("sample.zip")) {
                (*file)->setPassword(test::SamplePassword);
                (*device)->setPassword(test::SamplePassword);
            }
            const Result<QByteArray> da = (*file)->readAll(a);
            const Result<QByteArray> db = (*device)->readAll(b);
            QVERIFY2(da.ok() && db.ok(),
                qPrintable(da.ok() ? (db.ok() ? QString() : db.error().message) : da.error().message));
            QCOMPARE(*db, *da);
        }
    }

private:
    // The archive a writer made of the tree, alone in its folder (made once); empty when it failed.
    QString recording(const QString &writer)
    {
        const QString zip
            = m_dir.filePath(writer + QStringLiteral("/recording-") + writer + QStringLiteral(".zip"));
        if (QFileInfo::exists(zip))
            return zip;
        if (!QDir().mkpath(QFileInfo(zip).path()) || !write(writer, zip))
            return {};
        return zip;
    }

    bool write(const QString &writer, const QString &zip)
    {
        const QStringList order { QStringLiteral("manifest.json"), QStringLiteral("recipe.yaml"),
            QStringLiteral("http/cassette.yaml"), QStringLiteral("db/queries.jsonl") };
        test::ProcessResult made;
        if (writer == QLatin1String("aeszip")) {
            QStringList arguments { QStringLiteral("write"), QStringLiteral("--password"), Password,
                QStringLiteral("--method"), QStringLiteral("deflate"), QStringLiteral("--output"), zip };
            for (const QString &name : order)
                arguments.append(name + QLatin1Char('=') + m_tree + QLatin1Char('/') + name);
            made = test::aeszip(arguments);
        } else if (writer == QLatin1String("pack")) {
            made = test::runCli({ QStringLiteral("pack"), m_tree, QStringLiteral("--output"), zip,
                QStringLiteral("--password"), Password });
        } else {
            if (test::sevenZip().isEmpty())
                return false;
            made = test::run(test::sevenZip(),
                { QStringLiteral("a"), QStringLiteral("-tzip"), QStringLiteral("-mm=LZMA"),
                    QStringLiteral("-mx=1"), QStringLiteral("-mem=AES256"), QStringLiteral("-p") + Password,
                    zip, QStringLiteral("*") },
                m_tree);
        }
        if (made.exitCode != 0)
            qWarning("%s: %s %s", qPrintable(writer), made.out.constData(), made.err.constData());
        return made.exitCode == 0;
    }

    bool writeOdd(const QString &name, const QString &zip)
    {
        const QString plain = m_dir.filePath(QStringLiteral("plain.zip"));
        const QString manifest = QStringLiteral("manifest.json=") + m_tree + QStringLiteral("/manifest.json");
        const QString queries
            = QStringLiteral("db/queries.jsonl=") + m_tree + QStringLiteral("/db/queries.jsonl");
        const QString recipe = QStringLiteral("recipe.yaml=") + m_tree + QStringLiteral("/recipe.yaml");
        if (!QFileInfo::exists(plain)
            && test::oddzip(
                   { QStringLiteral("zip"), QStringLiteral("--output"), plain, manifest, queries, recipe })
                    .exitCode
                != 0)
            return false;
        if (name == QLatin1String("overlap.zip"))
            return test::oddzip({ QStringLiteral("overlap"), QStringLiteral("--output"), zip,
                                    QStringLiteral("--count"), QStringLiteral("6"),
                                    QStringLiteral("--kernel-size"), QStringLiteral("100000"), manifest })
                       .exitCode
                == 0;
        if (name == QLatin1String("grown.zip"))
            return test::oddzip(
                       { QStringLiteral("grow"), QStringLiteral("--input"), plain, QStringLiteral("--output"),
                           zip, QStringLiteral("--name"), QStringLiteral("manifest.json"),
                           QStringLiteral("--by"), QStringLiteral("100") })
                       .exitCode
                == 0;
        if (name == QLatin1String("stream.zip"))
            return test::oddzip({ QStringLiteral("zip"), QStringLiteral("--stream"),
                                    QStringLiteral("--output"), zip, manifest, queries, recipe })
                       .exitCode
                == 0;
        if (name == QLatin1String("reordered.zip"))
            return test::oddzip({ QStringLiteral("reorder"), QStringLiteral("--input"), plain,
                                    QStringLiteral("--output"), zip })
                       .exitCode
                == 0;
        const QByteArray bytes = test::readFile(plain);
        if (name == QLatin1String("truncated.zip"))
            return test::writeFile(zip, bytes.first(bytes.size() - 30));
        if (name == QLatin1String("headless.zip"))
            return test::writeFile(zip, bytes.first(bytes.size() / 2));
        if (name == QLatin1String("text.zip"))
            return test::writeFile(zip, QByteArray("just some text, not a ZIP archive\n").repeated(100));
        if (name == QLatin1String("empty.zip"))
            return test::writeFile(zip, QByteArray());
        return QFile::copy(test::samplePath(), zip);
    }

    QTemporaryDir m_dir;
    QString m_tree;
};

QTEST_GUILESS_MAIN(TestRemoteSummary)
#include "tst_remotesummary.moc"
