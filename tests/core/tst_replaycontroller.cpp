// SPDX-License-Identifier: MIT
// ReplayController without widgets (it runs in the core-only build, also under ASan): the bundled sample
// replayed on the controller's own thread while curl sends requests through its proxy. Rows arrive in
// order and change in place; a filter breakpoint holds a request, its details carry what it would get and
// the recorded request; an edit answers it and is kept as a patch; Stop ends the replay with a report and a
// coverage snapshot; the controller can be destroyed while a request is held.
#include "core/recording/recording.h"
#include "core/recording/recordingsource.h"
#include "core/recording/timeline.h"
#include "core/recording/timelineindexer.h"
#include "core/replay/replaycontroller.h"
#include "testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace tapedeck;
using namespace tapedeck::replay;
using namespace tapedeck::test;

class TestReplayController : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;
    std::shared_ptr<const Recording> m_recording;
    std::shared_ptr<Timeline> m_timeline;

    // curl through the proxy, asynchronously (the controller answers on its own thread anyway).
    std::unique_ptr<QProcess> curl(const QString &proxy, const QString &url)
    {
        auto p = std::make_unique<QProcess>();
        p->start(QStringLiteral("curl"), { QStringLiteral("-s"), QStringLiteral("-o"), QStringLiteral("/dev/null"), QStringLiteral("-w"),
                                            QStringLiteral("%{http_code}"), QStringLiteral("--max-time"), QStringLiteral("30"),
                                            QStringLiteral("-x"), proxy, url });
        return p;
    }

    static QList<ReplayRow> rowsOf(const QSignalSpy &spy)
    {
        QList<ReplayRow> out;
        for (const QList<QVariant> &args : spy)
            out += args.at(0).value<QList<ReplayRow>>();
        return out;
    }

