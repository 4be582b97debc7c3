// SPDX-License-Identifier: MIT
#include "core/recording/sqldescription.h"

#include <QList>

namespace tapedeck {

namespace {

// A Python str repr (either quote) at pos; pos moves past it.
std::optional<QString> pythonStr(QStringView s, qsizetype &pos)
{
    if (pos >= s.size() || (s[pos] != u'\'' && s[pos] != u'"'))
        return std::nullopt;
    const QChar quote = s[pos];
    QString out;
    for (qsizetype i = pos + 1; i < s.size(); ++i) {
        const QChar c = s[i];
        if (c == quote) {
            pos = i + 1;
            return out;
        }
        if (c != u'\\') {
            out += c;
            continue;
        }
        if (++i >= s.size())
            return std::nullopt;
        const char16_t e = s[i].unicode();
        int hexDigits = 0;
        switch (e) {
        case u'\\':
        case u'\'':
        case u'"':
            out += QChar(e);
            continue;
        case u'n':
            out += u'\n';
            continue;
        case u'r':
            out += u'\r';
            continue;
        case u't':
            out += u'\t';
            continue;
        case u'a':
            out += u'\a';
            continue;
        case u'b':
            out += u'\b';
            continue;
        case u'f':
            out += u'\f';
            continue;
        case u'v':
            out += u'\v';
            continue;
        case u'x':
            hexDigits = 2;
            break;
        case u'u':
            hexDigits = 4;
            break;
        case u'U':
            hexDigits = 8;
            break;
        default:
            return std::nullopt;
        }
        if (i + hexDigits >= s.size())
            return std::nullopt;
        bool ok = false;
        const uint code = s.sliced(i + 1, hexDigits).toUInt(&ok, 16);
        if (!ok || code > 0x10FFFF)
            return std::nullopt;
        if (code > 0xFFFF) {
            const char32_t ucs4 = code;
            out += QString::fromUcs4(&ucs4, 1);
        } else {
            out += QChar(char16_t(code));
        }
        i += hexDigits;
    }
    return std::nullopt;
}

std::optional<quint32> oidFrom(QStringView digits)
{
    bool ok = false;
    const qulonglong value = digits.toULongLong(&ok);
    if (!ok || value > 0xFFFFFFFFull || digits.isEmpty() || !digits.front().isDigit())
        return std::nullopt;
    return quint32(value);
}

} // namespace

qint32 numericTypeModifier(qint64 precision, qint64 scale)
{
    // PostgreSQL 15's make_numeric_typmod: ((precision << 16) | (scale & 0x7ff)) + VARHDRSZ.
    if (precision < 1 || precision > 1000 || scale < -1000 || scale > 1000)
        return -1;
    return qint32(((precision << 16) | (scale & 0x7ff)) + 4);
}

qint32 lengthTypeModifier(quint32 oid, qint64 length)
{
    if ((oid == 1042 || oid == 1043) && length >= 1 && length <= 10485760)
        return qint32(length + 4);
    return -1;
}

// "Column(name='id', type_code=23)" (psycopg2), "<Column 'id', type: numeric(10,2) (oid: 1700)>"
// (psycopg 3), or another "Class(name='id', …)" (name only).
DescribedColumnText readDescribedColumnText(QStringView s)
{
    DescribedColumnText column;
    static constexpr QStringView Psycopg2 = u"Column(name=";
    static constexpr QStringView Psycopg3 = u"<Column ";
    if (s.startsWith(Psycopg2)) {
        qsizetype pos = Psycopg2.size();
        const auto name = pythonStr(s, pos);
        static constexpr QStringView TypeCode = u", type_code=";
        if (name && s.sliced(pos).startsWith(TypeCode) && s.endsWith(u')')) {
            column.name = name;
            const QStringView code = s.sliced(pos + TypeCode.size()).chopped(1);
            column.oid = oidFrom(code);
            return column;
        }
    }
    if (s.startsWith(Psycopg3) && s.endsWith(u")>")) {
        qsizetype pos = Psycopg3.size();
        const auto name = pythonStr(s, pos);
        static constexpr QStringView Type = u", type: ";
        static constexpr QStringView Oid = u" (oid: ";
        const qsizetype oidAt = s.lastIndexOf(Oid);
        if (name && s.sliced(pos).startsWith(Type) && oidAt > pos) {
            column.name = name;
            column.oid = oidFrom(s.sliced(oidAt + Oid.size()).chopped(2));
            // The type display: name, "(p)" or "(p,s)" from the modifier, "[]" for arrays.
            const QStringView display = s.sliced(pos + Type.size(), oidAt - pos - Type.size());
            const qsizetype open = display.lastIndexOf(u'(');
            if (column.oid && open > 0 && display.endsWith(u')')) {
                const QList<QStringView> parts = display.sliced(open + 1).chopped(1).split(u',');
                bool ok1 = false;
                bool ok2 = parts.size() == 1;
                const qint64 first = parts.value(0).trimmed().toLongLong(&ok1);
                const qint64 second = parts.size() == 2 ? parts[1].trimmed().toLongLong(&ok2) : 0;
                if (ok1 && ok2 && parts.size() <= 2) {
                    if (*column.oid == 1700)
                        column.typeModifier = numericTypeModifier(first, second);
                    else if (parts.size() == 1)
                        column.typeModifier = lengthTypeModifier(*column.oid, first);
                }
            }
            return column;
        }
    }
    const qsizetype open = s.indexOf(u'(');
    if (open > 0 && s.sliced(open + 1).startsWith(u"name=")) {
        qsizetype pos = open + 6;
        column.name = pythonStr(s, pos);
    }
    return column;
}

} // namespace tapedeck
