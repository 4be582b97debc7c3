// SPDX-License-Identifier: MIT
// psycopg2's rendering of a recorded query and the mapping of live statements back to recorded templates
// (the rules and the facts behind them are in pgstatement.h).
#include "core/replay/pgstatement.h"

#include "core/common/hex.h"
#include "core/recording/sqlquery.h"

#include <QDate>
#include <QtEndian>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <functional>
#include <limits>

namespace tapedeck::replay {

namespace {

// ---------------------------------------------------------------------------------------------------------
// psycopg2's placeholder scan

struct Occurrence
{
    int slot = 0; // positional: the item index; named: the index of the name in Placeholders::names
};

struct Placeholders
{
    std::vector<QString> segments; // static text around the occurrences, `%%` already `%`; occurrences + 1
    std::vector<Occurrence> occurrences;
    QStringList names; // named: distinct names in first-appearance order
    bool named = false;
    int slotCount() const { return named ? int(names.size()) : int(occurrences.size()); }
};

QString formatError(const char *what)
{
    return QString::fromLatin1(what);
}

Result<Placeholders> scanPlaceholders(const QString &query)
{
    Placeholders out;
    out.segments.emplace_back();
    bool positional = false;
    const qsizetype n = query.size();
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = query.at(i);
        if (c != u'%') {
            out.segments.back().append(c);
            continue;
        }
        if (i + 1 >= n)
            return makeError(ErrorCode::InvalidInput, formatError("incomplete format"));
        const QChar next = query.at(i + 1);
        if (next == u'%') {
            out.segments.back().append(u'%');
            ++i;
        } else if (next == u's') {
            positional = true;
            out.occurrences.push_back({ int(out.occurrences.size()) });
            out.segments.emplace_back();
            ++i;
        } else if (next == u'(') {
            qsizetype close = i + 2;
            while (close < n && query.at(close) != u')' && query.at(close) != u'%')
                ++close;
            if (close >= n || query.at(close) != u')')
                return makeError(ErrorCode::InvalidInput, formatError("incomplete placeholder: '%(' without ')'"));
            if (close + 1 >= n)
                return makeError(ErrorCode::InvalidInput, formatError("incomplete format"));
            if (query.at(close + 1) != u's')
                return makeError(ErrorCode::InvalidInput,
                    QStringLiteral("unsupported format character '%1'").arg(query.at(close + 1)));
            const QString name = query.mid(i + 2, close - i - 2);
            qsizetype slot = out.names.indexOf(name);
            if (slot < 0) {
                slot = out.names.size();
                out.names.append(name);
            }
            out.named = true;
            out.occurrences.push_back({ int(slot) });
            out.segments.emplace_back();
            i = close + 1;
        } else {
            return makeError(ErrorCode::InvalidInput, QStringLiteral("unsupported format character '%1'").arg(next));
        }
    }
    if (positional && out.named)
        return makeError(ErrorCode::InvalidInput, formatError("argument formats can't be mixed"));
    return out;
}

// ---------------------------------------------------------------------------------------------------------
// Rendering (psycopg2's adapters on DataHub's serialized values)

void appendNumber(QString &out, const QByteArray &text)
{
    if (text.startsWith('-'))
        out.append(u' '); // psycopg2 keeps `- -5` from turning into a comment
    out.append(QLatin1StringView(text));
}

Result<QString> adapt(const JsonValue &value);

Result<QString> adaptList(const JsonValue &value)
{
    const JsonArray &items = value.toArray();
    if (items.empty())
        return QStringLiteral("'{}'");
    std::vector<QString> quoted;
    quoted.reserve(items.size());
    bool allNulls = true;
    for (const JsonValue &item : items) {
        if (item.isNull()) {
            quoted.push_back(QStringLiteral("NULL"));
            continue;
        }
        Result<QString> q = adapt(item);
        if (!q)
            return q.error();
        if (item.isArray()) {
            if (q->startsWith(u'A')) {
                allNulls = false;
            } else if (*q == QLatin1StringView("'{}'")) {
                *q = QStringLiteral("ARRAY[]");
                allNulls = false;
            }
        } else {
            allNulls = false;
        }
        quoted.push_back(std::move(*q));
    }
    QString out;
    if (!allNulls) {
        out = QStringLiteral("ARRAY[");
        for (size_t k = 0; k < quoted.size(); ++k) {
            if (k)
                out.append(u',');
            out.append(quoted[k]);
        }
        out.append(u']');
        return out;
    }
    out = QStringLiteral("'{");
    for (size_t k = 0; k < quoted.size(); ++k) {
        if (k)
            out.append(u',');
        const QString &q = quoted[k];
        if (q.startsWith(u'\''))
            out.append(QStringView(q).mid(1, q.size() - 2));
        else
            out.append(q);
    }
    out.append(QLatin1StringView("}'"));
    return out;
}

bool isAwareIso(QStringView iso)
{
    // isoformat(): YYYY-MM-DDTHH:MM:SS[.ffffff][+HH:MM…]; an offset follows the time part.
    if (iso.size() <= 19)
        return false;
    for (qsizetype k = 19; k < iso.size(); ++k) {
        if (iso.at(k) == u'+' || iso.at(k) == u'-' || iso.at(k) == u'Z')
            return true;
    }
    return false;
}

Result<QString> adapt(const JsonValue &value)
{
    switch (value.type()) {
    case JsonValue::Type::Null:
        return QStringLiteral("NULL");
    case JsonValue::Type::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case JsonValue::Type::Integer: {
        QString out;
        appendNumber(out, value.integerText());
        return out;
    }
    case JsonValue::Type::Double: {
        const double d = value.toDouble();
        if (std::isnan(d))
            return QStringLiteral("'NaN'::float");
        if (std::isinf(d))
            return d > 0 ? QStringLiteral("'Infinity'::float") : QStringLiteral("'-Infinity'::float");
        QString out;
        appendNumber(out, pythonFloatRepr(d));
        return out;
    }
    case JsonValue::Type::String: {
        const QString s = value.toString();
        if (s.contains(QChar(0)))
            return makeError(ErrorCode::InvalidInput, formatError("A string literal cannot contain NUL (0x00) characters."));
        QString out;
        out.reserve(s.size() + 2);
        out.append(u'\'');
        for (const QChar c : s) {
            if (c == u'\'')
                out.append(u'\'');
            out.append(c);
        }
        out.append(u'\'');
        return out;
    }
    case JsonValue::Type::Array:
        return adaptList(value);
    case JsonValue::Type::Object:
        if (QueryLog::isDateTimeMarker(value)) {
            const QString iso = value.find(u"__value__")->toString();
            if (iso.contains(QChar(0)) || iso.contains(u'\''))
                break; // no isoformat() looks like this: a dict after all
            if (value.find(u"__type__")->toString() == QLatin1StringView("date"))
                return QString(u'\'' + iso + QLatin1StringView("'::date"));
            return QString(u'\'' + iso + (isAwareIso(iso) ? QLatin1StringView("'::timestamptz") : QLatin1StringView("'::timestamp")));
        }
        break;
    }
    return makeError(ErrorCode::InvalidInput, formatError("can't adapt type 'dict'"));
}

// ---------------------------------------------------------------------------------------------------------
// Literals: values read back from a statement, compared with recorded values

struct Literal
{
    enum class Kind : quint8 { Null, Bool, Number, String, Bytes, Date, Timestamp, Typed, Array, Tuple, Untyped, Sentinel };
    Kind kind = Kind::Null;
    bool boolean = false;
    bool numericNaN = false; // 'NaN'::numeric: psycopg2 sends it for Decimal NaN and ±Infinity alike
    bool braceForm = false; // Array read from '{}' / '{NULL,…}' (equal to that str too)
    QString text; // Number: as written; String/Typed/Date/Timestamp/Untyped: the value; Array braceForm: content
    QByteArray bytes;
    std::vector<Literal> items;
};

bool isIdentChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'_' || c == u'$';
}

bool isDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

// -?digits[.digits][e[+-]digits] (or .digits); the end, or -1.
qsizetype scanNumber(QStringView s, qsizetype pos)
{
    qsizetype i = pos;
    const qsizetype n = s.size();
    if (i < n && (s.at(i) == u'-' || s.at(i) == u'+'))
        ++i;
    qsizetype digits = 0;
    while (i < n && isDigit(s.at(i))) {
        ++i;
        ++digits;
    }
    if (i < n && s.at(i) == u'.') {
        ++i;
        while (i < n && isDigit(s.at(i))) {
            ++i;
            ++digits;
        }
    }
    if (digits == 0)
        return -1;
    if (i < n && (s.at(i) == u'e' || s.at(i) == u'E')) {
        qsizetype j = i + 1;
        if (j < n && (s.at(j) == u'+' || s.at(j) == u'-'))
            ++j;
        if (j < n && isDigit(s.at(j))) {
            while (j < n && isDigit(s.at(j)))
                ++j;
            i = j;
        }
    }
    return i;
}

