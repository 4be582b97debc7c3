// SPDX-License-Identifier: MIT
#include "core/common/libraryversions.h"

#include <bzlib.h>
#include <lzma.h>
#include <openssl/crypto.h>
#include <yaml.h>
#include <zip.h>
#include <zlib.h>

namespace tapedeck {

QList<std::pair<QString, QString>> libraryVersions()
{
    return {
        { QStringLiteral("Qt"), QString::fromLatin1(qVersion()) },
        { QStringLiteral("libzip"), QString::fromLatin1(zip_libzip_version()) },
        { QStringLiteral("liblzma"), QString::fromLatin1(lzma_version_string()) },
        { QStringLiteral("zlib"), QString::fromLatin1(zlibVersion()) },
        { QStringLiteral("libbz2"), QString::fromLatin1(BZ2_bzlibVersion()).section(QLatin1Char(','), 0, 0) },
        { QStringLiteral("OpenSSL"), QString::fromLatin1(OpenSSL_version(OPENSSL_VERSION)) },
        { QStringLiteral("libyaml"), QString::fromLatin1(yaml_get_version_string()) },
    };
}

} // namespace tapedeck
