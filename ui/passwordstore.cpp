// SPDX-License-Identifier: MIT
#include "ui/passwordstore.h"

#include <QFileInfo>
#include <QTimer>

#ifdef TAPEDECK_HAVE_KEYCHAIN
#include <QProcessEnvironment>
#include <qt6keychain/keychain.h>
#endif

namespace tapedeck {

namespace {

class UnavailableStore final : public PasswordStore
{
public:
    using PasswordStore::PasswordStore;
    bool isAvailable() const override { return false; }
    void read(const QString &, ReadCallback done) override
    {
        QTimer::singleShot(0, this, [done = std::move(done)] { done(std::nullopt); });
    }
    void write(const QString &, const QString &) override { }
    void remove(const QString &) override { }
};

#ifdef TAPEDECK_HAVE_KEYCHAIN
const QString Service = QStringLiteral("Tapedeck recording passwords");

class KeychainStore final : public PasswordStore
{
public:
    using PasswordStore::PasswordStore;
    bool isAvailable() const override { return true; }
    void read(const QString &key, ReadCallback done) override
    {
        auto *job = new QKeychain::ReadPasswordJob(Service, this);
        job->setAutoDelete(true);
        job->setInsecureFallback(false); // never plain files
        job->setKey(key);
        connect(job, &QKeychain::Job::finished, this, [done = std::move(done)](QKeychain::Job *finished) {
            const auto *read = static_cast<QKeychain::ReadPasswordJob *>(finished);
            if (read->error() == QKeychain::NoError)
                done(read->textData());
            else
                done(std::nullopt);
        });
        job->start();
    }
    void write(const QString &key, const QString &password) override
    {
        auto *job = new QKeychain::WritePasswordJob(Service, this);
        job->setAutoDelete(true);
        job->setInsecureFallback(false);
        job->setKey(key);
        job->setTextData(password);
        job->start();
    }
    void remove(const QString &key) override
    {
        auto *job = new QKeychain::DeletePasswordJob(Service, this);
        job->setAutoDelete(true);
        job->setInsecureFallback(false);
        job->setKey(key);
        job->start();
    }
};
#endif

} // namespace

QString PasswordStore::keyFor(const QString &path)
{
    const QFileInfo info(path);
    const QString canonical = info.canonicalFilePath();
    return QStringLiteral("recording:") + (canonical.isEmpty() ? info.absoluteFilePath() : canonical);
}

std::unique_ptr<PasswordStore> PasswordStore::system(QObject *parent)
{
#ifdef TAPEDECK_HAVE_KEYCHAIN
#if defined(Q_OS_LINUX) || defined(Q_OS_FREEBSD)
    // The Secret Service and KWallet are D-Bus services: without a session bus there is no keychain, and
    // asking would only wait for D-Bus to time out.
    if (!QProcessEnvironment::systemEnvironment().value(QStringLiteral("DBUS_SESSION_BUS_ADDRESS")).isEmpty())
        return std::make_unique<KeychainStore>(parent);
#else
    return std::make_unique<KeychainStore>(parent);
#endif
#endif
    return std::make_unique<UnavailableStore>(parent);
}

void MemoryPasswordStore::read(const QString &key, ReadCallback done)
{
    const auto it = m_passwords.constFind(key);
    const std::optional<QString> found = it == m_passwords.cend() ? std::nullopt : std::optional(*it);
    QTimer::singleShot(0, this, [done = std::move(done), found] { done(found); });
}

void MemoryPasswordStore::write(const QString &key, const QString &password)
{
    m_passwords.insert(key, password);
}

void MemoryPasswordStore::remove(const QString &key)
{
    m_passwords.remove(key);
}

} // namespace tapedeck
