// SPDX-License-Identifier: MIT
// Shared plumbing of tapedeck-cli: output streams, colour, option groups, password acquisition, exit codes.
#pragma once

#include "core/archive/extractionlimits.h"
#include "core/archive/passwordsources.h"
#include "core/common/result.h"
#include "core/recording/filterexpression.h"
#include "core/storage/awsconfig.h"

#include <QCommandLineParser>
#include <QHash>
#include <QCoreApplication>

#include <functional>
#include <memory>
#include <optional>

namespace tapedeck {

class RecordingSource;

class Cli
{
    Q_DECLARE_TR_FUNCTIONS(Cli)

public:
    enum class Colour { None, Red, Yellow, Green, Bold, Dim };

    Cli();

    void out(const QString &text) const;
    void out(QByteArrayView utf8) const; // text already in UTF-8
    void err(const QString &text) const;
    // Wraps text in an ANSI colour when stdout is a terminal and NO_COLOR is unset.
    QString paint(const QString &text, Colour colour) const;

    // Left-aligned columns; colours[i] (optional) paints column i after padding so widths stay right. Cells
    // are recorded values: their control characters are escaped (escapeControls()).
    QString table(const QList<QStringList> &rows,
        const QList<std::function<Colour(const QString &)>> &colours = {}, int indent = 2) const;

    // Prints "tapedeck-cli: <message>" on stderr and returns the exit code for the error. The message is
    // one line: messages quote recorded values, so control characters, newlines included, are escaped.
    int fail(const Error &error) const;
    // fail() for a filter error, whose lines are meant: the message, the expression and the caret line
    // (FilterError::formatted()), each line escaped.
    int failFilter(const Error &error) const;
    // A usage error: one line naming the problem and where the help is; exit code 2.
    int usage(const QString &message) const;
    // Prints "tapedeck-cli: warning: <message>" on stderr, escaped as fail() escapes.
    void warn(const QString &message) const;

    // Option groups shared by several commands.
    static void addPasswordOptions(QCommandLineParser &parser);
    // --profile, --region, --endpoint-url, --no-cache: how an s3:// source is reached (DESIGN.md §8).
    static void addS3Options(QCommandLineParser &parser);
    static S3Options s3Options(const QCommandLineParser &parser);
    static void addLimitOptions(QCommandLineParser &parser);
    static PasswordOptions passwordOptions(const QCommandLineParser &parser);
    // Parses --max-entry-size/--max-total-size/--max-ratio; an error message on bad values (NaN,
    // infinities, negative numbers, fractions of a byte).
    static Result<ExtractionLimits> limits(const QCommandLineParser &parser);
    // A count or index given on the command line: decimal digits only (no sign, fraction or exponent).
    static std::optional<qint64> parseCount(const QString &text);
    // Whether argument is one of the shared options above that takes its value from the next argument
    // ("--max-ratio", not "--max-ratio=2").
    static bool isSharedValueOption(const QString &argument);

    // The --filter expression of a command (an empty filter when the option is absent); a bad expression
    // is a Usage error whose message carries the caret line.
    static Result<FilterExpression> filter(
        const QCommandLineParser &parser, const QCommandLineOption &option);

    // Resolves the password sources in order and unlocks the source; asks on the terminal (up to three
    // times) when no source is set and stdin is a terminal. A no-op for unencrypted sources.
    Status unlock(RecordingSource &source, const PasswordOptions &options) const;
    // A local file for a source argument: an s3://bucket/key object is downloaded (into the cache, or with
    // --no-cache into a temporary file removed when the command ends) with progress on a terminal and
    // Ctrl+C to cancel; anything else is returned as given. A prefix (s3://bucket/prefix/) is a Usage error.
    Result<QString> localSource(const QString &argument, const S3Options &s3) const;
    // Opens an archive or folder and unlocks it with unlock().
    Result<std::unique_ptr<RecordingSource>> openUnlocked(
        const QString &path, const PasswordOptions &options) const;
    // A password for a new archive: sources in order, else a confirmed prompt.
    Result<QString> newPassword(const PasswordOptions &options) const;

    // Parses a command's arguments, handling --help. Returns an exit code when the command must stop.
    std::optional<int> parse(QCommandLineParser &parser, const QStringList &arguments) const;

    ~Cli();
    Q_DISABLE_COPY_MOVE(Cli)

private:
    bool m_colour = false;
    mutable QStringList m_temporaries; // --no-cache downloads, removed by the destructor
    mutable QHash<QString, QString> m_downloadNames; // local file of a download → the key's file name
};

} // namespace tapedeck
