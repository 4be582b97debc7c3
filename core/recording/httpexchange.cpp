// SPDX-License-Identifier: MIT
// Header lookup and Content-Encoding decoding for recorded HTTP interactions.
#include "core/recording/httpexchange.h"

#include "core/common/bytesize.h"

#include <brotli/decode.h>
#include <zlib.h>

#include <functional>
#include <memory>
#include <vector>

namespace tapedeck {

namespace {

// Output is handed on in pieces of at most this size: a layer holds one such buffer.
constexpr qsizetype PieceSize = 64 * 1024;
// zlib counts input in uInt: larger inputs are fed in slices.
constexpr qsizetype MaxSlice = qsizetype(1) << 30;

using Emit = std::function<Status(QByteArrayView)>;

Error doesNotDecode(const QString &why)
{
    return makeError(ErrorCode::InvalidInput, HttpExchange::tr("the body does not decode (%1)").arg(why));
}

// One Content-Encoding undone as a stream: input arrives in pieces, output leaves in pieces.
class Layer
{
public:
    virtual ~Layer() = default;
    virtual Status push(QByteArrayView in, const Emit &next) = 0;
    // The input is complete: fails when the stream has not ended.
    virtual Status finish(const Emit &next) = 0;
};

// gzip (16 + MAX_WBITS), zlib-wrapped deflate (MAX_WBITS) or raw deflate (-MAX_WBITS). "deflate" is
// meant to be zlib-wrapped, but servers often send raw deflate: its first two bytes decide.
class InflateLayer final : public Layer
{
public:
    enum class Kind { Gzip, Deflate };
    explicit InflateLayer(Kind kind)
        : m_kind(kind)
        , m_out(PieceSize, Qt::Uninitialized)
    { }
    ~InflateLayer() override
    {
        if (m_initialised)
            inflateEnd(&m_stream);
    }
    InflateLayer(const InflateLayer &) = delete;
    InflateLayer &operator=(const InflateLayer &) = delete;

    Status push(QByteArrayView in, const Emit &next) override
    {
        if (!m_initialised) {
            // The wrapper test needs two bytes; they may arrive one at a time from the layer before.
            m_head.append(in);
            if (m_kind == Kind::Deflate && m_head.size() < 2)
                return success();
            if (Status s = start(); !s)
                return s;
            const QByteArray head = std::exchange(m_head, QByteArray());
            return inflateAll(head, next);
        }
        return inflateAll(in, next);
    }

    Status finish(const Emit &next) override
    {
        if (!m_initialised && !m_head.isEmpty()) {
            if (Status s = start(); !s)
                return s;
            const QByteArray head = std::exchange(m_head, QByteArray());
            if (Status s = inflateAll(head, next); !s)
                return s;
        }
        if (!m_ended)
            return doesNotDecode(HttpExchange::tr("truncated stream"));
        return success();
    }

private:
    Status start()
    {
        int windowBits = 16 + MAX_WBITS;
        if (m_kind == Kind::Deflate) {
            const uchar cmf = uchar(m_head.at(0));
            const uchar flg = m_head.size() > 1 ? uchar(m_head.at(1)) : 0;
            const bool zlibHeader = (cmf & 0x0f) == Z_DEFLATED && ((cmf << 8) | flg) % 31 == 0;
            windowBits = zlibHeader ? MAX_WBITS : -MAX_WBITS;
        }
        m_gzip = windowBits > MAX_WBITS;
        if (inflateInit2(&m_stream, windowBits) != Z_OK)
            return makeError(ErrorCode::Io, HttpExchange::tr("zlib could not be initialised"));
        m_initialised = true;
        return success();
    }

    Status inflateAll(QByteArrayView in, const Emit &next)
    {
        for (qsizetype at = 0; at < in.size(); at += MaxSlice) {
            if (Status s = inflateSlice(in.sliced(at, std::min(MaxSlice, in.size() - at)), next); !s)
                return s;
        }
        return success();
    }

