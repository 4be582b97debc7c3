// SPDX-License-Identifier: MIT
// JsonValue: the value type, the strict parser and Python-compatible formatting.
#include "core/common/jsonvalue.h"

#include "core/common/hex.h"
#include "core/common/jsonstring.h"
#include "core/common/utf8.h"

#include <QHash>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <memory>
#include <numeric>
#include <string_view>
#include <unordered_map>

namespace tapedeck {

namespace {

const JsonArray EmptyArray;
const JsonObject EmptyObject;

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// "-0" is a valid JSON integer that Python reads as 0.
QByteArray canonicalInteger(const QByteArray &text)
{
    return text == "-0" ? QByteArray("0") : text;
}

void appendHex4(QByteArray &out, char16_t u)
{
    static const char digits[] = "0123456789abcdef";
    out += "\\u";
    out += digits[(u >> 12) & 0xf];
    out += digits[(u >> 8) & 0xf];
    out += digits[(u >> 4) & 0xf];
    out += digits[u & 0xf];
}

// Parses a JSON number's text Python's way: out-of-range values become ±inf (overflow) or ±0.0.
double parseDouble(QByteArrayView text)
{
    double value = 0;
    const char *first = text.data();
    const char *last = first + text.size();
    const auto [ptr, ec] = std::from_chars(first, last, value, std::chars_format::general);
    Q_UNUSED(ptr)
    if (ec != std::errc::result_out_of_range)
        return value;
    // Decimal exponent of the first significant digit decides between overflow and underflow.
    const bool negative = text.startsWith('-');
    qsizetype i = negative ? 1 : 0;
    long long position = 0; // digits before the point, leading zeros excluded
    long long leadingFractionZeros = 0;
    bool significant = false;
    for (; i < text.size() && isDigit(text[i]); ++i) {
        if (text[i] != '0')
            significant = true;
        if (significant)
            ++position;
    }
    if (i < text.size() && text[i] == '.') {
        for (++i; i < text.size() && isDigit(text[i]); ++i) {
            if (significant)
                continue;
            if (text[i] == '0')
                ++leadingFractionZeros;
            else
                significant = true;
        }
    }
    long long exponent = 0;
    if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
        ++i;
        bool negativeExponent = false;
        if (i < text.size() && (text[i] == '+' || text[i] == '-'))
            negativeExponent = text[i++] == '-';
        for (; i < text.size() && isDigit(text[i]); ++i)
            exponent = std::min<long long>(exponent * 10 + (text[i] - '0'), 1'000'000'000'000LL);
        if (negativeExponent)
            exponent = -exponent;
    }
    const long long magnitude = position > 0 ? position + exponent : exponent - leadingFractionZeros;
    const double result = magnitude > 0 ? std::numeric_limits<double>::infinity() : 0.0;
    return negative ? -result : result;
}

} // namespace

// The strict recursive-descent parser behind JsonValue::parse, and JsonValue::scan: the same reading with
// nothing built (every out pointer null) and the top-level members or elements handed to a visitor.
class JsonParser
{
public:
    JsonParser(QByteArrayView text, JsonParseInfo *info, const JsonValue::ScanVisitor *visit = nullptr)
        : m_begin(text.data())
        , m_p(text.data())
        , m_end(text.data() + text.size())
        , m_info(info)
        , m_visit(visit)
    { }

    Result<JsonValue> run()
    {
        JsonValue root;
        bool ok = true;
        if (m_end - m_p >= 3 && QByteArrayView(m_p, 3) == "\xef\xbb\xbf") {
            ok = fail(m_p, JsonValue::tr("unexpected UTF-8 byte order mark"));
        } else {
            ok = parseValue(m_visit ? nullptr : &root, 0);
            if (ok) {
                skipWhitespace();
                if (m_p != m_end)
                    ok = fail(
                        m_p, JsonValue::tr("extra data after the JSON value, found %1").arg(found(m_p)));
            }
        }
        if (m_info && m_info->invalidUtf8 > 0) {
            const auto [line, column] = lineColumn(m_info->firstInvalidUtf8Offset);
            m_info->firstInvalidUtf8Line = line;
            m_info->firstInvalidUtf8Column = column;
        }
        if (!ok) {
            const auto [line, column] = lineColumn(m_errorOffset);
            if (m_info) {
                m_info->errorOffset = m_errorOffset;
                m_info->errorLine = line;
                m_info->errorColumn = column;
                m_info->reason = m_reason;
                m_info->truncated = m_truncated;
            }
            return makeError(ErrorCode::InvalidInput,
                JsonValue::tr("line %1, column %2: %3").arg(line).arg(column).arg(m_reason));
        }
        return root;
    }

private:
    bool fail(const char *at, const QString &reason)
    {
        if (at >= m_end)
            m_truncated = true;
        m_errorOffset = at - m_begin;
        m_reason = reason;
        return false;
    }

