// SPDX-License-Identifier: MIT
// What the replay's end-to-end tests share: a tapedeck-cli replay serving until interrupted (its endpoints
// read from the export lines it prints), and a process result described for a failure message.
#pragma once

#include "testsupport.h"

#include <QHash>
#include <QProcess>
#include <QRegularExpression>

#include <csignal>

namespace tapedeck::test {

inline QString describe(const ProcessResult &r)
{
    return QStringLiteral("exit %1\n--- stdout\n%2\n--- stderr\n%3")
        .arg(r.exitCode)
        .arg(QString::fromUtf8(r.out.right(6000)), QString::fromUtf8(r.err.right(6000)));
}

// A tapedeck-cli replay serving until interrupted; the endpoints read from its export lines.
class Serving
{
public:
    ~Serving()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(10'000);
        }
    }
    bool start(const QStringList &arguments, const QProcessEnvironment &env)
    {
        m_process.setProgram(QStringLiteral(TAPEDECK_CLI));
        m_process.setArguments(QStringList { QStringLiteral("replay") } + arguments);
        m_process.setProcessEnvironment(env);
        m_process.start();
        if (!m_process.waitForStarted())
            return false;
        QByteArray seen;
        while (!seen.contains("Serving until interrupted")) {
            if (!m_process.waitForReadyRead(30'000))
                return false;
            seen += m_process.readAllStandardOutput();
        }
        static const QRegularExpression line(QStringLiteral("^export (\\w+)='([^']*)'$"), QRegularExpression::MultilineOption);
        auto it = line.globalMatch(QString::fromUtf8(seen));
        while (it.hasNext()) {
            const auto m = it.next();
            m_vars.insert(m.captured(1), m.captured(2));
        }
        return m_vars.contains(QStringLiteral("TAPEDECK_PROXY_URL"));
    }
    QString var(const QString &name) const { return m_vars.value(name); }
    ProcessResult stop()
    {
        ::kill(pid_t(m_process.processId()), SIGINT);
        ProcessResult r;
        m_process.waitForFinished(30'000);
        r.out = m_process.readAllStandardOutput();
        r.err = m_process.readAllStandardError();
        r.exitCode = m_process.exitCode();
        r.crashed = m_process.exitStatus() == QProcess::CrashExit;
        return r;
    }

private:
    QProcess m_process;
    QHash<QString, QString> m_vars;
};

} // namespace tapedeck::test
