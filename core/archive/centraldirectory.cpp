// SPDX-License-Identifier: MIT
// Minimal, bounds-checked central directory reader (only what libzip does not expose).
#include "core/archive/centraldirectory.h"

#include <QIODevice>
#include <QtEndian>

#include <algorithm>
#include <vector>

namespace tapedeck {

namespace {

constexpr quint32 EocdSignature = 0x06054b50;
constexpr quint32 Zip64LocatorSignature = 0x07064b50;
constexpr quint32 Zip64EocdSignature = 0x06064b50;
constexpr quint32 CentralSignature = 0x02014b50;
constexpr qint64 EocdSize = 22;
constexpr qint64 MaxCommentSize = 0xffff;
constexpr quint32 LocalSignature = 0x04034b50;
constexpr qint64 LocalHeaderSize = 30;
constexpr quint16 Zip64ExtraId = 0x0001;

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

QString nameOf(const CentralRecord &r)
{
    return QString::fromUtf8(r.rawName);
}

} // namespace

// Each entry spans its local header, name, extra field and data. A data descriptor after the data is not
// counted: its few bytes are never decoded, and writers differ in whether it has a signature and 64-bit
// sizes.
Status CentralDirectory::checkLayout(QIODevice &device) const
{
    const qint64 directoryStart = start;
    struct Span
    {
        quint64 begin;
        quint64 end;
        qsizetype record;
    };
    std::vector<Span> spans;
    spans.reserve(size_t(records.size()));
    for (qsizetype i = 0; i < records.size(); ++i) {
        const CentralRecord &r = records.at(i);
        const QByteArray header = readAt(device, qint64(r.localHeaderOffset), LocalHeaderSize);
        if (header.size() != LocalHeaderSize || u32(header, 0) != LocalSignature)
            return damaged(tr("entry \"%1\" has no local header where the directory says").arg(nameOf(r)));
        const quint64 dataStart
            = r.localHeaderOffset + quint64(LocalHeaderSize) + u16(header, 26) + u16(header, 28);
        if (dataStart > quint64(directoryStart) || r.compressedSize > quint64(directoryStart) - dataStart)
            return makeError(
                ErrorCode::InvalidInput, tr("entry \"%1\" overlaps the ZIP directory").arg(nameOf(r)));
        spans.push_back({ r.localHeaderOffset, dataStart + r.compressedSize, i });
    }
    std::sort(spans.begin(), spans.end(), [](const Span &a, const Span &b) { return a.begin < b.begin; });
    for (size_t k = 1; k < spans.size(); ++k) {
        if (spans[k].begin < spans[k - 1].end)
            return makeError(ErrorCode::InvalidInput,
                tr("entries \"%1\" and \"%2\" overlap (they share bytes of the archive, as in a zip bomb)")
                    .arg(nameOf(records.at(spans[k - 1].record)), nameOf(records.at(spans[k].record))));
    }
    return success();
}

Result<CentralDirectory> CentralDirectory::read(QIODevice &device)
{
    const qint64 fileSize = device.size();
    if (fileSize < EocdSize)
        return damaged(tr("file too small"));
    const qint64 tailStart = std::max<qint64>(0, fileSize - EocdSize - MaxCommentSize);
    const QByteArray tail = readAt(device, tailStart, fileSize - tailStart);
    // The last record whose comment ends the file; a signature inside a comment is skipped. Failing
    // that (junk after the archive), the last signature, as before.
    qsizetype eocd = -1;
    for (qsizetype i = tail.size() - EocdSize; i >= 0; --i) {
        if (u32(tail, i) != EocdSignature)
            continue;
        if (eocd < 0)
            eocd = i;
        if (i + EocdSize + u16(tail, i + 20) == tail.size()) {
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
        const QByteArray record
            = readAt(device, qint64(std::min<quint64>(zip64Offset, quint64(fileSize))), 56);
        if (record.size() < 56 || u32(record, 0) != Zip64EocdSignature)
            return damaged(tr("bad ZIP64 end-of-directory record"));
        entryCount = u64(record, 32);
        directorySize = u64(record, 40);
        directoryOffset = u64(record, 48);
    }
    if (directorySize > quint64(fileSize))
        return damaged(tr("directory larger than the file"));
    if (directoryOffset > quint64(fileSize))
        return damaged(tr("directory past the end of the file"));
    // Archives with a prefix (self-extractors) have offsets relative to the ZIP start; find the real one.
    qint64 directoryStart = qint64(directoryOffset);
    QByteArray directory = readAt(device, directoryStart, qint64(directorySize));
    if (directory.size() < 4 || u32(directory, 0) != CentralSignature) {
        directoryStart = eocdPosition - qint64(directorySize);
        directory = readAt(device, directoryStart, qint64(directorySize));
    }
    if (quint64(directory.size()) != directorySize)
        return damaged(tr("directory truncated"));
    const qint64 prefix = directoryStart - qint64(directoryOffset);

    QList<CentralRecord> records;
    records.reserve(qsizetype(std::min<quint64>(entryCount, 1 << 20)));
    qsizetype at = 0;
    while (at + 46 <= directory.size() && u32(directory, at) == CentralSignature) {
        CentralRecord r;
        r.versionMadeBy = u16(directory, at + 4);
        r.flags = u16(directory, at + 8);
        r.method = u16(directory, at + 10);
        r.crc = u32(directory, at + 16);
        r.compressedSize = u32(directory, at + 20);
        r.size = u32(directory, at + 24);
        const qsizetype nameLength = u16(directory, at + 28);
        const qsizetype extraLength = u16(directory, at + 30);
        const qsizetype commentLength = u16(directory, at + 32);
        r.externalAttributes = u32(directory, at + 38);
        r.localHeaderOffset = u32(directory, at + 42);
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
            if (id == Zip64ExtraId) {
                // Only the fields whose 32-bit value is saturated are present, in this order.
                qsizetype field = e + 4;
                for (quint64 *value : { &r.size, &r.compressedSize, &r.localHeaderOffset }) {
                    if (*value != 0xffffffffu)
                        continue;
                    if (field + 8 > e + 4 + length)
                        return damaged(tr("central header %1 has a short ZIP64 field").arg(records.size()));
                    *value = u64(directory, field);
                    field += 8;
                }
            }
            if (id == 0x9901 && length >= 7 && directory.at(e + 6) == 'A' && directory.at(e + 7) == 'E') {
                r.aesVendorVersion = u16(directory, e + 4);
                r.aesStrength = quint8(directory.at(e + 8));
                r.aesMethod = u16(directory, e + 9);
            }
            e += 4 + length;
        }
        const qint64 localHeader
            = r.localHeaderOffset > quint64(fileSize) ? -1 : qint64(r.localHeaderOffset) + prefix;
        if (localHeader < 0 || localHeader > fileSize)
            return damaged(tr("entry \"%1\" starts outside the file").arg(nameOf(r)));
        r.localHeaderOffset = quint64(localHeader);
        records.append(r);
        at = next;
    }
    if (quint64(records.size()) != entryCount)
        return damaged(tr("%1 entries declared, %2 found").arg(entryCount).arg(records.size()));
    CentralDirectory result;
    result.records = std::move(records);
    result.start = directoryStart;
    return result;
}

} // namespace tapedeck
