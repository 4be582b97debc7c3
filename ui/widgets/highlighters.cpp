// SPDX-License-Identifier: MIT
// Hand-written lexers for JSON, YAML, SQL and XML, one text block (line) at a time; block states carry
// multi-line strings, comments and block scalars across lines.
#include "ui/widgets/highlighters.h"

#include "ui/widgets/themecolors.h"

#include <QSet>

namespace tapedeck {

namespace {

QTextCharFormat makeFormat(const QColor &colour, bool bold = false, bool italic = false)
{
    QTextCharFormat format;
    format.setForeground(colour);
    if (bold)
        format.setFontWeight(QFont::Bold);
    if (italic)
        format.setFontItalic(true);
    return format;
}

bool isIdentifierChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'_' || c == u'$';
}

// Index just past a quoted run that starts at `i` (the opening quote), or text.size() when it does not end
// on this line. `backslash`: backslash escapes (JSON, YAML double quotes); `doubled`: '' escapes (SQL).
qsizetype endOfQuoted(
    const QString &text, qsizetype i, QChar quote, bool backslash, bool doubled, bool *closed)
{
    for (qsizetype j = i + 1; j < text.size(); ++j) {
        const QChar c = text[j];
        if (backslash && c == u'\\') {
            ++j;
        } else if (c == quote) {
            if (doubled && j + 1 < text.size() && text[j + 1] == quote) {
                ++j;
                continue;
            }
            *closed = true;
            return j + 1;
        }
    }
    *closed = false;
    return text.size();
}

} // namespace

namespace {

SyntaxTheme themeOf(const ThemeColors::SyntaxColors &c)
{
    SyntaxTheme t;
    const auto set = [&t](SyntaxStyle s, const QTextCharFormat &f) { t.formats[size_t(s)] = f; };
    set(SyntaxStyle::Key, makeFormat(c.key));
    set(SyntaxStyle::String, makeFormat(c.string));
    set(SyntaxStyle::Number, makeFormat(c.number));
    set(SyntaxStyle::Literal, makeFormat(c.literal));
    set(SyntaxStyle::Keyword, makeFormat(c.keyword, true));
    set(SyntaxStyle::Function, makeFormat(c.function));
    set(SyntaxStyle::Identifier, makeFormat(c.identifier));
    set(SyntaxStyle::Parameter, makeFormat(c.parameter, true));
    set(SyntaxStyle::Punctuation, makeFormat(c.punctuation));
    set(SyntaxStyle::Comment, makeFormat(c.comment, false, true));
    set(SyntaxStyle::Tag, makeFormat(c.tag));
    set(SyntaxStyle::Attribute, makeFormat(c.attribute));
    set(SyntaxStyle::Entity, makeFormat(c.entity));
    return t;
}

} // namespace

SyntaxTheme SyntaxTheme::light()
{
    return themeOf(ThemeColors::syntax(false));
}

SyntaxTheme SyntaxTheme::dark()
{
    return themeOf(ThemeColors::syntax(true));
}

SyntaxTheme SyntaxTheme::forPalette(const QPalette &palette)
{
    return ThemeColors::isDark(palette) ? dark() : light();
}

SyntaxHighlighter::SyntaxHighlighter(QTextDocument *document)
    : QSyntaxHighlighter(document)
    , m_theme(SyntaxTheme::light())
{ }

void SyntaxHighlighter::setTheme(const SyntaxTheme &theme)
{
    m_theme = theme;
    rehighlight();
}

void SyntaxHighlighter::apply(qsizetype start, qsizetype length, SyntaxStyle style)
{
    if (length > 0)
        setFormat(int(start), int(length), m_theme.format(style));
}

// --- JSON ------------------------------------------------------------------------------------------------

