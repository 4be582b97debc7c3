// SPDX-License-Identifier: MIT
// Python's configparser._read (RawConfigParser, strict, default options) transcribed, with botocore's
// _parse_nested. The differences are deliberate leniencies: a UTF-8 byte order mark is skipped (configparser
// would refuse the file), and the first problem is reported with its line.
#include "core/storage/inifile.h"

#include "core/common/controlchars.h"
#include "core/common/utf8.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace tapedeck {

namespace {

// Python's str.isspace(): what str.strip() and the regular expressions' \s take as whitespace.
bool isPythonSpace(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= 0x09 && u <= 0x0d) || (u >= 0x1c && u <= 0x20) || u == 0x85 || u == 0xa0 || u == 0x1680
        || (u >= 0x2000 && u <= 0x200a) || u == 0x2028 || u == 0x2029 || u == 0x202f || u == 0x205f
        || u == 0x3000;
}

QStringView pyStrip(QStringView s)
{
    qsizetype begin = 0;
    qsizetype end = s.size();
    while (begin < end && isPythonSpace(s[begin]))
        ++begin;
    while (end > begin && isPythonSpace(s[end - 1]))
        --end;
    return s.mid(begin, end - begin);
}

QStringView pyRstrip(QStringView s)
{
    qsizetype end = s.size();
    while (end > 0 && isPythonSpace(s[end - 1]))
        --end;
    return s.first(end);
}

// str.splitlines(): the separators Python recognises inside a value.
QList<QStringView> splitLines(QStringView s)
{
    QList<QStringView> lines;
    qsizetype start = 0;
    for (qsizetype i = 0; i < s.size(); ++i) {
        const char16_t u = s[i].unicode();
        const bool separator = u == u'\n' || u == u'\r' || u == 0x0b || u == 0x0c || u == 0x1c || u == 0x1d
            || u == 0x1e || u == 0x85 || u == 0x2028 || u == 0x2029;
        if (!separator)
            continue;
        lines.append(s.mid(start, i - start));
        if (u == u'\r' && i + 1 < s.size() && s[i + 1] == u'\n')
            ++i;
        start = i + 1;
    }
    if (start < s.size())
        lines.append(s.mid(start));
    return lines;
}

QString where(const QString &path, int line)
{
    return IniFile::tr("%1, line %2").arg(QDir::toNativeSeparators(escapeControls(path))).arg(line);
}

struct PendingOption
{
    IniOption option;
    QStringList valueLines;
};

struct PendingSection
{
    IniSection section;
    QList<PendingOption> options;
};

} // namespace

const IniOption *IniSection::option(QStringView name) const
{
    for (const IniOption &o : options) {
        if (o.name == name)
            return &o;
    }
    return nullptr;
}

const IniSection *IniFile::section(QStringView name) const
{
    for (auto it = sections.crbegin(); it != sections.crend(); ++it) {
        if (it->name == name)
            return &*it;
    }
    return nullptr;
}

Result<IniFile> IniFile::read(const QString &path)
{
    IniFile empty;
    empty.path = path;
    const QFileInfo info(path);
    if (!info.exists())
        return empty; // botocore: ConfigNotFound, an empty configuration
    if (!info.isFile())
        return makeError(ErrorCode::InvalidInput,
            tr("%1 is not a regular file.").arg(QDir::toNativeSeparators(escapeControls(path))));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::InvalidInput,
            tr("Cannot read %1: %2.")
                .arg(QDir::toNativeSeparators(escapeControls(path)), file.errorString()));
    // Shared files are a few kilobytes; a bound keeps a wrong path (a device, a huge log) from hurting.
    constexpr qint64 MaxSize = 16 * 1024 * 1024;
    const QByteArray text = file.read(MaxSize + 1);
    if (text.size() > MaxSize)
        return makeError(ErrorCode::InvalidInput,
            tr("%1 is larger than 16 MiB: not an AWS configuration file.")
                .arg(QDir::toNativeSeparators(escapeControls(path))));
    return parse(text, path);
}

