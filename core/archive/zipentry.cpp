// SPDX-License-Identifier: MIT
// Display names for ZIP entry properties.
#include "core/archive/zipentry.h"

namespace tapedeck {

QString ZipEntry::methodName() const
{
    switch (method) {
    case 0:
        return QStringLiteral("store");
    case 8:
        return QStringLiteral("deflate");
    case 9:
        return QStringLiteral("deflate64");
    case 12:
        return QStringLiteral("bzip2");
    case 14:
        return QStringLiteral("lzma");
    case 93:
        return QStringLiteral("zstd");
    case 95:
        return QStringLiteral("xz");
    default:
        return QStringLiteral("method-%1").arg(method);
    }
}

QString ZipEntry::encryptionName() const
{
    switch (encryption) {
    case Encryption::None:
        return QStringLiteral("none");
    case Encryption::ZipCrypto:
        return QStringLiteral("zipcrypto");
    case Encryption::Aes128:
        return QStringLiteral("aes-128");
    case Encryption::Aes192:
        return QStringLiteral("aes-192");
    case Encryption::Aes256:
        return QStringLiteral("aes-256");
    case Encryption::Unsupported:
        return QStringLiteral("unsupported");
    }
    return {};
}

} // namespace tapedeck
