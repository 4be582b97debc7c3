// SPDX-License-Identifier: MIT
// Tests the replay recipe: DataHub's marker replacement, the sink, stateful ingestion, the recording key and
// the PostgreSQL endpoint, each checked against Debian's PyYAML reading input and output and a Python
// rendition of the same rules, so every scalar's round trip is judged by a real YAML reader.
#include "core/common/nesting.h"
#include "core/recording/recordingsource.h"
#include "core/replay/replayrecipe.h"
#include "testsupport.h"

#include <QTemporaryDir>
#include <QTest>

using namespace tapedeck;
using namespace tapedeck::replay;

Q_DECLARE_METATYPE(tapedeck::replay::ReplayRecipeOptions)

namespace {

const QString Gms = QStringLiteral("http://127.0.0.1:43117");

struct Oracle
{
    bool ok = false;
    QString message;
};

Oracle runOracle(const QByteArray &input, const QByteArray &output, const ReplayRecipeOptions &options)
{
    QTemporaryDir dir;
    const Result<QByteArray> key = replayTestPrivateKey();
    if (!dir.isValid() || !key)
        return { false, QStringLiteral("no temporary folder or no key") };
    const QString script = QStringLiteral(TAPEDECK_TEST_TOOLS "/replayrecipe_oracle.py");
    const QString in = dir.filePath(QStringLiteral("in.yaml"));
    const QString out = dir.filePath(QStringLiteral("out.yaml"));
    const QString keyFile = dir.filePath(QStringLiteral("key.pem"));
    if (!test::writeFile(in, input) || !test::writeFile(out, output) || !test::writeFile(keyFile, *key))
        return { false, QStringLiteral("could not write the oracle's files") };
    const test::ProcessResult r = test::run(QStringLiteral("/usr/bin/python3"),
        { script, in, out, options.gmsUrl, options.postgresHost.value_or(QString()),
            options.postgresPort ? QString::number(*options.postgresPort) : QString(), keyFile });
    return { r.exitCode == 0 && r.out.trimmed() == "ok",
        QString::fromUtf8(r.err + r.out) + QLatin1String("\n--- output ---\n") + QString::fromUtf8(output) };
}

ReplayRecipeOptions gmsOnly()
{
    ReplayRecipeOptions o;
    o.gmsUrl = Gms;
    return o;
}

ReplayRecipeOptions withPostgres(std::optional<QString> host, std::optional<quint16> port)
{
    ReplayRecipeOptions o = gmsOnly();
    o.postgresHost = std::move(host);
    o.postgresPort = port;
    return o;
}

} // namespace

class TestReplayRecipe : public QObject
{
    Q_OBJECT

private slots:
    void sampleRecording()
    {
        auto source = RecordingSource::open(test::samplePath());
        QVERIFY(source.ok());
        QVERIFY(source.value()->unlock(test::SamplePassword).ok());
        const Result<QByteArray> recorded = source.value()->readAll(QStringLiteral("recipe.yaml"));
        QVERIFY(recorded.ok());

        const ReplayRecipeOptions options = gmsOnly();
        const Result<ReplayRecipe> r = makeReplayRecipe(*recorded, options);
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
        // The sample's stateful_ingestion is {enabled: false} already; its recording key goes first, so its
        // password's marker is no change worth listing.
        QCOMPARE(r->changes,
            (QStringList { QStringLiteral("recording: removed"),
                QStringLiteral("sink.config.token: __REPLAY_DUMMY__ → replay-mode-no-secret-needed"),
                QStringLiteral(
                    "source.config.client_secret: __REPLAY_DUMMY__ → replay-mode-no-secret-needed"),
                QStringLiteral("sink.config.server: http://datahub-gms.acme-corp.example:8080 → ") + Gms }));
        QCOMPARE(r->notes, QStringList());
        QVERIFY(r->yaml.contains("  type: looker\n"));
        QVERIFY(r->yaml.contains("pipeline_name: looker-prod-daily\n"));
        const Oracle oracle = runOracle(*recorded, r->yaml, options);
        QVERIFY2(oracle.ok, qPrintable(oracle.message));
    }

