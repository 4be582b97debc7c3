// SPDX-License-Identifier: MIT
// Built-in syntax highlighters for the detail panes (JSON, YAML, SQL, XML): Debian 12 ships
// KSyntaxHighlighting only for Qt 5. Colours follow the palette (a light and a dark theme).
#pragma once

#include <QSyntaxHighlighter>
#include <QTextCharFormat>

#include <array>

namespace tapedeck {

enum class SyntaxLanguage { None, Json, Yaml, Sql, Xml };

// The token classes every highlighter draws with.
enum class SyntaxStyle {
    Key, // JSON object keys, YAML mapping keys
    String,
    Number,
    Literal, // true, false, null (and YAML's ~, yes/no)
    Keyword, // SQL keywords, XML processing instructions, YAML document markers
    Function, // SQL function names
    Identifier, // SQL quoted identifiers
    Parameter, // SQL placeholders: %s, %(name)s, ?, :name, $1
    Punctuation,
    Comment,
    Tag, // XML element names, YAML tags (!!binary), anchors and aliases
    Attribute, // XML attribute names
    Entity, // XML entities (&amp;)
    Count
};

struct SyntaxTheme
{
    std::array<QTextCharFormat, size_t(SyntaxStyle::Count)> formats;

    const QTextCharFormat &format(SyntaxStyle style) const { return formats[size_t(style)]; }
    static SyntaxTheme light();
    static SyntaxTheme dark();
    static SyntaxTheme forPalette(const QPalette &palette);
};

class SyntaxHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT

public:
    explicit SyntaxHighlighter(QTextDocument *document);

    // Changes the colours (e.g. when the palette switches between light and dark) and re-highlights.
    void setTheme(const SyntaxTheme &theme);
    const SyntaxTheme &theme() const { return m_theme; }
    virtual SyntaxLanguage language() const = 0;

protected:
    void apply(qsizetype start, qsizetype length, SyntaxStyle style);

private:
    SyntaxTheme m_theme;
};

class JsonHighlighter final : public SyntaxHighlighter
{
    Q_OBJECT
public:
    using SyntaxHighlighter::SyntaxHighlighter;
    SyntaxLanguage language() const override { return SyntaxLanguage::Json; }

protected:
    void highlightBlock(const QString &text) override;
};

class YamlHighlighter final : public SyntaxHighlighter
{
    Q_OBJECT
public:
    using SyntaxHighlighter::SyntaxHighlighter;
    SyntaxLanguage language() const override { return SyntaxLanguage::Yaml; }

protected:
    void highlightBlock(const QString &text) override;

private:
    qsizetype scalar(const QString &text, qsizetype i, bool flow);
};

class SqlHighlighter final : public SyntaxHighlighter
{
    Q_OBJECT
public:
    using SyntaxHighlighter::SyntaxHighlighter;
    SyntaxLanguage language() const override { return SyntaxLanguage::Sql; }

protected:
    void highlightBlock(const QString &text) override;
};

class XmlHighlighter final : public SyntaxHighlighter
{
    Q_OBJECT
public:
    using SyntaxHighlighter::SyntaxHighlighter;
    SyntaxLanguage language() const override { return SyntaxLanguage::Xml; }

protected:
    void highlightBlock(const QString &text) override;
};

// A highlighter for `language` attached to `document` (owned by the document), or nullptr for None.
SyntaxHighlighter *createHighlighter(SyntaxLanguage language, QTextDocument *document);

// The language of a body by its content type, else by a look at its first characters.
SyntaxLanguage languageFor(const QString &contentType, QStringView text = {});

} // namespace tapedeck
