// SPDX-License-Identifier: MIT
// JSON text formatted the way Python's json.dumps formats it (ensure_ascii, ", "/": " separators,
// indent), so files Tapedeck writes look like the ones DataHub writes; and read into Qt's JSON types with
// the characters json.loads reads.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonDocument>
#include <QJsonValue>
#include <QStringList>

namespace tapedeck::PythonJson {

// indent < 0 means single-line output. In every object, keys listed in keyOrder come first (in that order),
// the rest sorted: QJsonObject does not keep the original order. QJsonValue keeps no int/float distinction
// either: integral doubles are written as integers.
QByteArray dumps(const QJsonValue &value, int indent = -1, const QStringList &keyOrder = {});

QByteArray quote(const QString &text);

// QJsonDocument::fromJson, but every string keeps the characters json.loads reads: Qt's reader drops a
// U+FEFF that starts a string (its UTF-8 decoder takes it for a byte order mark), which turns "\ufeffa" into
// "a" and may merge two keys. A byte order mark before the document is still skipped. error->offset is a
// byte offset in json.
QJsonDocument loads(QByteArrayView json, QJsonParseError *error);

} // namespace tapedeck::PythonJson
