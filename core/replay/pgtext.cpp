// SPDX-License-Identifier: MIT
// RowDescription columns and PostgreSQL 15 text values for recorded queries (rules in pgtext.h).
#include "core/replay/pgtext.h"

#include "core/recording/sqldescription.h"

#include "core/common/nesting.h"
#include "core/recording/sqlquery.h"

#include <QHash>
#include <QSet>

#include <algorithm>
#include <charconv>
#include <cmath>

namespace tapedeck::replay {

namespace {

struct TypeInfo
{
    quint32 oid;
    qint16 length;
    quint32 element = 0; // for array types
};

// PostgreSQL 15.18's pg_type below 10000, made by tests/tools/pgtext_oracle.py's `types` mode:
// oid, typlen, and typelem for typcategory 'A' (int2vector 22 and oidvector 30, written with spaces and
// no braces, left out as arrays).
// clang-format off
constexpr TypeInfo Types[] = {
    { 16, 1 }, { 17, -1 }, { 18, 1 }, { 19, 64 }, { 20, 8 }, { 21, 2 }, { 22, -1 }, { 23, 4 }, { 24, 4 },
    { 25, -1 }, { 26, 4 }, { 27, 6 }, { 28, 4 }, { 29, 4 }, { 30, -1 }, { 32, 8 }, { 114, -1 }, { 142, -1 },
    { 143, -1, 142 }, { 194, -1 }, { 199, -1, 114 }, { 210, -1, 71 }, { 269, 4 }, { 270, -1, 75 },
    { 271, -1, 5069 }, { 272, -1, 81 }, { 273, -1, 83 }, { 325, 4 }, { 600, 16 }, { 601, 32 }, { 602, -1 },
    { 603, 32 }, { 604, -1 }, { 628, 24 }, { 629, -1, 628 }, { 650, -1 }, { 651, -1, 650 }, { 700, 4 },
    { 701, 8 }, { 705, -2 }, { 718, 24 }, { 719, -1, 718 }, { 774, 8 }, { 775, -1, 774 }, { 790, 8 },
    { 791, -1, 790 }, { 829, 6 }, { 869, -1 }, { 1000, -1, 16 }, { 1001, -1, 17 }, { 1002, -1, 18 },
    { 1003, -1, 19 }, { 1005, -1, 21 }, { 1006, -1, 22 }, { 1007, -1, 23 }, { 1008, -1, 24 },
    { 1009, -1, 25 }, { 1010, -1, 27 }, { 1011, -1, 28 }, { 1012, -1, 29 }, { 1013, -1, 30 },
    { 1014, -1, 1042 }, { 1015, -1, 1043 }, { 1016, -1, 20 }, { 1017, -1, 600 }, { 1018, -1, 601 },
    { 1019, -1, 602 }, { 1020, -1, 603 }, { 1021, -1, 700 }, { 1022, -1, 701 }, { 1027, -1, 604 },
    { 1028, -1, 26 }, { 1033, 12 }, { 1034, -1, 1033 }, { 1040, -1, 829 }, { 1041, -1, 869 }, { 1042, -1 },
    { 1043, -1 }, { 1082, 4 }, { 1083, 8 }, { 1114, 8 }, { 1115, -1, 1114 }, { 1182, -1, 1082 },
    { 1183, -1, 1083 }, { 1184, 8 }, { 1185, -1, 1184 }, { 1186, 16 }, { 1187, -1, 1186 },
    { 1231, -1, 1700 }, { 1263, -1, 2275 }, { 1266, 12 }, { 1270, -1, 1266 }, { 1560, -1 },
    { 1561, -1, 1560 }, { 1562, -1 }, { 1563, -1, 1562 }, { 1700, -1 }, { 1790, -1 }, { 2201, -1, 1790 },
    { 2202, 4 }, { 2203, 4 }, { 2204, 4 }, { 2205, 4 }, { 2206, 4 }, { 2207, -1, 2202 }, { 2208, -1, 2203 },
    { 2209, -1, 2204 }, { 2210, -1, 2205 }, { 2211, -1, 2206 }, { 2249, -1 }, { 2275, -2 }, { 2276, 4 },
    { 2277, -1 }, { 2278, 4 }, { 2279, 4 }, { 2280, 4 }, { 2281, 8 }, { 2283, 4 }, { 2287, -1 },
    { 2776, 4 }, { 2949, -1, 2970 }, { 2950, 16 }, { 2951, -1, 2950 }, { 2970, -1 }, { 3115, 4 },
    { 3220, 8 }, { 3221, -1, 3220 }, { 3310, 4 }, { 3361, -1 }, { 3402, -1 }, { 3500, 4 }, { 3614, -1 },
    { 3615, -1 }, { 3642, -1 }, { 3643, -1, 3614 }, { 3644, -1, 3642 }, { 3645, -1, 3615 }, { 3734, 4 },
    { 3735, -1, 3734 }, { 3769, 4 }, { 3770, -1, 3769 }, { 3802, -1 }, { 3807, -1, 3802 }, { 3831, -1 },
    { 3838, 4 }, { 3904, -1 }, { 3905, -1, 3904 }, { 3906, -1 }, { 3907, -1, 3906 }, { 3908, -1 },
    { 3909, -1, 3908 }, { 3910, -1 }, { 3911, -1, 3910 }, { 3912, -1 }, { 3913, -1, 3912 }, { 3926, -1 },
    { 3927, -1, 3926 }, { 4072, -1 }, { 4073, -1, 4072 }, { 4089, 4 }, { 4090, -1, 4089 }, { 4096, 4 },
    { 4097, -1, 4096 }, { 4191, 4 }, { 4192, -1, 4191 }, { 4451, -1 }, { 4532, -1 }, { 4533, -1 },
    { 4534, -1 }, { 4535, -1 }, { 4536, -1 }, { 4537, -1 }, { 4538, -1 }, { 4600, -1 }, { 4601, -1 },
    { 5017, -1 }, { 5038, -1 }, { 5039, -1, 5038 }, { 5069, 8 }, { 5077, 4 }, { 5078, -1 }, { 5079, 4 },
    { 5080, -1 }, { 6150, -1, 4451 }, { 6151, -1, 4532 }, { 6152, -1, 4533 }, { 6153, -1, 4534 },
    { 6155, -1, 4535 }, { 6157, -1, 4536 },
};
// clang-format on

const TypeInfo *typeInfo(quint32 oid)
{
    const auto *end = std::end(Types);
    const auto *it = std::lower_bound(
        std::begin(Types), end, oid, [](const TypeInfo &t, quint32 value) { return t.oid < value; });
    return it != end && it->oid == oid ? it : nullptr;
}

// Types initdb makes (information_schema's row types among them) have OIDs from FirstGenbkiObjectId (10000)
// on, user types from FirstNormalObjectId (16384) on; other drivers' type codes stay far below.
constexpr qint64 FirstGeneratedOid = 10000;

enum class Kind : quint8 {
    Other, // text-like and unknown: strings as is, anything else as its natural type
    Bool,
    Integer,
    Float4,
    Float8,
    Numeric,
    Bytea,
    Date,
    Time,
    TimeTz,
    Timestamp,
    TimestampTz,
    Interval,
    Range, // the built-in ranges: psycopg2 records str(Range), "[1, 10)"
    Json,
    Jsonb,
    Array,
};

Kind kindOf(quint32 oid)
{
    switch (oid) {
    case 16:
        return Kind::Bool;
    case 20:
    case 21:
    case 23:
    case 26:
        return Kind::Integer;
    case 700:
        return Kind::Float4;
    case 701:
        return Kind::Float8;
    case 1700:
        return Kind::Numeric;
    case 17:
        return Kind::Bytea;
    case 1082:
        return Kind::Date;
    case 1083:
        return Kind::Time;
    case 1266:
        return Kind::TimeTz;
    case 1114:
        return Kind::Timestamp;
    case 1184:
        return Kind::TimestampTz;
    case 1186:
        return Kind::Interval;
    case 3904:
    case 3906:
    case 3908:
    case 3910:
    case 3912:
    case 3926:
        return Kind::Range;
    case 114:
        return Kind::Json;
    case 3802:
        return Kind::Jsonb;
    default:
        break;
    }
    return PgText::arrayElementOid(oid) ? Kind::Array : Kind::Other;
}

// ---- numbers ----

struct Digits
{
    bool negative = false;
    QByteArray digits; // significant digits, no leading zero
    int exponent = 0; // of the first digit
};

// Shortest round-trip digits, as to_chars finds them (Ryu's, as PostgreSQL's float output).
template<typename F> Digits shortestDigits(F value)
{
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::scientific);
    const QByteArrayView text(buffer, result.ptr - buffer);
    Digits d;
    qsizetype i = 0;
    if (text.startsWith('-')) {
        d.negative = true;
        ++i;
    }
    const qsizetype e = text.indexOf('e');
    for (; i < e; ++i) {
        if (text[i] != '.')
            d.digits += text[i];
    }
    d.exponent = text.sliced(e + 1).toInt();
    return d;
}

// Fixed notation of d; with a ".0" when there is no fraction if keepPoint.
QByteArray fixedText(const Digits &d, bool keepPoint)
{
    QByteArray out;
    if (d.negative)
        out += '-';
    const qsizetype n = d.digits.size();
    if (d.exponent < 0) {
        out += "0.";
        out += QByteArray(-d.exponent - 1, '0');
        out += d.digits;
        return out;
    }
    const qsizetype intDigits = qsizetype(d.exponent) + 1;
    if (n <= intDigits) {
        out += d.digits;
        out += QByteArray(intDigits - n, '0');
        if (keepPoint)
            out += ".0";
        return out;
    }
    out += QByteArrayView(d.digits).first(intDigits);
    out += '.';
    out += QByteArrayView(d.digits).sliced(intDigits);
    return out;
}

// Decimal exponents below which float8out and float4out write fixed notation (from -4 on): printf's %g
// thresholds, DBL_DIG + 1 and FLT_DIG (OBS-PG15: 1e+15 but 100000000000000; 1.234567e+06 but 123456).
constexpr int Float8FixedBelow = 15;
constexpr int Float4FixedBelow = 6;

template<typename F> QByteArray floatText(F value, int fixedBelow)
{
    if (std::isnan(value))
        return QByteArrayLiteral("NaN");
    if (std::isinf(value))
        return value > 0 ? QByteArrayLiteral("Infinity") : QByteArrayLiteral("-Infinity");
    if (value == 0)
        return std::signbit(value) ? QByteArrayLiteral("-0") : QByteArrayLiteral("0");
    const Digits d = shortestDigits(value);
    if (d.exponent >= -4 && d.exponent < fixedBelow)
        return fixedText(d, false);
    // d.ddde±XX, as printf's %e with the exponent's two digits at least (to_chars writes the same).
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::scientific);
    return QByteArray(buffer, result.ptr - buffer);
}

