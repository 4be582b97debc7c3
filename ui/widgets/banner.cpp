// SPDX-License-Identifier: MIT
// A coloured message strip above content.
#include "ui/widgets/banner.h"

#include "ui/widgets/icons.h"
#include "ui/widgets/themecolors.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPlainTextEdit>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

namespace tapedeck {

namespace {


ThemeColors::Tone toneOf(Banner::Kind kind)
{
    switch (kind) {
    case Banner::Kind::Error:
        return ThemeColors::Tone::Error;
    case Banner::Kind::Warning:
        return ThemeColors::Tone::Warning;
    case Banner::Kind::Information:
        break;
    }
    return ThemeColors::Tone::Information;
}

} // namespace

Banner::Banner(Kind kind, QWidget *parent)
    : QFrame(parent)
    , m_kind(kind)
    , m_icon(new QLabel(this))
    , m_title(new QLabel(this))
    , m_text(new QLabel(this))
    , m_toggle(new QToolButton(this))
    , m_close(new QToolButton(this))
    , m_details(new QPlainTextEdit(this))
{
    setFrameShape(QFrame::NoFrame);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);

    m_icon->setAlignment(Qt::AlignTop | Qt::AlignHCenter);
    const int iconSize = style()->pixelMetric(QStyle::PM_LargeIconSize) * 3 / 4;
    m_icon->setFixedWidth(iconSize + 4);

    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    for (QLabel *label : { m_title, m_text }) {
        label->setTextFormat(Qt::PlainText);
        label->setWordWrap(true);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }
    m_text->hide();

    m_toggle->setCheckable(true);
    m_toggle->setAutoRaise(true);
    m_toggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toggle->setArrowType(Qt::RightArrow);
    m_toggle->hide();
    connect(m_toggle, &QToolButton::toggled, this, &Banner::setDetailsVisible);

    m_close->setObjectName(QStringLiteral("dismissButton"));
    m_close->setAutoRaise(true);
    m_close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    m_close->setToolTip(tr("Dismiss"));
    m_close->hide();
    connect(m_close, &QToolButton::clicked, this, [this] {
        hide();
        Q_EMIT dismissed();
    });

    m_details->setReadOnly(true);
    m_details->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_details->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_details->setMinimumHeight(m_details->fontMetrics().lineSpacing() * 6);
    m_details->setMaximumHeight(m_details->fontMetrics().lineSpacing() * 16);
    m_details->hide();

    auto *textColumn = new QVBoxLayout;
    textColumn->setSpacing(2);
    textColumn->addWidget(m_title);
    textColumn->addWidget(m_text);
    auto *toggleRow = new QHBoxLayout;
    toggleRow->setContentsMargins(0, 0, 0, 0);
    toggleRow->addWidget(m_toggle);
    toggleRow->addStretch();
    textColumn->addLayout(toggleRow);
    textColumn->addWidget(m_details);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 8, 6, 8);
    layout->setSpacing(10);
    layout->addWidget(m_icon);
    layout->addLayout(textColumn, 1);
    layout->addWidget(m_close, 0, Qt::AlignTop);

    applyKind();
}

void Banner::setKind(Kind kind)
{
    m_kind = kind;
    applyKind();
}

void Banner::applyKind()
{
    const ThemeColors::BannerColors colours = ThemeColors::banner(toneOf(m_kind));
    QPalette p = palette();
    p.setColor(QPalette::Window, colours.background);
    p.setColor(QPalette::WindowText, colours.text);
    p.setColor(QPalette::ButtonText, colours.text);
    p.setColor(QPalette::Text, colours.text);
    setPalette(p);
    // The details box gets fixed colours too: a dark theme's base colour under our dark text would hide it.
    QPalette details = p;
    details.setColor(QPalette::Base, colours.detailsBase);
    m_details->setPalette(details);
    update();

    QIcon icon;
    switch (m_kind) {
    case Kind::Error:
        icon = icons::error();
        break;
    case Kind::Warning:
        icon = icons::warning();
        break;
    case Kind::Information:
        icon = icons::information();
        break;
    }
    const int iconSize = style()->pixelMetric(QStyle::PM_LargeIconSize) * 3 / 4;
    m_icon->setPixmap(icon.pixmap(QSize(iconSize, iconSize), devicePixelRatioF()));
}

void Banner::paintEvent(QPaintEvent *)
{
    const ThemeColors::BannerColors colours = ThemeColors::banner(toneOf(m_kind));
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QRectF area = QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5);
    painter.setPen(QPen(colours.accent.lighter(150), 1));
    painter.setBrush(colours.background);
    painter.drawRoundedRect(area, 4, 4);
    // The accent stripe on the left says the kind at a glance, even in a screenshot in grey.
    painter.setPen(Qt::NoPen);
    painter.setBrush(colours.accent);
    painter.drawRoundedRect(QRectF(area.left(), area.top(), 5, area.height()), 2, 2);
}

void Banner::setTitle(const QString &title)
{
    m_title->setText(title);
}

QString Banner::title() const
{
    return m_title->text();
}

void Banner::setText(const QString &text)
{
    m_text->setText(text);
    m_text->setVisible(!text.isEmpty());
}

QString Banner::text() const
{
    return m_text->text();
}

void Banner::setDetails(const QString &details, const QString &showLabel, const QString &hideLabel)
{
    m_details->setPlainText(details);
    m_showLabel = showLabel;
    m_hideLabel = hideLabel;
    m_toggle->setVisible(!details.isEmpty());
    setDetailsVisible(false);
}

QString Banner::details() const
{
    return m_details->toPlainText();
}

bool Banner::detailsVisible() const
{
    return m_details->isVisibleTo(this);
}

void Banner::setDetailsVisible(bool visible)
{
    visible = visible && !m_details->toPlainText().isEmpty();
    m_details->setVisible(visible);
    if (m_toggle->isChecked() != visible) {
        const QSignalBlocker blocker(m_toggle);
        m_toggle->setChecked(visible);
    }
    updateToggle();
}

void Banner::updateToggle()
{
    const bool open = m_toggle->isChecked();
    m_toggle->setText(open ? m_hideLabel : m_showLabel);
    m_toggle->setArrowType(open ? Qt::DownArrow : Qt::RightArrow);
}

void Banner::setDismissable(bool dismissable)
{
    m_close->setVisible(dismissable);
}

} // namespace tapedeck
