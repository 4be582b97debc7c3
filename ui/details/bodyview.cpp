// SPDX-License-Identifier: MIT
// HTTP body view.
#include "ui/details/bodyview.h"

#include "core/common/utf8.h"
#include "ui/widgets/codeview.h"
#include "ui/widgets/hexview.h"
#include "ui/widgets/themecolors.h"

#include <QApplication>
#include <QBoxLayout>
#include <QClipboard>
#include <QComboBox>
#include <QLabel>
#include <QLocale>
#include <QMimeData>
#include <QPixmap>
#include <QScrollArea>
#include <QStackedWidget>
#include <QToolButton>

namespace tapedeck {

namespace {

QString modeName(BodyView::Mode mode)
{
    switch (mode) {
    case BodyView::Mode::Pretty:
        return BodyView::tr("Pretty");
    case BodyView::Mode::Text:
        return BodyView::tr("Text");
    case BodyView::Mode::Hex:
        return BodyView::tr("Hex");
    case BodyView::Mode::Image:
        return BodyView::tr("Image");
    case BodyView::Mode::Message:
        break;
    }
    return {};
}

} // namespace

BodyView::BodyView(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    auto *bar = new QHBoxLayout;
    layout->addLayout(bar);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("bodySummary"));
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setMinimumWidth(40);
    m_summary->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    bar->addWidget(m_summary, 1);
    m_decodedButton = new QToolButton(this);
    m_decodedButton->setObjectName(QStringLiteral("decodedToggle"));
    m_decodedButton->setText(tr("Decoded"));
    m_decodedButton->setCheckable(true);
    m_decodedButton->setChecked(true);
    m_decodedButton->setToolTip(
        tr("Show the body with its Content-Encoding undone; off: the bytes as recorded"));
    connect(m_decodedButton, &QToolButton::toggled, this, &BodyView::setShowDecoded);
    bar->addWidget(m_decodedButton);
    m_modeCombo = new QComboBox(this);
    m_modeCombo->setObjectName(QStringLiteral("viewModeCombo"));
    m_modeCombo->setToolTip(tr("How to show the body"));
    connect(m_modeCombo, &QComboBox::activated, this,
        [this](int index) { setMode(Mode(m_modeCombo->itemData(index).toInt())); });
    bar->addWidget(m_modeCombo);
    m_copyButton = new QToolButton(this);
    m_copyButton->setObjectName(QStringLiteral("copyBodyButton"));
    m_copyButton->setText(tr("Copy body"));
    m_copyButton->setToolTip(tr("Copy the whole body to the clipboard (as shown: decoded or raw)"));
    connect(m_copyButton, &QToolButton::clicked, this, &BodyView::copyBody);
    bar->addWidget(m_copyButton);

    m_stack = new QStackedWidget(this);
    layout->addWidget(m_stack, 1);
    m_message = new QLabel(this);
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setObjectName(QStringLiteral("bodyMessage"));
    m_stack->addWidget(m_message);
    m_code = new CodeView(this);
    m_code->setObjectName(QStringLiteral("bodyText"));
    m_stack->addWidget(m_code);
    m_hex = new HexView(this);
    m_hex->setObjectName(QStringLiteral("bodyHex"));
    m_stack->addWidget(m_hex);
    m_imageArea = new QScrollArea(this);
    m_image = new QLabel(m_imageArea);
    m_image->setObjectName(QStringLiteral("bodyImage"));
    m_image->setAlignment(Qt::AlignCenter);
    m_imageArea->setWidget(m_image);
    m_imageArea->setWidgetResizable(true);
    m_imageArea->setBackgroundRole(QPalette::Base);
    m_stack->addWidget(m_imageArea);
    clear();
}

void BodyView::clear()
{
    setBody(BodyPreview());
}

void BodyView::setBody(const BodyPreview &body)
{
    m_body = body;
    m_showDecoded = true;
    {
        const QSignalBlocker blocker(m_decodedButton);
        m_decodedButton->setChecked(true);
    }
    m_decodedButton->setVisible(m_body.body.decoded);
    m_hex->setData({});
    m_code->setCode(QString(), SyntaxLanguage::None);
    m_image->setPixmap(
        m_body.shape == BodyPreview::Shape::Image ? QPixmap::fromImage(m_body.image) : QPixmap());
    QString summary = m_body.summary();
    if (m_body.body.truncated)
        summary += tr(" · the first %1 characters are shown (Copy body copies everything)")
                       .arg(QLocale().toString(qlonglong(BodyContent::MaxShownCharacters)));
    m_summary->setText(summary);
    m_summary->setToolTip(summary);
    m_copyButton->setEnabled(m_body.body.raw && !m_body.body.raw->isEmpty());
    m_mode = Mode::Message;
    rebuildModes();
}

