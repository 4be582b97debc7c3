// SPDX-License-Identifier: MIT
// What the PostgreSQL endpoint announces and sends for a recorded query: the RowDescription columns made
// from a db/queries.jsonl record's `description` and rows, and each recorded value in PostgreSQL 15's text
// format. Pure functions, no I/O. Checked against a real PostgreSQL 15 and psycopg2 2.9.5 by tst_pgtext
// (tests/tools/pgtext_oracle.py).
//
// What the recording holds (DataHub's db_proxy.py `_serialize_value`, commit c3f9599; DESIGN.md §3):
// values are None/str/int/float/bool as the driver returned them; datetime → {"__type__": "datetime",
// "__value__": isoformat()}, date → the same with "date"; Decimal → float; bytes → base64; list/tuple →
// list; dict → dict; anything else → str(value). psycopg2 2.9.5 (Debian 12) returns: memoryview for bytea
// (so the recording holds "<memory at 0x…>", the bytes are lost), Decimal for numeric, timedelta for
// interval (str: "1 day, 2:00:00", "-1 day, 23:59:59"; months become 30 days, years 365), time for
// time/timetz (str: "12:00:00.5", "12:00:00+05:30"), str for uuid, money, inet, bit, xml, Range objects
// for the built-in ranges (str: "[1, 10)", "(None, 5)", "empty"), arrays of types it has no caster for
// ("{…}" text), lists for the others, json.loads() of json/jsonb (so SQL NULL and JSON null are both
// null), date.max/datetime.max for infinity, and an error (recorded as such) for BC dates. cursor.description
// is a tuple of psycopg2.extensions.Column, which is no tuple, so DataHub writes str(column): exactly
// "Column(name='id', type_code=23)" (the name as Python's repr; display_size, internal_size, precision,
// scale and null_ok are not in it). psycopg 3 writes "<Column 'id', type: numeric(10,2) (oid: 1700)>".
// Other DB-API drivers' columns are tuples, written as lists [name, type_code, display_size,
// internal_size, precision, scale, null_ok].
//
// Columns (PgText::columns):
// - Names: from the description (the repr in a Column string decoded: both quote styles, \\ \' \" \n \r
//   \t \a \b \f \v \xhh \uhhhh \Uhhhhhhhh; the first element of a list; "name" of an object), else the
//   key the rows hold at that position, else "?column?"; without a description, the rows' keys in
//   first-seen order (positional "?column?" columns for {"row": [...]} rows).
// - Types (typeFromRecording): the OID of a psycopg2 or psycopg 3 Column string; the integer type codes of
//   a list description only when the whole description looks like a PostgreSQL driver's (pg8000,
//   redshift_connector, psycopg2 < 2.8): every type code is an integer that is one of PostgreSQL 15's
//   built-in type OIDs (the table in pgtext.cpp) or ≥ 10000 (types initdb makes, such as
//   information_schema's row types — its domains reach clients as their base types, name, int4 and
//   varchar (OBS: tst_pgtext) — and user types from 16384 on), and no column has a non-null null_ok
//   (RowDescription carries no nullability, so PostgreSQL drivers leave it None, while pymysql and
//   Snowflake fill it with a bool; their type codes, 0–16 and 245–255 for MySQL, are mostly not OIDs).
//   Otherwise text (25), typeFromRecording false.
// - typlen: pg_type.typlen of PostgreSQL 15 (docs/research/pg-facts.md §5); -1 for OIDs not in the table.
// - typmod (-1 unless known): numeric(p,s) → ((p << 16) | (s & 0x7ff)) + 4, varchar(n)/bpchar(n) → n + 4
//   (pg-facts.md §5), from precision/scale or internal_size of a PostgreSQL list description, or from the
//   "(p,s)" of a psycopg 3 type display. psycopg2's Column string has none of them.
// - Row values (PgText::rowValues): a row object is looked up by column name (a missing key is NULL;
//   duplicate column names all get the one value DataHub's dict(zip()) kept, the last); a
//   {"row": [...]} row (only member "row" holding a list, no column named "row") and a bare list are
//   read by position; anything else is all NULL.
//
// Values (pgTextValue), PostgreSQL 15 text output with DateStyle ISO, MDY, IntervalStyle postgres, and
// the session's TimeZone (AnnouncedTimeZone, "UTC": the recording names no zone, only offsets):
// - null → SQL NULL (nullopt), also for json/jsonb (psycopg2 reads JSON null and SQL NULL alike).
// - bool: t/f (an integer: non-zero is t). int2/int4/int8/oid: the integer's digits.
// - float4/float8: shortest digits that round-trip (float4 rounded to a float first), fixed notation
//   for decimal exponents −4…5 (float4) or −4…14 (float8), else d.ddde±XX with at least two exponent
//   digits; NaN, Infinity, -Infinity, -0 (OBS-PG15: 1e+15, 100000000000000, 1e-05, 1.234567e+06).
// - numeric: a recorded float in fixed notation with its shortest round-trip digits and no exponent
//   ("1.5", "100", "0.00001"), NaN/Infinity/-Infinity. The Decimal's scale and digits beyond a double's
//   are gone from the recording: psycopg2 (Decimal(text)) then reads a Decimal equal in value to the real
//   one whenever the double held it exactly (1.50 → "1.5"), and always one whose float() is the recorded
//   float. An integer is written as is.
// - Text-like types (text, varchar, bpchar — padding kept as recorded — name, "char", uuid, xml, inet,
//   money, bit, …) and every str() fallback in any column: the string's UTF-8, as is.
// - bytea: a valid base64 string → \x and lower-case hex of its bytes; any other string (psycopg2's
//   "<memory at 0x…>") → \x and the hex of the string's UTF-8, so the client gets the text DataHub's
//   own replay hands out, as bytes.
// - date: YYYY-MM-DD. timestamp: "YYYY-MM-DD HH:MM:SS" and the fraction without trailing zeros; a
//   recorded offset is dropped. timestamptz: the same plus the recorded offset as PostgreSQL writes one
//   (+00, -08, +05:30, +00:19:32); a value without one gets +00. Keeping the recorded offset makes the
//   text identical to what the recording session saw whatever its TimeZone was; every client reads the
//   offset (psql shows it as is). Infinity and BC cannot be in a psycopg2 recording (see above).
// - time, timetz: str(time) with the fraction's trailing zeros dropped and the offset as above.
// - interval: str(timedelta) → postgres style: "1 day 02:00:00", "2 days", "-00:00:01",
//   "-1 days -02:00:00", "00:00:00.5"; the sign is carried by both parts (PostgreSQL keeps days and time
//   apart, a timedelta does not: "-1 days +02:00:00" comes back as "-22:00:00", "1 mon" as "30 days",
//   equal timedeltas for psycopg2).
// - Ranges (int4range, int8range, numrange, tsrange, tstzrange, daterange): str(Range) → range_out's
//   "[1,10)", "(,5)", "empty", bounds as their subtype's text and quoted as range_out quotes them
//   ("[\"2024-01-01 00:00:00\",)"); a string of another shape passes as is.
// - json and jsonb: {"a": 1, "b": [1, 2]}, members in recorded order. jsonb's output style, and for json
//   the layout of Python's json.dumps, the way Python clients write json values (PostgreSQL keeps json's
//   input text, which the recording no longer has; json.loads reads the same value either way). Strings escaped as PostgreSQL's escape_json does (\" \\ \b
//   \f \n \r \t, other controls \u00xx, the rest raw UTF-8); floats fixed with at least one decimal
//   ("1.0", "0.00001"); NaN/Infinity as Python's json writes them. A string in a json column is a JSON
//   string; objects are never read as datetime markers there.
// - Arrays (a list in a column whose OID is an array type): {…} with the element type's text, NULL for
//   null, nested lists as nested braces, an element quoted when it is empty, equals NULL ignoring case,
//   or holds { } , " \ or white space (space \t \n \r \v \f), with " and \ escaped inside quotes
//   (array_out). A string in an array column is PostgreSQL's own array text (psycopg2 returns uuid[] and
//   other unparsed arrays so) and passes through.
// - A value of another JSON type than the column's (and every value of a text column that is not typed
//   by the recording, or of an unknown OID) is written as PostgreSQL casts its natural type to text:
//   true/false (bool::text), integers, floats as float8, strings as is, datetime/date markers as
//   timestamp[tz]/date, lists as arrays of those, objects as jsonb.
// - Bounds: output grows linearly with the input; nesting beyond Nesting::MaxDepth makes the value NULL.
#pragma once

