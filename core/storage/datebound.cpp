// SPDX-License-Identifier: MIT
// Parsing --since/--until.
#include "core/storage/datebound.h"

#include <QRegularExpression>


namespace tapedeck {

Result<QDateTime> DateBound::parse(const QString &text, Side side, const QDateTime &now)
{
    const QString trimmed = text.trimmed();
    static const QRegularExpression age(QStringLiteral("^(\\d{1,6})([mhdw])$"));
    if (const QRegularExpressionMatch m = age.match(trimmed); m.hasMatch()) {
        const qint64 n = m.captured(1).toLongLong();
        const QChar unit = m.captured(2).at(0);
        const qint64 seconds = unit == QLatin1Char('m') ? 60 : unit == QLatin1Char('h') ? 3600
            : unit == QLatin1Char('d')                   ? 86400
                                                         : 7 * 86400;
        return now.toUTC().addSecs(-n * seconds);
    }
    static const QRegularExpression dateOnly(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}$"));
    if (dateOnly.match(trimmed).hasMatch()) {
        const QDate date = QDate::fromString(trimmed, Qt::ISODate);
        if (date.isValid()) {
            const QDateTime start(date, QTime(0, 0), Qt::UTC);
            return side == Side::Since ? start : start.addDays(1).addMSecs(-1);
        }
    }
    static const QRegularExpression dateTime(
        QStringLiteral("^\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,6})?)?(Z|[+-]\\d{2}:\\d{2})?$"));
    if (dateTime.match(trimmed).hasMatch()) {
        QString iso = trimmed;
        iso[10] = QLatin1Char('T');
        // Qt reads at most milliseconds; Python's isoformat (DataHub's created_at) writes microseconds.
        static const QRegularExpression micro(QStringLiteral("(\\.\\d{3})\\d+"));
        iso.replace(micro, QStringLiteral("\\1"));
        QDateTime parsed = QDateTime::fromString(iso, Qt::ISODateWithMs);
        if (parsed.isValid()) {
            if (parsed.timeSpec() == Qt::LocalTime) // no zone given: UTC, as the manifests write it
                parsed = QDateTime(parsed.date(), parsed.time(), Qt::UTC);
            return parsed.toUTC();
        }
    }
    return makeError(ErrorCode::Usage,
        tr("\"%1\" is not a date: give 2026-11-30, 2026-11-30T14:05 (UTC unless it ends in Z or +hh:mm), "
           "or an age such as 36h, 7d or 2w")
            .arg(text));
}

} // namespace tapedeck
