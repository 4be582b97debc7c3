// SPDX-License-Identifier: MIT
// Streaming decompressors over zlib, libbz2 and liblzma.
#include "core/archive/streamdecoder.h"

#include <QByteArray>

#include <algorithm>
#include <array>
#include <bzlib.h>
#include <limits>
#include <lzma.h>
#include <zlib.h>

namespace tapedeck {

namespace {

constexpr qsizetype OutputChunk = 256 * 1024;
// lc/lp/pb in one byte plus a 32-bit dictionary size: the classic LZMA1 properties.
constexpr qsizetype LzmaPropertiesSize = 5;

Error corrupt(const QString &detail)
{
    return makeError(
        ErrorCode::InvalidInput, StreamDecoder::tr("the compressed data is corrupt (%1)").arg(detail));
}

class StoreDecoder final : public StreamDecoder
{
public:
    Status feed(QByteArrayView input, const ChunkSink &sink) override { return sink(input); }
    Status finish(const ChunkSink &) override { return success(); }
};

class DeflateDecoder final : public StreamDecoder
{
public:
    DeflateDecoder()
    {
        m_stream = {};
        m_initialized = inflateInit2(&m_stream, -MAX_WBITS) == Z_OK;
        m_out.resize(OutputChunk);
    }
    ~DeflateDecoder() override
    {
        if (m_initialized)
            inflateEnd(&m_stream);
    }

    Status feed(QByteArrayView input, const ChunkSink &sink) override
    {
        if (!m_initialized)
            return makeError(ErrorCode::Io, StreamDecoder::tr("zlib could not be initialised"));
        if (m_ended)
            return input.isEmpty() ? success()
                                   : corrupt(StreamDecoder::tr("data after the end of the deflate stream"));
        m_stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(input.data()));
        m_stream.avail_in = uInt(input.size());
        do {
            m_stream.next_out = reinterpret_cast<Bytef *>(m_out.data());
            m_stream.avail_out = uInt(m_out.size());
            const int rc = inflate(&m_stream, Z_NO_FLUSH);
            if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR)
                return corrupt(QString::fromLatin1(m_stream.msg ? m_stream.msg : "inflate error"));
            const qsizetype produced = m_out.size() - qsizetype(m_stream.avail_out);
            if (produced > 0) {
                if (Status s = sink(QByteArrayView(m_out.constData(), produced)); !s)
                    return s;
            }
            if (rc == Z_STREAM_END) {
                m_ended = true;
                if (m_stream.avail_in > 0)
                    return corrupt(StreamDecoder::tr("data after the end of the deflate stream"));
                break;
            }
            if (rc == Z_BUF_ERROR && produced == 0)
                break;
        } while (m_stream.avail_in > 0 || m_stream.avail_out == 0);
        return success();
    }

    Status finish(const ChunkSink &sink) override
    {
        if (!m_ended) {
            // Flush whatever zlib still holds, then insist on a proper end of stream.
            if (Status s = feed({}, sink); !s)
                return s;
        }
        return m_ended ? success() : corrupt(StreamDecoder::tr("the deflate stream ends early"));
    }

private:
    z_stream m_stream;
    QByteArray m_out;
    bool m_initialized = false;
    bool m_ended = false;
};

class BZip2Decoder final : public StreamDecoder
{
public:
    BZip2Decoder()
    {
        m_stream = {};
        m_initialized = BZ2_bzDecompressInit(&m_stream, 0, 0) == BZ_OK;
        m_out.resize(OutputChunk);
    }
    ~BZip2Decoder() override
    {
        if (m_initialized)
            BZ2_bzDecompressEnd(&m_stream);
    }

