// SPDX-License-Identifier: MIT
// The Recordings window's saved locations.
#include "ui/storage/recordinglocations.h"

#include "core/storage/s3location.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>

namespace tapedeck {

namespace {

const QString ArrayKey = QStringLiteral("recordings/locations");
const QString UrlKey = QStringLiteral("url");
const QString ProfileKey = QStringLiteral("profile");
const QString RegionKey = QStringLiteral("region");
const QString EndpointKey = QStringLiteral("endpoint");

} // namespace

QList<CatalogLocation> RecordingLocations::load()
{
    QSettings settings;
    QList<CatalogLocation> locations;
    const int count = settings.beginReadArray(ArrayKey);
    for (int i = 0; i < count; ++i) {
        settings.setArrayIndex(i);
        CatalogLocation location;
        location.url = settings.value(UrlKey).toString();
        location.s3.profile = settings.value(ProfileKey).toString();
        location.s3.region = settings.value(RegionKey).toString();
        location.s3.endpointUrl = settings.value(EndpointKey).toString();
        if (!location.url.isEmpty())
            locations.append(location);
    }
    settings.endArray();
    return locations;
}

void RecordingLocations::save(const QList<CatalogLocation> &locations)
{
    QSettings settings;
    settings.remove(ArrayKey);
    settings.beginWriteArray(ArrayKey, int(locations.size()));
    for (int i = 0; i < locations.size(); ++i) {
        settings.setArrayIndex(i);
        const CatalogLocation &location = locations.at(i);
        settings.setValue(UrlKey, location.url);
        // What S3Options carries is all there is to save: a profile is referred to by its name, and the
        // credentials stay where the AWS CLI keeps them.
        if (isS3(location)) {
            settings.setValue(ProfileKey, location.s3.profile);
            settings.setValue(RegionKey, location.s3.region);
            settings.setValue(EndpointKey, location.s3.endpointUrl);
        }
    }
    settings.endArray();
}

bool RecordingLocations::isS3(const CatalogLocation &location)
{
    return S3Location::isS3Url(location.url);
}

Result<CatalogLocation> RecordingLocations::normalized(const CatalogLocation &location)
{
    CatalogLocation result = location;
    result.s3.profile = location.s3.profile.trimmed();
    result.s3.region = location.s3.region.trimmed();
    result.s3.endpointUrl = location.s3.endpointUrl.trimmed();
    const QString url = location.url.trimmed();
    if (!S3Location::isS3Url(url)) {
        result.s3 = S3Options {};
        const QFileInfo info(QDir::fromNativeSeparators(url));
        if (url.isEmpty() || info.isRelative())
            return makeError(ErrorCode::Usage, tr("Give a folder as an absolute path, or an s3:// address."));
        if (!info.isDir())
            return makeError(ErrorCode::Usage, tr("%1 is not a folder.").arg(QDir::toNativeSeparators(url)));
    }
    // The catalog's own key for it, so that its rows are found under the saved address.
    Result<QString> container = Catalog::containerUrl(S3Location::isS3Url(url) ? url : QDir::fromNativeSeparators(url));
    if (!container)
        return container.error();
    result.url = container.value();
    return result;
}

QString RecordingLocations::title(const CatalogLocation &location)
{
    return isS3(location) ? location.url : QDir::toNativeSeparators(location.url);
}

QString RecordingLocations::details(const CatalogLocation &location)
{
    if (!isS3(location))
        return tr("Folder %1").arg(QDir::toNativeSeparators(location.url));
    QStringList parts;
    parts << (location.s3.profile.isEmpty() ? tr("default credentials")
                                            : tr("profile \"%1\"").arg(location.s3.profile));
    if (!location.s3.region.isEmpty())
        parts << tr("region %1").arg(location.s3.region);
    if (!location.s3.endpointUrl.isEmpty())
        parts << tr("endpoint %1").arg(location.s3.endpointUrl);
    return tr("%1 through %2").arg(location.url, parts.join(QStringLiteral(", ")));
}

} // namespace tapedeck
