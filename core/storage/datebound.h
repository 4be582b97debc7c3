// SPDX-License-Identifier: MIT
// The dates users give to narrow a recording search (--since, --until, the Recordings window's search):
// an ISO date or date-time, or an age such as "7d".
#pragma once

#include "core/common/result.h"

#include <QCoreApplication>
#include <QDateTime>

namespace tapedeck {

class DateBound
{
    Q_DECLARE_TR_FUNCTIONS(DateBound)

public:
    enum class Side { Since, Until };

    // "2026-11-30" (a whole UTC day: its start for Since, its last millisecond for Until),
    // "2026-11-30T14:05[:09[.123]]" (UTC unless it carries "Z" or an offset such as "+02:00"), or an age
    // before now: "90m", "36h", "7d", "2w". A Usage error naming the accepted forms otherwise.
    static Result<QDateTime> parse(const QString &text, Side side, const QDateTime &now = QDateTime::currentDateTimeUtc());
};

} // namespace tapedeck
