// SPDX-License-Identifier: MIT
// What an HTTP body is, for display: decoded from its Content-Encoding, classified (JSON, text, binary),
// pretty-printed. `tapedeck-cli show` and the GUI's detail panes both present bodies from this.
#pragma once

#include "core/common/jsonvalue.h"
#include "core/recording/httpexchange.h"

#include <QCoreApplication>

#include <optional>
#include <utility>

namespace tapedeck {

struct BodyContent
{
    Q_DECLARE_TR_FUNCTIONS(BodyContent)

public:
    enum class Shape { Null, Empty, Json, Text, Binary };

    // Text beyond this many characters is cut for display (the recorded bytes stay whole in raw and
    // content): a terminal or a text view gains nothing from more, and handing a million characters to a
    // text view already costs the GUI thread some 25 ms.
    static constexpr qsizetype MaxShownCharacters = qsizetype(1) << 20;
    // Content beyond this size is not parsed (JSON, form fields) and not written whole as decoded text by
    // `show --json`: as a JSON tree or as escaped text a body takes ten to fifty times its size, and only
    // MaxShownCharacters of it are shown. The recorded bytes stay whole in raw and the decoded ones in
    // content.
    static constexpr qsizetype MaxParsedBytes = qsizetype(8) << 20;

    std::optional<QByteArray> raw; // as recorded (nullopt: recorded as null)
    QString contentType;
    QString contentEncoding; // empty or "identity": raw is the content
    QByteArray content; // Content-Encoding undone (the raw bytes when there is none or it failed)
    bool decoded = false;
    QString decodeError;
    Shape shape = Shape::Null;
    QString text; // Text and Json: the content as text (cut at MaxShownCharacters)
    QString pretty; // Json: indented (cut at MaxShownCharacters)
    QString jsonError; // the content type says JSON, but the content is not
    bool tooLargeToParse = false; // JSON or form data larger than MaxParsedBytes: shown as text
    bool truncated = false; // text, pretty or rawText was cut
    QString binaryKind; // "PNG image", "gzip data", … from the first bytes
    // Image data by its content type (image/*, not SVG) or first bytes: a front-end that can draw images
    // tries to; the others show it as the Binary it also is.
    bool looksLikeImage = false;
    std::optional<QString> rawText; // the recorded bytes as text, when they are UTF-8 (cut)
    QList<std::pair<QString, QString>> formFields; // application/x-www-form-urlencoded bodies, decoded

    static BodyContent inspect(const std::optional<QByteArray> &raw, const QList<HttpHeader> &headers);

    // `text` cut to MaxShownCharacters; *cut is set when it was.
    static QString capped(const QString &text, bool *cut);
    // Valid UTF-8 as text cut to MaxShownCharacters (*cut set when it was), else nullopt. Only what is
    // shown is converted, so a body of hundreds of megabytes costs no more than a short one.
    static std::optional<QString> cappedText(QByteArrayView utf8, bool *cut);
    // Content types whose bodies are text even when they look odd, and ones that are never text.
    static bool isTextualType(const QString &contentType);
    static bool isBinaryType(const QString &contentType);
    // "PNG image", "gzip data", … by the first bytes; empty when unknown.
    static QString magicName(QByteArrayView data);
    // "line 3, column 7: expected ',' or '}'": where and why JSON text did not parse.
    static QString jsonErrorText(const JsonParseInfo &info);
};

} // namespace tapedeck