#include "core/common/jsonvalue.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace tapedeck::replay {

struct PgColumn
{
    QString name;
    quint32 typeOid = 25; // text
    qint16 typeLength = -1;
    qint32 typeModifier = -1;
    bool typeFromRecording = false; // false: text, because the recording did not say what the type was
};

struct PgColumns
{
    QList<PgColumn> columns;
    bool fromDescription = false; // names (and maybe types) came from the recorded description
    QStringList warnings; // what could not be read from the description (for the replay report)
};

class PgText
{
    Q_DECLARE_TR_FUNCTIONS(PgText)

public:
    static constexpr quint32 TextOid = 25;
    // RowDescription allows at most this many fields (PostgreSQL's MaxTupleAttributeNumber).
    static constexpr int MaxColumns = 1664;
    // The session settings these texts are rendered for; the endpoint announces them in ParameterStatus.
    static constexpr char AnnouncedTimeZone[] = "UTC";
    static constexpr char AnnouncedDateStyle[] = "ISO, MDY";
    static constexpr char AnnouncedIntervalStyle[] = "postgres";

    // The columns a RowDescription announces for a recorded description and its rows.
    static PgColumns columns(const JsonValue &description, const JsonArray &rows);
    // A row's values in column order, pointing into row (nullptr for NULL or a missing value).
    static std::vector<const JsonValue *> rowValues(const JsonValue &row, const PgColumns &columns);

    static bool isBuiltinOid(quint32 oid);
    static qint16 typeLength(quint32 oid); // pg_type.typlen; -1 when unknown
    static quint32 arrayElementOid(quint32 oid); // 0 when oid is not a built-in array type

    // PostgreSQL 15's float8out/float4out with extra_float_digits 1 (the default).
    static QByteArray float8Text(double value);
    static QByteArray float4Text(float value);
};

// The recorded value as PostgreSQL 15 writes that column's type in text format (the rules above);
// nullopt for NULL.
std::optional<QByteArray> pgTextValue(const JsonValue &recorded, const PgColumn &column);

} // namespace tapedeck::replay
