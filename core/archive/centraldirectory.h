// SPDX-License-Identifier: MIT
// Reads the per-entry ZIP header fields libzip keeps to itself: the WinZip AES extra field (AE-1 vs AE-2,
// key strength, real method) and the general-purpose flags.
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
};

class CentralDirectory
{
    Q_DECLARE_TR_FUNCTIONS(CentralDirectory)

public:
    // Reads the end-of-central-directory record (ZIP64 aware) and every central header, in order.
    static Result<QList<CentralRecord>> read(QIODevice &device);
};

} // namespace tapedeck