    Status feed(QByteArrayView input, const ChunkSink &sink) override
    {
        if (!m_initialized)
            return makeError(ErrorCode::Io, StreamDecoder::tr("libbz2 could not be initialised"));
        if (m_ended)
            return input.isEmpty() ? success()
                                   : corrupt(StreamDecoder::tr("data after the end of the bzip2 stream"));
        m_stream.next_in = const_cast<char *>(input.data());
        m_stream.avail_in = unsigned(input.size());
        do {
            m_stream.next_out = m_out.data();
            m_stream.avail_out = unsigned(m_out.size());
            const int rc = BZ2_bzDecompress(&m_stream);
            if (rc != BZ_OK && rc != BZ_STREAM_END)
                return corrupt(StreamDecoder::tr("bzip2 error %1").arg(rc));
            const qsizetype produced = m_out.size() - qsizetype(m_stream.avail_out);
            if (produced > 0) {
                if (Status s = sink(QByteArrayView(m_out.constData(), produced)); !s)
                    return s;
            }
            if (rc == BZ_STREAM_END) {
                m_ended = true;
                if (m_stream.avail_in > 0)
                    return corrupt(StreamDecoder::tr("data after the end of the bzip2 stream"));
                break;
            }
            if (produced == 0 && m_stream.avail_in == 0)
                break;
        } while (m_stream.avail_in > 0 || m_stream.avail_out == 0);
        return success();
    }

    Status finish(const ChunkSink &sink) override
    {
        if (!m_ended) {
            if (Status s = feed({}, sink); !s)
                return s;
        }
        return m_ended ? success() : corrupt(StreamDecoder::tr("the bzip2 stream ends early"));
    }

private:
    bz_stream m_stream;
    QByteArray m_out;
    bool m_initialized = false;
    bool m_ended = false;
};

// ZIP method 14: a 4-byte header (LZMA SDK version, properties size), the LZMA properties, then a raw
// LZMA1 stream that may or may not end in an end marker (general-purpose flag bit 1 says which; both
// pyzipper and 7-Zip write one). With a marker, liblzma decodes until it; without, the declared size
// (LZMA1EXT) tells it where to stop. LZMA1EXT's "size known, marker allowed" mode is not used for
// streams with a marker: liblzma 5.4.1 fails on it when the marker straddles two input buffers.
class LzmaDecoder final : public StreamDecoder
{
public:
    LzmaDecoder(qint64 expectedSize, bool endMarker)
        : m_expectedSize(expectedSize)
        , m_endMarker(endMarker)
    {
        m_out.resize(OutputChunk);
    }
    ~LzmaDecoder() override
    {
        if (m_initialized)
            lzma_end(&m_stream);
    }

    Status feed(QByteArrayView input, const ChunkSink &sink) override
    {
        // The header may arrive split across reads: first its 4 fixed bytes, then the properties.
        while (!m_initialized) {
            const qsizetype take = std::min(headerSize() - m_header.size(), input.size());
            m_header.append(input.first(take));
            input = input.sliced(take);
            if (m_header.size() == 4 && headerSize() != 4 + LzmaPropertiesSize)
                return corrupt(StreamDecoder::tr("unexpected LZMA properties size %1").arg(headerSize() - 4));
            if (m_header.size() < headerSize()) {
                if (input.isEmpty())
                    return success();
                continue;
            }
            if (Status s = initialize(); !s)
                return s;
        }
        return run(input, LZMA_RUN, sink);
    }

    Status finish(const ChunkSink &sink) override
    {
        if (!m_initialized)
            return corrupt(StreamDecoder::tr("the LZMA header is incomplete"));
        if (!m_ended) {
            const Status s = run({}, LZMA_FINISH, sink);
            // Like pyzipper, accept a stream flagged as marker-terminated that simply stops at its size.
            if (!m_ended && m_produced == m_expectedSize)
                return success();
            if (!s)
                return s;
        }
        return m_ended ? success() : corrupt(StreamDecoder::tr("the LZMA stream ends early"));
    }

private:
    qsizetype headerSize() const
    {
        if (m_header.size() < 4)
            return 4;
        return 4 + qsizetype(quint8(m_header.at(2)) | (quint8(m_header.at(3)) << 8));
    }

