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
    return c;
}

ThemeColors ThemeColors::fromApplication()
{
    return from(QGuiApplication::palette());
}

} // namespace tapedeck
