// SPDX-License-Identifier: MIT
// Every colour the GUI paints with, in one place: status marks, diff statuses, banners and syntax colours,
// each readable on light and dark palettes.
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
    // Diff statuses: text and tree marks...
    QColor addedText;
    QColor removedText;
    QColor changedText;
    // ...and the opaque hues the side-by-side view lays under differing lines (at its own opacity).
    QColor addedMark;
    QColor removedMark;
    QColor changedMark;

    // Banners carry fixed colours rather than palette roles: a banner must read the same (and stay
    // legible) under light and dark desktop themes, so its text colour is chosen with its background.
    enum class Tone { Error, Warning, Information };
    struct BannerColors
    {
        QColor background;
        QColor accent;
        QColor text;
        QColor detailsBase; // the expandable details box
    };
    static BannerColors banner(Tone tone);

    // Syntax highlighting (VS Code's Light+ and Dark+ hues).
    struct SyntaxColors
    {
        QColor key, string, number, literal, keyword, function, identifier, parameter, punctuation, comment,
            tag, attribute, entity;
    };
    static SyntaxColors syntax(bool dark);

    // From a palette (a widget's, or the application's when none is given).
    static ThemeColors from(const QPalette &palette);
    static ThemeColors fromApplication();
    // Dark when the window colour is darker than its text.
    static bool isDark(const QPalette &palette);
    // `over` laid on `base` with the given opacity (0..1).
    static QColor blend(const QColor &base, const QColor &over, qreal opacity);
};

} // namespace tapedeck