    // Names what stands at a position, for error messages.
    QString found(const char *at) const
    {
        if (at >= m_end)
            return JsonValue::tr("the end of the text");
        const uchar c = uchar(*at);
        if (c >= 0x20 && c < 0x7f)
            return QStringLiteral("'%1'").arg(QLatin1Char(char(c)));
        if (c < 0x80)
            return codePointName(c);
        const QString decoded = decodeUtf8(QByteArrayView(at, std::min<qsizetype>(4, m_end - at)));
        if (!decoded.isEmpty() && decoded.at(0) != QChar::ReplacementCharacter) {
            qsizetype i = 0;
            const char32_t cp = nextCodePoint(decoded, i);
            return QStringLiteral("'%1' (%2)").arg(decoded.left(i), codePointName(cp));
        }
        return JsonValue::tr("byte 0x%1")
            .arg(QString::number(c, 16).toUpper().rightJustified(2, QLatin1Char('0')));
    }

    std::pair<int, int> lineColumn(qsizetype offset) const
    {
        const QByteArrayView head(m_begin, std::clamp<qsizetype>(offset, 0, m_end - m_begin));
        const qsizetype lastNewline = head.lastIndexOf('\n');
        const int line = int(head.count('\n')) + 1;
        int column = 1;
        for (qsizetype i = lastNewline + 1; i < head.size(); ++i) {
            if ((uchar(head[i]) & 0xc0) != 0x80)
                ++column;
        }
        return { line, column };
    }

    void skipWhitespace()
    {
        while (m_p < m_end && (*m_p == ' ' || *m_p == '\t' || *m_p == '\n' || *m_p == '\r'))
            ++m_p;
    }

    bool literal(QByteArrayView word)
    {
        if (m_end - m_p >= word.size() && QByteArrayView(m_p, word.size()) == word) {
            m_p += word.size();
            return true;
        }
        return fail(m_p, JsonValue::tr("expected a value, found %1").arg(found(m_p)));
    }

    // out null: the value is checked, not built.
    bool parseValue(JsonValue *out, int depth)
    {
        skipWhitespace();
        if (m_p == m_end)
            return fail(m_p, JsonValue::tr("expected a value, found the end of the text"));
        switch (*m_p) {
        case '{':
            return parseObject(out, depth);
        case '[':
            return parseArray(out, depth);
        case '"': {
            if (!out)
                return parseString(nullptr);
            QString s;
            if (!parseString(&s))
                return false;
            out->m_data = std::move(s);
            return true;
        }
        case 't':
            if (out)
                out->m_data = true;
            return literal("true");
        case 'f':
            if (out)
                out->m_data = false;
            return literal("false");
        case 'n':
            if (out)
                out->m_data = std::monostate {};
            return literal("null");
        case 'N':
            if (out)
                out->m_data = JsonValue::Double { std::numeric_limits<double>::quiet_NaN(), QByteArray("NaN") };
            return literal("NaN");
        case 'I':
            if (out)
                out->m_data
                    = JsonValue::Double { std::numeric_limits<double>::infinity(), QByteArray("Infinity") };
            return literal("Infinity");
        case '-':
            if (m_p + 1 < m_end && m_p[1] == 'I') {
                if (out)
                    out->m_data = JsonValue::Double {
                        -std::numeric_limits<double>::infinity(), QByteArray("-Infinity") };
                return literal("-Infinity");
            }
            return parseNumber(out);
        default:
            if (isDigit(*m_p))
                return parseNumber(out);
            return fail(m_p, JsonValue::tr("expected a value, found %1").arg(found(m_p)));
        }
    }