void JsonHighlighter::highlightBlock(const QString &text)
{
    const qsizetype n = text.size();
    qsizetype i = 0;
    while (i < n) {
        const QChar c = text[i];
        if (c == u'"') {
            bool closed = false;
            const qsizetype end = endOfQuoted(text, i, u'"', true, false, &closed);
            qsizetype j = end;
            while (j < n && text[j].isSpace())
                ++j;
            apply(i, end - i, j < n && text[j] == u':' ? SyntaxStyle::Key : SyntaxStyle::String);
            i = end;
        } else if (c.isDigit() || c == u'-') {
            qsizetype j = i + 1;
            while (j < n
                && (text[j].isDigit() || text[j] == u'.' || text[j] == u'e' || text[j] == u'E'
                    || text[j] == u'+' || text[j] == u'-'))
                ++j;
            // Python writes -Infinity too.
            if (j == i + 1 && c == u'-' && QStringView(text).sliced(j).startsWith(u"Infinity"))
                j += 8;
            apply(i, j - i, SyntaxStyle::Number);
            i = j;
        } else if (c.isLetter()) {
            qsizetype j = i + 1;
            while (j < n && text[j].isLetter())
                ++j;
            const QStringView word = QStringView(text).sliced(i, j - i);
            if (word == u"true" || word == u"false" || word == u"null")
                apply(i, j - i, SyntaxStyle::Literal);
            else if (word == u"NaN" || word == u"Infinity")
                apply(i, j - i, SyntaxStyle::Number);
            i = j;
        } else if (c == u'{' || c == u'}' || c == u'[' || c == u']' || c == u',' || c == u':') {
            apply(i, 1, SyntaxStyle::Punctuation);
            ++i;
        } else {
            ++i;
        }
    }
}

// --- YAML ------------------------------------------------------------------------------------------------

namespace {

enum YamlState {
    YamlNormal = -1,
    YamlDoubleQuoted = 1, // a double-quoted scalar continues on the next line
    YamlSingleQuoted = 2,
    YamlBlockScalar = 1000, // + the indentation of the line that introduced it
};

bool isYamlLiteral(QStringView word)
{
    static const QSet<QString> literals { QStringLiteral("true"), QStringLiteral("false"),
        QStringLiteral("null"), QStringLiteral("yes"), QStringLiteral("no"), QStringLiteral("on"),
        QStringLiteral("off"), QStringLiteral("~") };
    return literals.contains(word.toString().toLower());
}

bool isYamlNumber(QStringView word)
{
    if (word.isEmpty())
        return false;
    bool ok = false;
    (void)word.toDouble(&ok); // only whether it parses matters
    if (ok)
        return true;
    return word.startsWith(u"0x") || word == u".inf" || word == u"-.inf" || word == u".nan";
}

} // namespace

// A plain or quoted scalar starting at i; returns the index after it (and after a key's ':').
qsizetype YamlHighlighter::scalar(const QString &text, qsizetype i, bool flow)
{
    const qsizetype n = text.size();
    const QChar c = text[i];
    if (c == u'"' || c == u'\'') {
        bool closed = false;
        const qsizetype end = endOfQuoted(text, i, c, c == u'"', c == u'\'', &closed);
        qsizetype j = end;
        while (j < n && text[j] == u' ')
            ++j;
        const bool key = closed && j < n && text[j] == u':' && (j + 1 == n || text[j + 1].isSpace());
        apply(i, end - i, key ? SyntaxStyle::Key : SyntaxStyle::String);
        if (!closed)
            setCurrentBlockState(c == u'"' ? YamlDoubleQuoted : YamlSingleQuoted);
        if (key) {
            apply(j, 1, SyntaxStyle::Punctuation);
            return j + 1;
        }
        return end;
    }
    // Plain scalar: up to ": ", " #", or (in flow context) a flow indicator.
    qsizetype j = i;
    while (j < n) {
        const QChar d = text[j];
        if (d == u':'
            && (j + 1 == n || text[j + 1].isSpace()
                || (flow && (text[j + 1] == u',' || text[j + 1] == u'}'))))
            break;
        if (d == u'#' && j > i && text[j - 1].isSpace())
            break;
        if (flow && (d == u',' || d == u'}' || d == u']' || d == u'{' || d == u'['))
            break;
        ++j;
    }
    qsizetype end = j;
    while (end > i && text[end - 1].isSpace())
        --end;
    const bool key = j < n && text[j] == u':';
    const QStringView word = QStringView(text).sliced(i, end - i);
    if (key) {
        apply(i, end - i, SyntaxStyle::Key);
        apply(j, 1, SyntaxStyle::Punctuation);
        return j + 1;
    }
    if (isYamlLiteral(word))
        apply(i, end - i, SyntaxStyle::Literal);
    else if (isYamlNumber(word))
        apply(i, end - i, SyntaxStyle::Number);
    else
        apply(i, end - i, SyntaxStyle::String);
    return j;
}

