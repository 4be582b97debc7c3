// SPDX-License-Identifier: MIT
// An HTTP body as the detail pane shows it: core's BodyContent (decoding, classification, pretty JSON —
// the same facts `tapedeck-cli show` prints), plus what only a window draws: an image preview and the
// syntax to colour text with. Made off the GUI thread by the HTTP detail pane's loader.
#pragma once

#include "core/recording/bodycontent.h"
#include "ui/widgets/highlighters.h"

#include <QCoreApplication>
#include <QImage>

namespace tapedeck {

struct BodyPreview
{
    Q_DECLARE_TR_FUNCTIONS(BodyPreview)

public:
    // Core's shapes, and Image for image data that decodes.
    enum class Shape { Null, Empty, Json, Text, Binary, Image };

    // Larger images are previewed scaled down (on the worker thread), so that the GUI thread never has to
    // turn hundreds of megabytes of pixels into a pixmap.
    static constexpr int MaxPreviewSide = 2048;

    BodyContent body;
    Shape shape = Shape::Null;
    QImage image; // Image: a preview, scaled down to MaxPreviewSide
    QSize imageSize; // the image's own size
    SyntaxLanguage language = SyntaxLanguage::None;

    static BodyPreview of(BodyContent body);
    static BodyPreview inspect(const std::optional<QByteArray> &raw, const QList<HttpHeader> &headers)
    {
        return of(BodyContent::inspect(raw, headers));
    }
    // "application/json · 1.2 KiB · gzip, 310 B recorded": one line for the body's header.
    QString summary() const;
    static QString sizeText(qint64 bytes);
};

} // namespace tapedeck
