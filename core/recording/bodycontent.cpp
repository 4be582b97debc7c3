// SPDX-License-Identifier: MIT
// HTTP body classification and pretty-printing.
#include "core/recording/bodycontent.h"

#include "core/common/utf8.h"

#include <QUrlQuery>

namespace tapedeck {

namespace {

bool hasImageMagic(QByteArrayView data)
{
    return data.startsWith("\x89PNG\r\n\x1a\n") || data.startsWith("\xff\xd8\xff") || data.startsWith("GIF8")
        || (data.size() >= 12 && data.startsWith("RIFF") && data.sliced(8).startsWith("WEBP"))
        || data.startsWith("BM");
}

QString mediaType(const QString &contentType)
{
    return contentType.section(QLatin1Char(';'), 0, 0).trimmed().toLower();
}

// Starts with '{' or '[' after white space (what JSON allows before a value, and the parser skips).
bool looksLikeJson(QByteArrayView content)
{
    for (const char c : content) {
        if (c == '{' || c == '[')
            return true;
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            return false;
    }
    return false;
}

} // namespace

QString BodyContent::magicName(QByteArrayView data)
{
    static const struct
    {
        QByteArrayView magic;
        const char *name;
    } magics[] = {
        { QByteArrayView("\x89PNG\r\n\x1a\n"), QT_TRANSLATE_NOOP("BodyContent", "PNG image") },
        { QByteArrayView("\xff\xd8\xff"), QT_TRANSLATE_NOOP("BodyContent", "JPEG image") },
        { QByteArrayView("GIF8"), QT_TRANSLATE_NOOP("BodyContent", "GIF image") },
        { QByteArrayView("%PDF-"), QT_TRANSLATE_NOOP("BodyContent", "PDF document") },
        { QByteArrayView("PK\x03\x04"), QT_TRANSLATE_NOOP("BodyContent", "ZIP archive") },
        { QByteArrayView("\x1f\x8b"), QT_TRANSLATE_NOOP("BodyContent", "gzip data") },
        { QByteArrayView("BZh"), QT_TRANSLATE_NOOP("BodyContent", "bzip2 data") },
    };
    for (const auto &m : magics) {
        if (data.startsWith(m.magic))
            return tr(m.name);
    }
    return {};
}

bool BodyContent::isTextualType(const QString &contentType)
{
    const QString t = mediaType(contentType);
    if (t.startsWith(QLatin1String("text/")))
        return true;
    for (const char *marker : { "json", "xml", "javascript", "ecmascript", "x-www-form-urlencoded", "yaml",
             "csv", "graphql", "html" }) {
        if (t.contains(QLatin1String(marker)))
            return true;
    }
    return false;
}

bool BodyContent::isBinaryType(const QString &contentType)
{
    const QString t = mediaType(contentType);
    if (t.isEmpty() || isTextualType(t))
        return false;
    for (const char *prefix : { "image/", "audio/", "video/", "font/" }) {
        if (t.startsWith(QLatin1String(prefix)))
            return true;
    }
    for (const char *type : { "application/octet-stream", "application/pdf", "application/zip",
             "application/gzip", "application/x-gzip", "application/x-tar", "application/x-bzip2",
             "application/x-7z-compressed", "application/wasm", "application/x-protobuf",
             "application/protobuf", "application/x-msgpack", "application/msgpack",
             "application/vnd.apache.arrow.stream", "application/vnd.apache.parquet" }) {
        if (t == QLatin1String(type))
            return true;
    }
    return false;
}

QString BodyContent::capped(const QString &text, bool *cut)
{
    if (text.size() <= MaxShownCharacters)
        return text;
    *cut = true;
    return text.left(MaxShownCharacters);
}

std::optional<QString> BodyContent::cappedText(QByteArrayView utf8, bool *cut)
{
    if (!utf8.isValidUtf8())
        return std::nullopt;
    // A UTF-16 unit takes at most three bytes (a leading byte order mark three more), so this many bytes
    // hold at least MaxShownCharacters units; the cut goes back to the start of a code point.
    qsizetype end = std::min(utf8.size(), 3 * MaxShownCharacters + 8);
    while (end < utf8.size() && end > 0 && (uchar(utf8[end]) & 0xc0) == 0x80)
        --end;
    std::optional<QString> text = strictUtf8(utf8.first(end));
    if (!text)
        return std::nullopt;
    if (end < utf8.size()) {
        *cut = true;
        text->truncate(MaxShownCharacters);
        return text;
    }
    return capped(*text, cut);
}

QString BodyContent::jsonErrorText(const JsonParseInfo &info)
{
    return tr("line %1, column %2: %3").arg(info.errorLine).arg(info.errorColumn).arg(info.reason);
}

BodyContent BodyContent::inspect(const std::optional<QByteArray> &raw, const QList<HttpHeader> &headers)
{
    BodyContent b;
    b.raw = raw;
    b.contentType = HttpExchange::headerValue(headers, u"content-type");
    b.contentEncoding = HttpExchange::contentEncoding(headers);
    if (!raw)
        return b;
    b.content = *raw;
    if (raw->isEmpty()) {
        b.shape = Shape::Empty;
        return b;
    }
    if (!b.contentEncoding.isEmpty()
        && b.contentEncoding.compare(QLatin1String("identity"), Qt::CaseInsensitive) != 0) {
        Result<QByteArray> content = HttpExchange::decodeContent(*raw, b.contentEncoding);
        if (content) {
            b.content = std::move(content).value();
            b.decoded = true;
            b.rawText = cappedText(*raw, &b.truncated);
        } else {
            b.decodeError = content.error().message;
        }
    }
    b.binaryKind = magicName(b.content);
    const QString type = mediaType(b.contentType);
    b.looksLikeImage = (type.startsWith(QLatin1String("image/")) && !type.contains(QLatin1String("svg")))
        || hasImageMagic(b.content);
    // The content is never converted whole: only what is shown, and what is parsed (bounded).
    bool cut = false;
    const std::optional<QString> text = cappedText(b.content, &cut);
    const bool hasNul = b.content.contains('\0');
    if (!b.decodeError.isEmpty() || isBinaryType(b.contentType) || !text
        || (hasNul && !isTextualType(b.contentType))) {
        b.shape = Shape::Binary;
        return b;
    }
    b.truncated = b.truncated || cut;
    if (!b.decoded)
        b.rawText = text;
    b.text = *text;
    b.shape = Shape::Text;
    const bool parsable = b.content.size() <= MaxParsedBytes;
    if (type.contains(QLatin1String("x-www-form-urlencoded"))) {
        if (parsable) {
            const QUrlQuery query(strictUtf8(b.content).value_or(QString()).trimmed());
            for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded))
                b.formFields.append({ key, value });
        } else {
            b.tooLargeToParse = true;
        }
    }
    const bool saysJson = type.contains(QLatin1String("json"));
    if (saysJson || looksLikeJson(b.content)) {
        if (!parsable) {
            b.tooLargeToParse = true;
            return b;
        }
        JsonParseInfo info;
        Result<JsonValue> json = JsonValue::parse(b.content, &info);
        if (json) {
            b.pretty = capped(prettyJson(*json), &b.truncated);
            b.shape = Shape::Json;
        } else if (saysJson) {
            b.jsonError = jsonErrorText(info);
        }
    }
    return b;
}

} // namespace tapedeck