QList<BodyView::Mode> BodyView::availableModes() const
{
    using Shape = BodyPreview::Shape;
    if (m_body.shape == Shape::Null || m_body.shape == Shape::Empty)
        return {};
    if (m_body.body.decoded && !m_showDecoded)
        return m_body.body.rawText ? QList<Mode> { Mode::Text, Mode::Hex } : QList<Mode> { Mode::Hex };
    switch (m_body.shape) {
    case Shape::Json:
        return { Mode::Pretty, Mode::Text, Mode::Hex };
    case Shape::Text:
        return { Mode::Text, Mode::Hex };
    case Shape::Image:
        return { Mode::Image, Mode::Hex };
    default:
        return { Mode::Hex };
    }
}

void BodyView::rebuildModes()
{
    const QList<Mode> modes = availableModes();
    m_modeCombo->clear();
    for (const Mode mode : modes)
        m_modeCombo->addItem(modeName(mode), int(mode));
    m_modeCombo->setVisible(!modes.isEmpty());
    if (!modes.contains(m_mode))
        m_mode = modes.isEmpty() ? Mode::Message : modes.first();
    showMode();
}

void BodyView::setShowDecoded(bool decoded)
{
    if (decoded == m_showDecoded)
        return;
    m_showDecoded = decoded;
    {
        const QSignalBlocker blocker(m_decodedButton);
        m_decodedButton->setChecked(decoded);
    }
    m_mode = Mode::Message; // the best view of what is shown now
    rebuildModes();
}

void BodyView::setMode(Mode mode)
{
    if (!availableModes().contains(mode))
        return;
    m_mode = mode;
    showMode();
}

QByteArray BodyView::shownBytes() const
{
    if (!m_body.body.raw)
        return {};
    return m_body.body.decoded && !m_showDecoded ? *m_body.body.raw : m_body.body.content;
}

void BodyView::showMode()
{
    const int comboIndex = m_modeCombo->findData(int(m_mode));
    if (comboIndex >= 0)
        m_modeCombo->setCurrentIndex(comboIndex);
    const bool raw = m_body.body.decoded && !m_showDecoded;
    switch (m_mode) {
    case Mode::Message:
        m_message->setText(m_body.summary());
        m_stack->setCurrentWidget(m_message);
        break;
    case Mode::Pretty:
        m_code->setCode(m_body.body.pretty, SyntaxLanguage::Json);
        m_stack->setCurrentWidget(m_code);
        break;
    case Mode::Text:
        if (raw)
            m_code->setCode(m_body.body.rawText.value_or(QString()), SyntaxLanguage::None);
        else
            m_code->setCode(m_body.body.text, m_body.language);
        m_stack->setCurrentWidget(m_code);
        break;
    case Mode::Hex:
        m_hex->setData(shownBytes());
        m_stack->setCurrentWidget(m_hex);
        break;
    case Mode::Image:
        m_stack->setCurrentWidget(m_imageArea);
        break;
    }
}

void BodyView::copyBody() const
{
    const QByteArray bytes = shownBytes();
    auto *mime = new QMimeData;
    if (const std::optional<QString> text = strictUtf8(bytes); text && !bytes.contains('\0')) {
        mime->setText(*text);
    } else {
        const QString type = m_body.body.contentType.section(QLatin1Char(';'), 0, 0).trimmed();
        const bool rawEncoded = m_body.body.decoded && !m_showDecoded; // compressed bytes are not of that type
        mime->setData(
            type.isEmpty() || rawEncoded ? QStringLiteral("application/octet-stream") : type, bytes);
        if (m_body.shape == BodyPreview::Shape::Image && !rawEncoded
            && m_body.image.size() == m_body.imageSize)
            mime->setImageData(m_body.image);
    }
    QApplication::clipboard()->setMimeData(mime);
}

} // namespace tapedeck
