// SPDX-License-Identifier: MIT
// Human byte sizes: parsing and formatting.
#include "core/common/bytesize.h"

#include <QLocale>

#include <cmath>
#include <limits>

namespace tapedeck {

std::optional<qint64> parseByteSize(const QString &text)
{
    QString t = text.trimmed().toUpper();
    if (t.endsWith(QLatin1String("IB")))
        t.chop(2);
    else if (t.endsWith(QLatin1Char('B')))
        t.chop(1);
    qint64 multiplier = 1;
    if (!t.isEmpty()) {
        switch (t.back().unicode()) {
        case 'K':
            multiplier = qint64(1) << 10;
            break;
        case 'M':
            multiplier = qint64(1) << 20;
            break;
        case 'G':
            multiplier = qint64(1) << 30;
            break;
        case 'T':
            multiplier = qint64(1) << 40;
            break;
        default:
            break;
        }
        if (multiplier != 1)
            t.chop(1);
    }
    bool ok = false;
    const double number = t.trimmed().toDouble(&ok);
    // toDouble() reads "nan" and "inf" too: NaN compares false with everything (a limit that never
    // applies) and is undefined as an integer.
    if (!ok || !std::isfinite(number) || std::signbit(number))
        return std::nullopt;
    const double bytes = number * double(multiplier);
    // Only whole bytes: "0.5" or "1e-9" would become 0, which means "no limit".
    if (bytes >= double(std::numeric_limits<qint64>::max()) || bytes != std::floor(bytes))
        return std::nullopt;
    return qint64(bytes);
}

QString formatByteSize(qint64 bytes)
{
    return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeIecFormat);
}

} // namespace tapedeck