// A double as a numeric (or a JSON number in jsonb's style: keepPoint).
QByteArray decimalText(double value, bool keepPoint)
{
    if (std::isnan(value))
        return QByteArrayLiteral("NaN");
    if (std::isinf(value))
        return value > 0 ? QByteArrayLiteral("Infinity") : QByteArrayLiteral("-Infinity");
    if (value == 0)
        return keepPoint ? (std::signbit(value) ? QByteArrayLiteral("-0.0") : QByteArrayLiteral("0.0"))
                         : QByteArrayLiteral("0");
    return fixedText(shortestDigits(value), keepPoint);
}

// ---- dates and times (Python's isoformat in, PostgreSQL's ISO output out) ----

bool isDigits(QByteArrayView s, qsizetype pos, qsizetype count)
{
    if (pos < 0 || pos + count > s.size())
        return false;
    for (qsizetype i = pos; i < pos + count; ++i) {
        if (s[i] < '0' || s[i] > '9')
            return false;
    }
    return true;
}

int number(QByteArrayView s, qsizetype pos, qsizetype count)
{
    int value = 0;
    for (qsizetype i = pos; i < pos + count; ++i)
        value = value * 10 + (s[i] - '0');
    return value;
}

// HH:MM:SS[.fraction] at pos: appends it with the fraction's trailing zeros dropped, moves pos past it.
bool appendTime(QByteArray &out, QByteArrayView s, qsizetype &pos)
{
    if (!isDigits(s, pos, 2) || s.size() < pos + 8 || s[pos + 2] != ':' || !isDigits(s, pos + 3, 2)
        || s[pos + 5] != ':' || !isDigits(s, pos + 6, 2))
        return false;
    out += s.sliced(pos, 8);
    pos += 8;
    if (pos < s.size() && s[pos] == '.') {
        qsizetype end = pos + 1;
        while (end < s.size() && s[end] >= '0' && s[end] <= '9')
            ++end;
        if (end == pos + 1)
            return false;
        qsizetype last = end;
        while (last > pos + 1 && s[last - 1] == '0')
            --last;
        if (last > pos + 1)
            out += s.sliced(pos, last - pos);
        pos = end;
    }
    return true;
}

