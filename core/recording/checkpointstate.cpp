// SPDX-License-Identifier: MIT
// Checkpoint state decoding: base85 (Python's alphabet), bzip2 through libbz2, JSON.
#include "core/recording/checkpointstate.h"

#include "core/common/bytesize.h"
#include "core/common/nesting.h"
#include "core/common/pythonjson.h"
#include "core/common/utf8.h"

#include <QJsonParseError>

#include <algorithm>
#include <array>
#include <bzlib.h>
#include <limits>

namespace tapedeck {

namespace {

// base64._b85alphabet
constexpr char Base85Alphabet[]
    = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()*+-;<=>?@^_`{|}~";

constexpr std::array<qint8, 256> base85Table()
{
    std::array<qint8, 256> table {};
    for (auto &entry : table)
        entry = -1;
    for (int i = 0; i < 85; ++i)
        table[uchar(Base85Alphabet[i])] = qint8(i);
    return table;
}

constexpr std::array<qint8, 256> Base85Table = base85Table();

// Bytes of a JSON string that carries binary data. Python's pre_json_transform writes bytes.decode()
// (UTF-8); Rest.li writes one character per byte (U+0000–U+00FF), which is what GMS sends back.
QByteArray payloadBytes(const QString &payload)
{
    const bool latin1
        = std::all_of(payload.begin(), payload.end(), [](QChar c) { return c.unicode() <= 0xff; });
    if (latin1) {
        const QByteArray bytes = payload.toLatin1();
        const bool ascii = std::all_of(bytes.begin(), bytes.end(), [](char c) { return uchar(c) < 0x80; });
        if (ascii)
            return bytes;
        // Non-ASCII bytes that form valid UTF-8 came as one character per byte.
        if (QByteArrayView(bytes).isValidUtf8() && !bytes.contains("\xef\xbf\xbd"))
            return bytes;
    }
    return payload.toUtf8();
}

QString lineColumn(const QByteArray &text, qsizetype offset)
{
    const TextPosition at = textPosition(text, offset);
    return CheckpointState::tr("line %1, column %2").arg(at.line).arg(at.column);
}

} // namespace

Result<QByteArray> CheckpointState::base85Decode(QByteArrayView text)
{
    const qsizetype padding = (5 - text.size() % 5) % 5;
    QByteArray out;
    out.reserve((text.size() + padding) / 5 * 4);
    for (qsizetype group = 0; group < text.size(); group += 5) {
        quint64 value = 0;
        for (qsizetype i = group; i < group + 5; ++i) {
            int digit = 84; // '~', the padding
            if (i < text.size()) {
                digit = Base85Table[uchar(text[i])];
                if (digit < 0) {
                    return makeError(
                        ErrorCode::InvalidInput, tr("bad base85 character at position %1").arg(i));
                }
            }
            value = value * 85 + quint64(digit);
        }
        if (value > std::numeric_limits<quint32>::max()) {
            return makeError(ErrorCode::InvalidInput,
                tr("base85 overflow in the group starting at position %1").arg(group));
        }
        out += char(value >> 24);
        out += char(value >> 16);
        out += char(value >> 8);
        out += char(value);
    }
    out.chop(padding);
    return out;
}

Result<QByteArray> CheckpointState::bz2Decompress(QByteArrayView data, qint64 maxDecompressedSize)
{
    QByteArray out;
    qsizetype consumed = 0;
    qint64 produced = 0;
    // bz2.decompress reads stream after stream until the input is used up.
    while (consumed < data.size()) {
        const qsizetype streamStart = consumed;
        bz_stream stream {};
        if (BZ2_bzDecompressInit(&stream, 0, 0) != BZ_OK)
            return makeError(ErrorCode::Io, tr("libbz2 could not be initialised"));
        int rc = BZ_OK;
        for (;;) {
            if (stream.avail_in == 0 && consumed < data.size()) {
                const qsizetype chunk = std::min<qsizetype>(data.size() - consumed, 1 << 30);
                stream.next_in = const_cast<char *>(data.data() + consumed);
                stream.avail_in = unsigned(chunk);
                consumed += chunk;
            }
            if (produced == out.size()) {
                const qint64 grown = std::clamp<qint64>(out.size() * 2, 64 * 1024, maxDecompressedSize + 1);
                if (grown <= out.size()) {
                    BZ2_bzDecompressEnd(&stream);
                    return makeError(ErrorCode::InvalidInput,
                        tr("the bzip2 data decompresses to more than %1, the limit")
                            .arg(formatByteSize(maxDecompressedSize)));
                }
                out.resize(qsizetype(grown));
            }
            stream.next_out = out.data() + produced;
            stream.avail_out = unsigned(std::min<qint64>(out.size() - produced, 1 << 30));
            const unsigned before = stream.avail_out;
            const unsigned inputBefore = stream.avail_in;
            rc = BZ2_bzDecompress(&stream);
            produced += before - stream.avail_out;
            if (rc == BZ_STREAM_END)
                break;
            if (rc != BZ_OK) {
                BZ2_bzDecompressEnd(&stream);
                if (rc != BZ_DATA_ERROR_MAGIC)
                    return makeError(
                        ErrorCode::InvalidInput, tr("the bzip2 data is corrupt (libbz2 error %1)").arg(rc));
                return makeError(ErrorCode::InvalidInput,
                    streamStart == 0 ? tr("the data is not bzip2 (bad magic number)")
                                     : tr("the data after the end of the bzip2 stream is not bzip2"));
            }
            if (stream.avail_in == 0 && consumed >= data.size() && before == stream.avail_out
                && inputBefore == 0) {
                BZ2_bzDecompressEnd(&stream);
                return makeError(
                    ErrorCode::InvalidInput, tr("the bzip2 data ends before the end-of-stream marker"));
            }
        }
        // Input libbz2 did not use belongs to the next stream.
        consumed -= stream.avail_in;
        BZ2_bzDecompressEnd(&stream);
        if (produced > maxDecompressedSize) {
            return makeError(ErrorCode::InvalidInput,
                tr("the bzip2 data decompresses to more than %1, the limit")
                    .arg(formatByteSize(maxDecompressedSize)));
        }
    }
    out.resize(qsizetype(produced));
    return out;
}

Result<QJsonDocument> CheckpointState::decodePayload(const QJsonObject &aspect, qint64 maxDecompressedSize)
{
    QJsonObject state = aspect;
    if (aspect.contains(QStringLiteral("state"))) {
        if (!aspect.value(QStringLiteral("state")).isObject())
            return makeError(ErrorCode::InvalidInput, tr("the checkpoint's \"state\" is not an object"));
        state = aspect.value(QStringLiteral("state")).toObject();
    } else if (!aspect.contains(QStringLiteral("serde"))) {
        return makeError(ErrorCode::InvalidInput, tr("the checkpoint has no \"state\""));
    }
    const QJsonValue serdeValue = state.value(QStringLiteral("serde"));
    if (!serdeValue.isString())
        return makeError(ErrorCode::InvalidInput, tr("the checkpoint state has no \"serde\" string"));
    const QString serde = serdeValue.toString();
    const QJsonValue payloadValue = state.value(QStringLiteral("payload"));
    const bool absent = payloadValue.isUndefined() || payloadValue.isNull();
    if (!absent && !payloadValue.isString())
        return makeError(ErrorCode::InvalidInput, tr("the checkpoint's payload is not a string"));

    QByteArray json;
    if (serde == QLatin1String("utf-8")) {
        json = absent ? QByteArrayLiteral("{}") : payloadBytes(payloadValue.toString());
    } else if (serde == QLatin1String("base85-bz2-json")) {
        if (absent) {
            json = QByteArrayLiteral("{}");
        } else {
            const Result<QByteArray> compressed = base85Decode(payloadBytes(payloadValue.toString()));
            if (!compressed)
                return makeError(compressed.error().code,
                    tr("the checkpoint payload is not valid base85: %1").arg(compressed.error().message));
            Result<QByteArray> plain = bz2Decompress(*compressed, maxDecompressedSize);
            if (!plain)
                return makeError(
                    plain.error().code, tr("the checkpoint payload: %1").arg(plain.error().message));
            json = std::move(plain).value();
        }
    } else if (serde == QLatin1String("base85")) {
        return makeError(ErrorCode::InvalidInput,
            tr("the checkpoint state uses the old \"base85\" serde, a pickled Python object, which Tapedeck "
               "does not unpickle"));
    } else {
        return makeError(ErrorCode::InvalidInput, tr("unknown checkpoint serde \"%1\"").arg(serde));
    }

    if (const qsizetype deep = Nesting::jsonTooDeepAt(json); deep >= 0) {
        return makeError(ErrorCode::InvalidInput,
            tr("the checkpoint state is not valid JSON (%1: %2)").arg(lineColumn(json, deep), Nesting::tooDeep()));
    }
    QJsonParseError error;
    const QJsonDocument document = PythonJson::loads(json, &error);
    if (error.error != QJsonParseError::NoError) {
        return makeError(ErrorCode::InvalidInput,
            tr("the checkpoint state is not valid JSON (%1: %2)")
                .arg(lineColumn(json, error.offset), error.errorString()));
    }
    return document;
}

} // namespace tapedeck