bool isIntegerText(QStringView t)
{
    qsizetype i = 0;
    if (i < t.size() && t.at(i) == u'-')
        ++i;
    if (i >= t.size())
        return false;
    for (; i < t.size(); ++i) {
        if (!isDigit(t.at(i)))
            return false;
    }
    return true;
}

// The value of a number as written (psycopg2's, PostgreSQL's or a driver's spelling); nullopt when it is not one.
std::optional<double> numberValue(QStringView t)
{
    const QString lower = t.trimmed().toString().toLower();
    if (lower == QLatin1StringView("nan") || lower == QLatin1StringView("-nan") || lower == QLatin1StringView("+nan"))
        return std::numeric_limits<double>::quiet_NaN();
    if (lower == QLatin1StringView("infinity") || lower == QLatin1StringView("inf") || lower == QLatin1StringView("+infinity")
        || lower == QLatin1StringView("+inf"))
        return std::numeric_limits<double>::infinity();
    if (lower == QLatin1StringView("-infinity") || lower == QLatin1StringView("-inf"))
        return -std::numeric_limits<double>::infinity();
    if (lower.isEmpty() || scanNumber(lower, 0) != lower.size())
        return std::nullopt;
    bool ok = false;
    const double d = lower.toLatin1().toDouble(&ok);
    if (!ok && !std::isinf(d))
        return std::nullopt;
    return d;
}

bool sameDouble(double a, double b)
{
    if (std::isnan(a) || std::isnan(b))
        return std::isnan(a) && std::isnan(b);
    return a == b && std::signbit(a) == std::signbit(b);
}

bool numberEquals(const Literal &l, const JsonValue &rec)
{
    if (!rec.isNumber())
        return false;
    if (rec.isInteger() && isIntegerText(l.text)) {
        const auto canonical = JsonValue::integerFromText(l.text.toLatin1());
        if (canonical)
            return canonical->integerText() == rec.integerText();
    }
    const auto d = numberValue(l.text);
    if (!d)
        return false;
    const double r = rec.toDouble();
    if (l.numericNaN && std::isnan(*d))
        return std::isnan(r) || std::isinf(r);
    return sameDouble(*d, r);
}

// isoformat() of a timestamp written by PostgreSQL, a driver or Python: `T`, microseconds only when non-zero,
// the offset as +HH:MM[:SS]. Text that is not a timestamp comes back as it is.
QString isoTimestamp(QStringView t)
{
    const qsizetype n = t.size();
    if (n < 19 || (t.at(10) != u'T' && t.at(10) != u' '))
        return t.toString();
    for (const qsizetype k : { 0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18 }) {
        if (!isDigit(t.at(k)))
            return t.toString();
    }
    if (t.at(4) != u'-' || t.at(7) != u'-' || t.at(13) != u':' || t.at(16) != u':')
        return t.toString();
    QString out = t.left(10).toString() + u'T' + t.mid(11, 8);
    qsizetype i = 19;
    if (i < n && t.at(i) == u'.') {
        qsizetype j = i + 1;
        while (j < n && isDigit(t.at(j)))
            ++j;
        QString fraction = t.mid(i + 1, j - i - 1).toString();
        if (fraction.isEmpty() || fraction.size() > 6)
            return t.toString();
        fraction = fraction.leftJustified(6, u'0');
        if (fraction != QLatin1StringView("000000"))
            out += u'.' + fraction;
        i = j;
    }
    if (i < n) {
        if (t.at(i) == u'Z' && i + 1 == n)
            return out + QLatin1StringView("+00:00");
        if (t.at(i) != u'+' && t.at(i) != u'-')
            return t.toString();
        QStringView zone = t.mid(i + 1);
        QString parts[3];
        int count = 0;
        while (!zone.isEmpty() && count < 3) {
            if (zone.size() < 2 || !isDigit(zone.at(0)) || !isDigit(zone.at(1)))
                return t.toString();
            parts[count++] = zone.left(2).toString();
            zone = zone.mid(2);
            if (!zone.isEmpty() && zone.at(0) == u':')
                zone = zone.mid(1);
        }
        if (!zone.isEmpty())
            return t.toString();
        out += t.at(i) + parts[0] + u':' + (count > 1 ? parts[1] : QStringLiteral("00"));
        if (count > 2 && parts[2] != QLatin1StringView("00"))
            out += u':' + parts[2];
    }
    return out;
}

bool isBase64Of(const QString &recorded, const QByteArray &bytes)
{
    return recorded == QLatin1StringView(bytes.toBase64());
}

// PostgreSQL's array text: {a,"b c",NULL,{1,2}}. Items are Untyped (or Null), nested arrays Array.
std::optional<Literal> parseArrayText(QStringView t, qsizetype &pos, int depth)
{
    if (depth > StatementMapper::MaxLiteralDepth || pos >= t.size() || t.at(pos) != u'{')
        return std::nullopt;
    Literal out;
    out.kind = Literal::Kind::Array;
    ++pos;
    auto skipSpace = [&] {
        while (pos < t.size() && t.at(pos).isSpace())
            ++pos;
    };
    skipSpace();
    if (pos < t.size() && t.at(pos) == u'}') {
        ++pos;
        return out;
    }
    while (pos < t.size()) {
        skipSpace();
        if (pos >= t.size())
            return std::nullopt;
        if (t.at(pos) == u'{') {
            auto nested = parseArrayText(t, pos, depth + 1);
            if (!nested)
                return std::nullopt;
            out.items.push_back(std::move(*nested));
        } else if (t.at(pos) == u'"') {
            Literal item;
            item.kind = Literal::Kind::Untyped;
            ++pos;
            while (pos < t.size() && t.at(pos) != u'"') {
                if (t.at(pos) == u'\\' && pos + 1 < t.size())
                    ++pos;
                item.text.append(t.at(pos++));
            }
            if (pos >= t.size())
                return std::nullopt;
            ++pos;
            out.items.push_back(std::move(item));
        } else {
            const qsizetype start = pos;
            while (pos < t.size() && t.at(pos) != u',' && t.at(pos) != u'}')
                ++pos;
            const QString raw = t.mid(start, pos - start).trimmed().toString();
            Literal item;
            if (raw.compare(QLatin1StringView("NULL"), Qt::CaseInsensitive) != 0) {
                item.kind = Literal::Kind::Untyped;
                item.text = raw;
            }
            out.items.push_back(std::move(item));
        }
        skipSpace();
        if (pos >= t.size())
            return std::nullopt;
        if (t.at(pos) == u'}') {
            ++pos;
            return out;
        }
        if (t.at(pos) != u',')
            return std::nullopt;
        ++pos;
    }
    return std::nullopt;
}

std::optional<Literal> parseWholeArrayText(QStringView t)
{
    qsizetype pos = 0;
    auto parsed = parseArrayText(t, pos, 0);
    if (!parsed || pos != t.size())
        return std::nullopt;
    return parsed;
}

std::optional<bool> boolText(QStringView t)
{
    const QString lower = t.trimmed().toString().toLower();
    if (lower == QLatin1StringView("t") || lower == QLatin1StringView("true"))
        return true;
    if (lower == QLatin1StringView("f") || lower == QLatin1StringView("false"))
        return false;
    return std::nullopt;
}

std::optional<QByteArray> byteaText(QStringView t)
{
    if (!t.startsWith(QLatin1StringView("\\x")))
        return std::nullopt;
    if ((t.size() % 2) != 0)
        return std::nullopt;
    QByteArray out;
    out.reserve((t.size() - 2) / 2);
    for (qsizetype k = 2; k < t.size(); k += 2) {
        const int hi = t.at(k).unicode() < 128 ? hexDigitValue(char(t.at(k).unicode())) : -1;
        const int lo = t.at(k + 1).unicode() < 128 ? hexDigitValue(char(t.at(k + 1).unicode())) : -1;
        if (hi < 0 || lo < 0)
            return std::nullopt;
        out.append(char(hi * 16 + lo));
    }
    return out;
}

bool equals(const Literal &l, const JsonValue &rec, int depth = 0);