// ±HH:MM[:SS[.ffffff]] (or Z) at pos, as PostgreSQL's EncodeTimezone writes it: +00, -08, +05:30,
// +00:19:32 (sub-second parts, which Python allows and PostgreSQL does not, are dropped).
bool appendOffset(QByteArray &out, QByteArrayView s, qsizetype &pos)
{
    if (pos < s.size() && s[pos] == 'Z') {
        out += "+00";
        ++pos;
        return true;
    }
    if (pos >= s.size() || (s[pos] != '+' && s[pos] != '-') || !isDigits(s, pos + 1, 2))
        return false;
    const char sign = s[pos];
    const int hours = number(s, pos + 1, 2);
    int minutes = 0;
    int seconds = 0;
    pos += 3;
    if (pos < s.size() && s[pos] == ':') {
        if (!isDigits(s, pos + 1, 2))
            return false;
        minutes = number(s, pos + 1, 2);
        pos += 3;
        if (pos < s.size() && s[pos] == ':') {
            if (!isDigits(s, pos + 1, 2))
                return false;
            seconds = number(s, pos + 1, 2);
            pos += 3;
            if (pos < s.size() && s[pos] == '.') {
                ++pos;
                while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9')
                    ++pos;
            }
        }
    }
    const bool zero = hours == 0 && minutes == 0 && seconds == 0;
    out += zero ? '+' : sign;
    out += QByteArray::number(hours).rightJustified(2, '0');
    if (minutes != 0 || seconds != 0)
        out += ':' + QByteArray::number(minutes).rightJustified(2, '0');
    if (seconds != 0)
        out += ':' + QByteArray::number(seconds).rightJustified(2, '0');
    return true;
}

