// SPDX-License-Identifier: MIT
// The desktop app on the hostile inputs of issue 10 (tests/data/hostile), opened and browsed as users do:
// every one ends in a banner or an inline error that names the problem, never a crash or a hang, and the
// window carries on with the next recording.
#include "core/recording/filtererror.h"
#include "guitestmain.h"
#include "testsupport.h"
#include "ui/details/detailstack.h"
#include "ui/details/httpdetailpane.h"
#include "ui/mainwindow.h"
#include "ui/timeline/filterbar.h"
#include "ui/timeline/timelinemodel.h"
#include "ui/timeline/timelinepanel.h"
#include "ui/widgets/banner.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace tapedeck;
using namespace Qt::StringLiterals;

namespace {

QString hostile(const QString &name)
{
    return QStringLiteral(TAPEDECK_TEST_TOOLS) + u"/../data/hostile/"_s + name;
}

// The app opens recordings (archives and folders), not bare cassettes: a hostile cassette reaches it as a
// recording folder's http/cassette.yaml.
QString cassetteFolder(const QTemporaryDir &dir, const QString &name)
{
    static int made = 0; // folder names that say nothing of the file, so that messages can be told apart
    const QString folder = dir.filePath(u"recording-"_s + QString::number(++made));
    if (!QDir().mkpath(folder + u"/http"_s) || !QFile::copy(hostile(name), folder + u"/http/cassette.yaml"_s))
        qWarning("could not make a recording folder of %s", qPrintable(name));
    return folder;
}

// Titles and texts of the banners a user sees on the Overview and the Timeline tabs.
QString visibleBanners(MainWindow &window)
{
    QStringList shown;
    for (const int tab : { MainWindow::OverviewTab, MainWindow::TimelineTab }) {
        window.tabs()->setCurrentIndex(tab);
        for (const Banner *banner : window.findChildren<Banner *>()) {
            if (banner->isVisible())
                shown.append(banner->title() + u": "_s + banner->text());
        }
    }
    return shown.join(u'\n');
}

// Opens a file and waits until it failed or its timeline is read to the end (or to its fault).
bool openAndSettle(MainWindow &window, const QString &path)
{
    QSignalSpy failed(&window, &MainWindow::openFailed);
    QSignalSpy indexed(&window, &MainWindow::timelineIndexed);
    window.openRecording(path);
    return QTest::qWaitFor([&] { return !failed.isEmpty() || (!indexed.isEmpty() && !window.isIndexing()); },
        30000);
}

// Clicks the timeline's row of event `seq` and waits for its details.
// timeoutMs: how long the detail pane may take to load (decoding a bomb up to its cap takes seconds on a
// loaded machine).
bool selectEvent(MainWindow &window, qsizetype seq, int timeoutMs = 5000)
{
    TimelineModel *model = window.timelinePanel()->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->seqAt(row) != seq)
            continue;
        QTableView *view = window.timelinePanel()->view();
        const QModelIndex index = model->index(row, TimelineModel::OperationColumn);
        view->scrollTo(index);
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(index).center());
        return QTest::qWaitFor(
            [&] {
                return window.detailStack()->currentSeq() == seq && window.detailStack()->currentPane()
                    && !window.detailStack()->currentPane()->isLoading();
            },
            timeoutMs);
    }
    return false;
}

std::unique_ptr<MainWindow> makeWindow()
{
    auto window = std::make_unique<MainWindow>();
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get()))
        qWarning("the main window was not exposed");
    return window;
}

} // namespace

