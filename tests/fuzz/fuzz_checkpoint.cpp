// SPDX-License-Identifier: MIT
// Checkpoint state decoding (the datahubIngestionCheckpoint aspect): Python's base85, bz2 with a cap, and
// the payload as a whole.
//
// Input: a mode byte, then the data. Mode 0: base85 text; 1: bzip2 data (a cap from the next two bytes);
// 2: a payload string under serde "base85-bz2-json"; 3: one under "utf-8"; 4: the aspect as JSON text.
// Invariants:
// - base85: the output has 4 bytes per 5 characters (less the padding), and text of whole groups is what
//   Python's base64.b85encode writes for the bytes decoded from it;
// - bz2: the output never exceeds the cap; an error carries a message;
// - a payload decodes to a JSON document or fails with a message; never past the cap.
#include "core/recording/checkpointstate.h"
#include "fuzzsupport.h"

#include <QJsonDocument>

using namespace tapedeck;
using namespace tapedeck::fuzz;

namespace {

// Python's base64.b85encode (pad=False).
QByteArray base85Encode(QByteArrayView bytes)
{
    static constexpr char Alphabet[]
        = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()*+-;<=>?@^_`{|}~";
    const qsizetype padding = (4 - bytes.size() % 4) % 4;
    QByteArray padded = bytes.toByteArray() + QByteArray(padding, '\0');
    QByteArray out;
    for (qsizetype i = 0; i < padded.size(); i += 4) {
        quint32 value = (quint32(quint8(padded[i])) << 24) | (quint32(quint8(padded[i + 1])) << 16)
            | (quint32(quint8(padded[i + 2])) << 8) | quint32(quint8(padded[i + 3]));
        char group[5];
        for (int k = 4; k >= 0; --k) {
            group[k] = Alphabet[value % 85];
            value /= 85;
        }
        out.append(group, 5);
    }
    out.chop(padding);
    return out;
}

void checkBase85(QByteArrayView text)
{
    const Result<QByteArray> decoded = CheckpointState::base85Decode(text);
    if (!decoded) {
        FUZZ_CHECK_ERROR(decoded.error());
        return;
    }
    const qsizetype padding = (5 - text.size() % 5) % 5;
    FUZZ_CHECK(decoded->size() == (text.size() + padding) / 5 * 4 - padding,
        QStringLiteral("%1 characters decode to %2 bytes").arg(text.size()).arg(decoded->size()));
    if (padding == 0)
        FUZZ_CHECK(base85Encode(*decoded) == text,
            QStringLiteral("re-encoding gives %1").arg(QString::fromLatin1(base85Encode(*decoded))));
}

void checkBz2(QByteArrayView data, qint64 cap)
{
    const Result<QByteArray> plain = CheckpointState::bz2Decompress(data, cap);
    if (!plain) {
        FUZZ_CHECK_ERROR(plain.error());
        return;
    }
    FUZZ_CHECK(
        plain->size() <= cap, QStringLiteral("%1 bytes decompressed, cap %2").arg(plain->size()).arg(cap));
}

void checkPayload(const QJsonObject &aspect, qint64 cap)
{
    const Result<QJsonDocument> document = CheckpointState::decodePayload(aspect, cap);
    if (!document)
        FUZZ_CHECK_ERROR(document.error());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *bytes, std::size_t size)
{
    FuzzInput in(bytes, size);
    const quint8 mode = in.byte() % 5;
    const qint64 cap = 1 + qint64(in.number(0xffff)) * 64; // up to 4 MiB
    const QByteArrayView data = in.rest();
    switch (mode) {
    case 0:
        checkBase85(data);
        break;
    case 1:
        checkBz2(data, cap);
        break;
    case 2:
    case 3: {
        QJsonObject state;
        state.insert(QStringLiteral("formatVersion"), QStringLiteral("1.0"));
        state.insert(
            QStringLiteral("serde"), mode == 2 ? QStringLiteral("base85-bz2-json") : QStringLiteral("utf-8"));
        state.insert(QStringLiteral("payload"), QString::fromLatin1(data));
        QJsonObject aspect;
        aspect.insert(QStringLiteral("state"), state);
        checkPayload(aspect, cap);
        break;
    }
    default: {
        const QJsonDocument document = QJsonDocument::fromJson(data.toByteArray());
        checkPayload(document.object(), cap);
        break;
    }
    }
    return 0;
}
