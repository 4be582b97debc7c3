// SPDX-License-Identifier: MIT
// Tests escapeControls(): what is escaped and how (Python's repr() spellings), one-line and multi-line
// text, and text that needs nothing.
#include "core/common/controlchars.h"

#include <QTest>

using namespace tapedeck;

class TestControlChars : public QObject
{
    Q_OBJECT

private slots:
    void escapes_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("oneLine");
        QTest::addColumn<QString>("block");
        const auto row = [](const char *name, const QString &text, const QString &oneLine,
                             const QString &block) { QTest::addRow("%s", name) << text << oneLine << block; };
        row("plain", QStringLiteral("GET /api?x=1 ü € \U0001F600 \\x1b"),
            QStringLiteral("GET /api?x=1 ü € \U0001F600 \\x1b"),
            QStringLiteral("GET /api?x=1 ü € \U0001F600 \\x1b"));
        row("terminal title and clear", QStringLiteral("x\x1b]0;pwned\x07\x1b[2J\rok"),
            QStringLiteral("x\\x1b]0;pwned\\x07\\x1b[2J\\rok"),
            QStringLiteral("x\\x1b]0;pwned\\x07\\x1b[2J\\rok"));
        row("line breaks", QStringLiteral("a\nb\r\nc\td\re"), QStringLiteral("a\\nb\\r\\nc\\td\\re"),
            QStringLiteral("a\nb\r\nc\td\\re"));
        row("nul and del", QString(QChar(0)) + QStringLiteral("\x7f"), QStringLiteral("\\x00\\x7f"),
            QStringLiteral("\\x00\\x7f"));
        row("c1", QStringLiteral("a\u0085b\u009bc"), QStringLiteral("a\\x85b\\x9bc"),
            QStringLiteral("a\\x85b\\x9bc"));
        row("bidi", QStringLiteral("\u202eabc\u2066\u200f\u061c"),
            QStringLiteral("\\u202eabc\\u2066\\u200f\\u061c"),
            QStringLiteral("\\u202eabc\\u2066\\u200f\\u061c"));
        row("line separators", QStringLiteral("a\u2028b\u2029"), QStringLiteral("a\\u2028b\\u2029"),
            QStringLiteral("a\\u2028b\\u2029"));
        row("lone surrogates", QStringLiteral("a") + QChar(0xd800) + QStringLiteral("b") + QChar(0xdc00),
            QStringLiteral("a\\ud800b\\udc00"), QStringLiteral("a\\ud800b\\udc00"));
        row("a cr at the end", QStringLiteral("a\r"), QStringLiteral("a\\r"), QStringLiteral("a\\r"));
        row("empty", QString(), QString(), QString());
    }

    void escapes()
    {
        QFETCH(QString, text);
        QFETCH(QString, oneLine);
        QFETCH(QString, block);
        QCOMPARE(escapeControls(text), oneLine);
        QCOMPARE(escapeControls(text, LineBreaks::Escape), oneLine);
        QCOMPARE(escapeControls(text, LineBreaks::Keep), block);
    }

    // Nothing to escape: the same string comes back, shared, not copied.
    void noCopyWhenNothingToEscape()
    {
        const QString text = QString::fromUtf8("urn:li:dataset:(urn:li:dataPlatform:hive,db.t,PROD) \u00e9");
        QVERIFY(escapeControls(text).isSharedWith(text));
    }
};

QTEST_GUILESS_MAIN(TestControlChars)
#include "tst_controlchars.moc"
