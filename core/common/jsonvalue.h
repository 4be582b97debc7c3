// SPDX-License-Identifier: MIT
// A JSON value that keeps what Python's json module round-trips (integers of any size, float values,
// member order), a strict parser with precise errors, and Python's json.dumps formatting, byte-exact.
#pragma once

#include "core/common/nesting.h"
#include "core/common/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QCoreApplication>
#include <QString>
#include <QStringView>

#include <functional>
#include <optional>
#include <variant>
#include <vector>

namespace tapedeck {

class JsonValue;
struct JsonMember;
using JsonArray = std::vector<JsonValue>;
// Members in insertion order, keys unique (JsonValue::insert keeps them so, as a Python dict does).
using JsonObject = std::vector<JsonMember>;

// Where and why JsonValue::parse stopped, plus what it repaired on the way.
struct JsonParseInfo
{
    // Failure position: byte offset into the text, 1-based line and column (column counts characters).
    qsizetype errorOffset = -1;
    int errorLine = 0;
    int errorColumn = 0;
    QString reason; // e.g. "expected ',' or '}', found 'x'"
    bool truncated = false; // the text ended inside the value (e.g. a line cut short)
    // Malformed UTF-8 inside strings is replaced by U+FFFD (one per maximal ill-formed subpart, as
    // Python does: decodeUtf8 in utf8.h) and counted here.
    int invalidUtf8 = 0;
    qsizetype firstInvalidUtf8Offset = -1;
    int firstInvalidUtf8Line = 0;
    int firstInvalidUtf8Column = 0;
};

class JsonValue
{
    Q_DECLARE_TR_FUNCTIONS(JsonValue)

public:
    enum class Type : quint8 { Null, Bool, Integer, Double, String, Array, Object };

    static constexpr int MaxDepth = Nesting::MaxDepth; // the one nesting rule (core/common/nesting.h)

    JsonValue() = default; // null
    static JsonValue boolean(bool value);
    static JsonValue integer(qint64 value);
    // Digits as JSON writes them ("-?(0|[1-9][0-9]*)"); nullopt when the text is not such an integer.
    static std::optional<JsonValue> integerFromText(QByteArrayView digits);
    static JsonValue number(double value);
    static JsonValue string(QString value);
    // Empty ones by overload, not by a default argument: clang instantiates a default argument's destructor
    // where it is declared, while JsonMember is still incomplete.
    static JsonValue array();
    static JsonValue array(JsonArray values);
    static JsonValue object();
    static JsonValue object(JsonObject members);

    // Strict JSON (RFC 8259) plus the NaN, Infinity and -Infinity literals Python writes. Duplicate keys:
    // the last value wins at the position of the first, as in a Python dict. A float too large for a double
    // becomes ±inf and one too small ±0.0, as Python's float() does.
    static Result<JsonValue> parse(QByteArrayView text, JsonParseInfo *info = nullptr);
    // Reads text exactly as parse() does (the same checks, errors and JsonParseInfo) but builds nothing:
    // each member of a top-level object is handed to visit as its key and the text of its value, each
    // element of a top-level array with an empty key; a caller parses only what it needs, so that a record
    // of hundreds of megabytes is read without a tree many times its size. Called only while the text is
    // valid so far: a visit may come before a later error.
    using ScanVisitor = std::function<void(const QString &key, QByteArrayView value)>;
    static Status scan(QByteArrayView text, JsonParseInfo *info, const ScanVisitor &visit);

    Type type() const { return Type(m_data.index()); }
    bool isNull() const { return type() == Type::Null; }
    bool isBool() const { return type() == Type::Bool; }
    bool isInteger() const { return type() == Type::Integer; }
    bool isDouble() const { return type() == Type::Double; }
    bool isNumber() const { return isInteger() || isDouble(); }
    bool isString() const { return type() == Type::String; }
    bool isArray() const { return type() == Type::Array; }
    bool isObject() const { return type() == Type::Object; }

