// SPDX-License-Identifier: MIT
// The result rows of one recorded SQL query as a table, with the column rules both front-ends apply:
// names from the cursor description, positional {"row": [...]} rows numbered, bytes columns recognised,
// cells formatted as DataHub's values read.
#pragma once

#include "core/recording/sqlquery.h"

#include <QCoreApplication>
#include <QStringList>

namespace tapedeck {

class SqlRows
{
    Q_DECLARE_TR_FUNCTIONS(SqlRows)

public:
    SqlRows() = default;
    explicit SqlRows(const SqlQuery &query);

    const QStringList &columns() const { return m_columns; }
    qsizetype rowCount() const { return qsizetype(m_rows.size()); }
    qsizetype columnCount() const { return m_columns.size(); }

    // The cell's value; nullptr when the row has no such column.
    const JsonValue *cell(qsizetype row, qsizetype column) const;
    bool isNull(qsizetype row, qsizetype column) const;
    // The whole value as text (datetimes, dates, bytes as hex, null as "None"); empty for a missing cell.
    QString text(qsizetype row, qsizetype column) const;
    // The value on one line: line breaks as ↵, tabs as spaces, cut with … at maxLength characters.
    QString line(qsizetype row, qsizetype column, qsizetype maxLength) const;
    static QString oneLine(const QString &text, qsizetype maxLength);

    // Bytes columns: the driver's type code says binary (Snowflake BINARY 11, PostgreSQL bytea 17, BigQuery
    // "BYTES", …) and every value is base64, since DataHub writes bytes as bare base64 strings.
    bool isBytesColumn(qsizetype column) const { return m_hints.at(column) == QueryLog::ValueHint::Bytes; }
    // The column's description tuple as JSON ("" when the cursor had no description).
    QString columnDescription(qsizetype column) const { return m_descriptions.value(column); }
    // {"row": [...]} rows: the cursor had no description, values are positional (#1, #2, …).
    bool isPositional() const { return m_positional; }

private:
    JsonArray m_rows;
    QStringList m_columns;
    QList<QueryLog::ValueHint> m_hints;
    QStringList m_descriptions;
    bool m_positional = false;
};

} // namespace tapedeck
