// SPDX-License-Identifier: MIT
// What the SQL endpoint knows without a recording: splitting a simple Query's string (checked against a real
// PostgreSQL 15, whose lexer answers each statement of generated strings full of quotes, dollar quotes and
// comments that hide semicolons), the canonical form, the answers to what drivers send on their own, and
// the cursor statements psycopg2's named cursors send.
#include "core/common/jsonvalue.h"
#include "core/replay/pgbuiltin.h"
#include "testsupport.h"

#include <QFileInfo>
#include <QTest>

using namespace tapedeck;
using namespace tapedeck::replay;
using namespace tapedeck::test;

namespace {

QStringList split(const QString &text)
{
    QStringList out;
    for (const QStringView s : splitSqlStatements(text))
        out.append(s.toString());
    return out;
}

const ServerFacts facts { "PostgreSQL 15.4 on x86_64", "15.4 (Tapedeck replay)", "UTC", "alice", "shop" };

} // namespace

class TestPgBuiltin : public QObject
{
    Q_OBJECT

private slots:
    void splitting_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("statements");
        QTest::newRow("one") << QStringLiteral("select 1") << QStringList { QStringLiteral("select 1") };
        QTest::newRow("two") << QStringLiteral("select 1; select 2;") << QStringList { QStringLiteral("select 1"), QStringLiteral("select 2") };
        QTest::newRow("empty ones") << QStringLiteral(" ;; select 1 ;  ; ") << QStringList { QStringLiteral("select 1") };
        QTest::newRow("only semicolons") << QStringLiteral(" ; ; ") << QStringList {};
        QTest::newRow("quoted") << QStringLiteral("select 'a;b'; select 2")
                                << QStringList { QStringLiteral("select 'a;b'"), QStringLiteral("select 2") };
        QTest::newRow("doubled quote") << QStringLiteral("select 'it''s;'; x")
                                       << QStringList { QStringLiteral("select 'it''s;'"), QStringLiteral("x") };
        QTest::newRow("E string") << QStringLiteral("select E'\\';'; x") << QStringList { QStringLiteral("select E'\\';'"), QStringLiteral("x") };
        // Without the E a backslash is an ordinary character (standard_conforming_strings on).
        QTest::newRow("plain backslash") << QStringLiteral("select '\\'; x") << QStringList { QStringLiteral("select '\\'"), QStringLiteral("x") };
        QTest::newRow("identifier") << QStringLiteral("select 1 as \"a;\"\"b\"; x")
                                    << QStringList { QStringLiteral("select 1 as \"a;\"\"b\""), QStringLiteral("x") };
        QTest::newRow("dollar") << QStringLiteral("select $$;$$; select $t$ $$; $t$; x")
                                << QStringList { QStringLiteral("select $$;$$"), QStringLiteral("select $t$ $$; $t$"), QStringLiteral("x") };
        QTest::newRow("parameter is not a dollar quote") << QStringLiteral("select $1; select $2")
                                                         << QStringList { QStringLiteral("select $1"), QStringLiteral("select $2") };
        QTest::newRow("line comment") << QStringLiteral("select 1 -- a;b\n; x")
                                      << QStringList { QStringLiteral("select 1 -- a;b"), QStringLiteral("x") };
        QTest::newRow("nested comment") << QStringLiteral("select /* a /* b; */ c; */ 1; x")
                                        << QStringList { QStringLiteral("select /* a /* b; */ c; */ 1"), QStringLiteral("x") };
        QTest::newRow("unterminated quote runs to the end") << QStringLiteral("select 'a; b")
                                                            << QStringList { QStringLiteral("select 'a; b") };
    }

    void splitting()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, statements);
        QCOMPARE(split(text), statements);
    }

    void splitsAsPostgreSqlDoes()
    {
        if (!QFileInfo::exists(QStringLiteral("/usr/lib/postgresql/15/bin/postgres")))
            QSKIP("PostgreSQL 15's server is not installed (packaging/install-deps.sh installs postgresql-15)");
        const ProcessResult generated = run(QStringLiteral("/usr/bin/python3"),
            { QStringLiteral(TAPEDECK_TEST_TOOLS "/pgsplit_oracle.py"), QStringLiteral("300"), QStringLiteral("20261202") });
        QVERIFY2(generated.exitCode == 0, generated.err.constData());
        int cases = 0;
        int statements = 0;
        for (const QByteArray &line : generated.out.split('\n')) {
            if (line.isEmpty())
                continue;
            const Result<JsonValue> row = JsonValue::parse(line);
            QVERIFY2(row.ok(), line.constData());
            const QString text = row->value(u"text").toString();
            const JsonValue results = row->value(u"results");
            const QStringList ours = split(text);
            QVERIFY2(size_t(ours.size()) == results.toArray().size(),
                qPrintable(QStringLiteral("%1\nPostgreSQL answered %2 statements, Tapedeck split %3:\n%4")
                               .arg(text)
                               .arg(results.toArray().size())
                               .arg(ours.size())
                               .arg(ours.join(QStringLiteral("\n---\n")))));
            for (qsizetype i = 0; i < ours.size(); ++i) {
                // Each statement selects its own marker first: the result begins with it.
                const QString result = results.toArray()[size_t(i)].toString();
                const QString expected = QStringLiteral("m%1_%2").arg(cases).arg(i);
                QVERIFY2(result.startsWith(expected), qPrintable(result));
                QVERIFY2(ours[i].contains(QLatin1Char('\'') + expected + QLatin1Char('\'')), qPrintable(ours[i]));
            }
            statements += int(ours.size());
            ++cases;
        }
        QCOMPARE(cases, 300);
        QVERIFY(statements > 600);
    }

    void canonicalForm()
    {
        QCOMPARE(canonicalSql(u"  SELECT\n  pg_catalog.Version() ;; "), QStringLiteral("select pg_catalog.version()"));
        QCOMPARE(canonicalSql(u"SET application_name = 'My App' -- why\n"), QStringLiteral("set application_name = 'My App'"));
        QCOMPARE(canonicalSql(u"select /* x */ 1"), QStringLiteral("select 1"));
    }

    void driversOwnStatements()
    {
        auto tag = [](const QString &s, char transaction = 'I') {
            const std::optional<BuiltinStatement> b = builtinAnswer(s, facts, transaction);
            return b && b->kind == BuiltinStatement::Kind::Command ? QString::fromUtf8(b->tag) : QString();
        };
        QCOMPARE(tag(QStringLiteral("BEGIN")), QStringLiteral("BEGIN"));
        QCOMPARE(tag(QStringLiteral("begin isolation level read committed")), QStringLiteral("BEGIN"));
        QCOMPARE(tag(QStringLiteral("START TRANSACTION")), QStringLiteral("START TRANSACTION"));
        QCOMPARE(tag(QStringLiteral("COMMIT")), QStringLiteral("COMMIT"));
        QCOMPARE(tag(QStringLiteral("END")), QStringLiteral("COMMIT"));
        // COMMIT of a failed block rolls back, and PostgreSQL says so.
        QCOMPARE(tag(QStringLiteral("COMMIT"), 'E'), QStringLiteral("ROLLBACK"));
        QCOMPARE(tag(QStringLiteral("ROLLBACK")), QStringLiteral("ROLLBACK"));
        QCOMPARE(tag(QStringLiteral("abort")), QStringLiteral("ROLLBACK"));
        QCOMPARE(tag(QStringLiteral("SET search_path TO public")), QStringLiteral("SET"));
        QCOMPARE(tag(QStringLiteral("RESET ALL")), QStringLiteral("RESET"));
        QCOMPARE(tag(QStringLiteral("DISCARD ALL")), QStringLiteral("DISCARD ALL"));
        // In a failed block only transaction control is answered.
        QVERIFY(!builtinAnswer(u"SET x = 1", facts, 'E'));
        QVERIFY(!builtinAnswer(u"select * from users", facts, 'I'));
        QVERIFY(!builtinAnswer(u"show no_such_setting", facts, 'I'));

        const std::optional<BuiltinStatement> app = builtinAnswer(u"SET application_name = 'My App'", facts, 'I');
        QVERIFY(app);
        QCOMPARE(app->reportedSetting, QByteArray("application_name"));
        QCOMPARE(app->reportedValue, QByteArray("My App"));

        auto value = [](const QString &s) {
            const std::optional<BuiltinStatement> b = builtinAnswer(s, facts, 'I');
            return b && b->kind == BuiltinStatement::Kind::Value ? QString::fromUtf8(b->columns.value(0) + '=' + b->value) : QString();
        };
        // What psql, psycopg2 and SQLAlchemy 1.4 ask (docs/research/pg-facts.md §3), answered as PostgreSQL 15.
        QCOMPARE(value(QStringLiteral("select pg_catalog.version()")), QStringLiteral("version=PostgreSQL 15.4 on x86_64"));
        QCOMPARE(value(QStringLiteral("select current_schema()")), QStringLiteral("current_schema=public"));
        QCOMPARE(value(QStringLiteral("show transaction isolation level")), QStringLiteral("transaction_isolation=read committed"));
        QCOMPARE(value(QStringLiteral("show standard_conforming_strings")), QStringLiteral("standard_conforming_strings=on"));
        QCOMPARE(value(QStringLiteral("SHOW server_version")), QStringLiteral("server_version=15.4 (Tapedeck replay)"));
        QCOMPARE(value(QStringLiteral("show TimeZone")), QStringLiteral("TimeZone=UTC"));
        QCOMPARE(value(QStringLiteral("SELECT current_database()")), QStringLiteral("current_database=shop"));
        const std::optional<BuiltinStatement> hstore = builtinAnswer(
            u"SELECT t.oid, typarray\nFROM pg_type t JOIN pg_namespace ns\n    ON typnamespace = ns.oid\nWHERE typname = 'hstore';\n",
            facts, 'I');
        QVERIFY(hstore);
        QCOMPARE(hstore->kind, BuiltinStatement::Kind::NoRows);
        QCOMPARE(hstore->columns, (QList<QByteArray> { "oid", "typarray" }));
    }

    void cursors()
    {
        // What psycopg2 2.9 sends for a named cursor (cursor.py: DECLARE "name" CURSOR WITHOUT HOLD FOR …).
        const std::optional<DeclareCursor> d = parseDeclareCursor(u"DECLARE \"Big\" CURSOR WITHOUT HOLD FOR SELECT * FROM t WHERE a = 'x'");
        QVERIFY(d);
        QCOMPARE(d->name, QStringLiteral("Big"));
        QCOMPARE(d->query, QStringLiteral("SELECT * FROM t WHERE a = 'x'"));
        QVERIFY(!d->binary);
        const std::optional<DeclareCursor> folded = parseDeclareCursor(u"declare C1 binary no scroll cursor for select 1");
        QVERIFY(folded);
        QCOMPARE(folded->name, QStringLiteral("c1"));
        QVERIFY(folded->binary);
        QVERIFY(!parseDeclareCursor(u"declare c cursor"));
        QVERIFY(!parseDeclareCursor(u"declare c foo for select 1"));

        const std::optional<FetchCursor> f = parseFetchCursor(u"FETCH FORWARD 2000 FROM \"Big\"");
        QVERIFY(f);
        QCOMPARE(f->name, QStringLiteral("Big"));
        QCOMPARE(f->count, 2000);
        QVERIFY(!f->move && !f->backward);
        QCOMPARE(parseFetchCursor(u"fetch c")->count, 1);
        QCOMPARE(parseFetchCursor(u"fetch all in c")->count, -1);
        QCOMPARE(parseFetchCursor(u"fetch forward all from c")->count, -1);
        QCOMPARE(parseFetchCursor(u"fetch 5 c")->count, 5);
        QVERIFY(parseFetchCursor(u"move forward 3 in c")->move);
        QVERIFY(parseFetchCursor(u"fetch backward 3 from c")->backward);
        QVERIFY(parseFetchCursor(u"fetch -3 from c")->backward);
        QVERIFY(!parseFetchCursor(u"fetch forward from"));
        QVERIFY(!parseFetchCursor(u"fetchy c"));

        QCOMPARE(parseCloseCursor(u"CLOSE \"Big\""), std::optional<QString>(QStringLiteral("Big")));
        QCOMPARE(parseCloseCursor(u"close all"), std::optional<QString>(QString()));
        QVERIFY(!parseCloseCursor(u"close"));
    }

    void hostileTextIsBounded()
    {
        // Deep comment nesting, an unterminated dollar quote, a megabyte of semicolons: linear, no crash.
        QString deep;
        for (int i = 0; i < 100000; ++i)
            deep += QStringLiteral("/*");
        QCOMPARE(split(deep + QStringLiteral("; select 1")).size(), 1);
        QCOMPARE(split(QStringLiteral("select $x$ never closed; select 2")).size(), 1);
        QCOMPARE(split(QString(1 << 20, QLatin1Char(';'))).size(), 0);
        QCOMPARE(split(QString(1 << 20, QLatin1Char('\''))).size(), 1);
        QVERIFY(!builtinAnswer(QString(1 << 20, QLatin1Char('x')), facts, 'I'));
    }
};

QTEST_GUILESS_MAIN(TestPgBuiltin)
#include "tst_pgbuiltin.moc"