    bool toBool() const;
    // Integers: the canonical digits Python prints (so "-0" reads back as "0"). Empty for other types.
    QByteArray integerText() const;
    std::optional<qint64> toInt64() const; // integers that fit
    double toDouble() const; // integers converted (rounded), floats as parsed, 0 otherwise
    // The number as it was written in the parsed text (or generated); empty for non-numbers.
    QByteArray numberText() const;
    QString toString() const; // the string value; empty for other types
    const JsonArray &toArray() const; // empty for non-arrays
    const JsonObject &toObject() const; // empty for non-objects

    qsizetype size() const; // elements or members; 0 for scalars
    const JsonValue *find(QStringView key) const;
    JsonValue value(QStringView key) const; // null when absent
    bool contains(QStringView key) const { return find(key) != nullptr; }

    // Building: append to an array, insert into an object (an existing key keeps its position and takes
    // the new value). The value turns into an empty array/object first when it is of another type.
    void append(JsonValue value);
    void insert(QString key, JsonValue value);
    // Move the elements or members out (empty for other types); the value becomes null.
    JsonArray takeArray();
    JsonObject takeObject();

    // Python's bool() of the value json.loads returns: false for null, false, 0, 0.0, "", [] and {}.
    bool isTruthy() const;

    // Same type and content; members compared in order; numbers by canonical integer text or double value.
    bool operator==(const JsonValue &other) const;

private:
    struct Integer
    {
        QByteArray text;
    };
    struct Double
    {
        double value = 0;
        QByteArray text;
    };

    friend class JsonParser;
    std::variant<std::monostate, bool, Integer, Double, QString, JsonArray, JsonObject> m_data;
};

struct JsonMember
{
    QString key;
    JsonValue value;
};

// How pythonDumps writes: Python's json.dumps arguments, plus one for display.
struct JsonDumpOptions
{
    bool sortKeys = false;
    bool ensureAscii = true;
    // < 0: one line with ", " and ": " separators; otherwise json.dumps(indent=n): "," at line ends, each
    // level n spaces deeper, empty containers as [] and {}.
    int indent = -1;
    // Floats as they were written in the parsed text rather than as repr() gives them (for people: a
    // recorded 1.50 stays 1.50). Python's json.loads reads either back to the same value.
    bool originalNumbers = false;
};

// The one JSON writer: Python 3's json.dumps with the given options.
QByteArray pythonDumps(const JsonValue &value, const JsonDumpOptions &options);

// Python 3's json.dumps(value, sort_keys=sortKeys, ensure_ascii=ensureAscii) with every other argument at
// its default: ", " and ": " separators, floats as repr(), NaN/Infinity literals, keys sorted by code
// point. With ensureAscii false the result is UTF-8 (a lone surrogate, which Python could not encode
// either, becomes U+FFFD).
QByteArray pythonDumps(const JsonValue &value, bool sortKeys = false, bool ensureAscii = true);
// For people: json.dumps(value, indent=indent, ensure_ascii=False) with the input's member order and
// number spelling (what `tapedeck-cli show` prints and the detail panes show).
QString prettyJson(const JsonValue &value, int indent = 2);
// Python's repr(float): shortest round-trip digits, exponent form below 1e-4 and from 1e16 on ("1e-05",
// "1.5e+16"), "inf", "-inf", "nan", "-0.0".
QByteArray pythonFloatRepr(double value);
// A JSON string literal as json.dumps writes it.
QByteArray pythonQuote(QStringView text, bool ensureAscii = true);
// The same, appended to out (what streaming writers use).
void appendPythonQuoted(QByteArray &out, QStringView text, bool ensureAscii = true);
// Python's ordering of str: by code point (UTF-16 order differs for characters above U+FFFF).
int compareCodePoints(QStringView a, QStringView b);

} // namespace tapedeck
