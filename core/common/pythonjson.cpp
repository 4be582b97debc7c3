// SPDX-License-Identifier: MIT
// Python-compatible JSON formatting.
#include "core/common/pythonjson.h"

#include <QJsonArray>
#include <QJsonObject>

#include <cmath>
#include <cstdio>

namespace tapedeck::PythonJson {

namespace {

void writeValue(QByteArray &out, const QJsonValue &value, int indent, int level, const QStringList &keyOrder);

void newline(QByteArray &out, int indent, int level)
{
    if (indent < 0)
        return;
    out += '\n';
    out += QByteArray(indent * level, ' ');
}

QByteArray number(double d)
{
    if (std::isfinite(d) && d == std::trunc(d) && std::fabs(d) < 9007199254740992.0)
        return QByteArray::number(qint64(d));
    if (std::isnan(d))
        return "NaN";
    if (std::isinf(d))
        return d > 0 ? "Infinity" : "-Infinity";
    return QByteArray::number(d, 'g', QLocale::FloatingPointShortest);
}

void writeValue(QByteArray &out, const QJsonValue &value, int indent, int level, const QStringList &keyOrder)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        out += "null";
        break;
    case QJsonValue::Bool:
        out += value.toBool() ? "true" : "false";
        break;
    case QJsonValue::Double:
        out += number(value.toDouble());
        break;
    case QJsonValue::String:
        out += quote(value.toString());
        break;
    case QJsonValue::Array: {
        const QJsonArray array = value.toArray();
        if (array.isEmpty()) {
            out += "[]";
            break;
        }
        out += '[';
        for (qsizetype i = 0; i < array.size(); ++i) {
            if (i > 0)
                out += indent < 0 ? ", " : ",";
            newline(out, indent, level + 1);
            writeValue(out, array.at(i), indent, level + 1, keyOrder);
        }
        newline(out, indent, level);
        out += ']';
        break;
    }
    case QJsonValue::Object: {
        const QJsonObject object = value.toObject();
        if (object.isEmpty()) {
            out += "{}";
            break;
        }
        QStringList keys;
        for (const QString &k : keyOrder) {
            if (object.contains(k))
                keys.append(k);
        }
        for (const QString &k : object.keys()) { // QJsonObject keys are already sorted
            if (!keys.contains(k))
                keys.append(k);
        }
        out += '{';
        for (qsizetype i = 0; i < keys.size(); ++i) {
            if (i > 0)
                out += indent < 0 ? ", " : ",";
            newline(out, indent, level + 1);
            out += quote(keys.at(i));
            out += ": ";
            writeValue(out, object.value(keys.at(i)), indent, level + 1, keyOrder);
        }
        newline(out, indent, level);
        out += '}';
        break;
    }
    }
}

} // namespace

QByteArray quote(const QString &text)
{
    QByteArray out;
    out.reserve(text.size() + 2);
    out += '"';
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        switch (u) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\f':
            out += "\\f";
            break;
        default:
            if (u < 0x20 || u > 0x7e) {
                // QString is UTF-16, so surrogate pairs come out as two escapes, exactly like Python.
                char buffer[8];
                std::snprintf(buffer, sizeof buffer, "\\u%04x", unsigned(u));
                out += buffer;
            } else {
                out += char(u);
            }
        }
    }
    out += '"';
    return out;
}

QByteArray dumps(const QJsonValue &value, int indent, const QStringList &keyOrder)
{
    QByteArray out;
    writeValue(out, value, indent, 0, keyOrder);
    return out;
}

} // namespace tapedeck::PythonJson
