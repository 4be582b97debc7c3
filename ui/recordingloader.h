// SPDX-License-Identifier: MIT
// Opens a recording off the GUI thread: open, ask for and check the password, then load with progress.
#pragma once

#include "core/recording/recording.h"
#include "ui/jobs/jobtracker.h"

#include <QObject>
#include <QPointer>
#include <QProcessEnvironment>

#include <memory>
#include <optional>
#include <utility>

namespace tapedeck {

// What the password dialog needs to know when the loader asks for a password.
struct PasswordRequest
{
    QString displayName; // the recording's file name
    QString problem; // why the previous password was refused; empty on the first request
    QString prefill; // a password from the environment that was refused, so the user can correct it
    QString prefillSource; // where prefill came from, e.g. "DATAHUB_RECORDING_PASSWORD"
    bool canRemember = false; // a keychain is there to remember the password in
};

class PasswordStore;

class RecordingLoader final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RecordingLoader)

public:
    enum class State { Idle, Opening, ReadingKeychain, AwaitingPassword, CheckingPassword, Loading };

    explicit RecordingLoader(QObject *parent = nullptr);
    ~RecordingLoader() override; // abandons the load and waits until its step noticed

    // The environment the password sources are read from; the process environment when never set.
    void setEnvironment(const QProcessEnvironment &environment);
    // Where remembered passwords are looked up (after the environment) and kept; none when null.
    void setPasswordStore(PasswordStore *store);

    // Starts loading path and supersedes any load in progress. knownPassword is tried before the
    // environment (the bundled sample's documented password). displayName names the recording in
    // messages and views instead of path's file name (a download, cached under a name of its own).
    void open(const QString &path, const std::optional<QString> &knownPassword = std::nullopt,
        const QString &displayName = {});
    // Answers passwordRequired(). The password is used for this attempt only; with remember, it goes to
    // the password store once it proved right (never anywhere else).
    void submitPassword(const QString &password, bool remember = false);
    // Abandons the load in progress, including a pending password request.
    void cancel();

    State state() const { return m_state; }
    // The unlocked source of the recording loaded() just delivered (extraction works on it); handed
    // over once, then null.
    std::shared_ptr<RecordingSource> takeLoadedSource() { return std::exchange(m_loadedSource, nullptr); }
    bool isBusy() const { return m_state != State::Idle; }
    QString path() const { return m_path; }
    QString displayName() const { return m_displayName; }

Q_SIGNALS:
    void started(const QString &path);
    void passwordRequired(const tapedeck::PasswordRequest &request);
    void checkingPassword();
    void passwordAccepted();
    void loadingStarted();
    void progressChanged(int permille);
    void loaded(const std::shared_ptr<const tapedeck::Recording> &recording);
    void failed(const QString &path, const tapedeck::Error &error);
    void cancelled(const QString &path);

private:
    enum class PasswordOrigin { Known, Environment, Keychain, User };

    void abandon();
    void onOpened(const Result<std::shared_ptr<RecordingSource>> &opened);
    void tryPassword(const QString &password, PasswordOrigin origin, const QString &originName = {});
    void onUnlocked(
        const Status &status, const QString &password, PasswordOrigin origin, const QString &originName);
    void askPassword(const QString &problem, const QString &prefill = {}, const QString &prefillSource = {});
    void startLoading();
    void fail(const Error &error);

    State m_state = State::Idle;
    QString m_path;
    QString m_displayName;
    std::optional<QString> m_knownPassword;
    std::optional<QProcessEnvironment> m_environment;
    QPointer<PasswordStore> m_store;
    bool m_remember = false;
    std::shared_ptr<RecordingSource> m_source;
    std::shared_ptr<RecordingSource> m_loadedSource;
    // One step at a time (open, keychain, unlock, load); two threads, because opening a file on a slow mount
    // cannot stop early and the next recording's should not wait for it.
    JobTracker m_jobs { this, 2 };
};

} // namespace tapedeck
