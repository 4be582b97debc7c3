// SPDX-License-Identifier: MIT
// The columns of a recorded `description` (db/queries.jsonl) when a driver's column objects were written as
// text: DataHub's _serialize_value turns what is not a tuple into str(), and psycopg2's
// `psycopg2.extensions.Column` is not one, so every psycopg2 recording holds "Column(name='id',
// type_code=23)" (psycopg2 2.9.5: name and type code only); psycopg 3 writes "<Column 'id', type:
// numeric(10,2) (oid: 1700)>". Read by the inspector (column names) and by the replay's PostgreSQL endpoint
// (names, type OIDs and modifiers).
#pragma once

#include <QString>
#include <QStringView>

#include <optional>

namespace tapedeck {

struct DescribedColumnText
{
    std::optional<QString> name; // nullopt: not a column text Tapedeck knows
    std::optional<quint32> oid; // the PostgreSQL type OID the text names
    qint32 typeModifier = -1; // psycopg 3's numeric(p,s) / varchar(n) display, as PostgreSQL's typmod
};

// "Column(name='id', type_code=23)", "<Column 'id', type: numeric(10,2) (oid: 1700)>", or another
// "Class(name='id', …)" (the name only). Names are Python str reprs (either quote, escapes).
DescribedColumnText readDescribedColumnText(QStringView text);

// PostgreSQL 15's typmods: make_numeric_typmod (((p << 16) | (s & 0x7ff)) + 4) and a varchar/bpchar length
// (n + 4); -1 when out of range.
qint32 numericTypeModifier(qint64 precision, qint64 scale);
qint32 lengthTypeModifier(quint32 oid, qint64 length);

} // namespace tapedeck