    Status inflateSlice(QByteArrayView in, const Emit &next)
    {
        m_stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(in.data()));
        m_stream.avail_in = uInt(in.size());
        for (;;) {
            if (m_ended) {
                // gzip allows several members back to back; after a zlib or raw stream the rest is ignored.
                if (m_stream.avail_in == 0 || !m_gzip)
                    return success();
                inflateReset(&m_stream);
                m_ended = false;
            }
            m_stream.next_out = reinterpret_cast<Bytef *>(m_out.data());
            m_stream.avail_out = uInt(m_out.size());
            const int rc = inflate(&m_stream, Z_NO_FLUSH);
            if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR)
                return doesNotDecode(QString::fromLatin1(m_stream.msg ? m_stream.msg : "inflate error"));
            const qsizetype produced = m_out.size() - qsizetype(m_stream.avail_out);
            if (produced > 0) {
                if (Status s = next(QByteArrayView(m_out.constData(), produced)); !s)
                    return s;
            }
            if (rc == Z_STREAM_END) {
                m_ended = true;
                continue;
            }
            // All input taken and the output not full: nothing more comes out until more input does.
            if (m_stream.avail_in == 0 && m_stream.avail_out > 0)
                return success();
            if (rc == Z_BUF_ERROR && produced == 0)
                return success();
        }
    }

    Kind m_kind;
    z_stream m_stream {};
    QByteArray m_out;
    QByteArray m_head;
    bool m_initialised = false;
    bool m_gzip = false;
    bool m_ended = false;
};

class BrotliLayer final : public Layer
{
public:
    BrotliLayer()
        : m_state(BrotliDecoderCreateInstance(nullptr, nullptr, nullptr))
        , m_out(PieceSize, Qt::Uninitialized)
    { }
    ~BrotliLayer() override
    {
        if (m_state)
            BrotliDecoderDestroyInstance(m_state);
    }
    BrotliLayer(const BrotliLayer &) = delete;
    BrotliLayer &operator=(const BrotliLayer &) = delete;

    Status push(QByteArrayView in, const Emit &next) override
    {
        if (!m_state)
            return makeError(ErrorCode::Io, HttpExchange::tr("brotli could not be initialised"));
        size_t availableIn = size_t(in.size());
        const uint8_t *nextIn = reinterpret_cast<const uint8_t *>(in.data());
        // Data after the end of the stream is ignored.
        while (!m_ended) {
            size_t availableOut = size_t(m_out.size());
            uint8_t *nextOut = reinterpret_cast<uint8_t *>(m_out.data());
            const BrotliDecoderResult rc
                = BrotliDecoderDecompressStream(m_state, &availableIn, &nextIn, &availableOut, &nextOut, nullptr);
            if (rc == BROTLI_DECODER_RESULT_ERROR)
                return doesNotDecode(HttpExchange::tr("brotli"));
            const qsizetype produced = m_out.size() - qsizetype(availableOut);
            if (produced > 0) {
                if (Status s = next(QByteArrayView(m_out.constData(), produced)); !s)
                    return s;
            }
            if (rc == BROTLI_DECODER_RESULT_SUCCESS)
                m_ended = true;
            else if (rc == BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT)
                break;
        }
        return success();
    }

    Status finish(const Emit &) override
    {
        // Every push ran until brotli needed more input: nothing is left to flush.
        if (!m_ended)
            return doesNotDecode(HttpExchange::tr("brotli, truncated stream"));
        return success();
    }

private:
    BrotliDecoderState *m_state;
    QByteArray m_out;
    bool m_ended = false;
};

enum class Coding { Gzip, Deflate, Brotli };

std::unique_ptr<Layer> makeLayer(Coding coding)
{
    switch (coding) {
    case Coding::Gzip:
        return std::make_unique<InflateLayer>(InflateLayer::Kind::Gzip);
    case Coding::Deflate:
        return std::make_unique<InflateLayer>(InflateLayer::Kind::Deflate);
    case Coding::Brotli:
        return std::make_unique<BrotliLayer>();
    }
    return nullptr;
}

