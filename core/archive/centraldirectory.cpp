// SPDX-License-Identifier: MIT
// Minimal, bounds-checked central directory reader (only what libzip does not expose).
#include "core/archive/centraldirectory.h"

#include <QIODevice>
#include <QtEndian>

#include <algorithm>

namespace tapedeck {

namespace {

constexpr quint32 EocdSignature = 0x06054b50;
constexpr quint32 Zip64LocatorSignature = 0x07064b50;
constexpr quint32 Zip64EocdSignature = 0x06064b50;
constexpr quint32 CentralSignature = 0x02014b50;
constexpr qint64 EocdSize = 22;
constexpr qint64 MaxCommentSize = 0xffff;

quint16 u16(const QByteArray &b, qsizetype at)
{
    return qFromLittleEndian<quint16>(b.constData() + at);
}
quint32 u32(const QByteArray &b, qsizetype at)
{
    return qFromLittleEndian<quint32>(b.constData() + at);
}
quint64 u64(const QByteArray &b, qsizetype at)
{
    return qFromLittleEndian<quint64>(b.constData() + at);
}

QByteArray readAt(QIODevice &device, qint64 offset, qint64 length)
{
    if (offset < 0 || length < 0 || !device.seek(offset))
        return {};
    return device.read(length);
}

Error damaged(const QString &detail)
{
    return makeError(
        ErrorCode::InvalidInput, CentralDirectory::tr("the ZIP directory is damaged (%1)").arg(detail));
}

} // namespace

Result<QList<CentralRecord>> CentralDirectory::read(QIODevice &device)
{
    const qint64 fileSize = device.size();
    if (fileSize < EocdSize)
        return damaged(tr("file too small"));
    const qint64 tailStart = std::max<qint64>(0, fileSize - EocdSize - MaxCommentSize);
    const QByteArray tail = readAt(device, tailStart, fileSize - tailStart);
    qsizetype eocd = -1;
    for (qsizetype i = tail.size() - EocdSize; i >= 0; --i) {
        if (u32(tail, i) == EocdSignature) {
            eocd = i;
            break;
        }
    }
    if (eocd < 0)
        return damaged(tr("no end-of-directory record"));

    quint64 entryCount = u16(tail, eocd + 10);
    quint64 directorySize = u32(tail, eocd + 12);
    quint64 directoryOffset = u32(tail, eocd + 16);
    const qint64 eocdPosition = tailStart + eocd;

    if (eocd >= 20 && u32(tail, eocd - 20) == Zip64LocatorSignature) {
        const quint64 zip64Offset = u64(tail, eocd - 20 + 8);
        const QByteArray record = readAt(device, qint64(zip64Offset), 56);
        if (record.size() < 56 || u32(record, 0) != Zip64EocdSignature)
            return damaged(tr("bad ZIP64 end-of-directory record"));
        entryCount = u64(record, 32);
        directorySize = u64(record, 40);
        directoryOffset = u64(record, 48);
    }
    if (directorySize > quint64(fileSize))
        return damaged(tr("directory larger than the file"));
    // Archives with a prefix (self-extractors) have offsets relative to the ZIP start; find the real one.
    const qint64 expectedStart = eocdPosition - qint64(directorySize);
    QByteArray directory = readAt(device, qint64(directoryOffset), qint64(directorySize));
    if (directory.size() < 4 || u32(directory, 0) != CentralSignature)
        directory = readAt(device, expectedStart, qint64(directorySize));
    if (quint64(directory.size()) != directorySize)
        return damaged(tr("directory truncated"));

    QList<CentralRecord> records;
    records.reserve(qsizetype(std::min<quint64>(entryCount, 1 << 20)));
    qsizetype at = 0;
    while (at + 46 <= directory.size() && u32(directory, at) == CentralSignature) {
        CentralRecord r;
        r.versionMadeBy = u16(directory, at + 4);
        r.flags = u16(directory, at + 8);
        r.method = u16(directory, at + 10);
        r.crc = u32(directory, at + 16);
        const qsizetype nameLength = u16(directory, at + 28);
        const qsizetype extraLength = u16(directory, at + 30);
        const qsizetype commentLength = u16(directory, at + 32);
        r.externalAttributes = u32(directory, at + 38);
        const qsizetype nameStart = at + 46;
        const qsizetype extraStart = nameStart + nameLength;
        const qsizetype next = extraStart + extraLength + commentLength;
        if (next > directory.size())
            return damaged(tr("central header %1 overruns the directory").arg(records.size()));
        r.rawName = directory.mid(nameStart, nameLength);
        for (qsizetype e = extraStart; e + 4 <= extraStart + extraLength;) {
            const quint16 id = u16(directory, e);
            const qsizetype length = u16(directory, e + 2);
            if (e + 4 + length > extraStart + extraLength)
                break;
            if (id == 0x9901 && length >= 7 && directory.at(e + 6) == 'A' && directory.at(e + 7) == 'E') {
                r.aesVendorVersion = u16(directory, e + 4);
                r.aesStrength = quint8(directory.at(e + 8));
                r.aesMethod = u16(directory, e + 9);
            }
            e += 4 + length;
        }
        records.append(r);
        at = next;
    }
    if (quint64(records.size()) != entryCount)
        return damaged(tr("%1 entries declared, %2 found").arg(entryCount).arg(records.size()));
    return records;
}

} // namespace tapedeck
