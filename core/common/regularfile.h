// SPDX-License-Identifier: MIT
// Opening files named by users or found in folders without ever blocking, refusing what is not a regular
// file.
#pragma once

#include "core/common/result.h"

#include <QCoreApplication>

#include <sys/types.h>

class QFile;

namespace tapedeck {

class RegularFile
{
    Q_DECLARE_TR_FUNCTIONS(RegularFile)

public:
    enum class Links { Follow, Refuse };

    // A read-only descriptor (close-on-exec, in blocking mode) for a regular file; the caller closes it.
    // The file is opened non-blocking first: opening a FIFO without a writer would wait forever, and
    // reading a FIFO, socket or device never ends or never starts. Anything but a regular file is an Io
    // error naming what it is; with Links::Refuse a symbolic link is refused too.
    static Result<int> open(const QString &path, Links links = Links::Follow);
    // The same descriptor handed to file, which then owns it.
    static Status open(QFile &file, const QString &path, Links links = Links::Follow);

    // "a FIFO", "a socket", "a character device", … for anything that is not a regular file.
    static QString kindOf(mode_t mode);
};

} // namespace tapedeck
