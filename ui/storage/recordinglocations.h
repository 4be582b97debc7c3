// SPDX-License-Identifier: MIT
// The Recordings window's saved locations (folders and S3 prefixes) in the settings: the address and, for
// S3, the profile's NAME, the region and the endpoint. Never a key or a secret.
#pragma once

#include "core/common/result.h"
#include "core/storage/catalog.h"

#include <QCoreApplication>
#include <QList>

namespace tapedeck {

class RecordingLocations
{
    Q_DECLARE_TR_FUNCTIONS(RecordingLocations)

public:
    static QList<CatalogLocation> load();
    static void save(const QList<CatalogLocation> &locations);

    // The form the catalog lists a location under (Catalog::containerUrl): an absolute, clean folder path,
    // or s3://bucket/prefix/ (a trailing '/' added: a location is always a prefix). A Usage error for an
    // S3 address that does not parse or a relative or missing folder.
    static Result<CatalogLocation> normalized(const CatalogLocation &location);
    static bool isS3(const CatalogLocation &location);
    // How lists show a location: the native folder path, or the address with what it is reached through.
    static QString title(const CatalogLocation &location);
    static QString details(const CatalogLocation &location);
};

} // namespace tapedeck
