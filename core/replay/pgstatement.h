// SPDX-License-Identifier: MIT
// What a PostgreSQL client sent, turned back into what DataHub's cursor.execute(query, parameters) received,
// so that SqlMatcher's key, normalised and fuzzy rules (DESIGN.md §7) apply to a replayed statement; and the
// reverse, a recorded (template, parameters) rendered as psycopg2 2.9.5 sent it.
//
// Facts this file rests on (checked against python3-psycopg2 2.9.5 on PostgreSQL 15, standard_conforming_strings
// on; docs/research/pg-facts.md §4 and tests/tools/pgstatement_oracle.py, which runs cursor.mogrify):
// - DataHub records the template and _serialize_params(parameters) (db_proxy.py at c3f9599): tuple/list →
//   list, dict → object, datetime/date → {"__type__": "datetime"|"date", "__value__": isoformat()},
//   Decimal → float, bytes → base64 str, anything else → str(). parameters None is passed on as a bare
//   execute(query), and psycopg2 then does no % processing at all (`100%%` stays `100%%`).
// - psycopg2 interpolates on the client. With parameters (even () or {}) `%%` becomes `%`; `%s` takes the
//   next sequence item, `%(name)s` a mapping value (names may repeat; unused keys are ignored). It raises on
//   a `%` followed by anything else ("unsupported format character", "incomplete format"), on `%(` without
//   `)` before the next `%`, on mixed styles, on too few items (IndexError) or too many when the template has
//   placeholders (a template without any ignores the items), on a missing key, on a dict value ("can't
//   adapt type 'dict'") and on a str holding NUL.
// - Values: None → NULL; bool → true/false; int → digits; float → repr(), nan/inf/-inf →
//   'NaN'::float, 'Infinity'::float, '-Infinity'::float; Decimal → str() ('NaN'::numeric for NaN and for
//   ±Infinity); a negative number gets one leading space (` -5`, ` -0.0`); str → '…' with ' doubled,
//   backslashes and every other character (newlines, non-ASCII as UTF-8) as they are; bytes →
//   '\x<hex>'::bytea; date → '<isoformat>'::date; datetime → '<isoformat>'::timestamp, or ::timestamptz
//   when aware (isoformat: `T`, microseconds only when non-zero, the offset as +HH:MM[:SS[.ffffff]]);
//   time → '…'::time; list → ARRAY[a,b] (items joined by `,`), empty → '{}', a nested empty list →
//   ARRAY[], a list whose items are all NULL or all-NULL lists → '{NULL,{NULL}}'; tuple → (a, b) (joined
//   by `, `).
//
// renderPsycopg2 renders a recorded template and its serialized parameters so: byte-identical to what
// psycopg2 sent, except where the recording lost the type — a bytes value is a base64 str in the recording
// and renders as that str (psycopg2 sent '\x…'::bytea), a tuple (`IN %s`) renders as a list (ARRAY[…];
// psycopg2 sent (a, b)), a Decimal renders as its float (1.10 sent, 1.1 rendered), and str() values
// (uuid, timedelta, …) render as strings.
//
// StatementMapper::map(text, bound) answers, in this order:
// (a) Verbatim — the text is what a recorded query with null or empty parameters sent (its template verbatim
//     for null; `%%` collapsed for [] or {}): that query, its recorded parameters.
//     Also any recorded (template, parameters) whose rendering is the text: that record (Literals).
// (b) Literals — the text fits a recorded template whose placeholders line up with SQL literals in psycopg2's
//     syntax (NULL, true/false, numbers with psycopg2's ` -` sign, '…' with '' escapes and an optional
//     ::type, E'…', ARRAY[…], '{}' and '{NULL,…}', tuples (a, b)): the template, and as parameters the
//     first recorded set of that template semantically equal to the literals (numbers numerically — the
//     float 42.0 equals 42 —, a bytea literal equals the base64 str of its bytes, '…'::date and
//     '…'::timestamp[tz] equal the markers, '{}' equals [] and "{}", 'NaN'::numeric equals NaN and ±inf),
//     verbatim so that the exact key matches; else the literals in serialized form (list for %s, object for
//     %(name)s; numbers as int or float by their syntax, '{}' and '{NULL,…}' as lists, bytea as base64,
//     dates and timestamps as markers, other casts as their text).
// (c) Bindings — a Parse text with $1..$n equal to a recorded template with its placeholders numbered ($1, $2
//     … in order for %s; for %(name)s each distinct name numbered by first appearance, repeats reusing it)
//     and n bound values: that template (whitespace runs may differ, as in (b): the template then the one
//     the client had, its fixed text as sent); parameters the first recorded set equal to the values (text format
//     compared as in (b), untyped text — OID 0, text, varchar, unknown — against any recorded type by its
//     text), else the values typed by OID: int2/4/8 and oid, float4/8, numeric, bool, bytea, date,
//     timestamp(tz), text-like as strings; binary format decoded for those OIDs (others: bytes).
// (d) Unmapped — the text verbatim with null parameters; SqlMatcher's normalised and fuzzy rules still apply.
// A template is every recorded query with placeholders, also one recorded only with parameters that cannot
// fill them (null, [], the other style): a client may send it with parameters, and DataHub looks those up.
// A template that fits no statement exactly (a near miss) is never forced: such statements fall to (d).
// Not found by (b), so left to (d): templates whose placeholder touches a word or a number (`col%s`, `1%s`),
// follows a bare `-` (`-%s`) or sits inside quotes, a comment or a dollar-quoted string. Parse texts without
// bound values go through (a) and (b) like a simple Query.
// Lookups are hashed (rendered text; literal skeleton of the text then its first static literal; numbered
// $n text; recorded parameter sets by a coarse value key) and verified exactly; a lookup verifies at most
// MaxCandidates templates and spends a bounded number of parser steps per character, literals nest at most
// MaxLiteralDepth levels.
#pragma once

