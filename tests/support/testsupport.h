// SPDX-License-Identifier: MIT
// Helpers shared by the tests: running real peers (7z, Debian's python3, tapedeck-cli) and files.
#pragma once

#include <QByteArray>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace tapedeck::test {

struct ProcessResult
{
    int exitCode = -1;
    bool crashed = false;
    QByteArray out;
    QByteArray err;
};

// Runs a program to completion (up to timeoutMs) and captures both streams. stdin is closed.
ProcessResult run(const QString &program, const QStringList &arguments, const QString &workingDir = {},
    const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment(),
    int timeoutMs = 300000);

// tapedeck-cli from this build, with the password environment variables removed unless given in env.
ProcessResult runCli(const QStringList &arguments, const QProcessEnvironment &extra = {});
// A clean environment for tapedeck-cli: no password variables, no colours.
QProcessEnvironment cliEnvironment();

// Debian's /usr/bin/python3 running tests/tools/aeszip.py (pyzipper 0.3.6 layout writer/reader).
ProcessResult aeszip(const QStringList &arguments);

// Debian's python3 running tests/tools/oddzip.py (Python's zipfile; overlapping, reordered, grown archives).
ProcessResult oddzip(const QStringList &arguments);

// 7-Zip ("7z" from p7zip-full); empty when not installed.
QString sevenZip();

QString samplePath(); // resources/samples/sample-recording.zip
inline const QString SamplePassword = QStringLiteral("tapedeck-sample");

bool writeFile(const QString &path, const QByteArray &data);
QByteArray readFile(const QString &path);
// Every regular file below dir, as relative paths, sorted.
QStringList listFiles(const QString &dir);
// Deterministic pseudo-random bytes (xorshift) so failures reproduce.
QByteArray pseudoRandom(qsizetype size, quint64 seed);
// Realistic, compressible JSON-lines text of about the given size.
QByteArray jsonLines(qsizetype size, quint64 seed);

} // namespace tapedeck::test
