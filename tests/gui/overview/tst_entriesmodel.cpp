// SPDX-License-Identifier: MIT
// Tests EntriesModel: model invariants under QAbstractItemModelTester, cell texts, roles, the real sample.
#include "ui/overview/entriesmodel.h"
#include "guitestmain.h"

#include <QAbstractItemModelTester>
#include <QIcon>
#include <QTest>

using namespace tapedeck;

namespace {

EntryCheck entry(const QString &name, ChecksumState state, qint64 size = 1000, qint64 stored = 400)
{
    EntryCheck c;
    c.entry.name = name;
    c.entry.size = size;
    c.entry.storedSize = stored;
    c.entry.method = QStringLiteral("lzma");
    c.entry.encryption = QStringLiteral("aes-256");
    c.checksum = state;
    return c;
}

QList<EntryCheck> oneOfEach()
{
    QList<EntryCheck> list;
    EntryCheck ok = entry(QStringLiteral("http/cassette.yaml"), ChecksumState::Ok, 36737, 7724);
    ok.expected = ok.actual = QStringLiteral("b541929a");
    list << ok;
    EntryCheck mismatch = entry(QStringLiteral("db/queries.jsonl"), ChecksumState::Mismatch);
    mismatch.expected = QStringLiteral("aaaa1111");
    mismatch.actual = QStringLiteral("bbbb2222");
    list << mismatch;
    EntryCheck missing;
    missing.entry.name = QStringLiteral("db/missing.jsonl");
    missing.checksum = ChecksumState::Missing;
    missing.expected = QStringLiteral("cccc3333");
    list << missing;
    EntryCheck unlisted = entry(QStringLiteral("manifest.json"), ChecksumState::Unlisted, 1512, 1512);
    unlisted.entry.method = QStringLiteral("store");
    unlisted.entry.encryption = QStringLiteral("none");
    list << unlisted;
    EntryCheck unreadable = entry(QStringLiteral("recipe.yaml"), ChecksumState::Unreadable);
    unreadable.problem = QStringLiteral("authentication failed (HMAC mismatch)");
    list << unreadable;
    return list;
}

} // namespace

class TestEntriesModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }
    void passesModelTester();
    void cellTexts();
    void checksumStates_data();
    void checksumStates();
    void missingEntryHasNoSizes();
    void toolTipsExplainState();
    void headers();
    void sampleRecording();
};

void TestEntriesModel::passesModelTester()
{
    EntriesModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    model.setEntries(oneOfEach());
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(model.columnCount(), int(EntriesModel::ColumnCount));
    // Table models have no children anywhere.
    QCOMPARE(model.rowCount(model.index(0, 0)), 0);
    model.setEntries({});
    QCOMPARE(model.rowCount(), 0);
}

void TestEntriesModel::cellTexts()
{
    EntriesModel model;
    model.setEntries(oneOfEach());
    QCOMPARE(
        model.index(0, EntriesModel::NameColumn).data().toString(), QStringLiteral("http/cassette.yaml"));
    QCOMPARE(model.index(0, EntriesModel::SizeColumn).data().toString(), QStringLiteral("35.9 KiB"));
    QCOMPARE(model.index(0, EntriesModel::StoredSizeColumn).data().toString(), QStringLiteral("7.5 KiB"));
    QCOMPARE(model.index(0, EntriesModel::MethodColumn).data().toString(), QStringLiteral("LZMA"));
    QCOMPARE(model.index(0, EntriesModel::EncryptionColumn).data().toString(), QStringLiteral("AES-256"));
    QCOMPARE(model.index(3, EntriesModel::MethodColumn).data().toString(), QStringLiteral("stored"));
    QCOMPARE(model.index(3, EntriesModel::EncryptionColumn).data().toString(), QStringLiteral("none"));
    // Sizes sort and align as numbers.
    QCOMPARE(model.index(0, EntriesModel::SizeColumn).data(EntriesModel::SortRole).toLongLong(), 36737);
    QCOMPARE(model.index(0, EntriesModel::SizeColumn).data(Qt::TextAlignmentRole).toInt()
            & Qt::AlignHorizontal_Mask,
        int(Qt::AlignRight));
    QCOMPARE(model.index(0, EntriesModel::NameColumn).data(Qt::TextAlignmentRole).toInt()
            & Qt::AlignHorizontal_Mask,
        int(Qt::AlignLeft));
}

void TestEntriesModel::checksumStates_data()
{
    QTest::addColumn<int>("row");
    QTest::addColumn<int>("state");
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("highlighted");
    QTest::addRow("ok") << 0 << int(ChecksumState::Ok) << QStringLiteral("OK") << false;
    QTest::addRow("mismatch") << 1 << int(ChecksumState::Mismatch) << QStringLiteral("Mismatch") << true;
    QTest::addRow("missing") << 2 << int(ChecksumState::Missing) << QStringLiteral("Missing") << true;
    QTest::addRow("unlisted") << 3 << int(ChecksumState::Unlisted) << QStringLiteral("Not listed") << false;
    QTest::addRow("unreadable") << 4 << int(ChecksumState::Unreadable) << QStringLiteral("Unreadable")
                                << true;
}

