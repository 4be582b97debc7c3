// SPDX-License-Identifier: MIT
// Tests the `datahub` replay policy end to end against VCR.py itself: a cassette recorded by Debian's
// python3-vcr, one request sequence played inside VCR.py as DataHub's air-gapped replay configures it and
// sent through Tapedeck's mock layer; every request must get the same answer, or be unmatched in both
// (tests/tools/vcr_oracle.py says what the sequence holds and why).
#include "core/recording/timeline.h"
#include "core/recording/timelineindexer.h"
#include "core/replay/replaysession.h"
#include "testsupport.h"

#include <QDebug>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <memory>

using namespace tapedeck;
using namespace tapedeck::replay;

namespace {

const QString Python = QStringLiteral("/usr/bin/python3");
const QString Oracle = QStringLiteral(TAPEDECK_TEST_TOOLS "/vcr_oracle.py");

// What the sequence in vcr_oracle.py must come to under DataHub's rules (VCR.py's answers are checked
// against each request's "expect" as well, so these cannot drift silently).
constexpr qsizetype SequenceSize = 82;
constexpr qsizetype RecordedCount = 35;
constexpr qsizetype MatchedByVcr = 58;
constexpr qsizetype UnmatchedByVcr = 24;
constexpr qsizetype WireAmbiguous = 2;

QJsonDocument readJson(const QString &path)
{
    QJsonParseError error;
    QJsonDocument doc = QJsonDocument::fromJson(test::readFile(path), &error);
    if (error.error != QJsonParseError::NoError)
        qWarning("%s: %s", qPrintable(path), qPrintable(error.errorString()));
    return doc;
}

// One answer in a line: "unmatched", or the status and the body's start (bytes that are not printable
// ASCII escaped).
QString describe(const QJsonObject &answer)
{
    if (answer.value(u"unmatched").toBool())
        return QStringLiteral("unmatched");
    const QByteArray body = QByteArray::fromBase64(answer.value(u"body").toString().toLatin1());
    QString shown;
    for (const char c : body.first(std::min<qsizetype>(body.size(), 90))) {
        if (c >= 0x20 && c < 0x7f)
            shown += QLatin1Char(c);
        else
            shown += QStringLiteral("\\x%1").arg(uchar(c), 2, 16, QLatin1Char('0'));
    }
    return QStringLiteral("%1 (%2 bytes) %3%4")
        .arg(answer.value(u"status").toInt())
        .arg(body.size())
        .arg(shown, body.size() > 90 ? QStringLiteral("…") : QString());
}

bool sameAnswer(const QJsonObject &a, const QJsonObject &b)
{
    if (a.value(u"unmatched").toBool() || b.value(u"unmatched").toBool())
        return a.value(u"unmatched").toBool() == b.value(u"unmatched").toBool();
    return a.value(u"status").toInt() == b.value(u"status").toInt()
        && a.value(u"body").toString() == b.value(u"body").toString();
}

} // namespace

