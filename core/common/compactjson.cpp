// SPDX-License-Identifier: MIT
// Compact JSON objects, written as they go.
#include "core/common/compactjson.h"

#include "core/common/jsonvalue.h"

namespace tapedeck {

CompactJsonObject::CompactJsonObject(QByteArray &out)
    : m_out(out)
{
    m_out.append('{');
}

void CompactJsonObject::key(QLatin1StringView key)
{
    Q_ASSERT_X(m_first || m_lastKey < key, "CompactJsonObject", "keys out of QJsonObject's order");
    m_lastKey = key;
    if (!m_first)
        m_out.append(',');
    m_first = false;
    m_out.append('"');
    m_out.append(key.data(), key.size());
    m_out.append("\":", 2);
}

void CompactJsonObject::string(QLatin1StringView key, QStringView value)
{
    this->key(key);
    appendPythonQuoted(m_out, value, false);
}

void CompactJsonObject::integer(QLatin1StringView key, qint64 value)
{
    this->key(key);
    m_out.append(QByteArray::number(value));
}

void CompactJsonObject::boolean(QLatin1StringView key, bool value)
{
    this->key(key);
    if (value)
        m_out.append("true", 4);
    else
        m_out.append("false", 5);
}

void CompactJsonObject::null(QLatin1StringView key)
{
    this->key(key);
    m_out.append("null", 4);
}

void CompactJsonObject::finish()
{
    m_out.append('}');
}

} // namespace tapedeck