void TestEntriesModel::checksumStates()
{
    QFETCH(int, row);
    QFETCH(int, state);
    QFETCH(QString, text);
    QFETCH(bool, highlighted);

    EntriesModel model;
    model.setEntries(oneOfEach());
    const QModelIndex cell = model.index(row, EntriesModel::ChecksumColumn);
    QCOMPARE(cell.data().toString(), text);
    QCOMPARE(cell.data(EntriesModel::ChecksumStateRole).toInt(), state);
    // Every state carries its own marker; icons differ between states.
    const QIcon icon = cell.data(Qt::DecorationRole).value<QIcon>();
    QVERIFY(!icon.isNull());
    QVERIFY(!icon.pixmap(16, 16).isNull());
    for (int other = 0; other < model.rowCount(); ++other) {
        if (other == row)
            continue;
        const QIcon otherIcon
            = model.index(other, EntriesModel::ChecksumColumn).data(Qt::DecorationRole).value<QIcon>();
        QVERIFY(otherIcon.pixmap(16, 16).toImage() != icon.pixmap(16, 16).toImage());
    }
    // Only the other columns' icons stay empty.
    QVERIFY(!model.index(row, EntriesModel::NameColumn).data(Qt::DecorationRole).isValid());
    // Problems are coloured, healthy and unverifiable entries are not.
    QCOMPARE(cell.data(Qt::ForegroundRole).isValid(), highlighted);
}

void TestEntriesModel::missingEntryHasNoSizes()
{
    EntriesModel model;
    model.setEntries(oneOfEach());
    for (int column : { EntriesModel::SizeColumn, EntriesModel::StoredSizeColumn, EntriesModel::MethodColumn,
             EntriesModel::EncryptionColumn })
        QCOMPARE(model.index(2, column).data().toString(), QStringLiteral("—"));
    QCOMPARE(model.index(2, EntriesModel::NameColumn).data().toString(), QStringLiteral("db/missing.jsonl"));
}

void TestEntriesModel::toolTipsExplainState()
{
    EntriesModel model;
    model.setEntries(oneOfEach());
    const QString mismatch = model.index(1, EntriesModel::ChecksumColumn).data(Qt::ToolTipRole).toString();
    QVERIFY2(mismatch.contains(QStringLiteral("aaaa1111")) && mismatch.contains(QStringLiteral("bbbb2222")),
        qPrintable(mismatch));
    const QString unreadable = model.index(4, EntriesModel::ChecksumColumn).data(Qt::ToolTipRole).toString();
    QVERIFY2(unreadable.contains(QStringLiteral("HMAC mismatch")), qPrintable(unreadable));
    const QString missing = model.index(2, EntriesModel::ChecksumColumn).data(Qt::ToolTipRole).toString();
    QVERIFY2(missing.contains(QStringLiteral("cccc3333")), qPrintable(missing));
    const QString size = model.index(0, EntriesModel::SizeColumn).data(Qt::ToolTipRole).toString();
    QVERIFY2(size.contains(QLocale().toString(36737)), qPrintable(size));
}

void TestEntriesModel::headers()
{
    EntriesModel model;
    QStringList titles;
    for (int column = 0; column < model.columnCount(); ++column)
        titles << model.headerData(column, Qt::Horizontal).toString();
    QCOMPARE(titles,
        (QStringList { QStringLiteral("Name"), QStringLiteral("Size"), QStringLiteral("Stored"),
            QStringLiteral("Method"), QStringLiteral("Encryption"), QStringLiteral("Checksum") }));
    QVERIFY(!model.headerData(0, Qt::Vertical).isValid());
}

void TestEntriesModel::sampleRecording()
{
    auto source = RecordingSource::open(QStringLiteral(TAPEDECK_SAMPLES "/sample-recording.zip"));
    QVERIFY2(source.ok(), source.ok() ? "" : qPrintable(source.error().message));
    QVERIFY(source.value()->unlock(QStringLiteral("tapedeck-sample")).ok());
    const Result<Recording> recording = Recording::load(*source.value());
    QVERIFY(recording.ok());

    EntriesModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setEntries(recording->entries);

    QStringList names;
    QStringList states;
    for (int row = 0; row < model.rowCount(); ++row) {
        names << model.index(row, EntriesModel::NameColumn).data().toString();
        states << model.index(row, EntriesModel::ChecksumColumn).data().toString();
        QCOMPARE(
            model.index(row, EntriesModel::EncryptionColumn).data().toString(), QStringLiteral("AES-256"));
        QCOMPARE(model.index(row, EntriesModel::MethodColumn).data().toString(), QStringLiteral("LZMA"));
    }
    QCOMPARE(names,
        (QStringList { QStringLiteral("manifest.json"), QStringLiteral("recipe.yaml"),
            QStringLiteral("http/cassette.yaml"), QStringLiteral("db/queries.jsonl") }));
    // DataHub's manifest lists checksums for the data files only.
    QCOMPARE(states,
        (QStringList { QStringLiteral("Not listed"), QStringLiteral("Not listed"), QStringLiteral("OK"),
            QStringLiteral("OK") }));
    QCOMPARE(model.index(2, EntriesModel::SizeColumn).data(EntriesModel::SortRole).toLongLong(), 36737);
}

TAPEDECK_GUI_TEST_MAIN(TestEntriesModel)
#include "tst_entriesmodel.moc"
