// SPDX-License-Identifier: MIT
// Compact JSON text as Qt's JSON writer produces it.
#include "core/common/compactjson.h"

namespace tapedeck {

namespace {

char hexDigit(uint u)
{
    return char(u < 0xa ? '0' + u : 'a' + u - 0xa); // lower case, as Qt writes them
}

void appendEscaped(QByteArray &out, char16_t u)
{
    const char escape[6] = { '\\', 'u', hexDigit((u >> 12) & 0xf), hexDigit((u >> 8) & 0xf),
        hexDigit((u >> 4) & 0xf), hexDigit(u & 0xf) };
    out.append(escape, 6);
}

} // namespace

void appendJsonString(QByteArray &out, QStringView text)
{
    out.append('"');
    const char16_t *p = text.utf16();
    const char16_t *const end = p + text.size();
    while (p < end) {
        // A run of ASCII that stays as it is.
        const char16_t *run = p;
        while (p < end && *p < 0x80 && *p >= 0x20 && *p != '"' && *p != '\\')
            ++p;
        if (p > run) {
            const qsizetype at = out.size();
            out.resize(at + (p - run));
            char *to = out.data() + at;
            for (const char16_t *c = run; c < p; ++c)
                *to++ = char(*c);
        }
        if (p >= end)
            break;
        const char16_t u = *p++;
        if (u < 0x80) {
            switch (u) {
            case '"':
                out.append("\\\"", 2);
                break;
            case '\\':
                out.append("\\\\", 2);
                break;
            case 0x8:
                out.append("\\b", 2);
                break;
            case 0xc:
                out.append("\\f", 2);
                break;
            case 0xa:
                out.append("\\n", 2);
                break;
            case 0xd:
                out.append("\\r", 2);
                break;
            case 0x9:
                out.append("\\t", 2);
                break;
            default:
                appendEscaped(out, u);
            }
            continue;
        }
        if (u < 0x800) {
            const char bytes[2] = { char(0xc0 | (u >> 6)), char(0x80 | (u & 0x3f)) };
            out.append(bytes, 2);
            continue;
        }
        if (u < 0xd800 || u > 0xdfff) {
            const char bytes[3] = { char(0xe0 | (u >> 12)), char(0x80 | ((u >> 6) & 0x3f)), char(0x80 | (u & 0x3f)) };
            out.append(bytes, 3);
            continue;
        }
        if (u < 0xdc00 && p < end && *p >= 0xdc00 && *p <= 0xdfff) { // a surrogate pair
            const uint c = 0x10000 + ((uint(u) - 0xd800) << 10) + (uint(*p++) - 0xdc00);
            const char bytes[4] = { char(0xf0 | (c >> 18)), char(0x80 | ((c >> 12) & 0x3f)),
                char(0x80 | ((c >> 6) & 0x3f)), char(0x80 | (c & 0x3f)) };
            out.append(bytes, 4);
            continue;
        }
        appendEscaped(out, u);
    }
    out.append('"');
}

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
    appendJsonString(m_out, value);
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