// Untyped text against any recorded value, by the text a driver would have bound for it.
bool untypedEquals(const QString &t, const JsonValue &rec, int depth)
{
    switch (rec.type()) {
    case JsonValue::Type::Null:
        return false;
    case JsonValue::Type::Bool: {
        const auto b = boolText(t);
        return b && *b == rec.toBool();
    }
    case JsonValue::Type::Integer:
    case JsonValue::Type::Double: {
        Literal number;
        number.kind = Literal::Kind::Number;
        number.text = t.trimmed();
        return numberValue(number.text).has_value() && numberEquals(number, rec);
    }
    case JsonValue::Type::String: {
        const QString s = rec.toString();
        if (t == s)
            return true;
        const auto bytes = byteaText(t);
        return bytes && isBase64Of(s, *bytes);
    }
    case JsonValue::Type::Array: {
        const auto array = parseWholeArrayText(t);
        return array && equals(*array, rec, depth + 1);
    }
    case JsonValue::Type::Object:
        if (QueryLog::isDateTimeMarker(rec))
            return isoTimestamp(t) == isoTimestamp(rec.find(u"__value__")->toString());
        return false;
    }
    return false;
}

bool equals(const Literal &l, const JsonValue &rec, int depth)
{
    if (depth > StatementMapper::MaxLiteralDepth)
        return false;
    switch (l.kind) {
    case Literal::Kind::Null:
        return rec.isNull();
    case Literal::Kind::Bool:
        return rec.isBool() && rec.toBool() == l.boolean;
    case Literal::Kind::Number:
        return numberEquals(l, rec);
    case Literal::Kind::String:
    case Literal::Kind::Typed:
        return rec.isString() && rec.toString() == l.text;
    case Literal::Kind::Bytes:
        return rec.isString() && isBase64Of(rec.toString(), l.bytes);
    case Literal::Kind::Date:
        return QueryLog::isDateTimeMarker(rec) && rec.find(u"__type__")->toString() == QLatin1StringView("date")
            && rec.find(u"__value__")->toString() == l.text;
    case Literal::Kind::Timestamp:
        return QueryLog::isDateTimeMarker(rec) && rec.find(u"__type__")->toString() == QLatin1StringView("datetime")
            && isoTimestamp(rec.find(u"__value__")->toString()) == isoTimestamp(l.text);
    case Literal::Kind::Array:
    case Literal::Kind::Tuple: {
        if (l.braceForm && rec.isString() && rec.toString() == l.text)
            return true;
        if (!rec.isArray() || rec.toArray().size() != l.items.size())
            return false;
        const JsonArray &items = rec.toArray();
        for (size_t k = 0; k < items.size(); ++k) {
            if (!equals(l.items[k], items[k], depth + 1))
                return false;
        }
        return true;
    }
    case Literal::Kind::Untyped:
        return untypedEquals(l.text, rec, depth);
    case Literal::Kind::Sentinel:
        return false;
    }
    return false;
}

// A coarse key that equal values share (equals() implies the same key); hashed to find recorded sets.
QString textKey(const QString &t, int depth);
QString literalKey(const Literal &l, int depth = 0);

QString numberKey(double d)
{
    if (!std::isfinite(d))
        return QStringLiteral("nX");
    return QStringLiteral("n") + QLatin1StringView(pythonFloatRepr(d));
}

QString textKey(const QString &t, int depth)
{
    if (const auto d = numberValue(t))
        return numberKey(*d);
    if (const auto b = boolText(t))
        return *b ? QStringLiteral("t") : QStringLiteral("f");
    if (depth >= StatementMapper::MaxLiteralDepth)
        return QStringLiteral("s") + t;
    if (const auto bytes = byteaText(t))
        return textKey(QString::fromLatin1(bytes->toBase64()), depth + 1);
    if (t.startsWith(u'{')) {
        if (const auto array = parseWholeArrayText(t))
            return literalKey(*array, depth + 1);
    }
    return QStringLiteral("s") + isoTimestamp(t);
}

QString literalKey(const Literal &l, int depth)
{
    switch (l.kind) {
    case Literal::Kind::Null:
    case Literal::Kind::Sentinel:
        return QStringLiteral("\x02N");
    case Literal::Kind::Bool:
        return l.boolean ? QStringLiteral("t") : QStringLiteral("f");
    case Literal::Kind::Number: {
        const auto d = numberValue(l.text);
        return d ? numberKey(*d) : textKey(l.text, depth);
    }
    case Literal::Kind::Bytes:
        return textKey(QLatin1StringView(l.bytes.toBase64()), depth);
    case Literal::Kind::Array:
    case Literal::Kind::Tuple: {
        QString out = QStringLiteral("{");
        for (const Literal &item : l.items)
            out += literalKey(item, depth + 1) + u'\x1f';
        return out + u'}';
    }
    case Literal::Kind::String:
    case Literal::Kind::Typed:
    case Literal::Kind::Date:
    case Literal::Kind::Timestamp:
    case Literal::Kind::Untyped:
        return textKey(l.text, depth);
    }
    return {};
}

QString recordedKey(const JsonValue &v, int depth = 0)
{
    switch (v.type()) {
    case JsonValue::Type::Null:
        return QStringLiteral("\x02N");
    case JsonValue::Type::Bool:
        return v.toBool() ? QStringLiteral("t") : QStringLiteral("f");
    case JsonValue::Type::Integer:
    case JsonValue::Type::Double:
        return numberKey(v.toDouble());
    case JsonValue::Type::String:
        return textKey(v.toString(), depth);
    case JsonValue::Type::Array: {
        QString out = QStringLiteral("{");
        for (const JsonValue &item : v.toArray())
            out += recordedKey(item, depth + 1) + u'\x1f';
        return out + u'}';
    }
    case JsonValue::Type::Object:
        if (QueryLog::isDateTimeMarker(v))
            return textKey(v.find(u"__value__")->toString(), depth);
        return QStringLiteral("\x02O");
    }
    return {};
}

JsonValue dateTimeMarker(const char *type, const QString &value)
{
    JsonValue marker = JsonValue::object();
    marker.insert(QStringLiteral("__type__"), JsonValue::string(QString::fromLatin1(type)));
    marker.insert(QStringLiteral("__value__"), JsonValue::string(value));
    return marker;
}

// The literal as DataHub's _serialize_value would have written the value psycopg2 or the driver was given.
JsonValue toJson(const Literal &l)
{
    switch (l.kind) {
    case Literal::Kind::Null:
    case Literal::Kind::Sentinel:
        return {};
    case Literal::Kind::Bool:
        return JsonValue::boolean(l.boolean);
    case Literal::Kind::Number: {
        if (isIntegerText(l.text)) {
            if (auto i = JsonValue::integerFromText(l.text.toLatin1()))
                return std::move(*i);
        }
        const auto d = numberValue(l.text);
        return d ? JsonValue::number(*d) : JsonValue::string(l.text);
    }
    case Literal::Kind::String:
    case Literal::Kind::Typed:
    case Literal::Kind::Untyped:
        return JsonValue::string(l.text);
    case Literal::Kind::Bytes:
        return JsonValue::string(QString::fromLatin1(l.bytes.toBase64()));
    case Literal::Kind::Date:
        return dateTimeMarker("date", l.text);
    case Literal::Kind::Timestamp:
        return dateTimeMarker("datetime", isoTimestamp(l.text));
    case Literal::Kind::Array:
    case Literal::Kind::Tuple: {
        JsonArray items;
        items.reserve(l.items.size());
        for (const Literal &item : l.items)
            items.push_back(toJson(item));
        return JsonValue::array(std::move(items));
    }
    }
    return {};
}

// ---------------------------------------------------------------------------------------------------------
// psycopg2's literal syntax, parsed from a position

constexpr QChar Sentinel = QChar(0xFDD0); // a noncharacter: stands for a placeholder in a template's skeleton

struct Parse
{
    QStringView s;
    qint64 budget = 0; // parser steps left; the whole statement's work is bounded by it
    bool sentinels = false;
};

struct Parsed
{
    Literal literal;
    qsizetype end = 0; // after the literal, its ::cast included
    qsizetype endBeforeCast = 0; // after the literal without its cast (== end when there is none)
    QString content; // a quoted literal's value, for reading it again without its cast
};

enum class Failure : quint8 { None, NoLiteral, Unterminated };

