// SPDX-License-Identifier: MIT
// The AWS shared files (~/.aws/config, ~/.aws/credentials) read as botocore reads them: Python's
// RawConfigParser (strict, '#' and ';' comment lines, '=' or ':', indented continuation lines) plus
// botocore's nested sections ("s3 =" followed by indented "key = value" lines).
#pragma once

#include "core/common/result.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace tapedeck {

struct IniOption
{
    QString name; // lower-cased, as configparser's optionxform leaves it
    QString value; // continuation lines joined with '\n', trailing whitespace removed
    int line = 0; // 1-based line of the "name = value" line
    QList<int> lines; // the line of each line of value (value.split('\n')), for messages
};

struct IniSection
{
    QString name; // between the brackets, as written (case and inner spaces kept)
    int line = 0;
    QList<IniOption> options; // in file order, each name once ([DEFAULT]'s options appended last)

    const IniOption *option(QStringView name) const;
};

class IniFile
{
    Q_DECLARE_TR_FUNCTIONS(IniFile)

public:
    QString path; // as given, for messages
    bool exists = false;
    QList<IniSection> sections; // without [DEFAULT], whose options every section inherits

    // A missing file is an empty IniFile with exists false; an unreadable or malformed one an
    // InvalidInput error naming the file and the line.
    static Result<IniFile> read(const QString &path);
    static Result<IniFile> parse(const QByteArray &text, const QString &path);

    // The last section of that name (configparser refuses duplicates, so there is at most one).
    const IniSection *section(QStringView name) const;

    // botocore's _parse_nested for a value that starts with a line break: "key = value" lines, keys and
    // values trimmed (keys keep their case). A line without '=' is an InvalidInput error naming the file and
    // the option's line.
    static Result<QList<QPair<QString, QString>>> nested(const IniOption &option, const QString &path);
};

} // namespace tapedeck