void YamlHighlighter::highlightBlock(const QString &text)
{
    const qsizetype n = text.size();
    qsizetype indent = 0;
    while (indent < n && text[indent] == u' ')
        ++indent;
    setCurrentBlockState(YamlNormal);

    qsizetype i = 0;
    const int previous = previousBlockState();
    if (previous >= YamlBlockScalar) {
        const qsizetype parentIndent = previous - YamlBlockScalar;
        if (indent == n || indent > parentIndent) { // blank lines and deeper lines belong to the scalar
            apply(0, n, SyntaxStyle::String);
            setCurrentBlockState(previous);
            return;
        }
    } else if (previous == YamlDoubleQuoted || previous == YamlSingleQuoted) {
        const QChar quote = previous == YamlDoubleQuoted ? u'"' : u'\'';
        bool closed = false;
        // Start "before" the text so that the scan begins at index 0.
        const qsizetype end
            = endOfQuoted(QChar(quote) + text, 0, quote, quote == u'"', quote == u'\'', &closed) - 1;
        apply(0, end, SyntaxStyle::String);
        if (!closed) {
            setCurrentBlockState(previous);
            return;
        }
        i = end;
    }

    if (i == 0 && (text.startsWith(u"---") || text.startsWith(u"...")) && (n == 3 || text[3].isSpace())) {
        apply(0, 3, SyntaxStyle::Keyword);
        i = 3;
    }
    if (i == 0 && text.startsWith(u'%')) { // directive
        apply(0, n, SyntaxStyle::Keyword);
        return;
    }
    int flowDepth = 0;
    while (i < n) {
        const QChar c = text[i];
        if (c.isSpace()) {
            ++i;
        } else if (c == u'#' && (i == 0 || text[i - 1].isSpace())) {
            apply(i, n - i, SyntaxStyle::Comment);
            return;
        } else if ((c == u'-' || c == u'?') && (i + 1 == n || text[i + 1].isSpace())) {
            apply(i, 1, SyntaxStyle::Punctuation);
            ++i;
        } else if (c == u'{' || c == u'[') {
            ++flowDepth;
            apply(i++, 1, SyntaxStyle::Punctuation);
        } else if (c == u'}' || c == u']' || (c == u',' && flowDepth > 0)) {
            if (c != u',')
                flowDepth = std::max(0, flowDepth - 1);
            apply(i++, 1, SyntaxStyle::Punctuation);
        } else if (c == u'!' || c == u'&' || c == u'*') { // tag, anchor, alias
            qsizetype j = i + 1;
            while (j < n && !text[j].isSpace() && text[j] != u',' && text[j] != u']' && text[j] != u'}')
                ++j;
            apply(i, j - i, SyntaxStyle::Tag);
            i = j;
        } else if ((c == u'|' || c == u'>') && flowDepth == 0) {
            qsizetype j = i + 1;
            while (j < n && (text[j] == u'-' || text[j] == u'+' || text[j].isDigit()))
                ++j;
            apply(i, j - i, SyntaxStyle::Punctuation);
            // The scalar's lines are the following ones indented deeper than this line's content.
            setCurrentBlockState(YamlBlockScalar + int(indent));
            i = j;
        } else {
            i = scalar(text, i, flowDepth > 0);
            if (currentBlockState() == YamlDoubleQuoted || currentBlockState() == YamlSingleQuoted)
                return;
        }
    }
}

// --- SQL -------------------------------------------------------------------------------------------------