    bool parseNumber(JsonValue *out)
    {
        const char *start = m_p;
        if (*m_p == '-')
            ++m_p;
        if (m_p == m_end || !isDigit(*m_p))
            return fail(m_p, JsonValue::tr("expected a digit after '-', found %1").arg(found(m_p)));
        if (*m_p == '0') {
            ++m_p;
        } else {
            while (m_p < m_end && isDigit(*m_p))
                ++m_p;
        }
        bool isInteger = true;
        if (m_p < m_end && *m_p == '.') {
            ++m_p;
            if (m_p == m_end || !isDigit(*m_p))
                return fail(
                    m_p, JsonValue::tr("expected a digit after the decimal point, found %1").arg(found(m_p)));
            while (m_p < m_end && isDigit(*m_p))
                ++m_p;
            isInteger = false;
        }
        if (m_p < m_end && (*m_p == 'e' || *m_p == 'E')) {
            ++m_p;
            if (m_p < m_end && (*m_p == '+' || *m_p == '-'))
                ++m_p;
            if (m_p == m_end || !isDigit(*m_p))
                return fail(m_p, JsonValue::tr("expected a digit in the exponent, found %1").arg(found(m_p)));
            while (m_p < m_end && isDigit(*m_p))
                ++m_p;
            isInteger = false;
        }
        if (!out)
            return true;
        const QByteArrayView text(start, m_p - start);
        if (isInteger)
            out->m_data = JsonValue::Integer { text.toByteArray() };
        else
            out->m_data = JsonValue::Double { parseDouble(text), text.toByteArray() };
        return true;
    }

    // First byte at or after p that ends a run of plain string content.
    const char *scanPlain(const char *p) const
    {
        while (p < m_end) {
            const uchar c = uchar(*p);
            if (c < 0x20 || c == '"' || c == '\\' || c >= 0x80)
                break;
            ++p;
        }
        return p;
    }

    // Member names repeat in every row of a result set: plain ones are shared, not allocated again.
    bool parseKey(QString *out)
    {
        const char *plainEnd = scanPlain(m_p + 1);
        if (!out && plainEnd < m_end && *plainEnd == '"') {
            m_p = plainEnd + 1;
            return true;
        }
        if (plainEnd < m_end && *plainEnd == '"') {
            const std::string_view raw(m_p + 1, size_t(plainEnd - m_p - 1));
            auto it = m_keys.find(raw);
            if (it == m_keys.end()) {
                if (m_keys.size() >= 4096)
                    m_keys.clear();
                it = m_keys.emplace(raw, QString::fromLatin1(raw.data(), qsizetype(raw.size()))).first;
            }
            *out = it->second;
            m_p = plainEnd + 1;
            return true;
        }
        return parseString(out);
    }

    void noteInvalidUtf8(const char *at)
    {
        if (!m_info)
            return;
        if (m_info->invalidUtf8++ == 0)
            m_info->firstInvalidUtf8Offset = at - m_begin;
    }

    // Decodes one UTF-8 sequence starting at m_p (a byte >= 0x80). Malformed input yields U+FFFD for
    // each maximal ill-formed subpart, as Python's "replace" error handler does (nextUtf8).
    char32_t readUtf8()
    {
        const char *start = m_p;
        if (const std::optional<char32_t> cp = nextUtf8(m_p, m_end))
            return *cp;
        noteInvalidUtf8(start);
        return 0xfffd;
    }