    void oracle_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<ReplayRecipeOptions>("options");
        QTest::addColumn<QStringList>("changes"); // empty: not checked
        QTest::addColumn<QStringList>("notes");

        const QByteArray scalars
            = test::readFile(QStringLiteral(TAPEDECK_TEST_TOOLS "/../data/recipes/scalars.yaml"));
        QVERIFY(scalars.contains("unicode"));
        QTest::addRow("every scalar")
            << scalars << gmsOnly()
            << QStringList { QStringLiteral("sink: added (datahub-rest at ") + Gms + QLatin1Char(')') }
            << QStringList();

        QTest::addRow("markers nested and in lists")
            << QByteArray("pipeline_name: p\n"
                          "source:\n"
                          "  type: snowflake\n"
                          "  config:\n"
                          "    password: __REPLAY_DUMMY__\n"
                          "    oauth_config:\n"
                          "      client_secret: '__REPLAY_DUMMY__'\n"
                          "      scopes: [a, b]\n"
                          "    tokens:\n"
                          "    - __REPLAY_DUMMY__\n"
                          "    - \"__REPLAY_DUMMY__\"\n"
                          "    - [__REPLAY_DUMMY__]\n"
                          "    - {api_key: __REPLAY_DUMMY__}\n"
                          "    not_secret: __REPLAY_DUMMY__ and more\n"
                          "    tagged: !!str __REPLAY_DUMMY__\n"
                          "sink:\n"
                          "  type: datahub-rest\n"
                          "  config: {server: 'http://gms:8080', token: __REPLAY_DUMMY__}\n")
            << gmsOnly()
            << QStringList { QStringLiteral(
                                 "source.config.password: __REPLAY_DUMMY__ → replay-mode-no-secret-needed"),
                   QStringLiteral("source.config.oauth_config.client_secret: __REPLAY_DUMMY__ → "
                                  "replay-mode-no-secret-needed"),
                   QStringLiteral("source.config.tokens[0]: __REPLAY_DUMMY__ → replay-mode-no-secret-needed"),
                   QStringLiteral("source.config.tokens[1]: __REPLAY_DUMMY__ → replay-mode-no-secret-needed"),
                   QStringLiteral(
                       "source.config.tokens[2][0]: __REPLAY_DUMMY__ → replay-mode-no-secret-needed"),
                   QStringLiteral(
                       "source.config.tokens[3].api_key: __REPLAY_DUMMY__ → replay-mode-no-secret-needed"),
                   QStringLiteral("source.config.tagged: __REPLAY_DUMMY__ → replay-mode-no-secret-needed"),
                   QStringLiteral("sink.config.token: __REPLAY_DUMMY__ → replay-mode-no-secret-needed"),
                   QStringLiteral("sink.config.server: http://gms:8080 → ") + Gms }
            << QStringList { QStringLiteral(
                   "source.config has no stateful_ingestion: with pipeline_name and the "
                   "datahub-rest sink, DataHub turns stateful ingestion on for sources "
                   "that support it") };