class TestVcrOracle : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const test::ProcessResult recorded
            = test::run(Python, { Oracle, QStringLiteral("record"), m_dir.path() });
        QVERIFY2(recorded.exitCode == 0, recorded.err.constData());
        const test::ProcessResult played
            = test::run(Python, { Oracle, QStringLiteral("playback"), m_dir.path() });
        QVERIFY2(played.exitCode == 0, played.err.constData());

        const QJsonObject sequence = readJson(m_dir.filePath(QStringLiteral("sequence.json"))).object();
        m_requests = sequence.value(u"requests").toArray();
        m_recordedCount = sequence.value(u"recorded").toInt();
        m_vcr = readJson(m_dir.filePath(QStringLiteral("vcr-results.json"))).array();
        m_sequentialExpected = readJson(m_dir.filePath(QStringLiteral("sequential-expected.json"))).array();
        QCOMPARE(m_requests.size(), SequenceSize);
        QCOMPARE(m_vcr.size(), SequenceSize);
        QCOMPARE(m_sequentialExpected.size(), SequenceSize);
        for (qsizetype k = 0; k < m_requests.size(); ++k)
            m_byId.insert(m_requests.at(k).toObject().value(u"id").toString(), k);

        QVERIFY(TimelineIndexer::indexFile(m_timeline, m_dir.filePath(QStringLiteral("cassette.yaml"))));
        m_timeline.setComplete();
        QVERIFY2(m_timeline.warnings().isEmpty(), qPrintable(m_timeline.warnings().join(u'\n')));
    }

    void sequenceExercisesEveryRule()
    {
        // The sequence claims what each request shows; VCR.py must agree, or it shows nothing.
        QStringList wrong;
        qsizetype matched = 0;
        qsizetype unmatched = 0;
        qsizetype ambiguous = 0;
        QHash<QString, QSet<QString>> outcomes; // category → "match"/"unmatched"
        for (qsizetype k = 0; k < m_requests.size(); ++k) {
            const QJsonObject r = m_requests.at(k).toObject();
            const bool miss = m_vcr.at(k).toObject().value(u"unmatched").toBool();
            const QString got = miss ? QStringLiteral("unmatched") : QStringLiteral("match");
            (miss ? unmatched : matched) += 1;
            ambiguous += r.value(u"wire_ambiguous").toBool() ? 1 : 0;
            outcomes[r.value(u"category").toString()].insert(got);
            if (got != r.value(u"expect").toString())
                wrong.append(QStringLiteral("%1: VCR.py says %2, the sequence expects %3")
                                 .arg(r.value(u"id").toString(), got, r.value(u"expect").toString()));
        }
        report(wrong);
        QVERIFY2(wrong.isEmpty(), "VCR.py does not answer as the sequence expects (listed above)");
        QCOMPARE(m_recordedCount, RecordedCount);
        QCOMPARE(matched, MatchedByVcr);
        QCOMPARE(unmatched, UnmatchedByVcr);
        QCOMPARE(ambiguous, WireAmbiguous);
        QCOMPARE(m_timeline.laneCount(EventKind::Http), RecordedCount);

        // Every rule, with the outcomes that show it.
        const QList<std::pair<QString, QStringList>> rules {
            { QStringLiteral("recorded"), { QStringLiteral("match") } },
            { QStringLiteral("repeat"), { QStringLiteral("match") } },
            { QStringLiteral("query-order"), { QStringLiteral("unmatched") } },
            { QStringLiteral("method"), { QStringLiteral("unmatched") } },
            { QStringLiteral("json-normalised"), { QStringLiteral("match"), QStringLiteral("unmatched") } },
            { QStringLiteral("filters"), { QStringLiteral("match"), QStringLiteral("unmatched") } },
            { QStringLiteral("json-differs"), { QStringLiteral("unmatched") } },
            { QStringLiteral("auth"), { QStringLiteral("match"), QStringLiteral("unmatched") } },
            { QStringLiteral("non-json"), { QStringLiteral("match"), QStringLiteral("unmatched") } },
            { QStringLiteral("binary"), { QStringLiteral("match"), QStringLiteral("unmatched") } },
            { QStringLiteral("none-vs-empty"), { QStringLiteral("match"), QStringLiteral("unmatched") } },
            { QStringLiteral("unmatched"), { QStringLiteral("unmatched") } },
        };
        for (const auto &[category, wanted] : rules) {
            const QSet<QString> seen = outcomes.value(category);
            QVERIFY2(seen == QSet<QString>(wanted.begin(), wanted.end()),
                qPrintable(
                    QStringLiteral("category %1: outcomes %2, wanted %3")
                        .arg(category, QStringList(seen.begin(), seen.end()).join(u','), wanted.join(u','))));
        }

        // Repeats were recorded with different answers (else first-wins and in-order serving look alike).
        for (const char *id : { "get-query", "search-filters" }) {
            QSet<QString> bodies;
            for (int n = 0; n < 3; ++n) {
                const QString name
                    = QLatin1String(id) + (n ? QStringLiteral("-repeat-%1").arg(n + 1) : QString());
                QVERIFY2(m_byId.contains(name), qPrintable(name));
                bodies.insert(
                    m_sequentialExpected.at(m_byId.value(name)).toObject().value(u"body").toString());
            }
            QCOMPARE(bodies.size(), 3);
        }
    }

    void datahubPolicyAnswersAsVcrPy()
    {
        ReplaySession::Options options; // the datahub policy
        const QJsonArray tapedeck = replayThroughTapedeck(options, QStringLiteral("tapedeck-results.json"));
        QCOMPARE(tapedeck.size(), m_requests.size());
        QCOMPARE(qsizetype(m_session->events().size()), m_requests.size());

        QStringList diff;
        qsizetype matched = 0;
        qsizetype unmatched = 0;
        for (qsizetype k = 0; k < m_requests.size(); ++k) {
            const QJsonObject r = m_requests.at(k).toObject();
            const QJsonObject ours = tapedeck.at(k).toObject();
            // A request Tapedeck cannot tell from its wire twin (no body bytes either way) must be answered as
            // VCR.py answers the twin; see vcr_oracle.py, "None and b''".
            const QString twin = r.value(u"wire_twin").toString();
            const qsizetype reference = twin.isEmpty() ? k : m_byId.value(twin, -1);
            QVERIFY2(reference >= 0, qPrintable(twin));
            const QJsonObject vcr = m_vcr.at(reference).toObject();
            const ReplayHttpEvent &event = m_session->events()[size_t(k)];
            const qsizetype vcrInteraction
                = vcr.value(u"unmatched").toBool() ? -1 : vcr.value(u"interaction").toInt(-2);
            (ours.value(u"unmatched").toBool() ? unmatched : matched) += 1;
            if (sameAnswer(vcr, ours) && event.interaction == vcrInteraction)
                continue;
            // One arg() call: URIs and bodies hold '%' followed by digits.
            diff.append(
                QStringLiteral("#%1 %2 [%3] %4 %5%6\n    VCR.py   %7 (interaction %8)\n    Tapedeck %9 "
                               "(interaction %10)")
                    .arg(QString::number(k), r.value(u"id").toString(), r.value(u"category").toString(),
                        event.method, event.uri,
                        twin.isEmpty() ? QString() : QStringLiteral(" (compared with %1)").arg(twin),
                        describe(vcr), QString::number(vcrInteraction), describe(ours),
                        QString::number(event.interaction)));
        }
        report(diff);
        QVERIFY2(diff.isEmpty(),
            qPrintable(QStringLiteral("%1 of %2 requests answered differently than VCR.py (listed above)")
                           .arg(diff.size())
                           .arg(m_requests.size())));
        // The wire twins move answers: "empty-vs-none" and "none-vs-empty", unmatched by VCR.py, are matched
        // here (no body bytes: None, then b"").
        QCOMPARE(matched, MatchedByVcr + 2);
        QCOMPARE(unmatched, UnmatchedByVcr - 2);
        QCOMPARE(m_session->unmatchedCount(), unmatched);
    }

    void sequentialPolicyServesInRecordedOrder()
    {
        // VCR.py has no such mode: vcr_oracle.py computed the expectation from VCR.py's own matchers (the
        // interactions a request matches, handed out in recorded order, the last repeating).
        ReplaySession::Options options;
        options.match.policy = MatchPolicy::Sequential;
        const QJsonArray tapedeck
            = replayThroughTapedeck(options, QStringLiteral("tapedeck-sequential-results.json"));
        QCOMPARE(tapedeck.size(), m_requests.size());

        QStringList diff;
        qsizetype differentFromDataHub = 0;
        for (qsizetype k = 0; k < m_requests.size(); ++k) {
            const QJsonObject r = m_requests.at(k).toObject();
            // Its expectation is VCR.py's for b"", which Tapedeck cannot see. (Each such key has one recorded
            // interaction, so whether it was served changes nothing later.)
            if (r.value(u"wire_ambiguous").toBool())
                continue;
            const QJsonObject expected = m_sequentialExpected.at(k).toObject();
            const QJsonObject ours = tapedeck.at(k).toObject();
            if (!sameAnswer(expected, m_vcr.at(k).toObject()))
                ++differentFromDataHub;
            if (sameAnswer(expected, ours))
                continue;
            diff.append(
                QStringLiteral("#%1 %2 [%3]\n    expected %4 (interaction %5)\n    Tapedeck %6 "
                               "(interaction %7)")
                    .arg(QString::number(k), r.value(u"id").toString(), r.value(u"category").toString(),
                        describe(expected), QString::number(expected.value(u"interaction").toInt(-1)),
                        describe(ours), QString::number(m_session->events()[size_t(k)].interaction)));
        }
        report(diff);
        QVERIFY2(diff.isEmpty(),
            qPrintable(QStringLiteral("%1 of %2 requests answered differently than expected (listed above)")
                           .arg(diff.size())
                           .arg(m_requests.size())));
        // The recorded repeats of the GET, of the filters search and of the login, and every request after
        // them with their keys: where the two policies must differ.
        QCOMPARE(differentFromDataHub, qsizetype(11));
    }

    void cleanup() { m_session.reset(); }

