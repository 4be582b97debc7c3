// SPDX-License-Identifier: MIT
// HTTP bodies for display: Content-Encoding undone (gzip, deflate, br, chains of them) under a size cap,
// then classified and pretty-printed (what `show` and the GUI's detail panes present).
//
// Input: the Content-Encoding value up to a NUL byte, the Content-Type up to the next, a cap selector, then
// the recorded body.
// Invariants:
// - decoding never produces more than the cap, whatever the chain of encodings; an error carries a
//   message;
// - a smaller cap only ever turns a success into an error, never into other bytes, and with one encoding
//   only when the result exceeds it; no encoding (or identity) gives the recorded bytes;
// - inspect(): the shape is Null/Empty exactly for a null/empty body; a decoded body is what
//   decodeContent gives; Json means the content parses as JSON; shown text never exceeds
//   MaxShownCharacters and is cut only with `truncated` set.
#include "core/common/jsonvalue.h"
#include "core/common/utf8.h"
#include "core/recording/bodycontent.h"
#include "core/recording/httpexchange.h"
#include "fuzzsupport.h"

using namespace tapedeck;
using namespace tapedeck::fuzz;

namespace {

constexpr qint64 LargeCap = qint64(16) << 20;

// Encodings other than identity in a Content-Encoding value (an HTTP list: empty elements do not count).
qsizetype layersOf(const QString &encoding)
{
    qsizetype layers = 0;
    for (const QString &coding : encoding.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString name = coding.trimmed();
        layers += name.isEmpty() || name.compare(QLatin1String("identity"), Qt::CaseInsensitive) == 0 ? 0 : 1;
    }
    return layers;
}

Result<QByteArray> decode(const QByteArray &raw, const QString &encoding, qint64 cap)
{
    Result<QByteArray> decoded = HttpExchange::decodeContent(raw, encoding, cap);
    if (!decoded)
        FUZZ_CHECK_ERROR(decoded.error());
    else if (layersOf(encoding) > 0) // the recorded bytes themselves are not decoded output
        FUZZ_CHECK(decoded->size() <= cap,
            QStringLiteral("\"%1\" decoded to %2 bytes under a cap of %3")
                .arg(encoding)
                .arg(decoded->size())
                .arg(cap));
    return decoded;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *bytes, std::size_t size)
{
    FuzzInput in(bytes, size);
    const QString encoding = QString::fromUtf8(in.until('\0'));
    const QString type = QString::fromUtf8(in.until('\0'));
    const qint64 smallCap = qint64(in.number(0xffff));
    const QByteArray raw = in.rest().toByteArray();

    const Result<QByteArray> large = decode(raw, encoding, LargeCap);
    const Result<QByteArray> small = decode(raw, encoding, smallCap);
    const qsizetype layers = layersOf(encoding);
    const bool plain = layers == 0;
    if (small)
        FUZZ_CHECK(large.ok() && *large == *small,
            QStringLiteral("a smaller cap decodes \"%1\" differently").arg(encoding));
    // With one layer the result is all there is to bound (with more, the layers in between count too).
    else if (large && large->size() <= smallCap && layers == 1)
        FUZZ_CHECK(false,
            QStringLiteral("\"%1\" fits the smaller cap, yet fails under it: %2")
                .arg(encoding, small.error().message));
    if (plain)
        FUZZ_CHECK(large.ok() && *large == raw, QStringLiteral("\"%1\" changes the body").arg(encoding));

    QList<HttpHeader> headers;
    if (!encoding.isEmpty())
        headers.append({ QStringLiteral("Content-Encoding"), encoding });
    if (!type.isEmpty())
        headers.append({ QStringLiteral("Content-Type"), type });
    const BodyContent b = BodyContent::inspect(raw, headers);
    FUZZ_CHECK((b.shape == BodyContent::Shape::Empty) == raw.isEmpty(),
        QStringLiteral("shape %1 for %2 bytes").arg(int(b.shape)).arg(raw.size()));
    FUZZ_CHECK(BodyContent::inspect(std::nullopt, headers).shape == BodyContent::Shape::Null,
        QStringLiteral("a null body is not Null"));
    if (b.decoded) {
        const Result<QByteArray> content = HttpExchange::decodeContent(raw, b.contentEncoding);
        FUZZ_CHECK(content.ok() && *content == b.content,
            QStringLiteral("the decoded body is not what decodeContent gives"));
    }
    if (!b.decodeError.isEmpty())
        FUZZ_CHECK(
            b.shape == BodyContent::Shape::Binary, QStringLiteral("an undecodable body shown as text"));
    if (b.shape == BodyContent::Shape::Json)
        FUZZ_CHECK(
            JsonValue::parse(b.content).ok(), QStringLiteral("shape Json for content that is not JSON"));
    for (const QString *shown : { &b.text, &b.pretty })
        FUZZ_CHECK(shown->size() <= BodyContent::MaxShownCharacters,
            QStringLiteral("%1 characters shown").arg(shown->size()));
    if (b.rawText)
        FUZZ_CHECK(b.rawText->size() <= BodyContent::MaxShownCharacters,
            QStringLiteral("%1 raw characters shown").arg(b.rawText->size()));
    if (b.shape == BodyContent::Shape::Text || b.shape == BodyContent::Shape::Json) {
        const QString full = decodeUtf8(b.content); // recorded text as Tapedeck decodes it everywhere
        FUZZ_CHECK(b.text == full.left(BodyContent::MaxShownCharacters)
                && (b.truncated || b.text.size() == full.size()),
            QStringLiteral("the text shown is not the content's (%1 of %2 characters, truncated %3)")
                .arg(b.text.size())
                .arg(full.size())
                .arg(b.truncated));
    }
    return 0;
}
