// SPDX-License-Identifier: MIT
// Headlines for errors shown in banners.
#include "ui/errortext.h"

namespace tapedeck {

QString ErrorText::openFailedHeadline(ErrorCode code, const QString &name)
{
    switch (code) {
    case ErrorCode::Password:
        return tr("%1 could not be unlocked").arg(name);
    case ErrorCode::InvalidInput:
        return tr("%1 is damaged or not a DataHub recording").arg(name);
    case ErrorCode::Io:
        return tr("%1 could not be read").arg(name);
    case ErrorCode::Cancelled:
        return tr("Opening %1 was cancelled").arg(name);
    case ErrorCode::Differences:
    case ErrorCode::Usage:
        break;
    }
    return tr("%1 could not be opened").arg(name);
}

} // namespace tapedeck