enum class Zone : quint8 { Drop, Keep, Require };

// A Python isoformat() date or datetime as PostgreSQL writes a date (dateOnly), or a timestamp or
// timestamptz (a date gets 00:00:00); zone: what to do with the offset (Require adds +00 when there is none).
std::optional<QByteArray> isoDateTime(QByteArrayView s, bool dateOnly, Zone zone)
{
    if (!isDigits(s, 0, 4) || s.size() < 10 || s[4] != '-' || !isDigits(s, 5, 2) || s[7] != '-'
        || !isDigits(s, 8, 2))
        return std::nullopt;
    QByteArray out = s.first(10).toByteArray();
    qsizetype pos = 10;
    if (dateOnly)
        return pos == s.size() || s[pos] == 'T' || s[pos] == ' ' ? std::optional(out) : std::nullopt;
    out += ' ';
    if (pos == s.size()) {
        out += "00:00:00";
    } else {
        if (s[pos] != 'T' && s[pos] != ' ')
            return std::nullopt;
        ++pos;
        if (!appendTime(out, s, pos))
            return std::nullopt;
    }
    if (pos < s.size()) {
        QByteArray offset;
        if (!appendOffset(offset, s, pos))
            return std::nullopt;
        if (zone != Zone::Drop)
            out += offset;
    } else if (zone == Zone::Require) {
        out += "+00";
    }
    if (pos != s.size())
        return std::nullopt;
    return out;
}

// str(time): HH:MM:SS[.ffffff][±HH:MM[:SS]].
std::optional<QByteArray> timeText(QByteArrayView s, bool withZone)
{
    QByteArray out;
    qsizetype pos = 0;
    if (!appendTime(out, s, pos))
        return std::nullopt;
    if (pos < s.size()) {
        QByteArray offset;
        if (!appendOffset(offset, s, pos) || pos != s.size())
            return std::nullopt;
        if (withZone)
            out += offset;
    } else if (withZone) {
        out += "+00";
    }
    return out;
}

// str(timedelta): "[-]D day[s], H:MM:SS[.ffffff]" or "H:MM:SS[.ffffff]" → postgres-style interval.
std::optional<QByteArray> intervalText(QByteArrayView s)
{
    qint64 days = 0;
    qsizetype pos = 0;
    const qsizetype comma = s.indexOf(',');
    if (comma >= 0) {
        const qsizetype space = s.indexOf(' ');
        if (space <= 0 || space > comma)
            return std::nullopt;
        const QByteArrayView unit = s.sliced(space + 1, comma - space - 1);
        if (unit != "day" && unit != "days")
            return std::nullopt;
        bool ok = false;
        days = s.first(space).toLongLong(&ok);
        // timedelta allows ±999999999 days; PostgreSQL's interval days are an int32.
        if (!ok || days > 999999999 || days < -999999999 || comma + 2 > s.size() || s[comma + 1] != ' ')
            return std::nullopt;
        pos = comma + 2;
    }
    const qsizetype colon = s.indexOf(':', pos);
    if (colon - pos < 1 || colon - pos > 2 || !isDigits(s, pos, colon - pos))
        return std::nullopt;
    const qint64 hours = number(s, pos, colon - pos);
    if (s.size() < colon + 6 || !isDigits(s, colon + 1, 2) || s[colon + 3] != ':'
        || !isDigits(s, colon + 4, 2))
        return std::nullopt;
    const qint64 minutes = number(s, colon + 1, 2);
    const qint64 seconds = number(s, colon + 4, 2);
    qint64 micros = 0;
    pos = colon + 6;
    if (pos < s.size()) {
        if (s[pos] != '.' || s.size() - pos - 1 < 1 || s.size() - pos - 1 > 6
            || !isDigits(s, pos + 1, s.size() - pos - 1))
            return std::nullopt;
        micros = number(s, pos + 1, s.size() - pos - 1);
        for (qsizetype k = s.size() - pos - 1; k < 6; ++k)
            micros *= 10;
    }
    if (hours > 23 || minutes > 59 || seconds > 59)
        return std::nullopt;
    constexpr qint64 Day = qint64(86400) * 1000000;
    qint64 time = ((hours * 60 + minutes) * 60 + seconds) * 1000000 + micros;
    // A timedelta is days plus a non-negative time; PostgreSQL prints both with the value's sign.
    bool negative = false;
    if (days < 0) {
        negative = true;
        if (time > 0) {
            days = -days - 1;
            time = Day - time;
        } else {
            days = -days;
        }
    }
    QByteArray out;
    if (days != 0) {
        const qint64 shown = negative ? -days : days;
        out += QByteArray::number(shown) + (shown == 1 ? " day" : " days");
    }
    if (time != 0 || days == 0) {
        if (!out.isEmpty())
            out += ' ';
        if (negative && time != 0)
            out += '-';
        const qint64 totalSeconds = time / 1000000;
        out += QByteArray::number(totalSeconds / 3600).rightJustified(2, '0') + ':'
            + QByteArray::number(totalSeconds / 60 % 60).rightJustified(2, '0') + ':'
            + QByteArray::number(totalSeconds % 60).rightJustified(2, '0');
        if (const qint64 fraction = time % 1000000) {
            QByteArray digits = QByteArray::number(fraction).rightJustified(6, '0');
            while (digits.endsWith('0'))
                digits.chop(1);
            out += '.' + digits;
        }
    }
    return out;
}