    // out null: checked (and invalid UTF-8 counted), not built.
    bool parseString(QString *out)
    {
        const char *quote = m_p++;
        // Fast path: plain ASCII up to the closing quote, the common case, converted in one go.
        const char *plainEnd = scanPlain(m_p);
        if (plainEnd < m_end && *plainEnd == '"') {
            if (out)
                *out = QString::fromLatin1(m_p, plainEnd - m_p);
            m_p = plainEnd + 1;
            return true;
        }
        for (;;) {
            const char *run = m_p;
            m_p = scanPlain(m_p);
            if (m_p > run && out)
                out->append(QLatin1StringView(run, m_p - run));
            if (m_p == m_end) {
                m_truncated = true;
                return fail(quote, JsonValue::tr("unterminated string (no closing quote)"));
            }
            const uchar c = uchar(*m_p);
            if (c == '"') {
                ++m_p;
                return true;
            }
            if (c < 0x20) {
                return fail(m_p,
                    JsonValue::tr("control character %1 in a string (it must be escaped)").arg(found(m_p)));
            }
            if (c >= 0x80) {
                const char32_t cp = readUtf8();
                if (!out)
                    continue;
                if (QChar::requiresSurrogates(cp)) {
                    out->append(QChar(QChar::highSurrogate(cp)));
                    out->append(QChar(QChar::lowSurrogate(cp)));
                } else {
                    out->append(QChar(char16_t(cp)));
                }
                continue;
            }
            // Backslash escape. Surrogate escapes are kept as UTF-16 units: a pair forms the character, a lone
            // one stays lone, exactly as in the str Python builds.
            const char *escape = m_p;
            if (m_p + 1 == m_end) {
                m_truncated = true;
                return fail(quote, JsonValue::tr("unterminated string (no closing quote)"));
            }
            const std::optional<JsonEscape> decoded = decodeJsonEscape(escape, m_end);
            if (!decoded) {
                if (escape[1] != 'u')
                    return fail(escape, JsonValue::tr("invalid escape %1 in a string").arg(found(escape + 1)));
                const char *digit = escape + 2;
                while (digit < m_end && digit < escape + 6 && hexDigitValue(*digit) >= 0)
                    ++digit;
                return fail(digit, JsonValue::tr("expected four hex digits after \\u, found %1").arg(found(digit)));
            }
            if (out)
                out->append(QChar(decoded->unit));
            m_p += decoded->length;
        }
    }

    // The top-level members or elements of a scan, as the text of their values.
    void visit(const QString &key, const char *valueStart, int depth)
    {
        if (m_visit && depth == 0) {
            const char *start = valueStart;
            while (start < m_p && (*start == ' ' || *start == '\t' || *start == '\n' || *start == '\r'))
                ++start;
            (*m_visit)(key, QByteArrayView(start, m_p - start));
        }
    }

    bool parseArray(JsonValue *out, int depth)
    {
        if (depth >= JsonValue::MaxDepth)
            return fail(m_p, Nesting::tooDeep());
        ++m_p;
        JsonArray values;
        skipWhitespace();
        if (m_p < m_end && *m_p == ']') {
            ++m_p;
            if (out)
                out->m_data = std::move(values);
            return true;
        }
        for (;;) {
            const char *start = m_p;
            if (out) {
                JsonValue element;
                if (!parseValue(&element, depth + 1))
                    return false;
                values.push_back(std::move(element));
            } else {
                if (!parseValue(nullptr, depth + 1))
                    return false;
                visit(QString(), start, depth);
            }
            skipWhitespace();
            if (m_p < m_end && *m_p == ',') {
                ++m_p;
                continue;
            }
            if (m_p < m_end && *m_p == ']') {
                ++m_p;
                if (out)
                    out->m_data = std::move(values);
                return true;
            }
            return fail(m_p, JsonValue::tr("expected ',' or ']', found %1").arg(found(m_p)));
        }
    }