namespace {

enum SqlState { SqlNormal = -1, SqlInString = 1, SqlInComment = 2, SqlInIdentifier = 3 };

const QSet<QString> &sqlKeywords()
{
    static const QSet<QString> keywords = [] {
        QSet<QString> set;
        for (const char *word : { "ADD", "ALL", "ALTER", "AND", "ANY", "AS", "ASC", "BEGIN", "BETWEEN", "BY",
                 "CASCADE", "CASE", "CAST", "CHECK", "COLUMN", "COMMIT", "CONSTRAINT", "CREATE", "CROSS",
                 "CURRENT", "DATABASE", "DEFAULT", "DELETE", "DESC", "DESCRIBE", "DISTINCT", "DROP", "ELSE",
                 "END", "ESCAPE", "EXCEPT", "EXISTS", "EXPLAIN", "FETCH", "FIRST", "FOLLOWING", "FOR",
                 "FOREIGN", "FROM", "FULL", "GRANT", "GROUP", "HAVING", "IF", "ILIKE", "IN", "INDEX", "INNER",
                 "INSERT", "INTERSECT", "INTERVAL", "INTO", "IS", "JOIN", "KEY", "LATERAL", "LEFT", "LIKE",
                 "LIMIT", "MERGE", "NATURAL", "NEXT", "NOT", "NULLS", "OF", "OFFSET", "ON", "ONLY", "OR",
                 "ORDER", "OUTER", "OVER", "PARTITION", "PRECEDING", "PRIMARY", "QUALIFY", "RANGE",
                 "RECURSIVE", "REFERENCES", "REPLACE", "RETURNING", "RIGHT", "ROLLBACK", "ROW", "ROWS",
                 "SCHEMA", "SELECT", "SET", "SHOW", "TABLE", "TABLES", "TEMPORARY", "THEN", "TO", "TOP",
                 "TRUNCATE", "UNBOUNDED", "UNION", "UNIQUE", "UPDATE", "USE", "USING", "VALUES", "VIEW",
                 "WHEN", "WHERE", "WINDOW", "WITH", "WITHIN" })
            set.insert(QString::fromLatin1(word));
        return set;
    }();
    return keywords;
}

} // namespace

