// SPDX-License-Identifier: MIT
// The ZIP stream decoders (store, deflate, bzip2, LZMA method 14) on arbitrary compressed data.
//
// Input: method selector, declared size, LZMA end-marker flag, a split point, an output cap, then the
// compressed bytes.
// Invariants:
// - decoding fed in one piece and fed in two pieces (split anywhere) gives the same verdict and, when both
//   succeed, the same bytes: where reads of the archive happen to end never changes what an entry holds;
// - a sink error stops decoding and is passed through unchanged (the output cap below is such an error);
// - the decoder never hands out more than the sink accepted before it failed;
// - every error carries a message;
// - bzip2: a stream StreamDecoder decodes, CheckpointState::bz2Decompress decodes to the same bytes.
#include "core/archive/streamdecoder.h"
#include "core/recording/checkpointstate.h"
#include "fuzzsupport.h"

using namespace tapedeck;
using namespace tapedeck::fuzz;

namespace {

constexpr quint32 MaxOutput = 4u << 20;
const QString CapMessage = QStringLiteral("fuzz output cap reached");

struct Decoded
{
    bool ok = false;
    bool capped = false;
    QByteArray output;
    QString message;
};

Decoded decode(
    quint16 method, qint64 expectedSize, bool endMarker, qint64 cap, QByteArrayView data, qsizetype split)
{
    Decoded d;
    Result<std::unique_ptr<StreamDecoder>> decoder = StreamDecoder::create(method, expectedSize, endMarker);
    FUZZ_CHECK(decoder.ok(), QStringLiteral("method %1 is supported").arg(method));
    bool sinkFailed = false;
    const ChunkSink sink = [&](QByteArrayView chunk) -> Status {
        FUZZ_CHECK(!sinkFailed, QStringLiteral("the decoder went on after the sink failed"));
        if (d.output.size() + chunk.size() > cap) {
            sinkFailed = true;
            return makeError(ErrorCode::InvalidInput, CapMessage);
        }
        d.output.append(chunk);
        return success();
    };
    Status s = (*decoder)->feed(data.first(split), sink);
    if (s)
        s = (*decoder)->feed(data.sliced(split), sink);
    if (s)
        s = (*decoder)->finish(sink);
    d.ok = s.ok();
    if (!s) {
        FUZZ_CHECK_ERROR(s.error());
        d.message = s.error().message;
        d.capped = sinkFailed;
        FUZZ_CHECK(!sinkFailed || d.message == CapMessage,
            QStringLiteral("the sink's error was replaced by \"%1\"").arg(d.message));
    }
    FUZZ_CHECK(!sinkFailed || !d.ok, QStringLiteral("the decoder succeeded although the sink failed"));
    return d;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *bytes, std::size_t size)
{
    FuzzInput in(bytes, size);
    static constexpr quint16 Methods[]
        = { StreamDecoder::Store, StreamDecoder::Deflate, StreamDecoder::BZip2, StreamDecoder::Lzma };
    const quint16 method = Methods[in.byte() % 4];
    const qint64 expectedSize = in.number(0xffffff); // up to 16 MiB
    const bool endMarker = in.byte() & 1;
    const quint32 splitChoice = in.number(0xffff);
    const qint64 cap = 1 + qint64(in.number(MaxOutput - 1));
    const QByteArrayView data = in.rest();
    const qsizetype split = data.isEmpty() ? 0 : qsizetype(splitChoice % quint32(data.size() + 1));

    const Decoded whole = decode(method, expectedSize, endMarker, cap, data, data.size());
    const Decoded pieces = decode(method, expectedSize, endMarker, cap, data, split);
    if (!whole.capped && !pieces.capped) {
        FUZZ_CHECK(whole.ok == pieces.ok,
            QStringLiteral("method %1: one piece %2, split at %3 %4 (%5)")
                .arg(method)
                .arg(whole.ok ? QStringLiteral("decodes") : QStringLiteral("fails"))
                .arg(split)
                .arg(pieces.ok ? QStringLiteral("decodes") : QStringLiteral("fails"))
                .arg(whole.ok ? pieces.message : whole.message));
        if (whole.ok)
            FUZZ_CHECK(whole.output == pieces.output,
                QStringLiteral("method %1: split at %2 decodes %3 bytes instead of %4")
                    .arg(method)
                    .arg(split)
                    .arg(pieces.output.size())
                    .arg(whole.output.size()));
    }
    if (method == StreamDecoder::BZip2 && whole.ok) {
        const Result<QByteArray> other = CheckpointState::bz2Decompress(data, cap);
        FUZZ_CHECK(other.ok(),
            QStringLiteral("bz2Decompress refuses a stream StreamDecoder reads: %1")
                .arg(other.ok() ? QString() : other.error().message));
        FUZZ_CHECK(*other == whole.output, QStringLiteral("the two bzip2 readers disagree on the bytes"));
    }
    return 0;
}