    bool parseObject(JsonValue *out, int depth)
    {
        if (depth >= JsonValue::MaxDepth)
            return fail(m_p, Nesting::tooDeep());
        ++m_p;
        JsonObject members;
        std::unique_ptr<QHash<QString, qsizetype>> index; // only for big objects
        skipWhitespace();
        if (m_p < m_end && *m_p == '}') {
            ++m_p;
            if (out)
                out->m_data = std::move(members);
            return true;
        }
        const bool visiting = m_visit && depth == 0;
        for (;;) {
            skipWhitespace();
            if (m_p == m_end || *m_p != '"') {
                return fail(
                    m_p, JsonValue::tr("expected a member name in double quotes, found %1").arg(found(m_p)));
            }
            QString key;
            if (!parseKey(out || visiting ? &key : nullptr))
                return false;
            skipWhitespace();
            if (m_p == m_end || *m_p != ':')
                return fail(
                    m_p, JsonValue::tr("expected ':' after the member name, found %1").arg(found(m_p)));
            ++m_p;
            if (!out) {
                const char *start = m_p;
                if (!parseValue(nullptr, depth + 1))
                    return false;
                visit(key, start, depth);
                skipWhitespace();
                if (m_p < m_end && *m_p == ',') {
                    ++m_p;
                    continue;
                }
                if (m_p < m_end && *m_p == '}') {
                    ++m_p;
                    return true;
                }
                return fail(m_p, JsonValue::tr("expected ',' or '}', found %1").arg(found(m_p)));
            }
            JsonValue value;
            if (!parseValue(&value, depth + 1))
                return false;

            // Python's dict: a repeated key keeps its first position and takes the last value.
            qsizetype existing = -1;
            if (index) {
                existing = index->value(key, -1);
            } else {
                for (qsizetype i = 0; i < qsizetype(members.size()); ++i) {
                    if (members[i].key == key) {
                        existing = i;
                        break;
                    }
                }
            }
            if (existing >= 0) {
                members[existing].value = std::move(value);
            } else {
                if (index)
                    index->insert(key, qsizetype(members.size()));
                members.push_back(JsonMember { std::move(key), std::move(value) });
                if (!index && members.size() > 16) {
                    index = std::make_unique<QHash<QString, qsizetype>>();
                    for (qsizetype i = 0; i < qsizetype(members.size()); ++i)
                        index->insert(members[i].key, i);
                }
            }

            skipWhitespace();
            if (m_p < m_end && *m_p == ',') {
                ++m_p;
                continue;
            }
            if (m_p < m_end && *m_p == '}') {
                ++m_p;
                out->m_data = std::move(members);
                return true;
            }
            return fail(m_p, JsonValue::tr("expected ',' or '}', found %1").arg(found(m_p)));
        }
    }

    const char *m_begin;
    const char *m_p;
    const char *m_end;
    JsonParseInfo *m_info;
    const JsonValue::ScanVisitor *m_visit;
    qsizetype m_errorOffset = -1;
    QString m_reason;
    bool m_truncated = false;
    std::unordered_map<std::string_view, QString> m_keys;
};

JsonValue JsonValue::boolean(bool value)
{
    JsonValue v;
    v.m_data = value;
    return v;
}

JsonValue JsonValue::integer(qint64 value)
{
    JsonValue v;
    v.m_data = Integer { QByteArray::number(value) };
    return v;
}

std::optional<JsonValue> JsonValue::integerFromText(QByteArrayView digits)
{
    qsizetype i = digits.startsWith('-') ? 1 : 0;
    if (i == digits.size())
        return std::nullopt;
    if (digits[i] == '0' && digits.size() > i + 1)
        return std::nullopt;
    for (; i < digits.size(); ++i) {
        if (!isDigit(digits[i]))
            return std::nullopt;
    }
    JsonValue v;
    v.m_data = Integer { digits.toByteArray() };
    return v;
}

JsonValue JsonValue::number(double value)
{
    JsonValue v;
    QByteArray text;
    if (std::isnan(value))
        text = "NaN";
    else if (std::isinf(value))
        text = value > 0 ? "Infinity" : "-Infinity";
    else
        text = pythonFloatRepr(value);
    v.m_data = Double { value, text };
    return v;
}

JsonValue JsonValue::string(QString value)
{
    JsonValue v;
    v.m_data = std::move(value);
    return v;
}

JsonValue JsonValue::array()
{
    return array(JsonArray());
}

JsonValue JsonValue::array(JsonArray values)
{
    JsonValue v;
    v.m_data = std::move(values);
    return v;
}

JsonValue JsonValue::object()
{
    return object(JsonObject());
}

JsonValue JsonValue::object(JsonObject members)
{
    JsonValue v;
    v.m_data = std::move(members);
    return v;
}

Result<JsonValue> JsonValue::parse(QByteArrayView text, JsonParseInfo *info)
{
    if (info)
        *info = JsonParseInfo {};
    return JsonParser(text, info).run();
}

