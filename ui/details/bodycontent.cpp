// SPDX-License-Identifier: MIT
// HTTP body classification and pretty-printing for the detail panes. The same decisions as
// `tapedeck-cli show` (app/cli/showcommand.cpp), which keeps its own copy until both move to core.
#include "ui/details/bodycontent.h"

#include <QLocale>
#include <QStringDecoder>

namespace tapedeck {

namespace {

void appendPretty(QByteArray &out, const JsonValue &value, int indent, int level)
{
    const auto newline = [&](int depth) {
        out += '\n';
        out += QByteArray(qsizetype(indent) * depth, ' ');
    };
    switch (value.type()) {
    case JsonValue::Type::Null:
        out += "null";
        return;
    case JsonValue::Type::Bool:
        out += value.toBool() ? "true" : "false";
        return;
    case JsonValue::Type::Integer:
        out += value.integerText();
        return;
    case JsonValue::Type::Double: {
        const QByteArray text = value.numberText();
        out += text.isEmpty() ? pythonFloatRepr(value.toDouble()) : text;
        return;
    }
    case JsonValue::Type::String:
        out += pythonQuote(value.toString(), false);
        return;
    case JsonValue::Type::Array: {
        const JsonArray &items = value.toArray();
        if (items.empty()) {
            out += "[]";
            return;
        }
        out += '[';
        for (size_t i = 0; i < items.size(); ++i) {
            if (i > 0)
                out += ',';
            newline(level + 1);
            appendPretty(out, items[i], indent, level + 1);
        }
        newline(level);
        out += ']';
        return;
    }
    case JsonValue::Type::Object: {
        const JsonObject &members = value.toObject();
        if (members.empty()) {
            out += "{}";
            return;
        }
        out += '{';
        for (size_t i = 0; i < members.size(); ++i) {
            if (i > 0)
                out += ',';
            newline(level + 1);
            out += pythonQuote(members[i].key, false);
            out += ": ";
            appendPretty(out, members[i].value, indent, level + 1);
        }
        newline(level);
        out += '}';
        return;
    }
    }
}

QString magicName(QByteArrayView data)
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
            return BodyContent::tr(m.name);
    }
    return {};
}

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

bool isTextualType(const QString &contentType)
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

bool isBinaryType(const QString &contentType)
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

} // namespace

QString BodyContent::capped(const QString &text, bool *cut)
{
    if (text.size() <= MaxShownCharacters)
        return text;
    *cut = true;
    return text.left(MaxShownCharacters);
}

QString BodyContent::prettyJson(const JsonValue &value, int indent)
{
    QByteArray out;
    appendPretty(out, value, indent, 0);
    return QString::fromUtf8(out);
}

std::optional<QString> BodyContent::strictUtf8(QByteArrayView bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = decoder(bytes);
    if (decoder.hasError())
        return std::nullopt;
    return text;
}

QString BodyContent::sizeText(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeIecFormat);
}

BodyContent BodyContent::inspect(const std::optional<QByteArray> &raw, const QList<HttpHeader> &headers)
{
    BodyContent b;
    b.raw = raw;
    b.contentType = HttpExchange::headerValue(headers, u"content-type");
    b.contentEncoding
        = HttpExchange::headerValues(headers, u"content-encoding").join(QLatin1String(", ")).trimmed();
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
            if (std::optional<QString> rawText = strictUtf8(*raw))
                b.rawText = capped(*rawText, &b.truncated);
        } else {
            b.decodeError = content.error().message;
        }
    }
    b.binaryKind = magicName(b.content);
    const QString type = mediaType(b.contentType);
    const bool imageType = type.startsWith(QLatin1String("image/")) && !type.contains(QLatin1String("svg"));
    if (imageType || hasImageMagic(b.content)) {
        b.image = QImage::fromData(b.content);
        if (!b.image.isNull()) {
            b.shape = Shape::Image;
            b.imageSize = b.image.size();
            if (b.image.width() > MaxPreviewSide || b.image.height() > MaxPreviewSide)
                b.image = b.image.scaled(
                    MaxPreviewSide, MaxPreviewSide, Qt::KeepAspectRatio, Qt::SmoothTransformation);
            return b;
        }
    }
    const std::optional<QString> text = strictUtf8(b.content);
    const bool hasNul = b.content.contains('\0');
    if (!b.decodeError.isEmpty() || isBinaryType(b.contentType) || !text
        || (hasNul && !isTextualType(b.contentType))) {
        b.shape = Shape::Binary;
        return b;
    }
    if (!b.decoded)
        b.rawText = capped(*text, &b.truncated);
    b.text = capped(*text, &b.truncated);
    b.shape = Shape::Text;
    b.language = languageFor(b.contentType, b.text);
    const QStringView trimmed = QStringView(*text).trimmed();
    const bool saysJson = type.contains(QLatin1String("json"));
    if (saysJson || trimmed.startsWith(QLatin1Char('{')) || trimmed.startsWith(QLatin1Char('['))) {
        JsonParseInfo info;
        Result<JsonValue> json = JsonValue::parse(b.content, &info);
        if (json) {
            b.pretty = capped(prettyJson(*json), &b.truncated);
            b.shape = Shape::Json;
            b.language = SyntaxLanguage::Json;
        } else if (saysJson) {
            b.jsonError
                = tr("line %1, column %2: %3").arg(info.errorLine).arg(info.errorColumn).arg(info.reason);
        }
        if (!json && b.language == SyntaxLanguage::Json && !saysJson)
            b.language = SyntaxLanguage::None; // looked like JSON but is not
    }
    return b;
}

QString BodyContent::summary() const
{
    switch (shape) {
    case Shape::Null:
        return tr("No body (recorded as null)");
    case Shape::Empty:
        return tr("Empty body");
    default:
        break;
    }
    QStringList parts;
    if (!contentType.isEmpty())
        parts.append(contentType);
    else if (!binaryKind.isEmpty())
        parts.append(binaryKind);
    parts.append(sizeText(content.size()));
    if (decoded)
        parts.append(tr("%1-encoded, %2 recorded").arg(contentEncoding, sizeText(raw->size())));
    if (!decodeError.isEmpty())
        parts.append(tr("%1 could not be decoded: %2").arg(contentEncoding, decodeError));
    if (shape == Shape::Image)
        parts.append(image.size() == imageSize
                ? tr("%1 × %2 pixels").arg(imageSize.width()).arg(imageSize.height())
                : tr("%1 × %2 pixels, previewed at %3 × %4")
                      .arg(imageSize.width())
                      .arg(imageSize.height())
                      .arg(image.width())
                      .arg(image.height()));
    if (!jsonError.isEmpty())
        parts.append(tr("not valid JSON (%1)").arg(jsonError));
    return parts.join(QStringLiteral(" · "));
}

} // namespace tapedeck
