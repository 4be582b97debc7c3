// SPDX-License-Identifier: MIT
// Reads a whole file into memory, large files on two threads (copying out of the page cache is bound by
// one core's memory bandwidth, so two halves read in parallel take about half the time).
#pragma once

#include "core/common/result.h"

#include <QByteArray>
#include <QCoreApplication>

namespace tapedeck {

class FileReader
{
    Q_DECLARE_TR_FUNCTIONS(FileReader)

public:
    static Result<QByteArray> readAll(const QString &path);
};

} // namespace tapedeck
