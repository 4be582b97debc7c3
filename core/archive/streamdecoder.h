// SPDX-License-Identifier: MIT
// Streaming decompressors for the ZIP methods recordings use: store, deflate, bzip2 and LZMA (method 14).
#pragma once

#include "core/common/result.h"

#include <QByteArrayView>
#include <QCoreApplication>

#include <functional>
#include <memory>

namespace tapedeck {

// Receives decoded data in chunks; an error stops decoding and is passed through.
using ChunkSink = std::function<Status(QByteArrayView chunk)>;

class StreamDecoder
{
    Q_DECLARE_TR_FUNCTIONS(StreamDecoder)

public:
    enum Method : quint16 { Store = 0, Deflate = 8, BZip2 = 12, Lzma = 14 };

    // expectedSize is the uncompressed size the entry declares; LZMA uses it to bound its dictionary and,
    // when the entry's general-purpose flag bit 1 says there is no end marker, to know where to stop.
    static Result<std::unique_ptr<StreamDecoder>> create(
        quint16 method, qint64 expectedSize, bool lzmaEndMarker = true);
    static bool isSupported(quint16 method);

    virtual ~StreamDecoder() = default;
    // Decodes the next piece of compressed input; fails on corrupt data.
    virtual Status feed(QByteArrayView input, const ChunkSink &sink) = 0;
    // Called once all input was fed; fails when the compressed stream did not end.
    virtual Status finish(const ChunkSink &sink) = 0;

protected:
    StreamDecoder() = default;
};

} // namespace tapedeck
