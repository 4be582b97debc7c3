// SPDX-License-Identifier: MIT
// The manifest form.
#include "ui/overview/manifestpanel.h"

#include <QDateTime>
#include <QFontDatabase>
#include <QFormLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>
#include <QLabel>
#include <QVBoxLayout>

namespace tapedeck {

namespace {

QString compactJson(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    // Scalars: wrap in an array to let QJsonDocument print them the JSON way (true, 1.5, null).
    QString text = QString::fromUtf8(QJsonDocument(QJsonArray { value }).toJson(QJsonDocument::Compact));
    return text.mid(1, text.size() - 2);
}

} // namespace

ManifestPanel::ManifestPanel(QWidget *parent)
    : QWidget(parent)
    , m_form(new QFormLayout)
    , m_placeholder(new QLabel(this))
{
    m_placeholder->setObjectName(QStringLiteral("manifestPlaceholder"));
    m_placeholder->setWordWrap(true);
    m_placeholder->setTextFormat(Qt::PlainText);
    m_placeholder->setText(
        tr("This recording has no readable manifest.json, so there are no run details or checksums."));
    m_placeholder->hide();

    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_form->setLabelAlignment(Qt::AlignLeft);
    m_runId = addRow(tr("Run ID:"), QStringLiteral("manifestRunId"));
    m_sourceType = addRow(tr("Source:"), QStringLiteral("manifestSourceType"));
    m_sinkType = addRow(tr("Sink:"), QStringLiteral("manifestSinkType"));
    m_cliVersion = addRow(tr("DataHub CLI:"), QStringLiteral("manifestCliVersion"));
    m_pythonVersion = addRow(tr("Python:"), QStringLiteral("manifestPythonVersion"));
    m_startTime = addRow(tr("Recording started:"), QStringLiteral("manifestStartTime"));
    m_createdAt = addRow(tr("Archive created:"), QStringLiteral("manifestCreatedAt"));
    m_formatVersion = addRow(tr("Format version:"), QStringLiteral("manifestFormatVersion"));
    m_unknownKeys = addRow(tr("Other keys:"), QStringLiteral("manifestUnknownKeys"));
    m_runId->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_placeholder);
    layout->addLayout(m_form);
    layout->addStretch();
    setManifest(std::nullopt);
}

QLabel *ManifestPanel::addRow(const QString &label, const QString &objectName)
{
    auto *value = new QLabel(this);
    value->setObjectName(objectName);
    // Manifest values come from the archive: never interpret them as rich text.
    value->setTextFormat(Qt::PlainText);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    value->setWordWrap(true);
    m_form->addRow(label, value);
    return value;
}

void ManifestPanel::setValue(QLabel *label, const QString &value, const QString &toolTip)
{
    label->setText(value.isEmpty() ? tr("(not recorded)") : value);
    label->setEnabled(!value.isEmpty());
    label->setToolTip(toolTip);
}

QString ManifestPanel::formatTimestamp(const QString &iso)
{
    QDateTime time = QDateTime::fromString(iso, Qt::ISODateWithMs);
    if (!time.isValid())
        time = QDateTime::fromString(iso, Qt::ISODate);
    if (!time.isValid())
        return iso;
    // Recordings are compared across machines and time zones: UTC, to the second, like DataHub's logs.
    return time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) + QStringLiteral(" UTC");
}

void ManifestPanel::setManifest(const std::optional<Manifest> &manifest)
{
    m_placeholder->setVisible(!manifest);
    for (int row = 0; row < m_form->rowCount(); ++row)
        m_form->setRowVisible(row, manifest.has_value());
    if (!manifest)
        return;

    setValue(m_runId, manifest->runId);
    setValue(m_sourceType, manifest->sourceType);
    setValue(m_sinkType, manifest->sinkType);
    setValue(m_cliVersion, manifest->datahubCliVersion);
    setValue(m_pythonVersion, manifest->pythonVersion);
    setValue(m_startTime, formatTimestamp(manifest->recordingStartTime), manifest->recordingStartTime);
    setValue(m_createdAt, formatTimestamp(manifest->createdAt), manifest->createdAt);
    setValue(m_formatVersion, manifest->formatVersion);

    const QStringList unknown = manifest->unknownKeys();
    QStringList lines;
    for (const QString &key : unknown) {
        QString value = compactJson(manifest->object.value(key));
        if (value.size() > 80)
            value = value.left(79) + QStringLiteral("…");
        lines << key + QStringLiteral(": ") + value;
    }
    m_unknownKeys->setText(lines.join(QLatin1Char('\n')));
    m_unknownKeys->setToolTip(tr("Keys this Tapedeck does not know; kept and shown as they are."));
    m_form->setRowVisible(m_unknownKeys, !unknown.isEmpty());
}

} // namespace tapedeck