        QTest::addRow("private keys")
            << QByteArray("source:\n"
                          "  type: snowflake\n"
                          "  config:\n"
                          "    private_key: __REPLAY_DUMMY__\n"
                          "    Private-Key-File-Content: __REPLAY_DUMMY__\n"
                          "    SSH_PRIVATE_KEY: [__REPLAY_DUMMY__, [__REPLAY_DUMMY__]]\n"
                          "    privateKey: __REPLAY_DUMMY__\n"
                          "    private_key_password: __REPLAY_DUMMY__\n"
                          "    \"PR\\u0130VATE_KEY\": __REPLAY_DUMMY__\n"
                          "    \"PRIVATE_\\u212AEY\": __REPLAY_DUMMY__\n")
            << gmsOnly()
            << QStringList { QStringLiteral("source.config.private_key: __REPLAY_DUMMY__ → an RSA test key "
                                            "(PKCS#8 PEM)"),
                   QStringLiteral("source.config.Private-Key-File-Content: __REPLAY_DUMMY__ → an RSA test "
                                  "key (PKCS#8 PEM)"),
                   QStringLiteral(
                       "source.config.SSH_PRIVATE_KEY[0]: __REPLAY_DUMMY__ → an RSA test key (PKCS#8 PEM)"),
                   QStringLiteral("source.config.SSH_PRIVATE_KEY[1][0]: __REPLAY_DUMMY__ → an RSA test key "
                                  "(PKCS#8 PEM)"),
                   // camelCase has no "private_key" in it: DataHub gives it the plain dummy.
                   QStringLiteral(
                       "source.config.privateKey: __REPLAY_DUMMY__ → replay-mode-no-secret-needed"),
                   QStringLiteral(
                       "source.config.private_key_password: __REPLAY_DUMMY__ → an RSA test key (PKCS#8 PEM)"),
                   // Python lower-cases U+0130 to "i" and U+0307: no "private_key".
                   QStringLiteral(
                       "source.config.PR\u0130VATE_KEY: __REPLAY_DUMMY__ → replay-mode-no-secret-needed"),
                   // The Kelvin sign lower-cases to "k" in both.
                   QStringLiteral(
                       "source.config.PRIVATE_\u212AEY: __REPLAY_DUMMY__ → an RSA test key (PKCS#8 PEM)"),
                   QStringLiteral("sink: added (datahub-rest at ") + Gms + QLatin1Char(')') }
            << QStringList();

        QTest::addRow("stateful ingestion and recording")
            << QByteArray("source:\n"
                          "  type: looker\n"
                          "  config:\n"
                          "    stateful_ingestion:\n"
                          "      enabled: true\n"
                          "      remove_stale_metadata: true\n"
                          "    base_url: https://looker.example\n"
                          "recording:\n"
                          "  enabled: true\n"
                          "  password: __REPLAY_DUMMY__\n"
                          "sink:\n"
                          "  type: file\n"
                          "  config: {filename: /tmp/out.json}\n"
                          "datahub_api:\n"
                          "  server: http://gms:8080\n"
                          "  token: __REPLAY_DUMMY__\n"
                          "  ca_certificate_path: /etc/ssl/gms.pem\n"
                          "  disable_ssl_verification: false\n"
                          "pipeline_name: looker-daily\n")
            << gmsOnly()
            << QStringList { QStringLiteral("recording: removed"),
                   QStringLiteral("datahub_api.token: __REPLAY_DUMMY__ → replay-mode-no-secret-needed"),
                   QStringLiteral("sink: file replaced by datahub-rest at ") + Gms,
                   QStringLiteral("datahub_api.server: http://gms:8080 → ") + Gms,
                   QStringLiteral(
                       "datahub_api.ca_certificate_path: removed (Tapedeck's GMS endpoint needs no "
                       "certificate settings)"),
                   QStringLiteral(
                       "datahub_api.disable_ssl_verification: removed (Tapedeck's GMS endpoint needs "
                       "no certificate settings)"),
                   QStringLiteral("source.config.stateful_ingestion: replaced by {enabled: false}") }
            << QStringList();

