// SPDX-License-Identifier: MIT
// A real S3 server for the storage tests: tests/tools/s3server.js running @20minutes/s3rver (verifies SigV4
// signatures) or s3rver (verifies nothing) from tests/npm on loopback, in a temporary folder; objects are
// put with Debian's AWS CLI (/usr/bin/aws), an independent client.
#pragma once

#include "testsupport.h"

#include "core/storage/awsconfig.h"

#include <QDir>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

namespace tapedeck::test {

class S3TestServer
{
public:
    enum class Flavour { Verify, Plain };
    static constexpr const char *AccessKey = "S3RVER";
    static constexpr const char *SecretKey = "S3RVER";

    ~S3TestServer() { stop(); }

    // Starts the server with these buckets (a port of 0 picks a free one). False, with why in
    // errorString(), when node or the npm peers are missing or it does not come up.
    bool start(Flavour flavour, const QStringList &buckets = { QStringLiteral("recordings") }, quint16 port = 0)
    {
        m_flavour = flavour;
        m_buckets = buckets;
        const QString node = QStandardPaths::findExecutable(QStringLiteral("node"));
        if (node.isEmpty()) {
            m_error = QStringLiteral("node is not installed (packaging/install-deps.sh)");
            return false;
        }
        QStringList arguments { QStringLiteral("--openssl-legacy-provider"),
            QStringLiteral(TAPEDECK_TEST_TOOLS "/s3server.js"), QStringLiteral("--flavour"),
            flavour == Flavour::Verify ? QStringLiteral("verify") : QStringLiteral("plain"), QStringLiteral("--dir"),
            m_dir.path(), QStringLiteral("--port"), QString::number(port) };
        for (const QString &bucket : buckets)
            arguments << QStringLiteral("--bucket") << bucket;
        m_process.setProgram(node);
        m_process.setArguments(arguments);
        m_process.setProcessChannelMode(QProcess::SeparateChannels);
        m_process.start();
        if (!m_process.waitForStarted(10'000)) {
            m_error = QStringLiteral("node did not start: ") + m_process.errorString();
            return false;
        }
        while (!m_process.canReadLine()) {
            if (!m_process.waitForReadyRead(20'000)) {
                m_error = QStringLiteral("the S3 server did not come up: ")
                    + QString::fromUtf8(m_process.readAllStandardError());
                stop();
                return false;
            }
        }
        const QByteArray line = m_process.readLine().trimmed();
        if (!line.startsWith("listening ")) {
            m_error = QStringLiteral("unexpected output of s3server.js: ") + QString::fromUtf8(line);
            stop();
            return false;
        }
        m_port = quint16(line.mid(10).toUInt());
        return m_port != 0;
    }

    // Kills the server at once (a server that dies mid-transfer); its objects stay in the folder.
    void stop()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(10'000);
        }
    }
    // Starts it again on the same port over the same objects.
    bool restart()
    {
        stop();
        return start(m_flavour, {}, m_port);
    }

    quint16 port() const { return m_port; }
    QString endpoint() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_port); }
    QString directory() const { return m_dir.path(); }
    const QString &errorString() const { return m_error; }

    // What Tapedeck resolves for this server with the given secret (the right one by default).
    S3Config config(const QString &secret = QString::fromLatin1(SecretKey)) const
    {
        S3Config c;
        c.credentials.accessKeyId = QString::fromLatin1(AccessKey);
        c.credentials.secretAccessKey = secret;
        c.credentials.origin = QStringLiteral("the test");
        c.region = QStringLiteral("us-east-1");
        c.endpoint = QUrl(endpoint());
        c.customEndpoint = true;
        c.addressing = AddressingStyle::Path;
        c.profile = QStringLiteral("default");
        return c;
    }

    // An environment in which tapedeck-cli and the AWS CLI reach this server: credentials in the environment,
    // the shared files pointed at nothing, the endpoint in AWS_ENDPOINT_URL.
    QProcessEnvironment environment(const QProcessEnvironment &base = QProcessEnvironment::systemEnvironment()) const
    {
        QProcessEnvironment env = base;
        env.insert(QStringLiteral("AWS_ACCESS_KEY_ID"), QString::fromLatin1(AccessKey));
        env.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), QString::fromLatin1(SecretKey));
        env.remove(QStringLiteral("AWS_SESSION_TOKEN"));
        env.remove(QStringLiteral("AWS_PROFILE"));
        env.insert(QStringLiteral("AWS_REGION"), QStringLiteral("us-east-1"));
        env.insert(QStringLiteral("AWS_ENDPOINT_URL"), endpoint());
        env.insert(QStringLiteral("AWS_CONFIG_FILE"), m_dir.filePath(QStringLiteral("no-aws-config")));
        env.insert(QStringLiteral("AWS_SHARED_CREDENTIALS_FILE"), m_dir.filePath(QStringLiteral("no-aws-credentials")));
        env.insert(QStringLiteral("AWS_EC2_METADATA_DISABLED"), QStringLiteral("true"));
        return env;
    }

    // Runs /usr/bin/aws against this server (e.g. {"s3", "cp", file, "s3://recordings/x.zip"}).
    ProcessResult aws(const QStringList &arguments) const
    {
        return run(QStringLiteral("/usr/bin/aws"),
            QStringList { QStringLiteral("--endpoint-url"), endpoint(), QStringLiteral("--no-cli-pager") } + arguments,
            {}, environment());
    }
    // Puts one file, or a folder's files recursively (s3url then names a prefix ending in '/').
    bool upload(const QString &localPath, const QString &s3url) const
    {
        QStringList arguments { QStringLiteral("s3"), QStringLiteral("cp"), QStringLiteral("--only-show-errors") };
        if (QFileInfo(localPath).isDir())
            arguments << QStringLiteral("--recursive");
        const ProcessResult r = aws(arguments << localPath << s3url);
        if (r.exitCode != 0)
            qWarning("aws s3 cp failed: %s", r.err.constData());
        return r.exitCode == 0;
    }
    bool remove(const QString &s3url) const
    {
        return aws({ QStringLiteral("s3"), QStringLiteral("rm"), QStringLiteral("--only-show-errors"), s3url })
                   .exitCode
            == 0;
    }

private:
    QTemporaryDir m_dir;
    QProcess m_process;
    Flavour m_flavour = Flavour::Verify;
    QStringList m_buckets;
    quint16 m_port = 0;
    QString m_error;
};

} // namespace tapedeck::test