Result<IniFile> IniFile::parse(const QByteArray &bytes, const QString &path)
{
    const std::optional<QString> decoded = strictUtf8(bytes);
    if (!decoded)
        return makeError(ErrorCode::InvalidInput,
            tr("%1 is not UTF-8 text.").arg(QDir::toNativeSeparators(escapeControls(path))));
    QString text = *decoded;
    if (text.startsWith(QChar(0xfeff)))
        text.remove(0, 1);
    // Python's text mode: universal newlines.
    text.replace(QLatin1String("\r\n"), QLatin1String("\n"));
    text.replace(u'\r', u'\n');
    const QList<QStringView> lines = QStringView(text).split(u'\n');

    QList<PendingSection> sections;
    PendingSection defaults;
    defaults.section.name = QStringLiteral("DEFAULT");
    PendingSection *current = nullptr;
    qsizetype optionIndex = -1; // configparser's optname: the option continuation lines extend
    qsizetype indentLevel = 0;
    std::optional<Error> parseError; // configparser collects these and raises them at the end

    for (qsizetype i = 0; i < lines.size(); ++i) {
        const int lineNo = int(i + 1);
        const QStringView line = lines.at(i);
        const QStringView stripped = pyStrip(line);
        const bool comment = stripped.startsWith(u'#') || stripped.startsWith(u';');
        const QStringView value = comment ? QStringView() : stripped;
        if (value.isEmpty()) {
            if (!comment && current && optionIndex >= 0) {
                current->options[optionIndex].valueLines.append(QString());
                current->options[optionIndex].option.lines.append(lineNo);
            }
            continue;
        }
        qsizetype indent = 0;
        while (indent < line.size() && isPythonSpace(line[indent]))
            ++indent;
        if (current && optionIndex >= 0 && indent > indentLevel) {
            current->options[optionIndex].valueLines.append(value.toString());
            current->options[optionIndex].option.lines.append(lineNo);
            continue;
        }
        indentLevel = indent;
        // SECTCRE: '[', at least one character, and the last ']' of the line.
        const qsizetype close = value.startsWith(u'[') ? value.lastIndexOf(u']') : -1;
        if (close >= 2) {
            const QString name = value.mid(1, close - 1).toString();
            if (name == QLatin1String("DEFAULT")) {
                current = &defaults;
            } else {
                for (const PendingSection &s : std::as_const(sections)) {
                    if (s.section.name == name)
                        return makeError(ErrorCode::InvalidInput,
                            tr("%1: the section [%2] appears a second time (first on line %3).")
                                .arg(where(path, lineNo), escapeControls(name))
                                .arg(s.section.line));
                }
                sections.append(PendingSection { IniSection { name, lineNo, {} }, {} });
                current = &sections.last();
            }
            optionIndex = -1;
            continue;
        }
        if (!current)
            return makeError(ErrorCode::InvalidInput,
                tr("%1: a line before the first [section] header.").arg(where(path, lineNo)));
        qsizetype delimiter = -1;
        for (qsizetype k = 0; k < value.size(); ++k) {
            if (value[k] == u'=' || value[k] == u':') {
                delimiter = k;
                break;
            }
        }
        const QString name
            = delimiter < 0 ? QString() : pyRstrip(value.first(delimiter)).toString().toLower();
        if (delimiter < 0 || name.isEmpty()) {
            if (!parseError)
                parseError = makeError(ErrorCode::InvalidInput,
                    tr("%1: neither a [section], a comment nor a \"name = value\" line.")
                        .arg(where(path, lineNo)));
            if (delimiter < 0)
                continue; // configparser keeps extending the previous option
        }
        for (const PendingOption &o : std::as_const(current->options)) {
            if (o.option.name == name)
                return makeError(ErrorCode::InvalidInput,
                    tr("%1: \"%2\" is set a second time in [%3] (first on line %4).")
                        .arg(where(path, lineNo), escapeControls(name), escapeControls(current->section.name))
                        .arg(o.option.line));
        }
        PendingOption option;
        option.option.name = name;
        option.option.line = lineNo;
        option.option.lines.append(lineNo);
        option.valueLines.append(pyStrip(value.mid(delimiter + 1)).toString());
        current->options.append(option);
        optionIndex = current->options.size() - 1;
    }
    if (parseError)
        return *parseError;

    const auto finish = [](PendingSection &pending) {
        IniSection section = pending.section;
        for (PendingOption &o : pending.options) {
            o.option.value = pyRstrip(o.valueLines.join(u'\n')).toString();
            section.options.append(o.option);
        }
        return section;
    };
    IniFile file;
    file.path = path;
    file.exists = true;
    const IniSection defaultSection = finish(defaults);
    for (PendingSection &pending : sections) {
        IniSection section = finish(pending);
        for (const IniOption &o : defaultSection.options) {
            if (!section.option(o.name))
                section.options.append(o);
        }
        file.sections.append(section);
    }
    return file;
}

Result<QList<QPair<QString, QString>>> IniFile::nested(const IniOption &option, const QString &path)
{
    QList<QPair<QString, QString>> pairs;
    const QStringList byNewline = option.value.split(u'\n');
    for (qsizetype i = 0; i < byNewline.size(); ++i) {
        // botocore splits with str.splitlines(), which also breaks at \v, \f, \x1c-\x1e, \x85, U+2028/9.
        for (const QStringView line : splitLines(byNewline.at(i))) {
            const QStringView stripped = pyStrip(line);
            if (stripped.isEmpty())
                continue;
            const qsizetype equals = stripped.indexOf(u'=');
            if (equals < 0) {
                const int lineNo = i < option.lines.size() ? option.lines.at(i) : option.line;
                return makeError(ErrorCode::InvalidInput,
                    tr("%1: \"%2\" in the \"%3\" block is not a \"name = value\" line.")
                        .arg(where(path, lineNo), escapeControls(stripped.toString()),
                            escapeControls(option.name)));
            }
            pairs.append(
                { pyStrip(stripped.first(equals)).toString(), pyStrip(stripped.mid(equals + 1)).toString() });
        }
    }
    return pairs;
}

} // namespace tapedeck