        QTest::addRow("datahub-rest sink keeps its settings")
            << QByteArray("source: {type: looker, config: {stateful_ingestion: {enabled: false}}}\n"
                          "sink:\n"
                          "  type: datahub-rest\n"
                          "  config:\n"
                          "    mode: ASYNC_BATCH\n"
                          "    max_per_batch: 50\n"
                          "    client_certificate_path: /etc/client.pem\n"
                          "    client_key_path: /etc/client.key\n"
                          "    extra_headers: {X-Team: data}\n"
                          "    timeout_sec: 30\n")
            << gmsOnly()
            << QStringList { QStringLiteral("sink.config.server: set to ") + Gms,
                   QStringLiteral(
                       "sink.config.client_certificate_path: removed (Tapedeck's GMS endpoint needs no "
                       "certificate settings)"),
                   QStringLiteral("sink.config.client_key_path: removed (Tapedeck's GMS endpoint needs no "
                                  "certificate settings)") }
            << QStringList();

        QTest::addRow("postgres host_port")
            << QByteArray("source:\n"
                          "  type: postgres\n"
                          "  config:\n"
                          "    host_port: db.acme.example:5432\n"
                          "    database: analytics\n"
                          "    username: ingest\n"
                          "    password: __REPLAY_DUMMY__\n"
                          "sink: {type: datahub-rest, config: {server: 'http://gms:8080'}}\n")
            << withPostgres(QStringLiteral("127.0.0.1"), 54321)
            << QStringList { QStringLiteral(
                                 "source.config.password: __REPLAY_DUMMY__ → replay-mode-no-secret-needed"),
                   QStringLiteral("sink.config.server: http://gms:8080 → ") + Gms,
                   QStringLiteral("source.config.host_port: db.acme.example:5432 → 127.0.0.1:54321") }
            << QStringList();

        QTest::addRow("redshift sqlalchemy_uri, port only")
            << QByteArray(
                   "source:\n"
                   "  type: redshift\n"
                   "  config:\n"
                   "    sqlalchemy_uri: "
                   "redshift+redshift_connector://u:s3cr%40t@cluster.example:5439/dev?sslmode=require\n"
                   "    database: dev\n")
            << withPostgres(std::nullopt, 6543)
            << QStringList { QStringLiteral("sink: added (datahub-rest at ") + Gms + QLatin1Char(')'),
                   QStringLiteral("source.config.host_port: set to 127.0.0.1:6543"),
                   QStringLiteral("source.config.sqlalchemy_uri: host and port → 127.0.0.1:6543") }
            << QStringList();

        QTest::addRow("cockroachdb on IPv6, no config")
            << QByteArray("source: {type: cockroachdb}\n") << withPostgres(QStringLiteral("::1"), 7000)
            << QStringList { QStringLiteral("sink: added (datahub-rest at ") + Gms + QLatin1Char(')'),
                   QStringLiteral("source.config.host_port: set to [::1]:7000") }
            << QStringList();

        QTest::addRow("generic sqlalchemy on postgresql")
            << QByteArray("source:\n  type: sqlalchemy\n  config:\n"
                          "    connect_uri: postgresql://a:b@h1:1,h2:2/db\n    platform: postgres\n")
            << withPostgres(QStringLiteral("localhost"), 5555)
            << QStringList { QStringLiteral("sink: added (datahub-rest at ") + Gms + QLatin1Char(')'),
                   QStringLiteral("source.config.connect_uri: host and port → localhost:5555") }
            << QStringList();

        QTest::addRow("mysql stays")
            << QByteArray("source: {type: mysql, config: {host_port: 'mysql:3306'}}\n")
            << withPostgres(QStringLiteral("127.0.0.1"), 5432)
            << QStringList { QStringLiteral("sink: added (datahub-rest at ") + Gms + QLatin1Char(')') }
            << QStringList { QStringLiteral(
                   "source.config.host_port stays as recorded: source type \"mysql\" does not "
                   "speak the PostgreSQL protocol of Tapedeck's SQL endpoint") };

        QTest::addRow("postgres without an endpoint")
            << QByteArray("source: {type: postgres, config: {host_port: 'db:5432'}}\n") << gmsOnly()
            << QStringList { QStringLiteral("sink: added (datahub-rest at ") + Gms + QLatin1Char(')') }
            << QStringList();

