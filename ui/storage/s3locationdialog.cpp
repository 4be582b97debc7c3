// SPDX-License-Identifier: MIT
// The "Add S3 Prefix" dialog.
#include "ui/storage/s3locationdialog.h"

#include "core/storage/s3location.h"
#include "ui/storage/recordinglocations.h"
#include "ui/widgets/themecolors.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QUrl>
#include <QVBoxLayout>

namespace tapedeck {

S3LocationDialog::S3LocationDialog(QWidget *parent)
    : QDialog(parent)
    , m_address(new QLineEdit(this))
    , m_profile(new QLineEdit(this))
    , m_region(new QLineEdit(this))
    , m_endpoint(new QLineEdit(this))
    , m_problem(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("s3LocationDialog"));
    setWindowTitle(tr("Add S3 Prefix"));
    m_address->setObjectName(QStringLiteral("s3Address"));
    m_address->setPlaceholderText(tr("s3://bucket/recordings/"));
    m_profile->setObjectName(QStringLiteral("s3Profile"));
    m_profile->setPlaceholderText(tr("AWS_PROFILE, the environment's keys or \"default\""));
    m_region->setObjectName(QStringLiteral("s3Region"));
    m_region->setPlaceholderText(tr("the profile's region"));
    m_endpoint->setObjectName(QStringLiteral("s3Endpoint"));
    m_endpoint->setPlaceholderText(tr("AWS; or e.g. http://localhost:9000 for MinIO"));
    m_problem->setObjectName(QStringLiteral("s3LocationProblem"));
    m_problem->setWordWrap(true);
    m_problem->setTextFormat(Qt::PlainText);
    QPalette problemPalette = m_problem->palette();
    problemPalette.setColor(QPalette::WindowText, ThemeColors::from(palette()).errorText);
    m_problem->setPalette(problemPalette);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Add"));

    auto *explanation = new QLabel(tr("Recordings under the prefix are listed and their summaries read without "
                                      "downloading them. Credentials come from the named profile in ~/.aws or from "
                                      "the environment each time they are needed; Tapedeck stores only the "
                                      "profile's name."),
        this);
    explanation->setWordWrap(true);

    auto *form = new QFormLayout;
    form->addRow(tr("&Address:"), m_address);
    form->addRow(tr("&Profile:"), m_profile);
    form->addRow(tr("&Region:"), m_region);
    form->addRow(tr("&Endpoint URL:"), m_endpoint);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(explanation);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);
    setMinimumWidth(560);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    for (QLineEdit *edit : { m_address, m_endpoint })
        connect(edit, &QLineEdit::textChanged, this, &S3LocationDialog::validate);
    validate();
}

void S3LocationDialog::setLocation(const CatalogLocation &location)
{
    m_address->setText(location.url);
    m_profile->setText(location.s3.profile);
    m_region->setText(location.s3.region);
    m_endpoint->setText(location.s3.endpointUrl);
}

CatalogLocation S3LocationDialog::location() const
{
    CatalogLocation location;
    location.url = m_address->text().trimmed();
    location.s3.profile = m_profile->text().trimmed();
    location.s3.region = m_region->text().trimmed();
    location.s3.endpointUrl = m_endpoint->text().trimmed();
    const Result<CatalogLocation> normalized = RecordingLocations::normalized(location);
    return normalized ? normalized.value() : location;
}

void S3LocationDialog::validate()
{
    QString problem;
    const QString address = m_address->text().trimmed();
    if (address.isEmpty()) {
        // Nothing to complain about yet.
    } else if (!S3Location::isS3Url(address)) {
        problem = tr("The address starts with s3://, e.g. s3://bucket/recordings/.");
    } else if (const Result<S3Location> parsed = S3Location::parse(address); !parsed) {
        problem = parsed.error().message;
    }
    const QString endpoint = m_endpoint->text().trimmed();
    if (problem.isEmpty() && !endpoint.isEmpty()) {
        const QUrl url(endpoint, QUrl::StrictMode);
        if (!url.isValid() || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))
            || url.host().isEmpty())
            problem = tr("The endpoint is an http:// or https:// URL, e.g. https://s3.eu-central-1.amazonaws.com.");
    }
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!address.isEmpty() && problem.isEmpty());
}

} // namespace tapedeck
