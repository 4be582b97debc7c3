// SPDX-License-Identifier: MIT
// Where "remember this password" keeps recording passwords: the system keychain through QtKeychain (when
// Tapedeck was built with it and a keychain service is running), never plain settings or files.
#pragma once

#include <QHash>
#include <QObject>

#include <functional>
#include <memory>
#include <optional>

namespace tapedeck {

class PasswordStore : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PasswordStore)

public:
    using QObject::QObject;
    using ReadCallback = std::function<void(const std::optional<QString> &password)>;

    virtual bool isAvailable() const = 0;
    // Looks a password up; done gets nullopt when none is remembered or the store failed. done is called
    // later, from the event loop, never from inside read().
    virtual void read(const QString &key, ReadCallback done) = 0;
    virtual void write(const QString &key, const QString &password) = 0;
    virtual void remove(const QString &key) = 0;

    // The key a recording's password is remembered under: its canonical path.
    static QString keyFor(const QString &path);
    // The system keychain, or a store that is not available (built without QtKeychain, or no keychain
    // service on this session, e.g. no D-Bus session bus).
    static std::unique_ptr<PasswordStore> system(QObject *parent = nullptr);
};

// Keeps passwords in memory only: the stand-in for a keychain service in tests.
class MemoryPasswordStore final : public PasswordStore
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MemoryPasswordStore)

public:
    using PasswordStore::PasswordStore;
    bool isAvailable() const override { return true; }
    void read(const QString &key, ReadCallback done) override;
    void write(const QString &key, const QString &password) override;
    void remove(const QString &key) override;
    const QHash<QString, QString> &contents() const { return m_passwords; }

private:
    QHash<QString, QString> m_passwords;
};

} // namespace tapedeck
