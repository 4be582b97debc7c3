// SPDX-License-Identifier: MIT
// What an HTTP body is, for display: decoded from its Content-Encoding, classified (JSON, text, image,
// binary), pretty-printed. Computed off the GUI thread by the HTTP detail pane's loader.
#pragma once

#include "core/common/jsonvalue.h"
#include "ui/widgets/highlighters.h"
#include "core/recording/httpexchange.h"

#include <QCoreApplication>
#include <QImage>

#include <optional>

namespace tapedeck {

struct BodyContent
{
    Q_DECLARE_TR_FUNCTIONS(BodyContent)

public:
    enum class Shape { Null, Empty, Json, Text, Binary, Image };

    // Text beyond this many characters is cut for display (Copy body still copies everything): handing a
    // document of a million characters to a text view already costs the GUI thread some 25 ms.
    static constexpr qsizetype MaxShownCharacters = qsizetype(1) << 20;
    // `text` cut to MaxShownCharacters; *cut says whether it was.
    static QString capped(const QString &text, bool *cut);
    // Larger images are previewed scaled down (on the worker thread), so that the GUI thread never has to
    // turn hundreds of megabytes of pixels into a pixmap.
    static constexpr int MaxPreviewSide = 2048;

    std::optional<QByteArray> raw; // as recorded (nullopt: recorded as null)
    QString contentType;
    QString contentEncoding; // empty or "identity": raw is the content
    QByteArray content; // Content-Encoding undone (the raw bytes when there is none or it failed)
    bool decoded = false;
    QString decodeError;
    Shape shape = Shape::Null;
    QString text; // Text and Json: the content as text (cut at MaxShownCharacters)
    QString pretty; // Json: indented
    QString jsonError; // the content type says JSON, but the content is not
    bool truncated = false; // text or pretty was cut
    SyntaxLanguage language = SyntaxLanguage::None;
    QImage image; // Image: a preview, scaled down to MaxPreviewSide
    QSize imageSize; // the image's own size
    QString binaryKind; // "PNG image", "gzip data", … from the first bytes
    std::optional<QString> rawText; // the recorded bytes as text, when they are UTF-8 (for the raw view)

    static BodyContent inspect(const std::optional<QByteArray> &raw, const QList<HttpHeader> &headers);

    // json.dumps(value, indent=2, ensure_ascii=False) with the input's key order and number spelling.
    static QString prettyJson(const JsonValue &value, int indent = 2);
    // Valid UTF-8 as text, else nullopt.
    static std::optional<QString> strictUtf8(QByteArrayView bytes);
    // "application/json · 1.2 KiB · gzip, 310 B recorded": one line for the body's header.
    QString summary() const;
    static QString sizeText(qint64 bytes);
};

} // namespace tapedeck
