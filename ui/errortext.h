// SPDX-License-Identifier: MIT
// The one mapping from core error codes to the headlines the GUI shows above an error's message.
#pragma once

#include "core/common/result.h"

#include <QCoreApplication>

namespace tapedeck {

class ErrorText
{
    Q_DECLARE_TR_FUNCTIONS(ErrorText)

public:
    // A short sentence saying what went wrong with the recording called name; the core message that
    // goes below it says why.
    static QString openFailedHeadline(ErrorCode code, const QString &name);
};

} // namespace tapedeck