// ---- ranges ----

// range_out's bound: quoted when empty or holding " \\ ( ) [ ] , or white space; " and \\ doubled inside.
void appendRangeBound(QByteArray &out, const QByteArray &text)
{
    bool quote = text.isEmpty();
    for (qsizetype i = 0; i < text.size() && !quote; ++i) {
        switch (text[i]) {
        case '"':
        case '\\':
        case '(':
        case ')':
        case '[':
        case ']':
        case ',':
        case ' ':
        case '\t':
        case '\n':
        case '\r':
        case '\v':
        case '\f':
            quote = true;
            break;
        default:
            break;
        }
    }
    if (!quote) {
        out += text;
        return;
    }
    out += '"';
    for (const char c : text) {
        if (c == '"' || c == '\\')
            out += c;
        out += c;
    }
    out += '"';
}

// psycopg2's str(Range): "empty", or the lower bracket, str(lower), ", ", str(upper), the upper bracket,
// with None for an infinite bound (psycopg2/_range.py Range.__str__). Bounds are ints, Decimals, dates
// and datetimes, whose str() has no ", ".
std::optional<QByteArray> rangeText(QByteArrayView s, quint32 oid)
{
    if (s == "empty")
        return QByteArray("empty");
    const qsizetype comma = s.indexOf(", ");
    if (s.size() < 4 || (s.front() != '[' && s.front() != '(') || (s.back() != ']' && s.back() != ')')
        || comma < 0 || s.indexOf(", ", comma + 1) >= 0)
        return std::nullopt;
    QByteArray out(1, s.front());
    const QByteArrayView bounds[2] = { s.sliced(1, comma - 1), s.sliced(comma + 2).chopped(1) };
    for (int i = 0; i < 2; ++i) {
        if (i == 1)
            out += ',';
        const QByteArrayView bound = bounds[i];
        if (bound == "None")
            continue;
        std::optional<QByteArray> text;
        switch (oid) {
        case 3908:
            text = isoDateTime(bound, false, Zone::Drop);
            break;
        case 3910:
            text = isoDateTime(bound, false, Zone::Require);
            break;
        case 3912:
            text = isoDateTime(bound, true, Zone::Drop);
            break;
        default:
            text = bound.toByteArray();
            break;
        }
        if (!text)
            return std::nullopt;
        appendRangeBound(out, *text);
    }
    out += s.back();
    return out;
}

// ---- JSON (PostgreSQL's json/jsonb output) ----

void appendJsonString(QByteArray &out, const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    out += '"';
    for (const char c : utf8) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\f':
            out += "\\f";
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
        default:
            if (uchar(c) < 0x20) {
                out += "\\u00";
                out += QByteArray::number(uchar(c), 16).rightJustified(2, '0');
            } else {
                out += c;
            }
        }
    }
    out += '"';
}

