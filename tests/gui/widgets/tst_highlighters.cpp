// SPDX-License-Identifier: MIT
// Tests the built-in highlighters: which characters of JSON, YAML, SQL and XML samples get which token
// style (including constructs spanning lines), the light and dark themes, and language detection.
#include "ui/widgets/highlighters.h"
#include "guitestmain.h"
#include "timelinesupport.h"

#include <QPalette>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>

using namespace tapedeck;

Q_DECLARE_METATYPE(tapedeck::SyntaxLanguage)
Q_DECLARE_METATYPE(tapedeck::SyntaxStyle)

namespace {

// The style drawn at every character of the document, as a string of one letter per character (a space
// for none, a newline between blocks), so that a test can show what it expects.
QString styleMap(SyntaxLanguage language, const QString &text)
{
    QTextDocument document;
    document.setPlainText(text);
    SyntaxHighlighter *highlighter = createHighlighter(language, &document);
    highlighter->rehighlight();
    const SyntaxTheme &theme = highlighter->theme();
    static const char letters[] = "KSNLWFIPpCTAE"; // in SyntaxStyle order
    QString out;
    for (QTextBlock block = document.begin(); block.isValid(); block = block.next()) {
        QString line(block.length() - 1, QLatin1Char(' '));
        for (const QTextLayout::FormatRange &range : block.layout()->formats()) {
            QChar letter = QLatin1Char('?');
            for (int s = 0; s < int(SyntaxStyle::Count); ++s) {
                if (range.format == theme.format(SyntaxStyle(s)))
                    letter = QLatin1Char(letters[s]);
            }
            for (int i = range.start; i < range.start + range.length && i < line.size(); ++i)
                line[i] = letter;
        }
        if (!out.isEmpty() || block != document.begin())
            out += QLatin1Char('\n');
        out += line;
    }
    return out;
}

} // namespace

class TestHighlighters : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void styles_data();
    void styles();
    void themesFollowPalette();
    void languageDetection();
};

void TestHighlighters::styles_data()
{
    QTest::addColumn<SyntaxLanguage>("language");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    // K key, S string, N number, L literal, W keyword, F function, I identifier, P parameter,
    // p punctuation, C comment, T tag, A attribute, E entity.
    QTest::addRow("json") << SyntaxLanguage::Json
                          << QStringLiteral("{\"k\": \"v\", \"n\": -1.5e3, \"b\": [true, null]}")
                          << QStringLiteral("pKKKp SSSp KKKp NNNNNNp KKKp pLLLLp LLLLpp");
    QTest::addRow("json escaped quote")
        << SyntaxLanguage::Json << QStringLiteral("\"a\\\"b\": 1") << QStringLiteral("KKKKKKp N");
    QTest::addRow("yaml mapping") << SyntaxLanguage::Yaml << QStringLiteral("key: value # note\n- 12\n- true")
                                  << QStringLiteral("KKKp SSSSS CCCCCC\np NN\np LLLL");
    QTest::addRow("yaml tag and block scalar")
        << SyntaxLanguage::Yaml << QStringLiteral("body: !!binary |\n  aGVsbG8=\n  d29ybGQ=\nnext: 1")
        << QStringLiteral("KKKKp TTTTTTTT p\nSSSSSSSSSS\nSSSSSSSSSS\nKKKKp N");
    QTest::addRow("yaml multi-line quoted")
        << SyntaxLanguage::Yaml << QStringLiteral("s: \"one\n  two\"\nt: x")
        << QStringLiteral("Kp SSSS\nSSSSSS\nKp S");
    QTest::addRow("yaml document and flow")
        << SyntaxLanguage::Yaml << QStringLiteral("---\n{a: 1, b: [x, 'y']}")
        << QStringLiteral("WWW\npKp Np Kp pSp SSSpp");
    QTest::addRow("sql") << SyntaxLanguage::Sql
                         << QStringLiteral("SELECT count(*) FROM t WHERE a = 'it''s' AND b = %(p)s -- c")
                         << QStringLiteral("WWWWWW FFFFFppp WWWW   WWWWW   p SSSSSSS WWW   p PPPPP CCCC");
    QTest::addRow("sql multi-line comment and string")
        << SyntaxLanguage::Sql << QStringLiteral("/* a\nb */ select 'x\ny' , ?, :name, $1 from \"T\"")
        << QStringLiteral("CCCC\nCCCC WWWWWW SS\nSS p Pp PPPPPp PP WWWW III");
    QTest::addRow("xml") << SyntaxLanguage::Xml << QStringLiteral("<a x=\"1\">t&amp;<!-- c\n--></a>")
                         << QStringLiteral("pT ApSSSp EEEEECCCCCC\nCCCppTp");
    QTest::addRow("xml attributes over lines")
        << SyntaxLanguage::Xml << QStringLiteral("<?xml v?>\n<b\n  y='2'/>")
        << QStringLiteral("WWWWWWWWW\npT\n  ApSSSpp");
}