// The layers of one body, first to undo first; every piece any layer produces is counted against one
// budget, and only the last layer's output is kept. A large output is measured first and then decoded
// once more into a buffer of its exact size: growing a buffer of hundreds of megabytes holds the old and
// the new one at once for a moment (and some allocators keep the old one around).
class DecoderChain
{
public:
    // Below this the output is kept on the first pass.
    static constexpr qsizetype KeepOnFirstPass = qsizetype(16) << 20;

    DecoderChain(std::vector<Coding> codings, qint64 maxSize)
        : m_codings(std::move(codings))
        , m_maxSize(maxSize)
    { }

    Result<QByteArray> run(QByteArrayView raw)
    {
        if (Status s = pass(raw); !s)
            return s.error();
        if (m_keep)
            return std::move(m_out);
        // Every layer's output counted, the last one's is the size to hold.
        m_out = QByteArray();
        m_out.reserve(qsizetype(m_finalSize));
        m_keep = true;
        m_keepLimit = m_maxSize;
        if (Status s = pass(raw); !s)
            return s.error();
        return std::move(m_out);
    }

private:
    Status pass(QByteArrayView raw)
    {
        m_layers.clear();
        for (const Coding coding : m_codings)
            m_layers.push_back(makeLayer(coding));
        m_produced = 0;
        m_finalSize = 0;
        if (Status s = feed(0, raw); !s)
            return s;
        for (size_t level = 0; level < m_layers.size(); ++level) {
            if (Status s = m_layers[level]->finish(emitter(level)); !s)
                return s;
        }
        return success();
    }

    Status feed(size_t level, QByteArrayView data)
    {
        if (level < m_layers.size())
            return m_layers[level]->push(data, emitter(level));
        m_finalSize += data.size();
        if (m_keep && m_finalSize > m_keepLimit) {
            m_keep = false;
            m_out = QByteArray();
        }
        if (m_keep)
            m_out.append(data);
        return success();
    }

    Emit emitter(size_t level)
    {
        return [this, level](QByteArrayView piece) -> Status {
            m_produced += piece.size();
            if (m_produced > m_maxSize)
                return makeError(ErrorCode::InvalidInput,
                    HttpExchange::tr("the decoded body is larger than %1 (all Content-Encoding layers together)")
                        .arg(formatByteSize(m_maxSize)));
            return feed(level + 1, piece);
        };
    }

    std::vector<Coding> m_codings;
    std::vector<std::unique_ptr<Layer>> m_layers;
    qint64 m_maxSize;
    qint64 m_produced = 0;
    qint64 m_finalSize = 0;
    bool m_keep = true;
    qint64 m_keepLimit = KeepOnFirstPass;
    QByteArray m_out;
};

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

QString HttpExchange::contentEncoding(const QList<HttpHeader> &headers)
{
    return headerValues(headers, u"content-encoding").join(QLatin1String(", ")).trimmed();
}

Result<QByteArray> HttpExchange::decodeContent(
    const QByteArray &raw, const QString &contentEncoding, qint64 maxSize)
{
    // Encodings are listed in the order they were applied; they are undone from the last. identity
    // changes nothing and needs no layer.
    const QStringList codings = contentEncoding.split(QLatin1Char(','), Qt::SkipEmptyParts);
    std::vector<Coding> layers;
    for (auto it = codings.crbegin(); it != codings.crend(); ++it) {
        const QString coding = it->trimmed().toLower();
        if (coding == QLatin1String("gzip") || coding == QLatin1String("x-gzip"))
            layers.push_back(Coding::Gzip);
        else if (coding == QLatin1String("deflate"))
            layers.push_back(Coding::Deflate);
        else if (coding == QLatin1String("br"))
            layers.push_back(Coding::Brotli);
        else if (coding != QLatin1String("identity") && !coding.isEmpty())
            return makeError(
                ErrorCode::InvalidInput, tr("the content encoding \"%1\" is not supported").arg(coding));
        if (layers.size() > size_t(MaxCodings))
            return makeError(ErrorCode::InvalidInput,
                tr("the body is encoded more than %1 times (Content-Encoding: %2)")
                    .arg(MaxCodings)
                    .arg(contentEncoding));
    }
    if (layers.empty())
        return raw;
    return DecoderChain(std::move(layers), maxSize).run(raw);
}

} // namespace tapedeck
