// SPDX-License-Identifier: MIT
// Tests S3Location: s3:// addresses parsed and refused as S3 and the AWS CLI would, and printed back.
#include "core/storage/s3location.h"

#include <QTest>

using namespace tapedeck;

class TestS3Location : public QObject
{
    Q_OBJECT

private slots:
    void isS3Url_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("expected");
        QTest::addRow("lower") << QStringLiteral("s3://bucket/key") << true;
        QTest::addRow("upper") << QStringLiteral("S3://bucket/key") << true;
        QTest::addRow("mixed") << QStringLiteral("s3://") << true;
        QTest::addRow("one slash") << QStringLiteral("s3:/bucket/key") << false;
        QTest::addRow("https") << QStringLiteral("https://bucket.s3.amazonaws.com/key") << false;
        QTest::addRow("path") << QStringLiteral("/tmp/s3://x") << false;
        QTest::addRow("empty") << QString() << false;
    }

    void isS3Url()
    {
        QFETCH(QString, text);
        QFETCH(bool, expected);
        QCOMPARE(S3Location::isS3Url(text), expected);
    }

    void parse_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("bucket");
        QTest::addColumn<QString>("key");
        QTest::addColumn<bool>("prefix");
        QTest::addColumn<QString>("printed");
        QTest::addColumn<QString>("fileName");
        QTest::addRow("object") << QStringLiteral("s3://my-bucket/recordings/recording-1.zip")
                                << QStringLiteral("my-bucket") << QStringLiteral("recordings/recording-1.zip")
                                << false << QStringLiteral("s3://my-bucket/recordings/recording-1.zip")
                                << QStringLiteral("recording-1.zip");
        QTest::addRow("upper-case scheme")
            << QStringLiteral("S3://bucket/a.zip") << QStringLiteral("bucket") << QStringLiteral("a.zip")
            << false << QStringLiteral("s3://bucket/a.zip") << QStringLiteral("a.zip");
        QTest::addRow("bucket only") << QStringLiteral("s3://bucket") << QStringLiteral("bucket") << QString()
                                     << true << QStringLiteral("s3://bucket/") << QStringLiteral("bucket");
        QTest::addRow("bucket slash")
            << QStringLiteral("s3://bucket/") << QStringLiteral("bucket") << QString() << true
            << QStringLiteral("s3://bucket/") << QStringLiteral("bucket");
        QTest::addRow("prefix") << QStringLiteral("s3://bucket/runs/2024/") << QStringLiteral("bucket")
                                << QStringLiteral("runs/2024/") << true
                                << QStringLiteral("s3://bucket/runs/2024/") << QStringLiteral("2024");
        QTest::addRow("dotted bucket") << QStringLiteral("s3://my.bucket.example/k")
                                       << QStringLiteral("my.bucket.example") << QStringLiteral("k") << false
                                       << QStringLiteral("s3://my.bucket.example/k") << QStringLiteral("k");
        // Buckets made in us-east-1 before 2018 may hold upper-case letters and '_'; the AWS CLI takes them.
        QTest::addRow("legacy bucket")
            << QStringLiteral("s3://My_Bucket/k") << QStringLiteral("My_Bucket") << QStringLiteral("k")
            << false << QStringLiteral("s3://My_Bucket/k") << QStringLiteral("k");
        // Keys are taken as written, like the AWS CLI: no percent-decoding, '?' and '#' are part of the key,
        // and a leading '/' makes a key that starts with '/'.
        QTest::addRow("odd key") << QStringLiteral("s3://bucket/a b/c+d%20e?f#g é/~!*()'")
                                 << QStringLiteral("bucket") << QStringLiteral("a b/c+d%20e?f#g é/~!*()'")
                                 << false << QStringLiteral("s3://bucket/a b/c+d%20e?f#g é/~!*()'")
                                 << QStringLiteral("~!*()'");
        QTest::addRow("leading slash key")
            << QStringLiteral("s3://bucket//abs") << QStringLiteral("bucket") << QStringLiteral("/abs")
            << false << QStringLiteral("s3://bucket//abs") << QStringLiteral("abs");
        QTest::addRow("1024-byte key")
            << QStringLiteral("s3://bucket/") + QString(1024, u'k') << QStringLiteral("bucket")
            << QString(1024, u'k') << false << QStringLiteral("s3://bucket/") + QString(1024, u'k')
            << QString(1024, u'k');
        QTest::addRow("512 two-byte characters")
            << QStringLiteral("s3://bucket/") + QString(512, QChar(0xe9)) << QStringLiteral("bucket")
            << QString(512, QChar(0xe9)) << false
            << QStringLiteral("s3://bucket/") + QString(512, QChar(0xe9)) << QString(512, QChar(0xe9));
        QTest::addRow("3-character bucket")
            << QStringLiteral("s3://abc/x") << QStringLiteral("abc") << QStringLiteral("x") << false
            << QStringLiteral("s3://abc/x") << QStringLiteral("x");
    }

    void parse()
    {
        QFETCH(QString, url);
        QFETCH(QString, bucket);
        QFETCH(QString, key);
        QFETCH(bool, prefix);
        QFETCH(QString, printed);
        QFETCH(QString, fileName);
        const Result<S3Location> location = S3Location::parse(url);
        QVERIFY2(location.ok(), qPrintable(location.ok() ? QString() : location.error().message));
        QCOMPARE(location->bucket, bucket);
        QCOMPARE(location->key, key);
        QCOMPARE(location->isPrefix(), prefix);
        QCOMPARE(location->toString(), printed);
        QCOMPARE(location->fileName(), fileName);
        // What toString prints parses back to the same location.
        const Result<S3Location> again = S3Location::parse(location->toString());
        QVERIFY(again.ok());
        QCOMPARE(again->bucket, bucket);
        QCOMPARE(again->key, key);
    }

    void refuse_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("why"); // a part of the message
        QTest::addRow("no scheme") << QStringLiteral("bucket/key") << QStringLiteral("s3://");
        QTest::addRow("http") << QStringLiteral("http://bucket/key") << QStringLiteral("s3://");
        QTest::addRow("no bucket") << QStringLiteral("s3://") << QStringLiteral("no bucket");
        QTest::addRow("empty bucket") << QStringLiteral("s3:///key") << QStringLiteral("no bucket");
        QTest::addRow("short bucket") << QStringLiteral("s3://ab/key") << QStringLiteral("at least 3");
        QTest::addRow("long bucket") << QStringLiteral("s3://") + QString(256, u'b')
                                     << QStringLiteral("at most 255");
        QTest::addRow("space in bucket") << QStringLiteral("s3://my bucket/k") << QStringLiteral("not  ");
        QTest::addRow("bang in bucket") << QStringLiteral("s3://bucket!/k") << QStringLiteral("not !");
        QTest::addRow("colon in bucket") << QStringLiteral("s3://host:9000/k") << QStringLiteral("not :");
        QTest::addRow("non-ASCII bucket") << QStringLiteral("s3://bücket/k") << QStringLiteral("not ü");
        QTest::addRow("leading dash")
            << QStringLiteral("s3://-bucket/k") << QStringLiteral("begins and ends");
        QTest::addRow("trailing dot")
            << QStringLiteral("s3://bucket./k") << QStringLiteral("begins and ends");
        QTest::addRow("two dots") << QStringLiteral("s3://my..bucket/k")
                                  << QStringLiteral("adjacent periods");
        QTest::addRow("key too long")
            << QStringLiteral("s3://bucket/") + QString(1025, u'k') << QStringLiteral("1025 bytes");
        QTest::addRow("key too long in UTF-8")
            << QStringLiteral("s3://bucket/k") + QString(512, QChar(0xe9)) << QStringLiteral("1025 bytes");
        QTest::addRow("newline in key") << QStringLiteral("s3://bucket/a\nb") << QStringLiteral("U+000A");
        QTest::addRow("tab in key") << QStringLiteral("s3://bucket/a\tb") << QStringLiteral("U+0009");
        QTest::addRow("escape in key")
            << QStringLiteral("s3://bucket/a\x1b[31mb") << QStringLiteral("U+001B");
        QTest::addRow("DEL in key") << QStringLiteral("s3://bucket/a\x7f") << QStringLiteral("U+007F");
        QTest::addRow("C1 in key") << QStringLiteral("s3://bucket/a") + QChar(0x85)
                                   << QStringLiteral("U+0085");
        QTest::addRow("control in bucket") << QStringLiteral("s3://buc\x01ket/k") << QStringLiteral("U+0001");
    }

    void refuse()
    {
        QFETCH(QString, url);
        QFETCH(QString, why);
        const Result<S3Location> location = S3Location::parse(url);
        QVERIFY(!location.ok());
        QCOMPARE(location.error().code, ErrorCode::Usage);
        QVERIFY2(location.error().message.contains(why), qPrintable(location.error().message));
        // The message is one line and shows control characters escaped, never raw.
        QVERIFY2(!location.error().message.contains(u'\n'), qPrintable(location.error().message));
        QVERIFY(!location.error().message.contains(QChar(0x1b)));
    }
};

QTEST_GUILESS_MAIN(TestS3Location)
#include "tst_s3location.moc"
