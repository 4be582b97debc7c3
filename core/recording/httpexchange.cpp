// SPDX-License-Identifier: MIT
// Header lookup and Content-Encoding decoding for recorded HTTP interactions.
#include "core/recording/httpexchange.h"

#include <brotli/decode.h>
#include <zlib.h>

namespace tapedeck {

namespace {

Error tooLarge(qint64 maxSize)
{
    return makeError(
        ErrorCode::InvalidInput, HttpExchange::tr("the decoded body is larger than %1 bytes").arg(maxSize));
}

// windowBits: 16 + MAX_WBITS for gzip, MAX_WBITS for zlib-wrapped deflate, -MAX_WBITS for raw deflate.
Result<QByteArray> inflateBody(const QByteArray &raw, int windowBits, qint64 maxSize)
{
    z_stream s {};
    if (inflateInit2(&s, windowBits) != Z_OK)
        return makeError(ErrorCode::Io, HttpExchange::tr("zlib could not be initialised"));
    QByteArray out;
    QByteArray chunk(64 * 1024, Qt::Uninitialized);
    s.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(raw.constData()));
    s.avail_in = uInt(raw.size());
    int rc = Z_OK;
    while (rc != Z_STREAM_END) {
        s.next_out = reinterpret_cast<Bytef *>(chunk.data());
        s.avail_out = uInt(chunk.size());
        rc = inflate(&s, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END) {
            const QString message = QString::fromLatin1(s.msg ? s.msg : "truncated stream");
            inflateEnd(&s);
            return makeError(
                ErrorCode::InvalidInput, HttpExchange::tr("the body does not decode (%1)").arg(message));
        }
        out.append(chunk.constData(), chunk.size() - qsizetype(s.avail_out));
        if (out.size() > maxSize) {
            inflateEnd(&s);
            return tooLarge(maxSize);
        }
        // gzip allows several members back to back.
        if (rc == Z_STREAM_END && s.avail_in > 0 && windowBits > MAX_WBITS) {
            inflateReset(&s);
            rc = Z_OK;
        }
    }
    inflateEnd(&s);
    return out;
}

Result<QByteArray> brotliBody(const QByteArray &raw, qint64 maxSize)
{
    BrotliDecoderState *state = BrotliDecoderCreateInstance(nullptr, nullptr, nullptr);
    if (!state)
        return makeError(ErrorCode::Io, HttpExchange::tr("brotli could not be initialised"));
    QByteArray out;
    size_t availableIn = size_t(raw.size());
    const uint8_t *nextIn = reinterpret_cast<const uint8_t *>(raw.constData());
    BrotliDecoderResult rc = BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT;
    QByteArray chunk(64 * 1024, Qt::Uninitialized);
    while (rc == BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT) {
        size_t availableOut = size_t(chunk.size());
        uint8_t *nextOut = reinterpret_cast<uint8_t *>(chunk.data());
        rc = BrotliDecoderDecompressStream(state, &availableIn, &nextIn, &availableOut, &nextOut, nullptr);
        out.append(chunk.constData(), chunk.size() - qsizetype(availableOut));
        if (out.size() > maxSize) {
            BrotliDecoderDestroyInstance(state);
            return tooLarge(maxSize);
        }
    }
    BrotliDecoderDestroyInstance(state);
    if (rc != BROTLI_DECODER_RESULT_SUCCESS)
        return makeError(ErrorCode::InvalidInput, HttpExchange::tr("the body does not decode (brotli)"));
    return out;
}

} // namespace

QStringList HttpExchange::headerValues(const QList<HttpHeader> &headers, QStringView name)
{
    QStringList values;
    for (const HttpHeader &h : headers) {
        if (QStringView(h.name).compare(name, Qt::CaseInsensitive) == 0)
            values.append(h.value);
    }
    return values;
}

QString HttpExchange::headerValue(const QList<HttpHeader> &headers, QStringView name)
{
    // Case-insensitive comparison folds one UTF-16 unit at a time: names of another length never match
    // (the indexer asks this of every interaction).
    for (const HttpHeader &h : headers) {
        if (h.name.size() == name.size() && QStringView(h.name).compare(name, Qt::CaseInsensitive) == 0)
            return h.value;
    }
    return {};
}

Result<QByteArray> HttpExchange::decodeContent(
    const QByteArray &raw, const QString &contentEncoding, qint64 maxSize)
{
    QByteArray data = raw;
    // Encodings are listed in the order they were applied; undo them from the last.
    const QStringList codings = contentEncoding.split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (auto it = codings.crbegin(); it != codings.crend(); ++it) {
        const QString coding = it->trimmed().toLower();
        Result<QByteArray> decoded = data;
        if (coding == QLatin1String("gzip") || coding == QLatin1String("x-gzip")) {
            decoded = inflateBody(data, 16 + MAX_WBITS, maxSize);
        } else if (coding == QLatin1String("deflate")) {
            // "deflate" is meant to be zlib-wrapped, but servers often send raw deflate.
            decoded = inflateBody(data, MAX_WBITS, maxSize);
            if (!decoded)
                decoded = inflateBody(data, -MAX_WBITS, maxSize);
        } else if (coding == QLatin1String("br")) {
            decoded = brotliBody(data, maxSize);
        } else if (coding != QLatin1String("identity")) {
            return makeError(
                ErrorCode::InvalidInput, tr("the content encoding \"%1\" is not supported").arg(coding));
        }
        if (!decoded)
            return decoded.error();
        data = std::move(decoded).value();
    }
    return data;
}

} // namespace tapedeck
