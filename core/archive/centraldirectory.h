// SPDX-License-Identifier: MIT
// Reads the per-entry ZIP header fields libzip keeps to itself (the WinZip AES extra field: AE-1 vs AE-2,
// key strength, real method; the general-purpose flags) and checks where each entry's bytes lie.
#pragma once

#include "core/common/result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>

class QIODevice;

namespace tapedeck {

struct CentralRecord
{
    QByteArray rawName;
    quint16 versionMadeBy = 0;
    quint16 flags = 0;
    quint16 method = 0;
    quint32 crc = 0;
    quint32 externalAttributes = 0;
    int aesVendorVersion = 0; // 1 = AE-1, 2 = AE-2, 0 = no WinZip AES extra field
    int aesStrength = 0; // 1/2/3 = AES-128/192/256
    quint16 aesMethod = 0; // the real compression method behind method 99
    quint64 compressedSize = 0;
    quint64 size = 0;
    quint64 localHeaderOffset = 0; // where the local header starts in the file (a prefix accounted for)
};

class CentralDirectory
{
    Q_DECLARE_TR_FUNCTIONS(CentralDirectory)

public:
    // Reads the end-of-central-directory record (ZIP64 aware) and every central header, in order.
    static Result<CentralDirectory> read(QIODevice &device);

    // Checks where the entries lie: every entry's local header and data come before the directory, and no
    // two entries share a byte. Overlapping entries are how a small archive decompresses to gigabytes (the
    // kernel of David Fifield's "better zip bomb" is read once per entry); unzip refuses them too. The
    // order of the entries is free: unzip, 7-Zip and Python read any order, and overlap is what matters.
    Status checkLayout(QIODevice &device) const;

    QList<CentralRecord> records;
    qint64 start = 0; // where the directory starts in the file
};

} // namespace tapedeck
