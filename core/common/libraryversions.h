// SPDX-License-Identifier: MIT
// The versions of the libraries Tapedeck runs with (for the About box and bug reports).
#pragma once

#include <QList>
#include <QString>

#include <utility>

namespace tapedeck {

// {library, version} for Qt, libzip, liblzma, zlib, libbz2, OpenSSL and libyaml, as loaded at run time.
QList<std::pair<QString, QString>> libraryVersions();

} // namespace tapedeck
