// SPDX-License-Identifier: MIT
// What Tapedeck knows about one ZIP entry: sizes, real compression method and encryption.
#pragma once

#include <QCoreApplication>
#include <QString>

namespace tapedeck {

enum class Encryption { None, ZipCrypto, Aes128, Aes192, Aes256, Unsupported };

struct ZipEntry
{
    Q_DECLARE_TR_FUNCTIONS(ZipEntry)

public:
    qint64 index = -1;
    QString name;
    qint64 size = 0;
    qint64 compressedSize = 0;
    quint16 method = 0; // the real method, behind WinZip AES's method 99
    Encryption encryption = Encryption::None;
    int aesVendorVersion = 0; // 1 = AE-1 (CRC stored), 2 = AE-2 (CRC 0)
    quint32 crc = 0;
    quint16 flags = 0; // general-purpose bit flags (bit 1 for LZMA: stream ends with an end marker)
    bool verifiesCrc = true; // false for AE-2 entries whose CRC field is zero, as the format allows
    bool isDirectory = false;
    bool isSymlink = false;

    bool isEncrypted() const { return encryption != Encryption::None; }
    QString methodName() const;
    QString encryptionName() const;
};

} // namespace tapedeck
