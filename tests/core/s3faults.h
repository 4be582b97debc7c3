// SPDX-License-Identifier: MIT
// What the S3 client and download tests share: tests/tools/faultproxy.py between client and server, and a
// ProgressReporter made of lambdas.
#pragma once

#include "core/common/progress.h"
#include "core/storage/s3client.h"

#include <QProcess>
#include <QStringList>
#include <QTcpServer>

#include <functional>

namespace tapedeck::test {

// Retries that keep a test short: a few attempts, milliseconds apart.
inline S3RetryPolicy quickRetries(int attempts = 3)
{
    S3RetryPolicy policy;
    policy.attempts = attempts;
    policy.firstDelayMs = 10;
    policy.maxDelayMs = 40;
    return policy;
}

// Relays to a server on loopback and misbehaves as faultproxy.py's --mode says (drop, cut, stall, corrupt,
// status) for the first `times` connections (-1: all), after `after` bytes of each answer.
class FaultProxy
{
public:
    ~FaultProxy() { stop(); }

    bool start(quint16 targetPort, const QString &mode, qint64 after = 0, int times = -1,
        const QStringList &extra = {})
    {
        m_process.setProgram(QStringLiteral("/usr/bin/python3"));
        m_process.setArguments(QStringList { QStringLiteral(TAPEDECK_TEST_TOOLS "/faultproxy.py"),
                                   QStringLiteral("--target"), QStringLiteral("127.0.0.1:%1").arg(targetPort),
                                   QStringLiteral("--mode"), mode, QStringLiteral("--after"),
                                   QString::number(after), QStringLiteral("--times"), QString::number(times) }
            + extra);
        m_process.start();
        if (!m_process.waitForStarted(10'000))
            return false;
        while (!m_process.canReadLine()) {
            if (!m_process.waitForReadyRead(10'000))
                return false;
        }
        const QByteArray line = m_process.readLine().trimmed();
        if (!line.startsWith("listening "))
            return false;
        m_port = quint16(line.mid(10).toUInt());
        return m_port != 0;
    }
    void stop()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.closeWriteChannel(); // the proxy ends when its stdin closes
            if (!m_process.waitForFinished(5'000)) {
                m_process.kill();
                m_process.waitForFinished(5'000);
            }
        }
    }
    quint16 port() const { return m_port; }
    QString endpoint() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_port); }
    // Every event line so far ("connection 3", "fault 3 drop").
    QStringList events()
    {
        m_process.waitForReadyRead(50);
        while (m_process.canReadLine())
            m_events.append(QString::fromUtf8(m_process.readLine().trimmed()));
        return m_events;
    }
    int count(const QString &prefix)
    {
        int n = 0;
        for (const QString &event : events())
            n += event.startsWith(prefix) ? 1 : 0;
        return n;
    }

private:
    QProcess m_process;
    quint16 m_port = 0;
    QStringList m_events;
};

// A port on loopback where nothing listens (taken and given back).
inline quint16 closedPort()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost);
    const quint16 port = server.serverPort();
    server.close();
    return port;
}

class LambdaProgress : public ProgressReporter
{
public:
    std::function<void(qint64 done, qint64 total)> onProgress;
    std::function<bool()> cancelled;
    qint64 last = -1;
    bool monotonic = true;

    void setProgress(qint64 done, qint64 total) override
    {
        monotonic = monotonic && done >= last;
        last = done;
        if (onProgress)
            onProgress(done, total);
    }
    bool isCancelled() const override { return cancelled && cancelled(); }
};

} // namespace tapedeck::test
