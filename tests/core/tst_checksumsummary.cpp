// SPDX-License-Identifier: MIT
// Tests ChecksumSummary, the checksum tally behind the GUI's status bar and `tapedeck-cli info`: every state
// counted, folders left out, missing files counted but not present, and the bundled sample as loaded.
#include "core/recording/checksumsummary.h"
#include "core/recording/recordingsource.h"
#include "testsupport.h"

#include <QTest>

using namespace tapedeck;

namespace {

EntryCheck entry(const QString &name, ChecksumState state, bool directory = false)
{
    EntryCheck check;
    check.entry.name = name;
    check.entry.isDirectory = directory;
    check.checksum = state;
    return check;
}

} // namespace

Q_DECLARE_METATYPE(QList<EntryCheck>)

class TestChecksumSummary : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void counts_data();
    void counts();
    void agreesWithRecording();
    void sampleRecording();
};

void TestChecksumSummary::counts_data()
{
    QTest::addColumn<QList<EntryCheck>>("entries");
    QTest::addColumn<ChecksumSummary>("expected");
    QTest::addColumn<int>("present");
    QTest::addColumn<int>("listed");
    QTest::addColumn<bool>("allOk");

    const EntryCheck manifest = entry(QStringLiteral("manifest.json"), ChecksumState::Unlisted);
    const EntryCheck cassette = entry(QStringLiteral("http/cassette.yaml"), ChecksumState::Ok);
    const EntryCheck queries = entry(QStringLiteral("db/queries.jsonl"), ChecksumState::Ok);

    QTest::addRow("empty") << QList<EntryCheck>() << ChecksumSummary {} << 0 << 0 << true;
    QTest::addRow("healthy") << QList<EntryCheck> { manifest, cassette, queries }
                             << ChecksumSummary { 3, 2, 0, 0, 0, 1 } << 3 << 2 << true;
    QTest::addRow("nothing listed") << QList<EntryCheck> { manifest } << ChecksumSummary { 1, 0, 0, 0, 0, 1 }
                                    << 1 << 0 << true;
    QTest::addRow("folders left out")
        << QList<EntryCheck> { entry(QStringLiteral("http/"), ChecksumState::Unlisted, true), cassette }
        << ChecksumSummary { 1, 1, 0, 0, 0, 0 } << 1 << 1 << true;
    QTest::addRow("mismatch") << QList<EntryCheck> { manifest, cassette,
        entry(QStringLiteral("db/queries.jsonl"), ChecksumState::Mismatch) }
                              << ChecksumSummary { 3, 1, 1, 0, 0, 1 } << 3 << 2 << false;
    QTest::addRow("missing") << QList<EntryCheck> { manifest, cassette,
        entry(QStringLiteral("db/queries.jsonl"), ChecksumState::Missing) }
                             << ChecksumSummary { 3, 1, 0, 1, 0, 1 } << 2 << 2 << false;
    QTest::addRow("unreadable") << QList<EntryCheck> { manifest,
        entry(QStringLiteral("http/cassette.yaml"), ChecksumState::Unreadable), queries }
                                << ChecksumSummary { 3, 1, 0, 0, 1, 1 } << 3 << 2 << false;
    QTest::addRow("every problem at once")
        << QList<EntryCheck> { entry(QStringLiteral("a"), ChecksumState::Mismatch),
               entry(QStringLiteral("b"), ChecksumState::Missing),
               entry(QStringLiteral("c"), ChecksumState::Unreadable), cassette }
        << ChecksumSummary { 4, 1, 1, 1, 1, 0 } << 3 << 4 << false;
}

void TestChecksumSummary::counts()
{
    QFETCH(QList<EntryCheck>, entries);
    QFETCH(ChecksumSummary, expected);
    QFETCH(int, present);
    QFETCH(int, listed);
    QFETCH(bool, allOk);
    const ChecksumSummary summary = ChecksumSummary::of(entries);
    QCOMPARE(summary.files, expected.files);
    QCOMPARE(summary.ok, expected.ok);
    QCOMPARE(summary.mismatched, expected.mismatched);
    QCOMPARE(summary.missing, expected.missing);
    QCOMPARE(summary.unreadable, expected.unreadable);
    QCOMPARE(summary.unlisted, expected.unlisted);
    QVERIFY(summary == expected);
    QCOMPARE(summary.present(), present);
    QCOMPARE(summary.listed(), listed);
    QCOMPARE(summary.allOk(), allOk);
    QCOMPARE(summary.problems(), expected.mismatched + expected.missing + expected.unreadable);
}

void TestChecksumSummary::agreesWithRecording()
{
    Recording recording;
    recording.entries = { entry(QStringLiteral("manifest.json"), ChecksumState::Unlisted),
        entry(QStringLiteral("http/cassette.yaml"), ChecksumState::Ok) };
    QVERIFY(recording.checksumsOk());
    recording.entries.append(entry(QStringLiteral("db/queries.jsonl"), ChecksumState::Missing));
    QVERIFY(!recording.checksumsOk());
    QCOMPARE(recording.checksumsOk(), ChecksumSummary::of(recording.entries).allOk());
}

void TestChecksumSummary::sampleRecording()
{
    Result<std::unique_ptr<RecordingSource>> source = RecordingSource::open(test::samplePath());
    QVERIFY(source);
    QVERIFY((*source)->unlock(test::SamplePassword));
    const Result<Recording> recording = Recording::load(**source);
    QVERIFY(recording);
    // The sample: the cassette and the queries listed and intact; manifest and recipe never listed.
    QCOMPARE(ChecksumSummary::of(recording->entries), (ChecksumSummary { 4, 2, 0, 0, 0, 2 }));
}

QTEST_GUILESS_MAIN(TestChecksumSummary)
#include "tst_checksumsummary.moc"
