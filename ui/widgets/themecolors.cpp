// SPDX-License-Identifier: MIT
// Palette-aware status colours.
#include "ui/widgets/themecolors.h"

#include <QGuiApplication>

namespace tapedeck {

bool ThemeColors::isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < palette.color(QPalette::WindowText).lightness();
}

QColor ThemeColors::blend(const QColor &base, const QColor &over, qreal opacity)
{
    const auto mix = [opacity](float a, float b) { return a + (b - a) * float(opacity); };
    return QColor::fromRgbF(
        mix(base.redF(), over.redF()), mix(base.greenF(), over.greenF()), mix(base.blueF(), over.blueF()));
}

ThemeColors ThemeColors::from(const QPalette &palette)
{
    const bool dark = isDark(palette);
    const QColor base = palette.color(QPalette::Base);
    ThemeColors c;
    // Material red 800/300 and amber 900/300: enough contrast on white and on near-black bases.
    c.errorText = dark ? QColor(0xe5, 0x73, 0x73) : QColor(0xc6, 0x28, 0x28);
    c.warningText = dark ? QColor(0xff, 0xd5, 0x4f) : QColor(0xa1, 0x5c, 0x00);
    c.okText = dark ? QColor(0x81, 0xc7, 0x84) : QColor(0x2e, 0x7d, 0x32);
    c.errorBackground = blend(base, QColor(0xe5, 0x39, 0x35), dark ? 0.22 : 0.12);
    c.warningBackground = blend(base, QColor(0xff, 0xb3, 0x00), dark ? 0.18 : 0.14);
    QColor muted = palette.color(QPalette::Disabled, QPalette::Text);
    if (muted == palette.color(QPalette::Text))
        muted = blend(palette.color(QPalette::Text), base, 0.45);
    c.mutedText = muted;
    c.addedText = dark ? QColor(0x81, 0xc7, 0x84) : QColor(0x2e, 0x8b, 0x57);
    c.removedText = dark ? QColor(0xef, 0x9a, 0x9a) : QColor(0xc0, 0x39, 0x2b);
    c.changedText = dark ? QColor(0xff, 0xd5, 0x4f) : QColor(0xb8, 0x86, 0x0b);
    c.addedMark = QColor(0x2e, 0x8b, 0x57);
    c.removedMark = QColor(0xc0, 0x39, 0x2b);
    c.changedMark = QColor(0xe0, 0xa8, 0x00);
    return c;
}

ThemeColors::BannerColors ThemeColors::banner(Tone tone)
{
    const QColor white(0xff, 0xff, 0xff);
    switch (tone) {
    case Tone::Error:
        return { QColor(0xfd, 0xec, 0xea), QColor(0xc6, 0x28, 0x28), QColor(0x4a, 0x0e, 0x0b), white };
    case Tone::Warning:
        return { QColor(0xff, 0xf4, 0xd6), QColor(0xe0, 0x9b, 0x0c), QColor(0x4a, 0x34, 0x00), white };
    case Tone::Information:
        return { QColor(0xe7, 0xf0, 0xfd), QColor(0x15, 0x65, 0xc0), QColor(0x0d, 0x2a, 0x52), white };
    }
    return {};
}

ThemeColors::SyntaxColors ThemeColors::syntax(bool dark)
{
    if (dark)
        return { QColor(0x9c, 0xdc, 0xfe), QColor(0xce, 0x91, 0x78), QColor(0xb5, 0xce, 0xa8), QColor(0x56, 0x9c, 0xd6),
            QColor(0x56, 0x9c, 0xd6), QColor(0xdc, 0xdc, 0xaa), QColor(0x4e, 0xc9, 0xb0), QColor(0xc5, 0x86, 0xc0),
            QColor(0xb0, 0xb0, 0xb0), QColor(0x6a, 0x99, 0x55), QColor(0x56, 0x9c, 0xd6), QColor(0x9c, 0xdc, 0xfe),
            QColor(0xd7, 0xba, 0x7d) };
    return { QColor(0x04, 0x51, 0xa5), QColor(0xa3, 0x15, 0x15), QColor(0x09, 0x86, 0x58), QColor(0x00, 0x00, 0xff),
        QColor(0x00, 0x00, 0xff), QColor(0x79, 0x5e, 0x26), QColor(0x26, 0x7f, 0x99), QColor(0xaf, 0x00, 0xdb),
        QColor(0x55, 0x55, 0x55), QColor(0x00, 0x80, 0x00), QColor(0x80, 0x00, 0x00), QColor(0xe5, 0x00, 0x00),
        QColor(0x00, 0x70, 0xc1) };
}

ThemeColors ThemeColors::fromApplication()
{
    return from(QGuiApplication::palette());
}

} // namespace tapedeck
