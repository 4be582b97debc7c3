// SPDX-License-Identifier: MIT
// JSON text formatted the way Python's json.dumps formats it (ensure_ascii, ", "/": " separators,
// indent), so files Tapedeck writes look like the ones DataHub writes.
#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QStringList>

namespace tapedeck::PythonJson {

// indent < 0 means single-line output. In every object, keys listed in keyOrder come first (in that order),
// the rest sorted: QJsonObject does not keep the original order. QJsonValue keeps no int/float distinction
// either: integral doubles are written as integers.
QByteArray dumps(const QJsonValue &value, int indent = -1, const QStringList &keyOrder = {});

QByteArray quote(const QString &text);

} // namespace tapedeck::PythonJson