private:
    // QVERIFY2 shortens its message: the whole difference goes to the log first.
    static void report(const QStringList &diff)
    {
        for (const QString &line : diff)
            qWarning().noquote() << line;
    }

    // Starts a session over the cassette, runs vcr_oracle.py's client through its proxy while the event
    // loop turns, and returns the client's results.
    QJsonArray replayThroughTapedeck(ReplaySession::Options options, const QString &results)
    {
        m_session = std::make_unique<ReplaySession>(m_timeline, QString(), std::move(options));
        const Status started = m_session->start();
        if (!started) {
            qWarning("the replay session did not start: %s", qPrintable(started.error().message));
            return {};
        }
        QProcess client;
        client.setProgram(Python);
        client.setArguments({ Oracle, QStringLiteral("client"), m_session->proxyUrl(), QStringLiteral("-"),
            m_dir.path(), results });
        QEventLoop loop;
        connect(&client, &QProcess::finished, &loop, &QEventLoop::quit);
        connect(&client, &QProcess::errorOccurred, &loop, [&loop](QProcess::ProcessError error) {
            if (error == QProcess::FailedToStart)
                loop.quit();
        });
        QTimer timeout;
        timeout.setSingleShot(true);
        connect(&timeout, &QTimer::timeout, &loop, &QEventLoop::quit);
        timeout.start(60000);
        client.start();
        loop.exec();
        if (client.state() != QProcess::NotRunning) {
            client.kill();
            client.waitForFinished(5000);
            qWarning("the client did not finish in time");
            return {};
        }
        if (client.exitStatus() != QProcess::NormalExit || client.exitCode() != 0) {
            qWarning("the client failed:\n%s", client.readAllStandardError().constData());
            return {};
        }
        m_session->stop();
        return readJson(m_dir.filePath(results)).array();
    }

    QTemporaryDir m_dir;
    Timeline m_timeline;
    QJsonArray m_requests;
    QHash<QString, qsizetype> m_byId;
    qsizetype m_recordedCount = 0;
    QJsonArray m_vcr;
    QJsonArray m_sequentialExpected;
    std::unique_ptr<ReplaySession> m_session;
};

QTEST_GUILESS_MAIN(TestVcrOracle)
#include "tst_vcroracle.moc"