    Status initialize()
    {
        lzma_filter filters[2] = {};
        filters[0].id = m_endMarker ? LZMA_FILTER_LZMA1 : LZMA_FILTER_LZMA1EXT;
        filters[1].id = LZMA_VLI_UNKNOWN;
        if (lzma_properties_decode(&filters[0], nullptr,
                reinterpret_cast<const uint8_t *>(m_header.constData()) + 4, LzmaPropertiesSize)
            != LZMA_OK)
            return corrupt(StreamDecoder::tr("invalid LZMA properties"));
        auto *options = static_cast<lzma_options_lzma *>(filters[0].options);
        // The dictionary never needs to exceed the output, so a hostile header cannot make us allocate
        // gigabytes for a tiny entry.
        const quint64 bound = quint64(std::max<qint64>(m_expectedSize, LZMA_DICT_SIZE_MIN));
        options->dict_size = uint32_t(std::min<quint64>(options->dict_size, bound));
        options->ext_flags = LZMA_LZMA1EXT_ALLOW_EOPM;
        options->ext_size_low = uint32_t(quint64(m_expectedSize) & 0xffffffffu);
        options->ext_size_high = uint32_t(quint64(m_expectedSize) >> 32);
        m_stream = LZMA_STREAM_INIT;
        const lzma_ret rc = lzma_raw_decoder(&m_stream, filters);
        free(options); // lzma_properties_decode allocates with malloc; the decoder keeps its own copy.
        if (rc != LZMA_OK)
            return corrupt(StreamDecoder::tr("liblzma rejected the stream parameters (%1)").arg(int(rc)));
        m_initialized = true;
        return success();
    }

    Status run(QByteArrayView input, lzma_action action, const ChunkSink &sink)
    {
        if (m_ended)
            return input.isEmpty() ? success()
                                   : corrupt(StreamDecoder::tr("data after the end of the LZMA stream"));
        m_stream.next_in = reinterpret_cast<const uint8_t *>(input.data());
        m_stream.avail_in = size_t(input.size());
        for (;;) {
            m_stream.next_out = reinterpret_cast<uint8_t *>(m_out.data());
            m_stream.avail_out = size_t(m_out.size());
            const lzma_ret rc = lzma_code(&m_stream, action);
            const qsizetype produced = m_out.size() - qsizetype(m_stream.avail_out);
            m_produced += produced;
            if (produced > 0) {
                if (Status s = sink(QByteArrayView(m_out.constData(), produced)); !s)
                    return s;
            }
            if (rc == LZMA_STREAM_END) {
                m_ended = true;
                if (m_stream.avail_in > 0)
                    return corrupt(StreamDecoder::tr("data after the end of the LZMA stream"));
                return success();
            }
            if (rc == LZMA_BUF_ERROR)
                return action == LZMA_FINISH ? corrupt(StreamDecoder::tr("the LZMA stream ends early"))
                                             : success();
            if (rc != LZMA_OK)
                return corrupt(StreamDecoder::tr("liblzma error %1").arg(int(rc)));
            if (m_stream.avail_in == 0 && m_stream.avail_out > 0)
                return success();
        }
    }

    qint64 m_expectedSize;
    bool m_endMarker;
    qint64 m_produced = 0;
    lzma_stream m_stream = LZMA_STREAM_INIT;
    QByteArray m_header;
    QByteArray m_out;
    bool m_initialized = false;
    bool m_ended = false;
};

} // namespace

bool StreamDecoder::isSupported(quint16 method)
{
    return method == Store || method == Deflate || method == BZip2 || method == Lzma;
}

Result<std::unique_ptr<StreamDecoder>> StreamDecoder::create(
    quint16 method, qint64 expectedSize, bool lzmaEndMarker)
{
    switch (method) {
    case Store:
        return std::unique_ptr<StreamDecoder>(new StoreDecoder);
    case Deflate:
        return std::unique_ptr<StreamDecoder>(new DeflateDecoder);
    case BZip2:
        return std::unique_ptr<StreamDecoder>(new BZip2Decoder);
    case Lzma:
        return std::unique_ptr<StreamDecoder>(new LzmaDecoder(expectedSize, lzmaEndMarker));
    default:
        break;
    }
    return makeError(ErrorCode::InvalidInput, tr("compression method %1 is not supported").arg(method));
}

} // namespace tapedeck