// The quoted literal's value and what psycopg2 meant by a cast after it.
Literal quotedLiteral(const QString &content, const QString &cast, bool escaped)
{
    Literal l;
    l.text = content;
    const QString type = cast.toLower();
    if (type.isEmpty()) {
        l.kind = Literal::Kind::String;
        if (!escaped && content.startsWith(u'{')) {
            // '{}' is psycopg2's empty list; '{NULL,{NULL}}' a list of NULLs (and of such lists).
            if (auto array = parseWholeArrayText(content)) {
                std::function<bool(const Literal &)> allNull = [&](const Literal &a) {
                    for (const Literal &item : a.items) {
                        if (item.kind == Literal::Kind::Array ? !allNull(item) : item.kind != Literal::Kind::Null)
                            return false;
                    }
                    return true;
                };
                if (allNull(*array)) {
                    array->braceForm = true;
                    array->text = content;
                    return std::move(*array);
                }
            }
        }
        return l;
    }
    if (type == QLatin1StringView("date")) {
        l.kind = Literal::Kind::Date;
    } else if (type == QLatin1StringView("timestamp") || type == QLatin1StringView("timestamptz")) {
        l.kind = Literal::Kind::Timestamp;
    } else if ((type == QLatin1StringView("float") || type == QLatin1StringView("numeric") || type.startsWith(QLatin1StringView("float"))
                   || type.startsWith(QLatin1StringView("int")))
        && numberValue(content)) {
        l.kind = Literal::Kind::Number;
        l.numericNaN = type == QLatin1StringView("numeric") && std::isnan(*numberValue(content));
    } else if (type == QLatin1StringView("bytea") && byteaText(content)) {
        l.kind = Literal::Kind::Bytes;
        l.bytes = *byteaText(content);
    } else {
        l.kind = Literal::Kind::Typed;
    }
    return l;
}