void SqlHighlighter::highlightBlock(const QString &text)
{
    const qsizetype n = text.size();
    qsizetype i = 0;
    setCurrentBlockState(SqlNormal);
    const int previous = previousBlockState();
    const auto continueQuoted = [&](QChar quote, SyntaxStyle style, int state) {
        bool closed = false;
        const qsizetype end = endOfQuoted(QChar(quote) + text, 0, quote, false, true, &closed) - 1;
        apply(0, end, style);
        if (!closed)
            setCurrentBlockState(state);
        i = end;
        return closed;
    };
    if (previous == SqlInString && !continueQuoted(u'\'', SyntaxStyle::String, SqlInString))
        return;
    if (previous == SqlInIdentifier && !continueQuoted(u'"', SyntaxStyle::Identifier, SqlInIdentifier))
        return;
    if (previous == SqlInComment) {
        const qsizetype end = text.indexOf(u"*/");
        if (end < 0) {
            apply(0, n, SyntaxStyle::Comment);
            setCurrentBlockState(SqlInComment);
            return;
        }
        apply(0, end + 2, SyntaxStyle::Comment);
        i = end + 2;
    }
    while (i < n) {
        const QChar c = text[i];
        const QChar next = i + 1 < n ? text[i + 1] : QChar();
        if (c == u'-' && next == u'-') {
            apply(i, n - i, SyntaxStyle::Comment);
            return;
        }
        if (c == u'/' && next == u'*') {
            const qsizetype end = text.indexOf(u"*/", i + 2);
            if (end < 0) {
                apply(i, n - i, SyntaxStyle::Comment);
                setCurrentBlockState(SqlInComment);
                return;
            }
            apply(i, end + 2 - i, SyntaxStyle::Comment);
            i = end + 2;
        } else if (c == u'\'' || c == u'"' || c == u'`') {
            bool closed = false;
            const qsizetype end = endOfQuoted(text, i, c, false, true, &closed);
            apply(i, end - i, c == u'\'' ? SyntaxStyle::String : SyntaxStyle::Identifier);
            if (!closed && c != u'`') {
                setCurrentBlockState(c == u'\'' ? SqlInString : SqlInIdentifier);
                return;
            }
            i = end;
        } else if (c == u'%' && (next == u's' || next == u'(' || next == u'd')) {
            qsizetype j = i + 1;
            if (next == u'(') {
                const qsizetype close = text.indexOf(u')', j);
                j = close < 0 ? n : close + 1;
            }
            if (j < n && text[j].isLetter())
                ++j;
            apply(i, j - i, SyntaxStyle::Parameter);
            i = j;
        } else if (c == u'?'
            || ((c == u':' || c == u'$' || c == u'@') && (next.isLetterOrNumber() || next == u'_')
                && !(c == u':' && i > 0 && text[i - 1] == u':'))) {
            qsizetype j = i + 1;
            while (j < n && isIdentifierChar(text[j]))
                ++j;
            apply(i, j - i, SyntaxStyle::Parameter);
            i = j;
        } else if (c.isDigit() && (i == 0 || !isIdentifierChar(text[i - 1]))) {
            qsizetype j = i + 1;
            while (j < n && (text[j].isDigit() || text[j] == u'.' || text[j] == u'e' || text[j] == u'E'))
                ++j;
            apply(i, j - i, SyntaxStyle::Number);
            i = j;
        } else if (c.isLetter() || c == u'_') {
            qsizetype j = i + 1;
            while (j < n && isIdentifierChar(text[j]))
                ++j;
            const QString word = text.sliced(i, j - i).toUpper();
            qsizetype k = j;
            while (k < n && text[k] == u' ')
                ++k;
            if (word == u"NULL" || word == u"TRUE" || word == u"FALSE")
                apply(i, j - i, SyntaxStyle::Literal);
            else if (k < n && text[k] == u'(' && !sqlKeywords().contains(word))
                apply(i, j - i, SyntaxStyle::Function);
            else if (sqlKeywords().contains(word))
                apply(i, j - i, SyntaxStyle::Keyword);
            i = j;
        } else if (c == u'(' || c == u')' || c == u',' || c == u';' || c == u'.' || c == u'=' || c == u'<'
            || c == u'>' || c == u'*' || c == u'+' || c == u'/' || c == u'|') {
            apply(i++, 1, SyntaxStyle::Punctuation);
        } else {
            ++i;
        }
    }
}

// --- XML -------------------------------------------------------------------------------------------------

namespace {

enum XmlState {
    XmlText = -1,
    XmlInComment = 1,
    XmlInTag = 2, // between the element name and '>' (attributes may span lines)
    XmlInCData = 3,
    XmlInValueDouble = 4, // an attribute value continues on the next line
    XmlInValueSingle = 5,
    XmlInInstruction = 6,
};

bool isNameChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'_' || c == u':' || c == u'-' || c == u'.';
}

} // namespace