#include "core/common/jsonvalue.h"
#include "core/common/result.h"
#include "core/replay/sqlmatcher.h"

#include <QByteArray>
#include <QHash>
#include <QString>

#include <memory>
#include <optional>
#include <unordered_map>
#include <vector>

namespace tapedeck::replay {

// psycopg2 2.9.5's cursor.mogrify(query, parameters) for a recorded query and its DataHub-serialized
// parameters (null, a list, an object), standard_conforming_strings on. Fails where psycopg2 raises.
Result<QString> renderPsycopg2(const QString &query, const JsonValue &parameters);

// One parameter of an extended-protocol Bind, with the type the Parse message gave it (0: unspecified).
struct BoundValue
{
    std::optional<QByteArray> bytes; // nullopt: NULL
    qint16 format = 0; // 0 text, 1 binary
    quint32 typeOid = 0;
};

struct MappedStatement
{
    enum class Source : quint8 {
        Unmapped, // (d): the text verbatim, parameters null
        Verbatim, // (a): a recorded query with null or empty parameters
        Literals, // (b): a psycopg2-rendered text, literals extracted
        Bindings, // (c): $n bindings mapped onto a template
    };
    QString query; // what cursor.execute received as its query
    JsonValue parameters; // and its parameters, serialized as DataHub does
    Source source = Source::Unmapped;
    qsizetype record = -1; // the recording whose parameters were used, else the template's first; -1 for (d)
    bool recordedParameters = false; // parameters are a recorded set, verbatim
};

class StatementMapper
{
public:
    static constexpr int MaxCandidates = 64;
    static constexpr int MaxLiteralDepth = 100;

    explicit StatementMapper(const std::vector<RecordedQuery> &recorded);
    ~StatementMapper();
    StatementMapper(const StatementMapper &) = delete;
    StatementMapper &operator=(const StatementMapper &) = delete;

    // bound: absent for a simple Query, present (possibly empty) for a Parse/Bind pair.
    MappedStatement map(const QString &text, const std::optional<std::vector<BoundValue>> &bound = std::nullopt) const;

    qsizetype size() const { return qsizetype(m_recorded.size()); }
    qsizetype templateCount() const;

    struct Template;
    struct Bucket;

private:
    std::optional<MappedStatement> fromRendering(const QString &text) const;
    std::optional<MappedStatement> fromLiterals(const QString &text) const;
    std::optional<MappedStatement> fromBindings(const QString &text, const std::vector<BoundValue> &bound) const;

    std::vector<RecordedQuery> m_recorded;
    std::vector<std::unique_ptr<Template>> m_templates;
    QMultiHash<size_t, qsizetype> m_byRendering; // hash of the rendered text → record
    std::unordered_map<size_t, std::unique_ptr<Bucket>> m_bySkeleton; // hash of the literal skeleton → templates
    QMultiHash<size_t, int> m_byNumbered; // hash of the $n text → template
    QMultiHash<size_t, int> m_byNumberedLoosely; // hash of the $n text, whitespace runs collapsed → template
};

} // namespace tapedeck::replay
