// SPDX-License-Identifier: MIT
// File names in messages.
#include "ui/displayname.h"

#include <QFileInfo>

namespace tapedeck {

QString displayFileName(const QString &path)
{
    const QString name = QFileInfo(path).fileName();
    return name.isEmpty() ? path : name;
}

} // namespace tapedeck
