// SPDX-License-Identifier: MIT
// Body previews: images decoded and scaled, text given its syntax.
#include "ui/details/bodypreview.h"

#include <QLocale>

namespace tapedeck {

BodyPreview BodyPreview::of(BodyContent body)
{
    BodyPreview p;
    p.body = std::move(body);
    const BodyContent &b = p.body;
    switch (b.shape) {
    case BodyContent::Shape::Null:
        p.shape = Shape::Null;
        break;
    case BodyContent::Shape::Empty:
        p.shape = Shape::Empty;
        break;
    case BodyContent::Shape::Json:
        p.shape = Shape::Json;
        p.language = SyntaxLanguage::Json;
        break;
    case BodyContent::Shape::Text:
        p.shape = Shape::Text;
        p.language = languageFor(b.contentType, b.text);
        // Looked like JSON but is not: no JSON colours unless the content type insists.
        if (p.language == SyntaxLanguage::Json && b.jsonError.isEmpty()
            && !b.contentType.contains(QLatin1String("json"), Qt::CaseInsensitive))
            p.language = SyntaxLanguage::None;
        break;
    case BodyContent::Shape::Binary:
        p.shape = Shape::Binary;
        break;
    }
    if (b.looksLikeImage && b.decodeError.isEmpty()) {
        QImage image = QImage::fromData(b.content);
        if (!image.isNull()) {
            p.shape = Shape::Image;
            p.imageSize = image.size();
            if (image.width() > MaxPreviewSide || image.height() > MaxPreviewSide)
                image = image.scaled(MaxPreviewSide, MaxPreviewSide, Qt::KeepAspectRatio, Qt::SmoothTransformation);
            p.image = std::move(image);
        }
    }
    return p;
}

QString BodyPreview::sizeText(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeIecFormat);
}

QString BodyPreview::summary() const
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
    if (!body.contentType.isEmpty())
        parts.append(body.contentType);
    else if (!body.binaryKind.isEmpty())
        parts.append(body.binaryKind);
    parts.append(sizeText(body.content.size()));
    if (body.decoded)
        parts.append(tr("%1-encoded, %2 recorded").arg(body.contentEncoding, sizeText(body.raw->size())));
    if (!body.decodeError.isEmpty())
        parts.append(tr("%1 could not be decoded: %2").arg(body.contentEncoding, body.decodeError));
    if (shape == Shape::Image)
        parts.append(image.size() == imageSize
                ? tr("%1 × %2 pixels").arg(imageSize.width()).arg(imageSize.height())
                : tr("%1 × %2 pixels, previewed at %3 × %4")
                      .arg(imageSize.width())
                      .arg(imageSize.height())
                      .arg(image.width())
                      .arg(image.height()));
    if (!body.jsonError.isEmpty())
        parts.append(tr("not valid JSON (%1)").arg(body.jsonError));
    if (body.tooLargeToParse)
        parts.append(tr("larger than %1: not read as JSON or form data").arg(sizeText(BodyContent::MaxParsedBytes)));
    if (!body.formFields.isEmpty())
        parts.append(body.formFields.size() == 1 ? tr("1 form field") : tr("%1 form fields").arg(body.formFields.size()));
    return parts.join(QStringLiteral(" · "));
}

} // namespace tapedeck