// A bool/int/float/string/null/object/list as a JSON value; false when nested too deeply.
bool appendJson(QByteArray &out, const JsonValue &value, bool jsonb, int depth)
{
    if (depth > Nesting::MaxDepth)
        return false;
    switch (value.type()) {
    case JsonValue::Type::Null:
        out += "null";
        return true;
    case JsonValue::Type::Bool:
        out += value.toBool() ? "true" : "false";
        return true;
    case JsonValue::Type::Integer:
        out += value.integerText();
        return true;
    case JsonValue::Type::Double:
        out += decimalText(value.toDouble(), true);
        return true;
    case JsonValue::Type::String:
        appendJsonString(out, value.toString());
        return true;
    case JsonValue::Type::Array: {
        out += '[';
        bool first = true;
        for (const JsonValue &element : value.toArray()) {
            if (!first)
                out += jsonb ? ", " : ",";
            first = false;
            if (!appendJson(out, element, jsonb, depth + 1))
                return false;
        }
        out += ']';
        return true;
    }
    case JsonValue::Type::Object: {
        out += '{';
        bool first = true;
        for (const JsonMember &member : value.toObject()) {
            if (!first)
                out += jsonb ? ", " : ",";
            first = false;
            appendJsonString(out, member.key);
            out += jsonb ? ": " : ":";
            if (!appendJson(out, member.value, jsonb, depth + 1))
                return false;
        }
        out += '}';
        return true;
    }
    }
    return true;
}

// ---- values ----

class Renderer
{
public:
    bool tooDeep = false;

    std::optional<QByteArray> render(const JsonValue &value, quint32 oid, int depth)
    {
        if (value.isNull())
            return std::nullopt;
        if (depth > Nesting::MaxDepth) {
            tooDeep = true;
            return std::nullopt;
        }
        const Kind kind = kindOf(oid);
        if (value.isString() && kind != Kind::Json && kind != Kind::Jsonb)
            return stringValue(value, kind, oid);
        switch (kind) {
        case Kind::Bool:
            if (value.isBool())
                return QByteArray(value.toBool() ? "t" : "f");
            if (value.isInteger())
                return QByteArray(value.integerText() != "0" ? "t" : "f");
            break;
        case Kind::Integer:
            if (value.isInteger())
                return value.integerText();
            if (value.isBool())
                return QByteArray(value.toBool() ? "1" : "0");
            if (value.isDouble() && std::isfinite(value.toDouble())
                && value.toDouble() == std::trunc(value.toDouble()))
                return decimalText(value.toDouble(), false);
            break;
        case Kind::Float4:
            if (value.isNumber())
                return floatText(float(value.toDouble()), Float4FixedBelow);
            break;
        case Kind::Float8:
            if (value.isNumber())
                return floatText(value.toDouble(), Float8FixedBelow);
            break;
        case Kind::Numeric:
            if (value.isInteger())
                return value.integerText();
            if (value.isDouble())
                return decimalText(value.toDouble(), false);
            break;
        case Kind::Date:
        case Kind::Timestamp:
        case Kind::TimestampTz:
            if (QueryLog::isDateTimeMarker(value)) {
                const QByteArray iso = value.find(u"__value__")->toString().toUtf8();
                const auto text = isoDateTime(
                    iso, kind == Kind::Date, kind == Kind::TimestampTz ? Zone::Require : Zone::Drop);
                return text ? *text : iso;
            }
            break;
        case Kind::Json:
        case Kind::Jsonb: {
            QByteArray out;
            // json as Python's json.dumps lays it out (", " and ": ", jsonb's own output style too): PostgreSQL
            // keeps a json value's input text, which the recording lost, and Python clients write it this way.
            if (!appendJson(out, value, true, depth)) {
                tooDeep = true;
                return std::nullopt;
            }
            return out;
        }
        case Kind::Array:
            if (value.isArray())
                return arrayText(value, PgText::arrayElementOid(oid), depth);
            break;
        case Kind::Bytea:
        case Kind::Time:
        case Kind::TimeTz:
        case Kind::Interval:
        case Kind::Range:
        case Kind::Other:
            break;
        }
        return natural(value, depth);
    }

private:
    static QByteArray stringValue(const JsonValue &value, Kind kind, quint32 oid)
    {
        const QString text = value.toString();
        switch (kind) {
        case Kind::Bytea: {
            const auto bytes = QueryLog::decodeBytes(value);
            return "\\x" + (bytes ? *bytes : text.toUtf8()).toHex();
        }
        case Kind::Time:
        case Kind::TimeTz: {
            const QByteArray utf8 = text.toUtf8();
            const auto out = timeText(utf8, kind == Kind::TimeTz);
            return out ? *out : utf8;
        }
        case Kind::Interval: {
            const QByteArray utf8 = text.toUtf8();
            const auto out = intervalText(utf8);
            return out ? *out : utf8;
        }
        case Kind::Range: {
            const QByteArray utf8 = text.toUtf8();
            const auto out = rangeText(utf8, oid);
            return out ? *out : utf8;
        }
        default:
            break;
        }
        return text.toUtf8();
    }

