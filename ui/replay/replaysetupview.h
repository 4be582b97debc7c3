// SPDX-License-Identifier: MIT
// The Replay tab's Set-up: the matching policy and its options, what an unmatched request gets, the command
// to run (remembered per recording, {recipe} offered) and its working folder; once the replay serves, its
// endpoints, the `export` lines to copy, the environment the command gets and Tapedeck's CA certificate
// (copy, save, fingerprint).
#pragma once

#include "core/common/result.h"
#include "core/replay/replaycontroller.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace tapedeck {

class ReplaySetupView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReplaySetupView)

public:
    explicit ReplaySetupView(QWidget *parent = nullptr);

    // The recording the command is remembered for (its path); loads what was remembered.
    void setRecordingKey(const QString &key, bool hasRecipe);
    // The options as set; an error names the field that does not parse.
    Result<replay::ReplayStartOptions> options() const;
    // The command split as a POSIX shell would (quotes kept together); empty when none is set.
    QStringList commandArguments() const;
    QString commandText() const;
    void setCommandText(const QString &text);
    QString workingDirectory() const;
    void setWorkingDirectory(const QString &folder);
    // Saves the command and folder for the recording (called when a run starts).
    void remember() const;

    // Locks the options while a replay runs; shows the endpoints once it serves (nullptr: none yet).
    void setRunning(bool running);
    void setEndpoints(const replay::ReplayEndpoints *endpoints);

    QComboBox *policyBox() const { return m_policy; }
    QComboBox *unmatchedBox() const { return m_unmatched; }
    QLineEdit *commandEdit() const { return m_command; }
    QPushButton *copyExportsButton() const { return m_copyExports; }

Q_SIGNALS:
    void commandChanged();

private:
    void insertRecipe();
    void chooseFolder();
    void copyCertificate();
    void saveCertificate();
    void showEnvironmentPreview();

    QComboBox *m_policy = nullptr;
    QCheckBox *m_ignoreQueryOrder = nullptr;
    QLineEdit *m_ignoredParams = nullptr;
    QLineEdit *m_ignoredHeaders = nullptr;
    QCheckBox *m_ignoreBody = nullptr;
    QLineEdit *m_bodyPaths = nullptr;
    QComboBox *m_unmatched = nullptr;
    QLineEdit *m_command = nullptr;
    QPushButton *m_recipeButton = nullptr;
    QLineEdit *m_folder = nullptr;
    QPushButton *m_folderButton = nullptr;
    QPlainTextEdit *m_endpoints = nullptr;
    QPlainTextEdit *m_environment = nullptr;
    QPushButton *m_copyExports = nullptr;
    QLabel *m_caPath = nullptr;
    QLabel *m_caFingerprint = nullptr;
    QPushButton *m_copyCa = nullptr;
    QPushButton *m_saveCa = nullptr;
    QString m_key;
    bool m_hasRecipe = false;
    QString m_exportLines;
    QByteArray m_caPem;
};

} // namespace tapedeck
