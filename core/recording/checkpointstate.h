// SPDX-License-Identifier: MIT
// Decoding the state of a stateful-ingestion checkpoint (the datahubIngestionCheckpoint aspect).
#pragma once

#include "core/common/result.h"

#include <QByteArrayView>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

namespace tapedeck {

// DataHub (ingestion/source/state/checkpoint.py) stores a checkpoint's state as
// {state: {formatVersion, serde, payload}} inside the aspect. serde "base85-bz2-json" (the default) is
// base64.b85encode(bz2.compress(state JSON)); "utf-8" is the state JSON itself; "base85" is a pickled
// Python object, which Tapedeck refuses to unpickle.
class CheckpointState
{
    Q_DECLARE_TR_FUNCTIONS(CheckpointState)

public:
    static inline const QString AspectName = QStringLiteral("datahubIngestionCheckpoint");
    // A guard against bz2 bombs: DataHub caps the encoded state at 16 MiB by default, bz2 reaches ratios far
    // beyond 1:16 only on degenerate input.
    static constexpr qint64 DefaultMaxDecompressedSize = qint64(256) << 20;

    // The state JSON of a datahubIngestionCheckpoint aspect (or of its bare "state" object). An absent
    // payload is {}, as DataHub reads it.
    static Result<QJsonDocument> decodePayload(
        const QJsonObject &aspect, qint64 maxDecompressedSize = DefaultMaxDecompressedSize);

    // Python's base64.b85decode: RFC 1924 alphabet, no whitespace allowed, a short last group padded with
    // '~'; the same errors for a bad character or a group above 2^32 - 1.
    static Result<QByteArray> base85Decode(QByteArrayView text);
    // Python's bz2.decompress (concatenated streams allowed) with a cap on the output size.
    static Result<QByteArray> bz2Decompress(
        QByteArrayView data, qint64 maxDecompressedSize = DefaultMaxDecompressedSize);
};

} // namespace tapedeck
