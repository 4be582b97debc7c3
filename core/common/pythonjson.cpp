// SPDX-License-Identifier: MIT
// Python-compatible JSON formatting of Qt's JSON values, through JsonValue's one writer.
#include "core/common/pythonjson.h"

#include "core/common/jsonvalue.h"

#include <QJsonArray>
#include <QJsonObject>

#include <QList>

#include <algorithm>
#include <cmath>

namespace tapedeck::PythonJson {

namespace {

JsonValue convert(const QJsonValue &value, const QStringList &keyOrder)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return {};
    case QJsonValue::Bool:
        return JsonValue::boolean(value.toBool());
    case QJsonValue::Double: {
        // QJsonValue keeps no int/float distinction: what was an integer in the source reads back integral.
        const double d = value.toDouble();
        if (std::isfinite(d) && d == std::trunc(d) && std::fabs(d) < 9007199254740992.0)
            return JsonValue::integer(qint64(d));
        return JsonValue::number(d);
    }
    case QJsonValue::String:
        return JsonValue::string(value.toString());
    case QJsonValue::Array: {
        JsonArray items;
        const QJsonArray array = value.toArray();
        items.reserve(size_t(array.size()));
        for (const QJsonValue &item : array)
            items.push_back(convert(item, keyOrder));
        return JsonValue::array(std::move(items));
    }
    case QJsonValue::Object: {
        const QJsonObject object = value.toObject();
        JsonObject members;
        members.reserve(size_t(object.size()));
        for (const QString &k : keyOrder) {
            if (object.contains(k))
                members.push_back({ k, convert(object.value(k), keyOrder) });
        }
        for (auto it = object.begin(); it != object.end(); ++it) { // QJsonObject keys are sorted
            if (!keyOrder.contains(it.key()))
                members.push_back({ it.key(), convert(it.value(), keyOrder) });
        }
        return JsonValue::object(std::move(members));
    }
    }
    return {};
}

} // namespace

QByteArray quote(const QString &text)
{
    return pythonQuote(text, true);
}

QByteArray dumps(const QJsonValue &value, int indent, const QStringList &keyOrder)
{
    return pythonDumps(convert(value, keyOrder), JsonDumpOptions { false, true, indent, false });
}

QJsonDocument loads(QByteArrayView json, QJsonParseError *error)
{
    static constexpr QByteArrayView Bom("\xef\xbb\xbf");
    const qsizetype start = json.startsWith(Bom) ? Bom.size() : 0;
    qsizetype at = json.indexOf(Bom, start);
    if (at < 0)
        return QJsonDocument::fromJson(json.toByteArray(), error);
    // Each U+FEFF after the start written as the escape "\ufeff" (6 bytes for 3): the same character inside
    // a string, as invalid as before outside one. One that follows a backslash stays: "\<U+FEFF>" is an
    // invalid escape, which "\\ufeff" would not be.
    QByteArray text;
    text.reserve(json.size() + 64);
    QList<qsizetype> escapedAt; // where each escape starts in text
    qsizetype from = 0;
    for (; at >= 0; at = json.indexOf(Bom, at + Bom.size())) {
        qsizetype backslashes = 0;
        while (at - backslashes > 0 && json[at - backslashes - 1] == '\\')
            ++backslashes;
        if (backslashes % 2 == 1)
            continue;
        text += json.sliced(from, at - from);
        escapedAt.append(text.size());
        text += "\\ufeff";
        from = at + Bom.size();
    }
    text += json.sliced(from);
    QJsonDocument document = QJsonDocument::fromJson(text, error);
    if (error && error->error != QJsonParseError::NoError) {
        qsizetype shift = 0;
        for (const qsizetype e : escapedAt) {
            if (e >= error->offset)
                break;
            shift += error->offset >= e + 6 ? 3 : error->offset - e; // inside an escape: at its character
        }
        error->offset -= int(shift);
    }
    return document;
}

} // namespace tapedeck::PythonJson