void XmlHighlighter::highlightBlock(const QString &text)
{
    const qsizetype n = text.size();
    qsizetype i = 0;
    int state = previousBlockState() < 0 ? XmlText : previousBlockState();
    // Ends a construct closed by `terminator`, or colours the rest of the line and keeps the state.
    const auto until = [&](QStringView terminator, SyntaxStyle style) {
        const qsizetype end = text.indexOf(terminator, i);
        if (end < 0) {
            apply(i, n - i, style);
            i = n;
            return false;
        }
        apply(i, end + terminator.size() - i, style);
        i = end + terminator.size();
        return true;
    };
    while (i < n) {
        switch (state) {
        case XmlInComment:
            if (until(u"-->", SyntaxStyle::Comment))
                state = XmlText;
            break;
        case XmlInCData:
            if (until(u"]]>", SyntaxStyle::String))
                state = XmlText;
            break;
        case XmlInInstruction:
            if (until(u"?>", SyntaxStyle::Keyword))
                state = XmlText;
            break;
        case XmlInValueDouble:
        case XmlInValueSingle:
            if (until(state == XmlInValueDouble ? u"\"" : u"'", SyntaxStyle::String))
                state = XmlInTag;
            break;
        case XmlInTag: {
            const QChar c = text[i];
            if (c == u'>') {
                apply(i++, 1, SyntaxStyle::Punctuation);
                state = XmlText;
            } else if (c == u'/' && i + 1 < n && text[i + 1] == u'>') {
                apply(i, 2, SyntaxStyle::Punctuation);
                i += 2;
                state = XmlText;
            } else if (c == u'"' || c == u'\'') {
                ++i;
                apply(i - 1, 1, SyntaxStyle::String);
                state = c == u'"' ? XmlInValueDouble : XmlInValueSingle;
            } else if (isNameChar(c)) {
                qsizetype j = i + 1;
                while (j < n && isNameChar(text[j]))
                    ++j;
                apply(i, j - i, SyntaxStyle::Attribute);
                i = j;
            } else {
                if (c == u'=')
                    apply(i, 1, SyntaxStyle::Punctuation);
                ++i;
            }
            break;
        }
        default: { // text content
            const QStringView rest = QStringView(text).sliced(i);
            if (rest.startsWith(u"<!--")) {
                state = XmlInComment;
                apply(i, 4, SyntaxStyle::Comment);
                i += 4;
            } else if (rest.startsWith(u"<![CDATA[")) {
                state = XmlInCData;
                apply(i, 9, SyntaxStyle::Keyword);
                i += 9;
            } else if (rest.startsWith(u"<?") || rest.startsWith(u"<!")) {
                state = XmlInInstruction;
                apply(i, 2, SyntaxStyle::Keyword);
                i += 2;
                if (rest.startsWith(u"<!")) { // <!DOCTYPE …>
                    if (until(u">", SyntaxStyle::Keyword))
                        state = XmlText;
                }
            } else if (text[i] == u'<') {
                qsizetype j = i + 1;
                if (j < n && text[j] == u'/')
                    ++j;
                apply(i, j - i, SyntaxStyle::Punctuation);
                qsizetype k = j;
                while (k < n && isNameChar(text[k]))
                    ++k;
                apply(j, k - j, SyntaxStyle::Tag);
                i = k;
                state = XmlInTag;
            } else if (text[i] == u'&') {
                const qsizetype end = text.indexOf(u';', i);
                const qsizetype j = end < 0 || end - i > 12 ? i + 1 : end + 1;
                apply(i, j - i, SyntaxStyle::Entity);
                i = j;
            } else {
                ++i;
            }
            break;
        }
        }
    }
    setCurrentBlockState(state == XmlText ? -1 : state);
}

// --- factory ---------------------------------------------------------------------------------------------

SyntaxHighlighter *createHighlighter(SyntaxLanguage language, QTextDocument *document)
{
    switch (language) {
    case SyntaxLanguage::Json:
        return new JsonHighlighter(document);
    case SyntaxLanguage::Yaml:
        return new YamlHighlighter(document);
    case SyntaxLanguage::Sql:
        return new SqlHighlighter(document);
    case SyntaxLanguage::Xml:
        return new XmlHighlighter(document);
    case SyntaxLanguage::None:
        break;
    }
    return nullptr;
}

SyntaxLanguage languageFor(const QString &contentType, QStringView text)
{
    const QString type = contentType.section(u';', 0, 0).trimmed().toLower();
    if (type.contains(u"json"))
        return SyntaxLanguage::Json;
    if (type.contains(u"xml") || type == u"text/html")
        return SyntaxLanguage::Xml;
    if (type.contains(u"yaml") || type.contains(u"yml"))
        return SyntaxLanguage::Yaml;
    if (type.contains(u"sql"))
        return SyntaxLanguage::Sql;
    const QStringView start = text.left(256).trimmed();
    if (start.startsWith(u'{') || start.startsWith(u'['))
        return SyntaxLanguage::Json;
    if (start.startsWith(u'<'))
        return SyntaxLanguage::Xml;
    return SyntaxLanguage::None;
}

} // namespace tapedeck