private slots:
    void initTestCase()
    {
        qputenv("XDG_DATA_HOME", m_home.filePath(QStringLiteral("data")).toUtf8());
        Result<std::unique_ptr<RecordingSource>> source = RecordingSource::open(QStringLiteral(TAPEDECK_SAMPLES "/sample-recording.zip"));
        QVERIFY(source);
        QVERIFY((*source)->unlock(SamplePassword).ok());
        Result<Recording> loaded = Recording::load(**source, ExtractionLimits {});
        QVERIFY(loaded);
        m_recording = std::make_shared<const Recording>(std::move(loaded).value());
        m_timeline = std::make_shared<Timeline>();
        QVERIFY(TimelineIndexer::indexRecording(*m_timeline, *m_recording).ok());
        m_timeline->setComplete();
    }

    void heldEditedStoppedAndReported()
    {
        ReplayController controller(m_timeline, m_recording, QStringLiteral("sample-recording.zip"));
        QSignalSpy started(&controller, &ReplayController::started);
        QSignalSpy added(&controller, &ReplayController::rowsAdded);
        QSignalSpy changed(&controller, &ReplayController::rowsChanged);
        QSignalSpy details(&controller, &ReplayController::detailsReady);
        QSignalSpy finished(&controller, &ReplayController::finished);
        controller.start(ReplayStartOptions());
        Result<FilterExpression> breakpoint = FilterExpression::parse(QStringLiteral("url:~/dashboards/2$"));
        QVERIFY(breakpoint);
        controller.setBreakpoints({ *breakpoint });
        QVERIFY(started.wait(30'000));
        QCOMPARE(controller.state(), ReplayController::State::Serving);
        const QString proxy = controller.endpoints().proxyUrl;
        QVERIFY(proxy.startsWith(QLatin1String("http://127.0.0.1:")));
        QVERIFY(!controller.endpoints().caFingerprint.isEmpty());
        QVERIFY(controller.endpoints().exportLines.contains(QLatin1String("export HTTPS_PROXY=")));

        auto one = curl(proxy, QStringLiteral("http://looker.acme-corp.example/api/4.0/dashboards/1"));
        QVERIFY(one->waitForFinished(30'000));
        QCOMPARE(one->readAllStandardOutput(), QByteArray("200"));
        auto held = curl(proxy, QStringLiteral("http://looker.acme-corp.example/api/4.0/dashboards/2"));
        QTRY_COMPARE_WITH_TIMEOUT(controller.holdState().held.size(), 1, 30'000);
        QCOMPARE(controller.holdState().held.first(), 1);
        QCOMPARE(held->state(), QProcess::Running);
        QList<ReplayRow> rows = rowsOf(added);
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows[0].entry, 0);
        QCOMPARE(rows[0].outcome, ReplayOutcome::Matched);
        QVERIFY(rows[0].recordedSeq >= 0);
        QCOMPARE(rows[1].entry, 1);

        // Its details: what it would get (the recorded answer) and the recorded request.
        controller.requestDetails(rows[1].ref);
        QVERIFY(details.wait(30'000));
        const ReplayDetails d = details.last().at(0).value<ReplayDetails>();
        QVERIFY(d.http && d.http->outcome == ReplayOutcome::Held);
        QVERIFY(d.recorded && d.recorded->uri.endsWith(QLatin1String("/dashboards/2")));
        QVERIFY(d.answer && d.answer->status == 200);
        QCOMPARE(d.recordedSeq, rows[1].recordedSeq);

        // Edited: the client gets the edit, the row changes in place, the edit is in the patch.
        controller.answerEdited(rows[1].ref, HttpAnswer { 418, "Edited", { { "Content-Type", "text/plain" } }, "edited", false });
        QVERIFY(held->waitForFinished(30'000));
        QCOMPARE(held->readAllStandardOutput(), QByteArray("418"));
        QTRY_VERIFY(std::any_of(changed.cbegin(), changed.cend(), [](const QList<QVariant> &args) {
            const QList<ReplayRow> r = args.at(0).value<QList<ReplayRow>>();
            return std::any_of(r.cbegin(), r.cend(), [](const ReplayRow &row) { return row.entry == 1 && row.outcome == ReplayOutcome::Edited && row.status == 418; });
        }));
        QTRY_COMPARE(controller.edits().size(), 1);
        const QJsonObject patch = QJsonDocument::fromJson(controller.patch()).object();
        QCOMPARE(patch.value(u"edits").toArray().first().toObject().value(u"response").toObject().value(u"body").toString(), QStringLiteral("edited"));
        QTRY_VERIFY(controller.holdState().held.isEmpty());

        controller.stop();
        QVERIFY(finished.wait(60'000));
        QCOMPARE(controller.state(), ReplayController::State::Finished);
        const std::shared_ptr<const ReplayResult> result = controller.result();
        QVERIFY(result && !result->text.isEmpty());
        QVERIFY(QJsonDocument::fromJson(result->json).isObject());
        // Coverage: the first dashboard served once, the edited second never.
        QVERIFY(controller.coverage());
        QCOMPARE(controller.coverage()->servedOf(rows[0].recordedSeq), 1);
        QCOMPARE(controller.coverage()->servedOf(rows[1].recordedSeq), 0);
    }

    void destroyedWhileARequestIsHeld()
    {
        std::unique_ptr<QProcess> held;
        {
            ReplayController controller(m_timeline, m_recording, QStringLiteral("sample-recording.zip"));
            QSignalSpy started(&controller, &ReplayController::started);
            controller.start(ReplayStartOptions());
            controller.setPaused(true);
            QVERIFY(started.wait(30'000));
            held = curl(controller.endpoints().proxyUrl, QStringLiteral("http://looker.acme-corp.example/api/4.0/dashboards/1"));
            QTRY_COMPARE_WITH_TIMEOUT(controller.holdState().held.size(), 1, 30'000);
        }
        // The endpoints closed with it: the client is not left hanging.
        QVERIFY(held->waitForFinished(30'000));
        QVERIFY(held->readAllStandardOutput() != "200");
    }
};

QTEST_GUILESS_MAIN(TestReplayController)
#include "tst_replaycontroller.moc"