    // What PostgreSQL's ::text cast of the value's natural type gives.
    std::optional<QByteArray> natural(const JsonValue &value, int depth)
    {
        switch (value.type()) {
        case JsonValue::Type::Null:
            return std::nullopt;
        case JsonValue::Type::Bool:
            return QByteArray(value.toBool() ? "true" : "false");
        case JsonValue::Type::Integer:
            return value.integerText();
        case JsonValue::Type::Double:
            return floatText(value.toDouble(), Float8FixedBelow);
        case JsonValue::Type::String:
            return value.toString().toUtf8();
        case JsonValue::Type::Array:
            return arrayText(value, 0, depth);
        case JsonValue::Type::Object:
            if (QueryLog::isDateTimeMarker(value)) {
                const QByteArray iso = value.find(u"__value__")->toString().toUtf8();
                const bool date = value.find(u"__type__")->toString() == QLatin1String("date");
                const auto text = isoDateTime(iso, date, Zone::Keep);
                return text ? *text : iso;
            }
            return render(value, 3802, depth);
        }
        return std::nullopt;
    }

    // array_out: {a,b}, nested braces for nested lists, NULL, quoting as pgtext.h says. elementOid 0: the
    // elements' natural types.
    std::optional<QByteArray> arrayText(const JsonValue &value, quint32 elementOid, int depth)
    {
        QByteArray out;
        appendArray(out, value, elementOid, depth);
        if (tooDeep)
            return std::nullopt;
        return out;
    }

    void appendArray(QByteArray &out, const JsonValue &value, quint32 elementOid, int depth)
    {
        if (depth > Nesting::MaxDepth) {
            tooDeep = true;
            return;
        }
        out += '{';
        bool first = true;
        for (const JsonValue &element : value.toArray()) {
            if (!first)
                out += ',';
            first = false;
            if (element.isArray()) {
                appendArray(out, element, elementOid, depth + 1);
                if (tooDeep)
                    return;
                continue;
            }
            const auto text
                = elementOid ? render(element, elementOid, depth + 1) : natural(element, depth + 1);
            if (tooDeep)
                return;
            if (!text)
                out += "NULL";
            else
                appendArrayElement(out, *text);
        }
        out += '}';
    }

    static void appendArrayElement(QByteArray &out, const QByteArray &text)
    {
        bool quote = text.isEmpty() || text.compare("NULL", Qt::CaseInsensitive) == 0;
        for (qsizetype i = 0; i < text.size() && !quote; ++i) {
            switch (text[i]) {
            case '{':
            case '}':
            case ',':
            case '"':
            case '\\':
            case ' ':
            case '\t':
            case '\n':
            case '\r':
            case '\v':
            case '\f':
                quote = true;
                break;
            default:
                break;
            }
        }
        if (!quote) {
            out += text;
            return;
        }
        out += '"';
        for (const char c : text) {
            if (c == '"' || c == '\\')
                out += '\\';
            out += c;
        }
        out += '"';
    }
};

// ---- descriptions ----

std::optional<quint32> oidFrom(const JsonValue &code)
{
    const auto value = code.toInt64();
    if (!code.isInteger() || !value || *value < 0 || *value > 0xFFFFFFFFll)
        return std::nullopt;
    return quint32(*value);
}

struct DescribedColumn
{
    std::optional<QString> name;
    std::optional<quint32> oid; // set when the item itself says it is a PostgreSQL OID
    qint32 typmod = -1;
    bool listItem = false; // a DB-API tuple: its type code counts only if the whole description agrees
    std::optional<quint32> listCode;
    bool listNullOk = false; // a non-null null_ok
};

} // namespace

bool PgText::isBuiltinOid(quint32 oid)
{
    return typeInfo(oid) != nullptr;
}

qint16 PgText::typeLength(quint32 oid)
{
    const TypeInfo *info = typeInfo(oid);
    return info ? info->length : qint16(-1);
}

quint32 PgText::arrayElementOid(quint32 oid)
{
    const TypeInfo *info = typeInfo(oid);
    return info ? info->element : 0;
}

QByteArray PgText::float8Text(double value)
{
    return floatText(value, Float8FixedBelow);
}

QByteArray PgText::float4Text(float value)
{
    return floatText(value, Float4FixedBelow);
}

