// SPDX-License-Identifier: MIT
// Asks for an S3 prefix to list recordings from and how to reach it: the profile's name, region, endpoint.
#pragma once

#include "core/storage/catalog.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace tapedeck {

class S3LocationDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(S3LocationDialog)

public:
    explicit S3LocationDialog(QWidget *parent = nullptr);

    void setLocation(const CatalogLocation &location);
    // The location as entered, normalised (s3://bucket/prefix/); valid once the dialog was accepted.
    CatalogLocation location() const;

    QLineEdit *addressEdit() const { return m_address; }
    QLineEdit *profileEdit() const { return m_profile; }
    QLineEdit *regionEdit() const { return m_region; }
    QLineEdit *endpointEdit() const { return m_endpoint; }

private:
    void validate();

    QLineEdit *m_address;
    QLineEdit *m_profile;
    QLineEdit *m_region;
    QLineEdit *m_endpoint;
    QLabel *m_problem;
    QDialogButtonBox *m_buttons;
};

} // namespace tapedeck
