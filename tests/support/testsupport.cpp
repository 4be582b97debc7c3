// SPDX-License-Identifier: MIT
// Test helpers.
#include "testsupport.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

namespace tapedeck::test {

ProcessResult run(const QString &program, const QStringList &arguments, const QString &workingDir,
    const QProcessEnvironment &environment, int timeoutMs)
{
    QProcess process;
    process.setProgram(program);
    process.setArguments(arguments);
    process.setProcessEnvironment(environment);
    if (!workingDir.isEmpty())
        process.setWorkingDirectory(workingDir);
    process.setStandardInputFile(QProcess::nullDevice());
    process.start();
    ProcessResult result;
    if (!process.waitForStarted()) {
        result.err = process.errorString().toUtf8();
        return result;
    }
    process.waitForFinished(timeoutMs);
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    result.crashed = process.exitStatus() == QProcess::CrashExit;
    result.exitCode = process.exitCode();
    return result;
}

QProcessEnvironment cliEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("DATAHUB_RECORDING_PASSWORD"));
    env.remove(QStringLiteral("ADMIN_PASSWORD"));
    env.remove(QStringLiteral("INGESTION_ARTIFACT_DIR"));
    env.insert(QStringLiteral("NO_COLOR"), QStringLiteral("1"));
    // The catalog `list` fills and the S3 download cache: the test process's own, never the user's.
    static const QTemporaryDir home;
    env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("XDG_CACHE_HOME"), home.filePath(QStringLiteral("cache")));
    return env;
}

ProcessResult runCli(const QStringList &arguments, const QProcessEnvironment &extra)
{
    QProcessEnvironment env = cliEnvironment();
    for (const QString &key : extra.keys())
        env.insert(key, extra.value(key));
    return run(QStringLiteral(TAPEDECK_CLI), arguments, {}, env);
}

ProcessResult aeszip(const QStringList &arguments)
{
    return run(QStringLiteral("/usr/bin/python3"),
        QStringList { QStringLiteral(TAPEDECK_TEST_TOOLS "/aeszip.py") } + arguments);
}

ProcessResult oddzip(const QStringList &arguments)
{
    return run(QStringLiteral("/usr/bin/python3"),
        QStringList { QStringLiteral(TAPEDECK_TEST_TOOLS "/oddzip.py") } + arguments);
}

QString sevenZip()
{
    return QStandardPaths::findExecutable(QStringLiteral("7z"));
}

QString samplePath()
{
    return QStringLiteral(TAPEDECK_SAMPLES "/sample-recording.zip");
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(data) == data.size();
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QStringList listFiles(const QString &dir)
{
    QStringList files;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext())
        files.append(QDir(dir).relativeFilePath(it.next()));
    files.sort();
    return files;
}

QByteArray pseudoRandom(qsizetype size, quint64 seed)
{
    QByteArray data(size, Qt::Uninitialized);
    quint64 x = seed | 1;
    for (qsizetype i = 0; i < size; ++i) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        data[i] = char(x >> 24);
    }
    return data;
}

QByteArray jsonLines(qsizetype size, quint64 seed)
{
    static const char *const words[] = { "orders", "customers", "revenue", "dashboard", "Umsätze", "region",
        "snowflake", "schema", "売上", "lineage", "owner", "status" };
    QByteArray out;
    out.reserve(size + 256);
    quint64 x = seed | 1;
    const auto next = [&x] {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        return x;
    };
    for (qint64 row = 0; out.size() < size; ++row) {
        out += "{\"id\": " + QByteArray::number(row) + ", \"name\": \"" + words[next() % 12] + '_'
            + QByteArray::number(next() % 100000) + "\", \"table\": \"" + words[next() % 12]
            + "\", \"rows\": " + QByteArray::number(next() % 1000000) + ", \"updated\": \"2025-11-"
            + QByteArray::number(10 + next() % 18) + "T09:41:07Z\"}\n";
    }
    out.truncate(size);
    return out;
}

} // namespace tapedeck::test
