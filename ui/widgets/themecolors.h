// SPDX-License-Identifier: MIT
// Colours for marking errors, warnings and secondary text that read well on light and dark palettes.
#pragma once

#include <QColor>
#include <QPalette>

namespace tapedeck {

struct ThemeColors
{
    QColor errorText;
    QColor errorBackground; // a tint of the palette's base colour
    QColor warningText;
    QColor warningBackground;
    QColor mutedText; // secondary information (NULL cells, placeholders)
    QColor okText;

    // From a palette (a widget's, or the application's when none is given).
    static ThemeColors from(const QPalette &palette);
    static ThemeColors fromApplication();
    // Dark when the window colour is darker than its text.
    static bool isDark(const QPalette &palette);
    // `over` laid on `base` with the given opacity (0..1).
    static QColor blend(const QColor &base, const QColor &over, qreal opacity);
};

} // namespace tapedeck