Status JsonValue::scan(QByteArrayView text, JsonParseInfo *info, const ScanVisitor &visit)
{
    if (info)
        *info = JsonParseInfo {};
    const Result<JsonValue> read = JsonParser(text, info, &visit).run();
    if (!read)
        return read.error();
    return success();
}

bool JsonValue::toBool() const
{
    const bool *b = std::get_if<bool>(&m_data);
    return b && *b;
}

QByteArray JsonValue::integerText() const
{
    const Integer *i = std::get_if<Integer>(&m_data);
    return i ? canonicalInteger(i->text) : QByteArray();
}

std::optional<qint64> JsonValue::toInt64() const
{
    const Integer *i = std::get_if<Integer>(&m_data);
    if (!i)
        return std::nullopt;
    qint64 value = 0;
    const char *first = i->text.constData();
    const char *last = first + i->text.size();
    const auto [ptr, ec] = std::from_chars(first, last, value);
    if (ec != std::errc() || ptr != last)
        return std::nullopt;
    return value;
}

double JsonValue::toDouble() const
{
    if (const Double *d = std::get_if<Double>(&m_data))
        return d->value;
    if (const Integer *i = std::get_if<Integer>(&m_data))
        return parseDouble(i->text);
    return 0;
}

QByteArray JsonValue::numberText() const
{
    if (const Double *d = std::get_if<Double>(&m_data))
        return d->text;
    if (const Integer *i = std::get_if<Integer>(&m_data))
        return i->text;
    return {};
}

QString JsonValue::toString() const
{
    const QString *s = std::get_if<QString>(&m_data);
    return s ? *s : QString();
}

const JsonArray &JsonValue::toArray() const
{
    const JsonArray *a = std::get_if<JsonArray>(&m_data);
    return a ? *a : EmptyArray;
}

const JsonObject &JsonValue::toObject() const
{
    const JsonObject *o = std::get_if<JsonObject>(&m_data);
    return o ? *o : EmptyObject;
}

qsizetype JsonValue::size() const
{
    if (const JsonArray *a = std::get_if<JsonArray>(&m_data))
        return qsizetype(a->size());
    if (const JsonObject *o = std::get_if<JsonObject>(&m_data))
        return qsizetype(o->size());
    return 0;
}

const JsonValue *JsonValue::find(QStringView key) const
{
    const JsonObject *o = std::get_if<JsonObject>(&m_data);
    if (!o)
        return nullptr;
    for (const JsonMember &m : *o) {
        if (m.key == key)
            return &m.value;
    }
    return nullptr;
}

JsonValue JsonValue::value(QStringView key) const
{
    const JsonValue *v = find(key);
    return v ? *v : JsonValue();
}

void JsonValue::append(JsonValue value)
{
    if (!isArray())
        m_data = JsonArray {};
    std::get<JsonArray>(m_data).push_back(std::move(value));
}

void JsonValue::insert(QString key, JsonValue value)
{
    if (!isObject())
        m_data = JsonObject {};
    JsonObject &o = std::get<JsonObject>(m_data);
    for (JsonMember &m : o) {
        if (m.key == key) {
            m.value = std::move(value);
            return;
        }
    }
    o.push_back(JsonMember { std::move(key), std::move(value) });
}

JsonArray JsonValue::takeArray()
{
    JsonArray result;
    if (JsonArray *a = std::get_if<JsonArray>(&m_data))
        result = std::move(*a);
    m_data = std::monostate {};
    return result;
}

JsonObject JsonValue::takeObject()
{
    JsonObject result;
    if (JsonObject *o = std::get_if<JsonObject>(&m_data))
        result = std::move(*o);
    m_data = std::monostate {};
    return result;
}

bool JsonValue::isTruthy() const
{
    switch (type()) {
    case Type::Null:
        return false;
    case Type::Bool:
        return toBool();
    case Type::Integer:
        return integerText() != "0";
    case Type::Double:
        return std::get<Double>(m_data).value != 0.0; // NaN is truthy in Python too
    case Type::String:
        return !std::get<QString>(m_data).isEmpty();
    case Type::Array:
    case Type::Object:
        return size() > 0;
    }
    return false;
}