bool isPsycopgCast(QStringView type)
{
    static const char *const casts[] = { "date", "timestamp", "timestamptz", "float", "numeric", "bytea", "time", "timetz",
        "interval" };
    for (const char *c : casts) {
        if (type.compare(QLatin1StringView(c), Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

// `::name` (with trailing []s) at pos: its end, and the name; -1 when there is none.
qsizetype scanCast(QStringView s, qsizetype pos, QString *name)
{
    if (pos + 2 >= s.size() || s.at(pos) != u':' || s.at(pos + 1) != u':')
        return -1;
    qsizetype i = pos + 2;
    if (!(s.at(i).isLetter() || s.at(i) == u'_'))
        return -1;
    while (i < s.size() && (s.at(i).isLetterOrNumber() || s.at(i) == u'_'))
        ++i;
    if (name)
        *name = s.mid(pos + 2, i - pos - 2).toString();
    while (i + 1 < s.size() && s.at(i) == u'[' && s.at(i + 1) == u']')
        i += 2;
    return i;
}

std::optional<Parsed> parseLiteral(Parse &p, qsizetype pos, int depth, Failure *failure = nullptr);

std::optional<Parsed> parseQuoted(Parse &p, qsizetype pos, bool escaped, Failure *failure)
{
    const QStringView s = p.s;
    const qsizetype n = s.size();
    qsizetype i = pos + (escaped ? 2 : 1);
    QString content;
    QByteArray raw; // E'' escapes give bytes in the server encoding
    auto flushRaw = [&] {
        if (!raw.isEmpty()) {
            content += QString::fromUtf8(raw);
            raw.clear();
        }
    };
    while (true) {
        if (i >= n) {
            if (failure)
                *failure = Failure::Unterminated;
            return std::nullopt;
        }
        --p.budget;
        const QChar c = s.at(i);
        if (c == u'\'') {
            if (i + 1 < n && s.at(i + 1) == u'\'') {
                flushRaw();
                content.append(u'\'');
                i += 2;
                continue;
            }
            ++i;
            break;
        }
        if (escaped && c == u'\\' && i + 1 < n) {
            const QChar e = s.at(i + 1);
            i += 2;
            auto hexRun = [&](int maxDigits) {
                uint v = 0;
                int k = 0;
                while (k < maxDigits && i < n && s.at(i).unicode() < 128 && hexDigitValue(char(s.at(i).unicode())) >= 0) {
                    v = v * 16 + uint(hexDigitValue(char(s.at(i).unicode())));
                    ++i;
                    ++k;
                }
                return std::pair<uint, int>(v, k);
            };
            switch (e.unicode()) {
            case 'b': flushRaw(); content.append(u'\b'); break;
            case 'f': flushRaw(); content.append(u'\f'); break;
            case 'n': flushRaw(); content.append(u'\n'); break;
            case 'r': flushRaw(); content.append(u'\r'); break;
            case 't': flushRaw(); content.append(u'\t'); break;
            case 'x': {
                const auto [v, k] = hexRun(2);
                if (k == 0) {
                    flushRaw();
                    content.append(u'x');
                } else {
                    raw.append(char(v));
                }
                break;
            }
            case 'u':
            case 'U': {
                const auto [v, k] = hexRun(e == u'u' ? 4 : 8);
                flushRaw();
                if (k == 0)
                    content.append(e);
                else
                    content.append(QString::fromUcs4(reinterpret_cast<const char32_t *>(&v), 1));
                break;
            }
            default:
                if (e >= u'0' && e <= u'7') {
                    uint v = uint(e.unicode() - '0');
                    for (int k = 0; k < 2 && i < n && s.at(i) >= u'0' && s.at(i) <= u'7'; ++k)
                        v = v * 8 + uint(s.at(i++).unicode() - '0');
                    raw.append(char(v & 0xff));
                } else {
                    flushRaw();
                    content.append(e);
                }
            }
            continue;
        }
        flushRaw();
        content.append(c);
        ++i;
    }
    flushRaw();
    Parsed out;
    out.endBeforeCast = i;
    out.end = i;
    out.content = content;
    QString cast;
    const qsizetype castEnd = scanCast(s, i, &cast);
    if (castEnd > 0)
        out.end = castEnd;
    out.literal = quotedLiteral(content, castEnd > 0 ? cast : QString(), escaped);
    return out;
}

void skipSpaces(QStringView s, qsizetype &i)
{
    while (i < s.size() && (s.at(i) == u' ' || s.at(i) == u'\t' || s.at(i) == u'\n' || s.at(i) == u'\r'))
        ++i;
}

// Items up to `close` (']' or ')'), separated by commas.
std::optional<Parsed> parseItems(Parse &p, qsizetype i, int depth, QChar close, Literal::Kind kind)
{
    Parsed out;
    out.literal.kind = kind;
    const QStringView s = p.s;
    skipSpaces(s, i);
    if (i < s.size() && s.at(i) == close) {
        out.end = out.endBeforeCast = i + 1;
        return out;
    }
    while (true) {
        skipSpaces(s, i);
        auto item = parseLiteral(p, i, depth + 1);
        if (!item)
            return std::nullopt;
        out.literal.items.push_back(std::move(item->literal));
        i = item->end;
        skipSpaces(s, i);
        if (i >= s.size())
            return std::nullopt;
        if (s.at(i) == close) {
            out.end = out.endBeforeCast = i + 1;
            return out;
        }
        if (s.at(i) != u',')
            return std::nullopt;
        ++i;
    }
}

std::optional<Parsed> parseLiteral(Parse &p, qsizetype pos, int depth, Failure *failure)
{
    if (failure)
        *failure = Failure::NoLiteral;
    const QStringView s = p.s;
    const qsizetype n = s.size();
    if (depth > StatementMapper::MaxLiteralDepth)
        p.budget = -1; // nesting this deep is nothing psycopg2 sent: the statement is given up
    if (--p.budget < 0 || pos >= n)
        return std::nullopt;
    const QChar c = s.at(pos);
    if (p.sentinels && c == Sentinel) {
        Parsed out;
        out.literal.kind = Literal::Kind::Sentinel;
        out.end = out.endBeforeCast = pos + 1;
        return out;
    }
    qsizetype numberStart = -1;
    if (c == u' ' && pos + 2 < n && s.at(pos + 1) == u'-' && (isDigit(s.at(pos + 2)) || s.at(pos + 2) == u'.'))
        numberStart = pos + 1; // psycopg2's space before a negative number
    else if (isDigit(c) || ((c == u'-' || c == u'.') && pos + 1 < n && (isDigit(s.at(pos + 1)) || s.at(pos + 1) == u'.')))
        numberStart = pos;
    if (numberStart >= 0) {
        const qsizetype end = scanNumber(s, numberStart);
        if (end < 0 || (end < n && (isIdentChar(s.at(end)) || s.at(end) == u'.')))
            return std::nullopt;
        Parsed out;
        out.literal.kind = Literal::Kind::Number;
        out.literal.text = s.mid(numberStart, end - numberStart).toString();
        out.end = out.endBeforeCast = end;
        return out;
    }
    if (c == u'\'')
        return parseQuoted(p, pos, false, failure);
    if ((c == u'E' || c == u'e') && pos + 1 < n && s.at(pos + 1) == u'\'')
        return parseQuoted(p, pos, true, failure);
    if (c == u'(')
        return parseItems(p, pos + 1, depth, u')', Literal::Kind::Tuple);
    if (c.isLetter()) {
        qsizetype end = pos;
        while (end < n && isIdentChar(s.at(end)))
            ++end;
        const QStringView word = s.mid(pos, end - pos);
        if (word.compare(QLatin1StringView("ARRAY"), Qt::CaseInsensitive) == 0 && end < n && s.at(end) == u'[')
            return parseItems(p, end + 1, depth, u']', Literal::Kind::Array);
        Parsed out;
        out.end = out.endBeforeCast = end;
        if (word.compare(QLatin1StringView("NULL"), Qt::CaseInsensitive) == 0) {
            out.literal.kind = Literal::Kind::Null;
            return out;
        }
        if (word.compare(QLatin1StringView("true"), Qt::CaseInsensitive) == 0
            || word.compare(QLatin1StringView("false"), Qt::CaseInsensitive) == 0) {
            out.literal.kind = Literal::Kind::Bool;
            out.literal.boolean = word.size() == 4;
            return out;
        }
    }
    return std::nullopt;
}

// ---------------------------------------------------------------------------------------------------------
// Skeletons: the text with every literal replaced by one marker character, whitespace and the casts psycopg2
// adds left out

constexpr QChar Marker = QChar(0x0001);

struct Skeleton
{
    QString text;
    std::vector<std::pair<qsizetype, qsizetype>> literals; // spans in the source text
    std::vector<bool> placeholder; // the span holds a placeholder (templates only)
    bool complete = true; // false when the work budget ran out
};

Skeleton skeletonize(Parse &p)
{
    Skeleton out;
    const QStringView s = p.s;
    const qsizetype n = s.size();
    out.text.reserve(n);
    qsizetype i = 0;
    auto verbatimTo = [&](qsizetype end) {
        out.text.append(s.mid(i, end - i));
        i = end;
    };
    auto marker = [&](qsizetype start, qsizetype end) {
        out.literals.emplace_back(start, end);
        bool hasSentinel = false;
        if (p.sentinels) {
            for (qsizetype k = start; k < end && !hasSentinel; ++k)
                hasSentinel = s.at(k) == Sentinel;
        }
        out.placeholder.push_back(hasSentinel);
        out.text.append(Marker);
        i = end;
        QString cast;
        for (qsizetype castEnd = scanCast(s, i, &cast); castEnd > 0 && isPsycopgCast(cast); castEnd = scanCast(s, i, &cast))
            i = castEnd;
    };
    while (i < n) {
        if (p.budget < 0) {
            out.complete = false;
            return out;
        }
        const QChar c = s.at(i);
        if (c == u'-' && i + 1 < n && s.at(i + 1) == u'-') {
            qsizetype end = s.indexOf(u'\n', i);
            verbatimTo(end < 0 ? n : end);
            continue;
        }
        if (c == u'/' && i + 1 < n && s.at(i + 1) == u'*') {
            const qsizetype close = s.indexOf(QLatin1StringView("*/"), i + 2);
            verbatimTo(close < 0 ? n : close + 2);
            continue;
        }
        if (c == u'"') {
            const qsizetype close = s.indexOf(u'"', i + 1);
            verbatimTo(close < 0 ? n : close + 1);
            continue;
        }
        if (c.isSpace()) {
            ++i; // whitespace is left out: psycopg2's ` -5` and a driver's `-5` have one skeleton
            continue;
        }
        const bool quoteStart = c == u'\'' || ((c == u'E' || c == u'e') && i + 1 < n && s.at(i + 1) == u'\'');
        const bool numberStart = isDigit(c) || (c == u'.' && i + 1 < n && isDigit(s.at(i + 1)))
            || (c == u'-' && i + 1 < n && (isDigit(s.at(i + 1)) || s.at(i + 1) == u'.'));
        const bool composite = c == u'(' || c.isLetter() || (p.sentinels && c == Sentinel);
        if (quoteStart || numberStart || composite) {
            Failure failure = Failure::None;
            if (auto lit = parseLiteral(p, i, 0, &failure)) {
                marker(i, lit->endBeforeCast);
                continue;
            }
            if (failure == Failure::Unterminated) {
                verbatimTo(n); // a quote never closed: the rest is inside it whichever way it is read
                continue;
            }
            if (c.isLetter() || isDigit(c)) {
                qsizetype end = i;
                while (end < n && isIdentChar(s.at(end)))
                    ++end;
                verbatimTo(end);
                continue;
            }
        }
        verbatimTo(i + 1);
    }
    out.complete = p.budget >= 0;
    return out;
}

qint64 budgetFor(qsizetype size)
{
    return qint64(size) * 32 + 4096;
}

size_t hashText(QStringView text)
{
    return qHash(text, size_t(0x9e3779b97f4a7c15ULL));
}

size_t staticKey(qsizetype index, QStringView text)
{
    return qHashMulti(size_t(0x51ed270b), index, text);
}

// ---------------------------------------------------------------------------------------------------------
// Binding values decoded by type OID

namespace Oid {
constexpr quint32 Bool = 16, Bytea = 17, Int8 = 20, Int2 = 21, Int4 = 23, Text = 25, ObjectId = 26, Float4 = 700, Float8 = 701,
                  Date = 1082, Timestamp = 1114, TimestampTz = 1184, Numeric = 1700;
}

QString isoDate(qint64 daysSince2000)
{
    const QDate d = QDate::fromJulianDay(2451545 + daysSince2000);
    if (!d.isValid() || d.year() < 1 || d.year() > 9999)
        return {};
    return QStringLiteral("%1-%2-%3")
        .arg(d.year(), 4, 10, QLatin1Char('0'))
        .arg(d.month(), 2, 10, QLatin1Char('0'))
        .arg(d.day(), 2, 10, QLatin1Char('0'));
}

QString isoFromMicroseconds(qint64 us, bool aware)
{
    constexpr qint64 Day = qint64(86400) * 1000000;
    qint64 days = us / Day;
    qint64 rest = us % Day;
    if (rest < 0) {
        rest += Day;
        --days;
    }
    const QString date = isoDate(days);
    if (date.isEmpty())
        return {};
    const qint64 seconds = rest / 1000000;
    const qint64 micro = rest % 1000000;
    QString out = date + QStringLiteral("T%1:%2:%3")
                             .arg(seconds / 3600, 2, 10, QLatin1Char('0'))
                             .arg((seconds / 60) % 60, 2, 10, QLatin1Char('0'))
                             .arg(seconds % 60, 2, 10, QLatin1Char('0'));
    if (micro)
        out += QStringLiteral(".%1").arg(micro, 6, 10, QLatin1Char('0'));
    if (aware)
        out += QLatin1StringView("+00:00");
    return out;
}

// PostgreSQL's binary numeric: ndigits, weight, sign, dscale, then base-10000 digits.
std::optional<QString> binaryNumeric(const QByteArray &b)
{
    if (b.size() < 8)
        return std::nullopt;
    const auto *d = reinterpret_cast<const uchar *>(b.constData());
    const int ndigits = qFromBigEndian<qint16>(d);
    const int weight = qFromBigEndian<qint16>(d + 2);
    const quint16 sign = qFromBigEndian<quint16>(d + 4);
    const int dscale = qFromBigEndian<qint16>(d + 6);
    if (sign == 0xC000)
        return QStringLiteral("NaN");
    if (sign == 0xD000)
        return QStringLiteral("Infinity");
    if (sign == 0xF000)
        return QStringLiteral("-Infinity");
    if ((sign != 0 && sign != 0x4000) || ndigits < 0 || dscale < 0 || dscale > 16383 || b.size() != 8 + 2 * ndigits
        || weight < -16384 || weight > 16384)
        return std::nullopt;
    std::vector<int> digits(static_cast<size_t>(ndigits));
    for (int k = 0; k < ndigits; ++k) {
        digits[size_t(k)] = qFromBigEndian<qint16>(d + 8 + 2 * k);
        if (digits[size_t(k)] < 0 || digits[size_t(k)] > 9999)
            return std::nullopt;
    }
    auto digitAt = [&](int group) { return group >= 0 && group < ndigits ? digits[size_t(group)] : 0; };
    QString out;
    if (sign == 0x4000)
        out += u'-';
    if (weight < 0) {
        out += u'0';
    } else {
        for (int g = 0; g <= weight; ++g) {
            const QString part = QString::number(digitAt(g));
            out += g == 0 ? part : part.rightJustified(4, u'0');
        }
    }
    if (dscale > 0) {
        QString fraction;
        for (int g = weight + 1; fraction.size() < dscale; ++g)
            fraction += QString::number(digitAt(g)).rightJustified(4, u'0');
        out += u'.' + fraction.left(dscale);
    }
    return out;
}

Literal untyped(QString text)
{
    Literal l;
    l.kind = Literal::Kind::Untyped;
    l.text = std::move(text);
    return l;
}

Literal number(QString text)
{
    Literal l;
    l.kind = Literal::Kind::Number;
    l.text = std::move(text);
    return l;
}

Literal boundLiteral(const BoundValue &v)
{
    Literal l;
    if (!v.bytes)
        return l; // NULL
    const QByteArray &b = *v.bytes;
    if (v.format == 1) {
        const auto *d = reinterpret_cast<const uchar *>(b.constData());
        switch (v.typeOid) {
        case Oid::Bool:
            if (b.size() == 1) {
                l.kind = Literal::Kind::Bool;
                l.boolean = b.at(0) != 0;
                return l;
            }
            break;
        case Oid::Int2:
            if (b.size() == 2)
                return number(QString::number(qFromBigEndian<qint16>(d)));
            break;
        case Oid::Int4:
            if (b.size() == 4)
                return number(QString::number(qFromBigEndian<qint32>(d)));
            break;
        case Oid::ObjectId:
            if (b.size() == 4)
                return number(QString::number(qFromBigEndian<quint32>(d)));
            break;
        case Oid::Int8:
            if (b.size() == 8)
                return number(QString::number(qFromBigEndian<qint64>(d)));
            break;
        case Oid::Float4:
            if (b.size() == 4) {
                const quint32 bits = qFromBigEndian<quint32>(d);
                float f;
                std::memcpy(&f, &bits, sizeof f);
                return number(QString::fromLatin1(pythonFloatRepr(double(f))));
            }
            break;
        case Oid::Float8:
            if (b.size() == 8) {
                const quint64 bits = qFromBigEndian<quint64>(d);
                double f;
                std::memcpy(&f, &bits, sizeof f);
                return number(QString::fromLatin1(pythonFloatRepr(f)));
            }
            break;
        case Oid::Numeric:
            if (auto text = binaryNumeric(b))
                return number(*text);
            break;
        case Oid::Date:
            if (b.size() == 4) {
                const QString iso = isoDate(qFromBigEndian<qint32>(d));
                if (!iso.isEmpty()) {
                    l.kind = Literal::Kind::Date;
                    l.text = iso;
                    return l;
                }
            }
            break;
        case Oid::Timestamp:
        case Oid::TimestampTz:
            if (b.size() == 8) {
                const QString iso = isoFromMicroseconds(qFromBigEndian<qint64>(d), v.typeOid == Oid::TimestampTz);
                if (!iso.isEmpty()) {
                    l.kind = Literal::Kind::Timestamp;
                    l.text = iso;
                    return l;
                }
            }
            break;
        case Oid::Bytea:
            break;
        default:
            if (v.typeOid == 0 || v.typeOid == Oid::Text || v.typeOid == 1043 || v.typeOid == 1042 || v.typeOid == 19
                || v.typeOid == 705 || v.typeOid == 114)
                return untyped(QString::fromUtf8(b));
            if (v.typeOid == 3802 && !b.isEmpty() && b.at(0) == 1)
                return untyped(QString::fromUtf8(b.mid(1)));
            break;
        }
        l.kind = Literal::Kind::Bytes;
        l.bytes = b;
        return l;
    }
    const QString t = QString::fromUtf8(b);
    switch (v.typeOid) {
    case Oid::Bool:
        if (const auto value = boolText(t)) {
            l.kind = Literal::Kind::Bool;
            l.boolean = *value;
            return l;
        }
        break;
    case Oid::Int2:
    case Oid::Int4:
    case Oid::Int8:
    case Oid::ObjectId: {
        QString trimmed = t.trimmed();
        if (trimmed.startsWith(u'+'))
            trimmed.remove(0, 1);
        if (isIntegerText(trimmed))
            return number(trimmed);
        break;
    }
    case Oid::Float4:
    case Oid::Float8:
    case Oid::Numeric:
        if (numberValue(t)) {
            Literal n = number(t.trimmed());
            n.numericNaN = false;
            return n;
        }
        break;
    case Oid::Bytea:
        if (const auto bytes = byteaText(t)) {
            l.kind = Literal::Kind::Bytes;
            l.bytes = *bytes;
            return l;
        }
        break;
    case Oid::Date:
        l.kind = Literal::Kind::Date;
        l.text = t.trimmed();
        return l;
    case Oid::Timestamp:
    case Oid::TimestampTz:
        l.kind = Literal::Kind::Timestamp;
        l.text = isoTimestamp(t.trimmed());
        return l;
    default:
        break;
    }
    return untyped(t);
}

} // namespace

// ---------------------------------------------------------------------------------------------------------

Result<QString> renderPsycopg2(const QString &query, const JsonValue &parameters)
{
    if (parameters.isNull())
        return query; // execute(query) without parameters: no % processing
    Result<Placeholders> scanned = scanPlaceholders(query);
    if (!scanned)
        return scanned.error();
    const Placeholders &ph = *scanned;
    std::vector<JsonValue> values; // per slot
    if (parameters.isObject()) {
        if (!ph.occurrences.empty() && !ph.named)
            return makeError(ErrorCode::InvalidInput, formatError("dict is not a sequence"));
        for (const QString &name : ph.names) {
            const JsonValue *v = parameters.find(name);
            if (!v)
                return makeError(ErrorCode::InvalidInput, QStringLiteral("KeyError: '%1'").arg(name));
            values.push_back(*v);
        }
    } else {
        JsonArray items;
        if (parameters.isArray()) {
            items = parameters.toArray();
        } else if (parameters.isString()) {
            for (const QChar c : parameters.toString()) // a str is a sequence of characters to psycopg2
                items.push_back(JsonValue::string(QString(c)));
        } else {
            return makeError(ErrorCode::InvalidInput, formatError("parameters are neither a sequence nor a mapping"));
        }
        if (ph.named && !ph.occurrences.empty())
            return makeError(ErrorCode::InvalidInput, formatError("tuple indices must be integers or slices, not str"));
        if (ph.occurrences.size() > items.size())
            return makeError(ErrorCode::InvalidInput, formatError("tuple index out of range"));
        if (!ph.occurrences.empty() && ph.occurrences.size() < items.size())
            return makeError(ErrorCode::InvalidInput, formatError("not all arguments converted during string formatting"));
        values.assign(items.begin(), items.begin() + qsizetype(ph.occurrences.size()));
    }
    std::vector<QString> adapted;
    adapted.reserve(values.size());
    for (const JsonValue &v : values) {
        Result<QString> a = adapt(v);
        if (!a)
            return a.error();
        adapted.push_back(std::move(*a));
    }
    QString out = ph.segments.front();
    for (size_t k = 0; k < ph.occurrences.size(); ++k) {
        out += adapted[size_t(ph.occurrences[k].slot)];
        out += ph.segments[k + 1];
    }
    return out;
}

// ---------------------------------------------------------------------------------------------------------

struct StatementMapper::Template
{
    QString query; // as recorded
    Placeholders placeholders;
    qsizetype first = -1; // the first recording of the query, whatever its parameters
    std::vector<qsizetype> records; // with non-empty list/object parameters of the right style, recorded order
    QMultiHash<size_t, qsizetype> bySet; // hash of the recorded set's coarse key → record
    QString numbered() const
    {
        QString out = placeholders.segments.front();
        for (size_t k = 0; k < placeholders.occurrences.size(); ++k)
            out += u'$' + QString::number(placeholders.occurrences[k].slot + 1) + placeholders.segments[k + 1];
        return out;
    }
    QString withSentinels() const
    {
        QString out = placeholders.segments.front();
        for (size_t k = 0; k < placeholders.occurrences.size(); ++k)
            out += Sentinel + placeholders.segments[k + 1];
        return out;
    }
};

namespace {

// What a template that fitted maps to: recorded set r's parameters as they were recorded when one equals the
// values (so DataHub's exact key matches), else the values as DataHub would have serialized them.
MappedStatement fitted(const StatementMapper::Template &t, QString query, MappedStatement::Source source, qsizetype r,
    const std::vector<RecordedQuery> &recorded, JsonValue serialized)
{
    MappedStatement out;
    out.query = std::move(query);
    out.source = source;
    if (r >= 0) {
        out.parameters = recorded[size_t(r)].parameters;
        out.record = r;
        out.recordedParameters = true;
    } else {
        out.parameters = std::move(serialized);
        out.record = t.records.empty() ? t.first : t.records.front();
    }
    return out;
}

} // namespace

struct StatementMapper::Bucket
{
    std::vector<int> general; // templates without static literals in their skeleton
    QHash<size_t, std::vector<int>> byFirstStatic; // staticKey(index, text) of the first static literal
};

namespace {

// The recorded value of each slot; empty when the record cannot have filled the template.
std::optional<std::vector<const JsonValue *>> slotValues(const Placeholders &ph, const JsonValue &params)
{
    std::vector<const JsonValue *> out;
    if (ph.named) {
        if (!params.isObject())
            return std::nullopt;
        for (const QString &name : ph.names) {
            const JsonValue *v = params.find(name);
            if (!v)
                return std::nullopt;
            out.push_back(v);
        }
        return out;
    }
    if (!params.isArray() || params.toArray().size() != ph.occurrences.size())
        return std::nullopt;
    for (const JsonValue &v : params.toArray())
        out.push_back(&v);
    return out;
}

size_t setHash(const std::vector<QString> &keys)
{
    size_t h = 0x84222325;
    for (const QString &k : keys)
        h = qHashMulti(h, k);
    return h;
}

} // namespace

StatementMapper::StatementMapper(const std::vector<RecordedQuery> &recorded)
    : m_recorded(recorded)
{
    QHash<QString, int> templateOf;
    for (qsizetype r = 0; r < qsizetype(m_recorded.size()); ++r) {
        const RecordedQuery &rq = m_recorded[size_t(r)];
        if (const Result<QString> rendered = renderPsycopg2(rq.query, rq.parameters))
            m_byRendering.insert(hashText(*rendered), r);
        // Every recorded query with placeholders is a template, even when no recording of it has
        // parameters that fill them (null, [], the other style): a client may send it with parameters,
        // and DataHub then looks up the template with those.
        int id = templateOf.value(rq.query, -1);
        if (id < 0) {
            Result<Placeholders> scanned = scanPlaceholders(rq.query);
            if (!scanned || scanned->occurrences.empty()) {
                templateOf.insert(rq.query, -2);
                continue;
            }
            auto t = std::make_unique<Template>();
            t->query = rq.query;
            t->placeholders = std::move(*scanned);
            t->first = r;
            id = int(m_templates.size());
            m_templates.push_back(std::move(t));
            templateOf.insert(rq.query, id);
        } else if (id == -2) {
            continue;
        }
        if (!(rq.parameters.isArray() || rq.parameters.isObject()) || rq.parameters.size() == 0)
            continue;
        Template &t = *m_templates[size_t(id)];
        const auto values = slotValues(t.placeholders, rq.parameters);
        if (!values)
            continue;
        std::vector<QString> keys;
        for (const JsonValue *v : *values)
            keys.push_back(recordedKey(*v));
        t.records.push_back(r);
        t.bySet.insert(setHash(keys), r);
    }
    for (int id = 0; id < int(m_templates.size()); ++id) {
        Template &t = *m_templates[size_t(id)];
        m_byNumbered.insert(hashText(t.numbered()), id);
        m_byNumberedLoosely.insert(hashText(t.numbered().simplified()), id);
        const QString sentinels = t.withSentinels();
        if (sentinels.count(Sentinel) != qsizetype(t.placeholders.occurrences.size()))
            continue; // the template holds the sentinel character itself
        Parse p { sentinels, budgetFor(sentinels.size()), true };
        const Skeleton sk = skeletonize(p);
        if (!sk.complete)
            continue;
        std::unique_ptr<Bucket> &bucket = m_bySkeleton[hashText(sk.text)];
        if (!bucket)
            bucket = std::make_unique<Bucket>();
        qsizetype firstStatic = -1;
        for (size_t k = 0; k < sk.literals.size() && firstStatic < 0; ++k) {
            if (!sk.placeholder[k])
                firstStatic = qsizetype(k);
        }
        if (firstStatic < 0) {
            bucket->general.push_back(id);
        } else {
            const auto [start, end] = sk.literals[size_t(firstStatic)];
            bucket->byFirstStatic[staticKey(firstStatic, QStringView(sentinels).mid(start, end - start))].push_back(id);
        }
    }
}

StatementMapper::~StatementMapper() = default;

qsizetype StatementMapper::templateCount() const
{
    return qsizetype(m_templates.size());
}

namespace {

// The first recorded set of the template equal to the values (one per slot); -1 when none.
qsizetype findRecordedSet(const StatementMapper::Template &t, const std::vector<RecordedQuery> &recorded,
    const std::vector<Literal> &values)
{
    std::vector<QString> keys;
    keys.reserve(values.size());
    for (const Literal &v : values)
        keys.push_back(literalKey(v));
    qsizetype best = -1;
    const auto range = t.bySet.equal_range(setHash(keys));
    for (auto it = range.first; it != range.second; ++it) {
        const qsizetype r = it.value();
        if (best >= 0 && r > best)
            continue;
        const auto recordedSlots = slotValues(t.placeholders, recorded[size_t(r)].parameters);
        if (!recordedSlots)
            continue;
        bool same = true;
        for (size_t k = 0; k < values.size() && same; ++k)
            same = equals(values[k], *(*recordedSlots)[k]);
        if (same)
            best = r;
    }
    return best;
}

JsonValue serializedParameters(const Placeholders &ph, const std::vector<Literal> &values)
{
    if (ph.named) {
        JsonValue out = JsonValue::object();
        for (qsizetype k = 0; k < ph.names.size(); ++k)
            out.insert(ph.names[k], toJson(values[size_t(k)]));
        return out;
    }
    JsonArray items;
    for (const Literal &v : values)
        items.push_back(toJson(v));
    return JsonValue::array(std::move(items));
}

// The text as the template filled with one psycopg2 literal per placeholder (repeated names: the same text);
// the literals per slot, or nothing.
// Where segment ends when it stands at pos of text, or -1. Strict: character for character. Loose: a run of
// whitespace in the segment stands for any run of whitespace in the text (which may be empty only at the
// very beginning and end of the statement: drivers and tools trim what they send).
qsizetype matchSegment(QStringView text, qsizetype pos, QStringView segment, bool loose, bool first, bool last)
{
    if (!loose)
        return text.mid(pos).startsWith(segment) ? pos + segment.size() : -1;
    qsizetype i = 0;
    while (i < segment.size()) {
        if (segment[i].isSpace()) {
            while (i < segment.size() && segment[i].isSpace())
                ++i;
            const qsizetype before = pos;
            while (pos < text.size() && text[pos].isSpace())
                ++pos;
            const bool atEdge = (first && before == 0) || (last && i == segment.size());
            if (pos == before && !atEdge)
                return -1;
            continue;
        }
        if (pos >= text.size() || text[pos] != segment[i])
            return -1;
        ++pos;
        ++i;
    }
    if (last)
        while (pos < text.size() && text[pos].isSpace())
            ++pos;
    return pos;
}

// The template as the client had it, from the text it sent: its fixed parts as sent (`%` doubled again),
// the placeholders as the recorded template spells them.
QString liveTemplate(const Placeholders &ph, QStringView text, const std::vector<std::pair<qsizetype, qsizetype>> &fixed)
{
    QString out;
    for (size_t k = 0; k < fixed.size(); ++k) {
        QString piece = text.mid(fixed[k].first, fixed[k].second - fixed[k].first).toString();
        if (!ph.occurrences.empty())
            piece.replace(QLatin1Char('%'), QLatin1String("%%"));
        out += piece;
        if (k < ph.occurrences.size())
            out += ph.named ? QStringLiteral("%(") + ph.names[ph.occurrences[k].slot] + QStringLiteral(")s") : QStringLiteral("%s");
    }
    return out;
}

std::optional<std::vector<Literal>> fit(const Placeholders &ph, Parse &p, bool loose = false, QString *sentTemplate = nullptr)
{
    const QStringView text = p.s;
    std::vector<Literal> perSlot(size_t(ph.slotCount()));
    std::vector<QStringView> slotText(size_t(ph.slotCount()));
    std::vector<bool> filled(size_t(ph.slotCount()), false);
    qsizetype pos = 0;
    const size_t count = ph.occurrences.size();
    std::vector<std::pair<qsizetype, qsizetype>> fixed;
    for (size_t k = 0; k <= count; ++k) {
        const QString &segment = ph.segments[k];
        const qsizetype segmentEnd = matchSegment(text, pos, segment, loose, k == 0, k == count);
        if (segmentEnd < 0)
            return std::nullopt;
        fixed.emplace_back(pos, segmentEnd);
        pos = segmentEnd;
        if (k == count)
            break;
        auto parsed = parseLiteral(p, pos, 0);
        if (!parsed)
            return std::nullopt;
        const QString &next = ph.segments[k + 1];
        const bool nextLast = k + 1 == count;
        qsizetype end = parsed->end;
        if (matchSegment(text, end, next, loose, false, nextLast) < 0 && parsed->endBeforeCast != parsed->end) {
            // The ::cast belongs to the template's text, not to the value.
            end = parsed->endBeforeCast;
            parsed->literal = quotedLiteral(parsed->content, QString(), text.at(pos) != u'\'');
        }
        if (matchSegment(text, end, next, loose, false, nextLast) < 0)
            return std::nullopt;
        const size_t slot = size_t(ph.occurrences[k].slot);
        const QStringView spelled = text.mid(pos, end - pos);
        if (filled[slot]) {
            if (slotText[slot].trimmed() != spelled.trimmed())
                return std::nullopt;
        } else {
            filled[slot] = true;
            slotText[slot] = spelled;
            perSlot[slot] = std::move(parsed->literal);
        }
        pos = end;
    }
    if (pos != text.size() || p.budget < 0)
        return std::nullopt;
    if (sentTemplate)
        *sentTemplate = liveTemplate(ph, text, fixed);
    return perSlot;
}

// The $n text on the template with whitespace runs allowed to differ (as fit() loosely): the template as
// the client had it — its fixed text as sent, the placeholders as recorded — or nothing.
std::optional<QString> fitNumbered(const Placeholders &ph, QStringView text)
{
    qsizetype pos = 0;
    const size_t count = ph.occurrences.size();
    std::vector<std::pair<qsizetype, qsizetype>> fixed;
    for (size_t k = 0; k <= count; ++k) {
        const qsizetype end = matchSegment(text, pos, ph.segments[k], true, k == 0, k == count);
        if (end < 0)
            return std::nullopt;
        fixed.emplace_back(pos, end);
        pos = end;
        if (k == count)
            break;
        const QString number = u'$' + QString::number(ph.occurrences[k].slot + 1);
        const qsizetype after = pos + number.size();
        if (!text.mid(pos).startsWith(number) || (after < text.size() && text[after].isDigit()))
            return std::nullopt;
        pos = after;
    }
    if (pos != text.size())
        return std::nullopt;
    return liveTemplate(ph, text, fixed);
}

} // namespace

std::optional<MappedStatement> StatementMapper::fromRendering(const QString &text) const
{
    qsizetype best = -1;
    bool bestVerbatim = false;
    const auto range = m_byRendering.equal_range(hashText(text));
    for (auto it = range.first; it != range.second; ++it) {
        const qsizetype r = it.value();
        const RecordedQuery &rq = m_recorded[size_t(r)];
        const bool verbatim = !rq.parameters.isTruthy();
        if (best >= 0 && (bestVerbatim > verbatim || (bestVerbatim == verbatim && r > best)))
            continue;
        const Result<QString> rendered = renderPsycopg2(rq.query, rq.parameters);
        if (rendered && *rendered == text) {
            best = r;
            bestVerbatim = verbatim;
        }
    }
    if (best < 0)
        return std::nullopt;
    const RecordedQuery &rq = m_recorded[size_t(best)];
    MappedStatement out;
    out.query = rq.query;
    out.parameters = rq.parameters;
    out.source = bestVerbatim ? MappedStatement::Source::Verbatim : MappedStatement::Source::Literals;
    out.record = best;
    out.recordedParameters = true;
    return out;
}

std::optional<MappedStatement> StatementMapper::fromLiterals(const QString &text) const
{
    if (m_bySkeleton.empty())
        return std::nullopt;
    Parse p { text, budgetFor(text.size()), false };
    const Skeleton sk = skeletonize(p);
    if (!sk.complete)
        return std::nullopt;
    const auto found = m_bySkeleton.find(hashText(sk.text));
    if (found == m_bySkeleton.end())
        return std::nullopt;
    const Bucket &bucket = *found->second;
    std::vector<int> candidates = bucket.general;
    for (size_t k = 0; k < sk.literals.size(); ++k) {
        const auto [start, end] = sk.literals[k];
        const auto it = bucket.byFirstStatic.constFind(staticKey(qsizetype(k), QStringView(text).mid(start, end - start)));
        if (it != bucket.byFirstStatic.cend())
            candidates.insert(candidates.end(), it->begin(), it->end());
    }
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
    if (candidates.size() > size_t(MaxCandidates))
        candidates.resize(size_t(MaxCandidates));
    Parse fitting { text, budgetFor(text.size()) * 3, false };
    std::optional<MappedStatement> firstFit;
    // Character for character first; then with whitespace runs allowed to differ (a tool that trims or
    // re-indents what it sends: pgbench, a psql file), the template then being the one the client had —
    // its fixed text as sent — so DataHub's normalised rule, not its exact key, decides, as it would.
    for (const bool loose : { false, true }) {
    for (const int id : candidates) {
        const Template &t = *m_templates[size_t(id)];
        QString sent;
        auto values = fit(t.placeholders, fitting, loose, loose ? &sent : nullptr);
        if (fitting.budget < 0)
            break;
        if (!values)
            continue;
        const qsizetype r = findRecordedSet(t, m_recorded, *values);
        if (r >= 0)
            return fitted(t, loose ? sent : t.query, MappedStatement::Source::Literals, r, m_recorded, {});
        if (!firstFit)
            firstFit = fitted(t, loose ? sent : t.query, MappedStatement::Source::Literals, -1, m_recorded, serializedParameters(t.placeholders, *values));
    }
    if (firstFit)
        return firstFit;
    }
    return firstFit;
}

std::optional<MappedStatement> StatementMapper::fromBindings(const QString &text, const std::vector<BoundValue> &bound) const
{
    const auto range = m_byNumbered.equal_range(hashText(text));
    std::vector<int> candidates;
    for (auto it = range.first; it != range.second; ++it)
        candidates.push_back(it.value());
    std::sort(candidates.begin(), candidates.end());
    std::vector<Literal> values;
    values.reserve(bound.size());
    for (const BoundValue &b : bound)
        values.push_back(boundLiteral(b));
    std::optional<MappedStatement> firstFit;
    for (const int id : candidates) {
        const Template &t = *m_templates[size_t(id)];
        if (t.placeholders.slotCount() != int(bound.size()) || t.numbered() != text)
            continue;
        const qsizetype r = findRecordedSet(t, m_recorded, values);
        if (r >= 0)
            return fitted(t, t.query, MappedStatement::Source::Bindings, r, m_recorded, {});
        if (!firstFit)
            firstFit = fitted(t, t.query, MappedStatement::Source::Bindings, -1, m_recorded, serializedParameters(t.placeholders, values));
    }
    if (firstFit)
        return firstFit;
    // Whitespace runs that differ from the template's (a tool that trims or re-indents what it sends): the
    // template the client had, as fromLiterals() takes it, so DataHub's normalised rule decides, not its
    // exact key.
    candidates.clear();
    const auto loose = m_byNumberedLoosely.equal_range(hashText(text.simplified()));
    for (auto it = loose.first; it != loose.second; ++it)
        candidates.push_back(it.value());
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
    for (const int id : candidates) {
        const Template &t = *m_templates[size_t(id)];
        if (t.placeholders.slotCount() != int(bound.size()))
            continue;
        std::optional<QString> sent = fitNumbered(t.placeholders, text);
        if (!sent)
            continue;
        const qsizetype r = findRecordedSet(t, m_recorded, values);
        if (r >= 0)
            return fitted(t, std::move(*sent), MappedStatement::Source::Bindings, r, m_recorded, {});
        if (!firstFit)
            firstFit = fitted(t, std::move(*sent), MappedStatement::Source::Bindings, -1, m_recorded, serializedParameters(t.placeholders, values));
    }
    return firstFit;
}

MappedStatement StatementMapper::map(const QString &text, const std::optional<std::vector<BoundValue>> &bound) const
{
    if (bound && !bound->empty()) {
        if (auto mapped = fromBindings(text, *bound))
            return std::move(*mapped);
    } else {
        if (auto mapped = fromRendering(text))
            return std::move(*mapped);
        if (auto mapped = fromLiterals(text))
            return std::move(*mapped);
    }
    MappedStatement out;
    out.query = text;
    return out;
}

} // namespace tapedeck::replay