class TestHostileInputs : public QObject
{
    Q_OBJECT

private slots:
    void opensEachWithABanner_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("said");
        // Cassettes, as a folder's http/cassette.yaml.
        QTest::newRow("deep YAML") << u"deep-yaml-10000.yaml"_s << u"nesting deeper than 1000 levels"_s;
        QTest::newRow("billion laughs") << u"billion-laughs-6.yaml"_s << u"aliases that expand to more than"_s;
        // Archives as they are.
        QTest::newRow("overlapping entries") << u"overlap-bomb.zip"_s << u"overlap"_s;
        QTest::newRow("deep recipe") << u"recipe-deep.zip"_s << u"nesting deeper than 1000 levels"_s;
        QTest::newRow("file and folder") << u"file-dir-clash.zip"_s << u"uses it as a folder"_s;
        QTest::newRow("duplicate names") << u"dup-manifest.zip"_s << u"duplicate entry names"_s;
        QTest::newRow("no manifest") << u"no-manifest.zip"_s << u"no manifest.json"_s;
    }

    void opensEachWithABanner()
    {
        QFETCH(QString, file);
        QFETCH(QString, said);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = file.endsWith(u".yaml"_s) ? cassetteFolder(dir, file) : hostile(file);
        auto window = makeWindow();
        QVERIFY(openAndSettle(*window, path));
        const QString banners = visibleBanners(*window);
        QVERIFY2(banners.contains(said), qPrintable(banners));
        QVERIFY(window->isVisible());

        // The window carries on: the sample opens in it afterwards, whole.
        QSignalSpy indexed(window.get(), &MainWindow::timelineIndexed);
        window->openSampleRecording();
        QVERIFY(indexed.wait(20000));
        QCOMPARE(window->timelinePanel()->model()->totalCount(), 41);
    }

    void detailPanesOfHostileEvents()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        auto window = makeWindow();

        // An anchor of the first interaction used by the second: its body, as the timeline read it.
        QVERIFY(openAndSettle(*window, cassetteFolder(dir, u"alias-min.yaml"_s)));
        // The folder has no manifest (said so), but the cassette read without a fault.
        QVERIFY2(!visibleBanners(*window).contains(u"alias"_s), qPrintable(visibleBanners(*window)));
        QCOMPARE(window->timelinePanel()->model()->totalCount(), 2);
        QVERIFY(selectEvent(*window, 1));
        const HttpDetail &second = window->detailStack()->httpPane()->detail();
        QVERIFY2(!second.error, qPrintable(second.error ? second.error->message : QString()));
        QCOMPARE(second.exchange.responseBody, std::optional<QByteArray>("hello"));

        // gzip inside gzip of 500 MiB: the pane shows the body within one cap, the window stays usable.
        QVERIFY(openAndSettle(*window, cassetteFolder(dir, u"gzbomb1.yaml"_s)));
        QVERIFY(selectEvent(*window, 0, 120000));
        QVERIFY(window->isVisible());

        // Terminal escapes in a URI are data, shown in the table as they were recorded.
        QVERIFY(openAndSettle(*window, cassetteFolder(dir, u"esc-cassette.yaml"_s)));
        QCOMPARE(window->timelinePanel()->model()->totalCount(), 1);
        QVERIFY(selectEvent(*window, 0));
    }

    void filterBarReportsNestingAndMatchLimit()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        auto window = makeWindow();
        QVERIFY(openAndSettle(*window, cassetteFolder(dir, u"redos25.yaml"_s)));
        FilterBar *bar = window->timelinePanel()->filterBar();
        TimelineModel *model = window->timelinePanel()->model();

        bar->setFilterText(QString(20000, u'('));
        QVERIFY(bar->filterError());
        QVERIFY2(bar->filterError()->message.contains(u"nesting deeper than 1000 levels"_s),
            qPrintable(bar->filterError()->message));
        bar->setFilterText(QString(20000, u'-') + u"kind:http"_s);
        QVERIFY(bar->filterError());

        bar->setFilterText(u"url:~\"(a+)+c|a!\""_s);
        QTRY_VERIFY(!model->isFilterPending());
        QTRY_VERIFY(bar->filterError());
        QVERIFY2(bar->filterError()->message.contains(u"match limit"_s), qPrintable(bar->filterError()->message));

        // A good filter afterwards applies.
        bar->setFilterText(u"kind:http"_s);
        QTRY_VERIFY(!model->isFilterPending());
        QVERIFY(!bar->filterError());
        QCOMPARE(model->rowCount(), 1);
    }
};

TAPEDECK_GUI_TEST_MAIN(TestHostileInputs)
#include "tst_hostileinputs.moc"