bool JsonValue::operator==(const JsonValue &other) const
{
    if (type() != other.type())
        return false;
    switch (type()) {
    case Type::Null:
        return true;
    case Type::Bool:
        return toBool() == other.toBool();
    case Type::Integer:
        return integerText() == other.integerText();
    case Type::Double: {
        const double a = std::get<Double>(m_data).value;
        const double b = std::get<Double>(other.m_data).value;
        return a == b || (std::isnan(a) && std::isnan(b));
    }
    case Type::String:
        return toString() == other.toString();
    case Type::Array:
        return toArray() == other.toArray();
    case Type::Object: {
        const JsonObject &a = toObject();
        const JsonObject &b = other.toObject();
        return std::equal(a.begin(), a.end(), b.begin(), b.end(),
            [](const JsonMember &x, const JsonMember &y) { return x.key == y.key && x.value == y.value; });
    }
    }
    return false;
}

int compareCodePoints(QStringView a, QStringView b)
{
    qsizetype i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        const char32_t x = nextCodePoint(a, i);
        const char32_t y = nextCodePoint(b, j);
        if (x != y)
            return x < y ? -1 : 1;
    }
    if (i < a.size())
        return 1;
    if (j < b.size())
        return -1;
    return 0;
}

QByteArray pythonFloatRepr(double value)
{
    if (std::isnan(value))
        return "nan";
    if (std::isinf(value))
        return value > 0 ? "inf" : "-inf";
    if (value == 0)
        return std::signbit(value) ? "-0.0" : "0.0";

    // Shortest round-trip digits (to_chars without precision), then CPython's layout rules of
    // format_float_short for repr: exponent form when the decimal point position is <= -4 or > 16.
    char buffer[64];
    const auto [end, ec]
        = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::scientific);
    Q_UNUSED(ec)
    const QByteArrayView text(buffer, end - buffer);
    const bool negative = text.startsWith('-');
    const qsizetype e = text.indexOf('e');
    QByteArray digits;
    for (qsizetype i = negative ? 1 : 0; i < e; ++i) {
        if (text[i] != '.')
            digits += text[i];
    }
    int exponent = 0;
    std::from_chars(text.data() + e + 1 + (text[e + 1] == '+' ? 1 : 0), text.data() + text.size(), exponent);
    const int decimalPoint = exponent + 1; // value = 0.DIGITS * 10^decimalPoint
    const int n = int(digits.size());

    QByteArray out;
    if (negative)
        out += '-';
    if (decimalPoint <= -4 || decimalPoint > 16) {
        out += digits[0];
        if (n > 1) {
            out += '.';
            out += digits.mid(1);
        }
        out += 'e';
        out += exponent < 0 ? '-' : '+';
        const QByteArray magnitude = QByteArray::number(std::abs(exponent));
        if (magnitude.size() < 2)
            out += '0';
        out += magnitude;
    } else if (decimalPoint <= 0) {
        out += "0.";
        out += QByteArray(-decimalPoint, '0');
        out += digits;
    } else if (decimalPoint >= n) {
        out += digits;
        out += QByteArray(decimalPoint - n, '0');
        out += ".0";
    } else {
        out += digits.left(decimalPoint);
        out += '.';
        out += digits.mid(decimalPoint);
    }
    return out;
}

void appendPythonQuoted(QByteArray &out, QStringView text, bool ensureAscii)
{
    out += '"';
    const qsizetype n = text.size();
    qsizetype i = 0;
    while (i < n) {
        // A run of printable ASCII that stays as it is, copied in one go.
        const qsizetype run = i;
        while (i < n) {
            const char16_t c = text[i].unicode();
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\')
                break;
            ++i;
        }
        if (i > run) {
            const qsizetype at = out.size();
            out.resize(at + (i - run));
            char *to = out.data() + at;
            for (qsizetype k = run; k < i; ++k)
                *to++ = char(text[k].unicode());
        }
        if (i == n)
            break;
        const char16_t u = text[i].unicode();
        switch (u) {
        case '"':
            out += "\\\"";
            ++i;
            continue;
        case '\\':
            out += "\\\\";
            ++i;
            continue;
        case '\n':
            out += "\\n";
            ++i;
            continue;
        case '\r':
            out += "\\r";
            ++i;
            continue;
        case '\t':
            out += "\\t";
            ++i;
            continue;
        case '\b':
            out += "\\b";
            ++i;
            continue;
        case '\f':
            out += "\\f";
            ++i;
            continue;
        default:
            break;
        }
        if (u < 0x20) {
            appendHex4(out, u);
            ++i;
        } else if (ensureAscii) {
            // Python escapes everything outside ' '..'~'; UTF-16 units give the surrogate pairs it writes.
            appendHex4(out, u);
            ++i;
        } else if (u == 0x7f) {
            out += char(u);
            ++i;
        } else {
            appendUtf8(out, nextCodePoint(text, i));
        }
    }
    out += '"';
}

