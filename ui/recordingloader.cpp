// SPDX-License-Identifier: MIT
// Background loading of recordings: each step runs on the global thread pool and reports back here.
#include "ui/recordingloader.h"

#include "core/archive/passwordsources.h"
#include "ui/passwordstore.h"

#include <QFileInfo>

namespace tapedeck {

namespace {

using SourcePtr = std::shared_ptr<RecordingSource>;
using RecordingPtr = std::shared_ptr<const Recording>;

} // namespace

RecordingLoader::RecordingLoader(QObject *parent)
    : QObject(parent)
{
    connect(&m_jobs, &JobTracker::progressChanged, this, &RecordingLoader::progressChanged);
}

RecordingLoader::~RecordingLoader()
{
    abandon();
}

void RecordingLoader::setEnvironment(const QProcessEnvironment &environment)
{
    m_environment = environment;
}

void RecordingLoader::setPasswordStore(PasswordStore *store)
{
    m_store = store;
}

void RecordingLoader::abandon()
{
    m_jobs.abandon(); // a step still running stops early and reports nothing, a keychain answer is dropped
    m_source.reset();
    m_knownPassword.reset();
    m_remember = false;
    m_state = State::Idle;
}

void RecordingLoader::open(
    const QString &path, const std::optional<QString> &knownPassword, const QString &displayName)
{
    abandon();
    m_path = path;
    m_displayName = displayName.isEmpty() ? QFileInfo(path).fileName() : displayName;
    m_knownPassword = knownPassword;
    m_state = State::Opening;
    Q_EMIT started(path);

    // Opening reads the central directory: quick on a local disk, not on a network mount.
    m_jobs.start(
        [path, displayName]() -> Result<SourcePtr> {
            Result<std::unique_ptr<RecordingSource>> opened = RecordingSource::open(path, displayName);
            if (!opened)
                return opened.error();
            return SourcePtr(std::move(opened).value());
        },
        [this](const Result<SourcePtr> &opened) { onOpened(opened); });
}

void RecordingLoader::onOpened(const Result<SourcePtr> &opened)
{
    if (!opened) {
        fail(opened.error());
        return;
    }
    m_source = opened.value();
    if (!m_source->needsPassword()) {
        startLoading();
        return;
    }
    if (m_knownPassword) {
        const QString password = *std::exchange(m_knownPassword, std::nullopt);
        tryPassword(password, PasswordOrigin::Known);
        return;
    }
    const QProcessEnvironment environment = m_environment.value_or(QProcessEnvironment::systemEnvironment());
    const Result<std::optional<PasswordSources::Resolved>> resolved
        = PasswordSources::resolve(PasswordOptions {}, environment);
    if (resolved && resolved.value()) {
        tryPassword(resolved.value()->password, PasswordOrigin::Environment,
            PasswordSources::originName(resolved.value()->origin));
        return;
    }
    if (m_store && m_store->isAvailable()) {
        m_state = State::ReadingKeychain;
        // The keychain answers later; a load superseded or cancelled meanwhile never hears it.
        m_store->read(
            PasswordStore::keyFor(m_path), m_jobs.guard([this](const std::optional<QString> &password) {
                if (password && !password->isEmpty())
                    tryPassword(*password, PasswordOrigin::Keychain);
                else
                    askPassword({});
            }));
        return;
    }
    askPassword({});
}

void RecordingLoader::tryPassword(const QString &password, PasswordOrigin origin, const QString &originName)
{
    m_state = State::CheckingPassword;
    Q_EMIT checkingPassword();
    // Checking derives a key (PBKDF2): cheap, but still not GUI-thread work.
    m_jobs.start([source = m_source, password] { return source->unlock(password); },
        [this, password, origin, originName](
            const Status &status) { onUnlocked(status, password, origin, originName); });
}

void RecordingLoader::onUnlocked(
    const Status &status, const QString &password, PasswordOrigin origin, const QString &originName)
{
    if (status) {
        if (origin == PasswordOrigin::User && m_remember && m_store && m_store->isAvailable())
            m_store->write(PasswordStore::keyFor(m_path), password);
        m_remember = false;
        Q_EMIT passwordAccepted();
        startLoading();
        return;
    }
    if (status.error().code != ErrorCode::Password) {
        fail(status.error());
        return;
    }
    switch (origin) {
    case PasswordOrigin::User:
        askPassword(tr("Wrong password. Check it (including upper and lower case) and try again."));
        return;
    case PasswordOrigin::Environment:
        askPassword(
            tr("The password from %1 is wrong for this recording. Enter the right one.").arg(originName),
            password, originName);
        return;
    case PasswordOrigin::Keychain:
        // The recording changed its password (or another file took its place): forget the old one.
        if (m_store)
            m_store->remove(PasswordStore::keyFor(m_path));
        askPassword(tr("The password remembered in the keychain no longer opens this recording. Enter the "
                       "right one."));
        return;
    case PasswordOrigin::Known:
        askPassword(
            tr("The sample's documented password was refused. Enter the password of this recording."));
        return;
    }
}

void RecordingLoader::askPassword(
    const QString &problem, const QString &prefill, const QString &prefillSource)
{
    m_state = State::AwaitingPassword;
    Q_EMIT passwordRequired(PasswordRequest {
        m_displayName, problem, prefill, prefillSource, m_store && m_store->isAvailable() });
}

void RecordingLoader::submitPassword(const QString &password, bool remember)
{
    if (m_state != State::AwaitingPassword || !m_source)
        return;
    m_remember = remember;
    tryPassword(password, PasswordOrigin::User);
}

void RecordingLoader::startLoading()
{
    m_state = State::Loading;
    Q_EMIT loadingStarted();
    m_jobs.start(
        [source = m_source](JobTracker::Job &job) -> Result<RecordingPtr> {
            Result<Recording> loaded = Recording::load(*source, ExtractionLimits {}, &job);
            if (!loaded)
                return loaded.error();
            return RecordingPtr(std::make_shared<const Recording>(std::move(loaded).value()));
        },
        [this](const Result<RecordingPtr> &result) {
            if (!result) {
                if (result.error().code == ErrorCode::Cancelled) {
                    const QString path = m_path;
                    abandon();
                    Q_EMIT cancelled(path);
                    return;
                }
                fail(result.error());
                return;
            }
            m_loadedSource = std::exchange(m_source, nullptr);
            m_state = State::Idle;
            Q_EMIT loaded(result.value());
            m_loadedSource.reset(); // not taken: the unlocked archive is not kept
        });
}

void RecordingLoader::cancel()
{
    if (m_state == State::Idle)
        return;
    const QString path = m_path;
    abandon();
    Q_EMIT cancelled(path);
}

void RecordingLoader::fail(const Error &error)
{
    m_source.reset();
    m_knownPassword.reset();
    m_remember = false;
    m_state = State::Idle;
    Q_EMIT failed(m_path, error);
}

} // namespace tapedeck