void TestHighlighters::styles()
{
    QFETCH(SyntaxLanguage, language);
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QCOMPARE(styleMap(language, text), expected);
}

void TestHighlighters::themesFollowPalette()
{
    QPalette light;
    light.setColor(QPalette::Window, Qt::white);
    light.setColor(QPalette::WindowText, Qt::black);
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x20, 0x20, 0x20));
    dark.setColor(QPalette::WindowText, QColor(0xee, 0xee, 0xee));
    const SyntaxTheme onLight = SyntaxTheme::forPalette(light);
    const SyntaxTheme onDark = SyntaxTheme::forPalette(dark);
    for (int s = 0; s < int(SyntaxStyle::Count); ++s) {
        const QColor l = onLight.format(SyntaxStyle(s)).foreground().color();
        const QColor d = onDark.format(SyntaxStyle(s)).foreground().color();
        QVERIFY(l != d);
        // Readable: dark colours on the light background, light ones on the dark background.
        QVERIFY2(l.lightness() < 160, qPrintable(l.name()));
        QVERIFY2(d.lightness() > 90, qPrintable(d.name()));
    }
    // Switching the theme re-colours the document.
    QTextDocument document;
    document.setPlainText(QStringLiteral("{\"k\": 1}"));
    SyntaxHighlighter *h = createHighlighter(SyntaxLanguage::Json, &document);
    h->setTheme(onDark);
    const QList<QTextLayout::FormatRange> formats = document.begin().layout()->formats();
    QVERIFY(std::any_of(formats.begin(), formats.end(), [&](const QTextLayout::FormatRange &r) {
        return r.format.foreground().color() == onDark.format(SyntaxStyle::Key).foreground().color();
    }));
    QCOMPARE(h->language(), SyntaxLanguage::Json);
    QCOMPARE(createHighlighter(SyntaxLanguage::None, &document), nullptr);
}

void TestHighlighters::languageDetection()
{
    QCOMPARE(languageFor(QStringLiteral("application/json; charset=utf-8")), SyntaxLanguage::Json);
    QCOMPARE(languageFor(QStringLiteral("application/vnd.api+json")), SyntaxLanguage::Json);
    QCOMPARE(languageFor(QStringLiteral("text/xml")), SyntaxLanguage::Xml);
    QCOMPARE(languageFor(QStringLiteral("application/atom+xml")), SyntaxLanguage::Xml);
    QCOMPARE(languageFor(QStringLiteral("application/x-yaml")), SyntaxLanguage::Yaml);
    QCOMPARE(languageFor(QStringLiteral("application/sql")), SyntaxLanguage::Sql);
    QCOMPARE(languageFor(QString(), u"  [1, 2]"), SyntaxLanguage::Json);
    QCOMPARE(languageFor(QStringLiteral("text/plain"), u"<html>"), SyntaxLanguage::Xml);
    QCOMPARE(languageFor(QStringLiteral("text/plain"), u"hello"), SyntaxLanguage::None);
}

TAPEDECK_GUI_TEST_MAIN(TestHighlighters)
#include "tst_highlighters.moc"