QByteArray pythonQuote(QStringView text, bool ensureAscii)
{
    QByteArray out;
    out.reserve(text.size() + 2);
    appendPythonQuoted(out, text, ensureAscii);
    return out;
}

namespace {

void newline(QByteArray &out, int indent, int level)
{
    out += '\n';
    out.append(qsizetype(indent) * level, ' ');
}

void dumpValue(QByteArray &out, const JsonValue &value, const JsonDumpOptions &options, int level)
{
    switch (value.type()) {
    case JsonValue::Type::Null:
        out += "null";
        return;
    case JsonValue::Type::Bool:
        out += value.toBool() ? "true" : "false";
        return;
    case JsonValue::Type::Integer:
        out += value.integerText();
        return;
    case JsonValue::Type::Double: {
        if (options.originalNumbers) {
            const QByteArray text = value.numberText();
            if (!text.isEmpty()) {
                out += text;
                return;
            }
        }
        const double d = value.toDouble();
        if (std::isnan(d))
            out += "NaN";
        else if (std::isinf(d))
            out += d > 0 ? "Infinity" : "-Infinity";
        else
            out += pythonFloatRepr(d);
        return;
    }
    case JsonValue::Type::String:
        out += pythonQuote(value.toString(), options.ensureAscii);
        return;
    case JsonValue::Type::Array: {
        const JsonArray &a = value.toArray();
        if (a.empty()) {
            out += "[]";
            return;
        }
        out += '[';
        for (size_t i = 0; i < a.size(); ++i) {
            if (i > 0)
                out += options.indent < 0 ? ", " : ",";
            if (options.indent >= 0)
                newline(out, options.indent, level + 1);
            dumpValue(out, a[i], options, level + 1);
        }
        if (options.indent >= 0)
            newline(out, options.indent, level);
        out += ']';
        return;
    }
    case JsonValue::Type::Object: {
        const JsonObject &o = value.toObject();
        if (o.empty()) {
            out += "{}";
            return;
        }
        std::vector<size_t> order(o.size());
        std::iota(order.begin(), order.end(), size_t(0));
        if (options.sortKeys) {
            std::stable_sort(order.begin(), order.end(),
                [&o](size_t a, size_t b) { return compareCodePoints(o[a].key, o[b].key) < 0; });
        }
        out += '{';
        for (size_t i = 0; i < order.size(); ++i) {
            if (i > 0)
                out += options.indent < 0 ? ", " : ",";
            if (options.indent >= 0)
                newline(out, options.indent, level + 1);
            const JsonMember &m = o[order[i]];
            out += pythonQuote(m.key, options.ensureAscii);
            out += ": ";
            dumpValue(out, m.value, options, level + 1);
        }
        if (options.indent >= 0)
            newline(out, options.indent, level);
        out += '}';
        return;
    }
    }
}

} // namespace

QByteArray pythonDumps(const JsonValue &value, const JsonDumpOptions &options)
{
    QByteArray out;
    dumpValue(out, value, options, 0);
    return out;
}

QByteArray pythonDumps(const JsonValue &value, bool sortKeys, bool ensureAscii)
{
    return pythonDumps(value, JsonDumpOptions { sortKeys, ensureAscii, -1, false });
}

QString prettyJson(const JsonValue &value, int indent)
{
    return decodeUtf8(pythonDumps(value, JsonDumpOptions { false, false, indent, true }));
}

} // namespace tapedeck
