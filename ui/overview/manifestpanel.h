// SPDX-License-Identifier: MIT
// Shows a recording's manifest.json as a form: run id, source and sink, versions, times, unknown keys.
#pragma once

#include "core/archive/manifest.h"

#include <QWidget>

#include <optional>

class QFormLayout;
class QLabel;

namespace tapedeck {

class ManifestPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ManifestPanel)

public:
    explicit ManifestPanel(QWidget *parent = nullptr);

    void setManifest(const std::optional<Manifest> &manifest);

    // "2025-11-18 09:41:41 UTC" for ISO 8601 input; anything unparsable comes back unchanged.
    static QString formatTimestamp(const QString &iso);

private:
    QLabel *addRow(const QString &label, const QString &objectName);
    static void setValue(QLabel *label, const QString &value, const QString &toolTip = {});

    QFormLayout *m_form;
    QLabel *m_placeholder;
    QLabel *m_runId;
    QLabel *m_sourceType;
    QLabel *m_sinkType;
    QLabel *m_cliVersion;
    QLabel *m_pythonVersion;
    QLabel *m_createdAt;
    QLabel *m_startTime;
    QLabel *m_formatVersion;
    QLabel *m_unknownKeys;
};

} // namespace tapedeck