        QTest::addRow("duplicate keys, last wins")
            << QByteArray("source: {type: a}\nsink: {type: file}\nsource:\n  type: postgres\n  config:\n"
                          "    stateful_ingestion: {enabled: yes}\n    stateful_ingestion: null\n")
            << withPostgres(QStringLiteral("pg.local"), 1)
            << QStringList { QStringLiteral("sink: file replaced by datahub-rest at ") + Gms,
                   QStringLiteral("source.config.stateful_ingestion: replaced by {enabled: false}"),
                   QStringLiteral("source.config.host_port: set to pg.local:1") }
            << QStringList();

        QTest::addRow("anchors resolved")
            << QByteArray("common: &c {api_key: __REPLAY_DUMMY__, n: 1}\n"
                          "source: {type: looker, config: {creds: *c, list: [*c, *c]}}\n"
                          "sink: &s {type: datahub-rest, config: {server: 'http://x'}}\n"
                          "other: *s\n")
            << gmsOnly() << QStringList() << QStringList();
    }

    void oracle()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(ReplayRecipeOptions, options);
        QFETCH(QStringList, changes);
        QFETCH(QStringList, notes);
        const Result<ReplayRecipe> r = makeReplayRecipe(yaml, options);
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
        if (!changes.isEmpty())
            QCOMPARE(r->changes, changes);
        QCOMPARE(r->notes, notes);
        const Oracle oracle = runOracle(yaml, r->yaml, options);
        QVERIFY2(oracle.ok, qPrintable(oracle.message));
        // Written again, the replay recipe needs no further change but the sink's (none, with the same URL).
        const Result<ReplayRecipe> again = makeReplayRecipe(r->yaml, options);
        QVERIFY(again.ok());
        QCOMPARE(again->changes, QStringList());
    }

    void keepsLayoutAndTypesAsWritten()
    {
        const Result<ReplayRecipe> r = makeReplayRecipe(
            "source:\n  type: looker\n  config:\n    port: 123\n    id: '123'\n    flag: yes\n    none: ~\n"
            "    key: __REPLAY_DUMMY__\nsink: {type: datahub-rest, config: {server: "
            "'http://127.0.0.1:43117'}}\n",
            gmsOnly());
        QVERIFY(r.ok());
        QCOMPARE(r->yaml,
            QByteArray("# Tapedeck's replay recipe: recipe.yaml with the changes its replay report lists.\n"
                       "source:\n  type: looker\n  config:\n    port: 123\n    id: '123'\n    flag: yes\n    "
                       "none: ~\n"
                       "    key: replay-mode-no-secret-needed\n"
                       "sink:\n  type: datahub-rest\n  config:\n    server: 'http://127.0.0.1:43117'\n"));
    }

    void privateKeyIsALiteralBlock()
    {
        const Result<ReplayRecipe> r = makeReplayRecipe(
            "source: {type: snowflake, config: {private_key: __REPLAY_DUMMY__}}\n", gmsOnly());
        QVERIFY(r.ok());
        const Result<QByteArray> key = replayTestPrivateKey();
        QVERIFY(key.ok());
        QVERIFY(key->startsWith("-----BEGIN PRIVATE KEY-----\n"));
        QVERIFY(key->endsWith("-----END PRIVATE KEY-----\n"));
        QVERIFY2(
            r->yaml.contains("    private_key: |\n      -----BEGIN PRIVATE KEY-----\n"), r->yaml.constData());
        // One key per process, as DataHub has one constant.
        QCOMPARE(*replayTestPrivateKey(), *key);
    }

    void refused_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<ReplayRecipeOptions>("options");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("expected");
        const int invalid = int(ErrorCode::InvalidInput);
        QTest::addRow("scalar document")
            << QByteArray("just text\n") << gmsOnly() << invalid
            << QStringLiteral("recipe.yaml is not a recipe: its document is a scalar, not a mapping");
        QTest::addRow("sequence document") << QByteArray("- source\n") << gmsOnly() << invalid
                                           << QStringLiteral("its document is a sequence, not a mapping");
        QTest::addRow("empty document")
            << QByteArray() << gmsOnly() << invalid << QStringLiteral("recipe.yaml has no source");
        QTest::addRow("no source") << QByteArray("sink: {type: console}\n") << gmsOnly() << invalid
                                   << QStringLiteral("recipe.yaml has no source");
        QTest::addRow("source not a mapping")
            << QByteArray("a: 1\nsource: postgres\n") << gmsOnly() << invalid
            << QStringLiteral("recipe.yaml: source is not a mapping (line 2)");
        QTest::addRow("complex key") << QByteArray("source:\n  type: x\n  ? [a, b]\n  : 1\n") << gmsOnly()
                                     << invalid
                                     << QStringLiteral("the key at line 3 is a mapping or a sequence");
        QTest::addRow("merge key") << QByteArray("base: &b {type: looker}\nsource:\n  <<: *b\n") << gmsOnly()
                                   << invalid << QStringLiteral("line 3 merges a mapping in with \"<<\"");
        QTest::addRow("invalid YAML") << QByteArray("source:\n  type: looker\n config: 1\n") << gmsOnly()
                                      << invalid << QStringLiteral("recipe.yaml is not valid YAML (line 3");
        QTest::addRow("100,000 deep")
            << "source: " + QByteArray(100'000, '[') + QByteArray(100'000, ']') + "\n"
            << gmsOnly() << invalid << QStringLiteral("nesting deeper than 1000 levels (line 1)");
        QTest::addRow("billion laughs")
            << QByteArray("a: &a [x, x, x, x, x, x, x, x, x, x]\n"
                          "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                          "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
                          "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
                          "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
                          "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
                          "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n"
                          "source: {type: x}\n")
            << gmsOnly() << invalid << QStringLiteral("aliases that expand to more than");
        ReplayRecipeOptions noGms;
        QTest::addRow("no GMS URL") << QByteArray("source: {type: x}\n") << noGms << int(ErrorCode::Usage)
                                    << QStringLiteral(
                                           "needs Tapedeck's GMS endpoint as an http or https URL");
        ReplayRecipeOptions ftp = gmsOnly();
        ftp.gmsUrl = QStringLiteral("ftp://127.0.0.1/");
        QTest::addRow("GMS not http") << QByteArray("source: {type: x}\n") << ftp << int(ErrorCode::Usage)
                                      << QStringLiteral("not \"ftp://127.0.0.1/\"");
        QTest::addRow("bad PostgreSQL host")
            << QByteArray("source: {type: postgres}\n") << withPostgres(QStringLiteral("a b"), 1)
            << int(ErrorCode::Usage) << QStringLiteral("\"a b\" is no PostgreSQL host");
    }

    void refused()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(ReplayRecipeOptions, options);
        QFETCH(int, code);
        QFETCH(QString, expected);
        const Result<ReplayRecipe> r = makeReplayRecipe(yaml, options);
        QVERIFY(!r.ok());
        QCOMPARE(int(r.error().code), code);
        QVERIFY2(r.error().message.contains(expected), qPrintable(r.error().message));
    }

    void nestingAtTheLimit()
    {
        // The deepest recipe the parser reads is written out again, and PyYAML reads that.
        const QByteArray yaml = "source:\n  type: x\n  config: " + QByteArray(Nesting::MaxDepth - 2, '[')
            + QByteArray(Nesting::MaxDepth - 2, ']') + "\n";
        const Result<ReplayRecipe> r = makeReplayRecipe(yaml, gmsOnly());
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
        const Oracle oracle = runOracle(yaml, r->yaml, gmsOnly());
        QVERIFY2(oracle.ok, qPrintable(oracle.message.left(2000)));
    }
};

QTEST_GUILESS_MAIN(TestReplayRecipe)
#include "tst_replayrecipe.moc"