PgColumns PgText::columns(const JsonValue &description, const JsonArray &rows)
{
    PgColumns result;
    // Keys of the object rows (not {"row": [...]} ones), first seen first.
    QStringList keys;
    qsizetype positional = 0;
    {
        QSet<QString> seen;
        for (const JsonValue &row : rows) {
            if (row.isArray()) {
                positional = std::max(positional, row.size());
                continue;
            }
            const JsonObject &members = row.toObject();
            if (members.size() == 1 && members.front().key == QLatin1String("row")
                && members.front().value.isArray()) {
                positional = std::max(positional, members.front().value.size());
                continue;
            }
            for (const JsonMember &member : members) {
                if (keys.size() >= MaxColumns)
                    break;
                if (!seen.contains(member.key)) {
                    seen.insert(member.key);
                    keys.append(member.key);
                }
            }
        }
    }

    const JsonArray &items = description.toArray();
    if (items.empty()) {
        for (const QString &key : std::as_const(keys))
            result.columns.append(PgColumn { key, TextOid, -1, -1, false });
        if (keys.isEmpty()) {
            for (qsizetype i = 0; i < std::min<qsizetype>(positional, MaxColumns); ++i)
                result.columns.append(PgColumn { QStringLiteral("?column?"), TextOid, -1, -1, false });
        }
        if (!description.isNull() && !description.isArray())
            result.warnings.append(
                tr("The recorded description is not a list; the columns are the rows' keys."));
        return result;
    }

    result.fromDescription = true;
    std::vector<DescribedColumn> described;
    bool listsArePostgres = true;
    bool anyList = false;
    for (const JsonValue &item : items) {
        if (qsizetype(described.size()) >= MaxColumns) {
            result.warnings.append(
                tr("The recorded description has more than %1 columns; the rest are left out.")
                    .arg(MaxColumns));
            break;
        }
        DescribedColumn column;
        if (item.isString()) {
            const DescribedColumnText text = readDescribedColumnText(item.toString());
            column.name = text.name;
            column.oid = text.oid;
            column.typmod = text.typeModifier;
        } else if (item.isArray()) {
            const JsonArray &fields = item.toArray();
            column.listItem = true;
            anyList = true;
            if (!fields.empty() && fields[0].isString())
                column.name = fields[0].toString();
            column.listCode = fields.size() > 1 ? oidFrom(fields[1]) : std::nullopt;
            column.listNullOk = fields.size() > 6 && !fields[6].isNull();
            const bool postgresCode = column.listCode
                && (isBuiltinOid(*column.listCode) || *column.listCode >= FirstGeneratedOid);
            if (!postgresCode || column.listNullOk)
                listsArePostgres = false;
            if (column.listCode) {
                const auto field
                    = [&](size_t i) { return i < fields.size() ? fields[i].toInt64() : std::nullopt; };
                if (*column.listCode == 1700 && field(4) && field(5))
                    column.typmod = numericTypeModifier(*field(4), *field(5));
                else if (field(3))
                    column.typmod = lengthTypeModifier(*column.listCode, *field(3));
            }
        } else if (item.isObject()) {
            if (const JsonValue *name = item.find(u"name"); name && name->isString())
                column.name = name->toString();
        }
        described.push_back(std::move(column));
    }

    for (qsizetype i = 0; i < qsizetype(described.size()); ++i) {
        DescribedColumn &d = described[size_t(i)];
        PgColumn column;
        if (d.name) {
            column.name = *d.name;
        } else {
            // DataHub keyed the rows by each column's first item: the key at this position is its name.
            column.name = keys.size() == qsizetype(described.size()) ? keys[i] : QStringLiteral("?column?");
            result.warnings.append(
                tr("Column %1 of the recorded description is not understood; it is named \"%2\".")
                    .arg(i + 1)
                    .arg(column.name));
        }
        std::optional<quint32> oid = d.oid;
        if (d.listItem && anyList && listsArePostgres)
            oid = d.listCode;
        if (oid) {
            column.typeOid = *oid;
            column.typeLength = typeLength(*oid);
            column.typeModifier = d.typmod;
            column.typeFromRecording = true;
        }
        result.columns.append(column);
    }
    return result;
}

std::vector<const JsonValue *> PgText::rowValues(const JsonValue &row, const PgColumns &columns)
{
    std::vector<const JsonValue *> values(size_t(columns.columns.size()), nullptr);
    const JsonArray *positional = nullptr;
    if (row.isArray()) {
        positional = &row.toArray();
    } else if (row.isObject()) {
        const JsonObject &members = row.toObject();
        if (members.size() == 1 && members.front().key == QLatin1String("row")
            && members.front().value.isArray()
            && std::none_of(columns.columns.begin(), columns.columns.end(),
                [](const PgColumn &c) { return c.name == QLatin1String("row"); })) {
            positional = &members.front().value.toArray();
        } else {
            for (size_t i = 0; i < values.size(); ++i)
                values[i] = row.find(columns.columns[qsizetype(i)].name);
        }
    }
    if (positional) {
        for (size_t i = 0; i < values.size() && i < positional->size(); ++i)
            values[i] = &(*positional)[i];
    }
    for (const JsonValue *&value : values) {
        if (value && value->isNull())
            value = nullptr;
    }
    return values;
}

std::optional<QByteArray> pgTextValue(const JsonValue &recorded, const PgColumn &column)
{
    Renderer renderer;
    const quint32 oid = column.typeFromRecording ? column.typeOid : 0;
    auto text = renderer.render(recorded, oid, 0);
    if (renderer.tooDeep)
        return std::nullopt;
    return text;
}

} // namespace tapedeck::replay
