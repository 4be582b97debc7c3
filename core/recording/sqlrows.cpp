// SPDX-License-Identifier: MIT
// SQL result rows: column and cell rules.
#include "core/recording/sqlrows.h"

#include "core/common/utf8.h"

#include <QRegularExpression>

namespace tapedeck {

namespace {

bool isBinaryTypeCode(const JsonValue &type)
{
    if (type.isInteger())
        return type.toInt64() == 11 || type.toInt64() == 17;
    if (type.isString()) {
        static const QRegularExpression binary(
            QStringLiteral("BINARY|BYTES|BLOB|BYTEA"), QRegularExpression::CaseInsensitiveOption);
        return type.toString().contains(binary);
    }
    return false;
}

} // namespace

SqlRows::SqlRows(const SqlQuery &q)
    : m_rows(q.rows)
    , m_columns(q.columns)
{
    m_positional = !q.columnsFromDescription && m_columns == QStringList { QStringLiteral("row") }
        && std::all_of(m_rows.begin(), m_rows.end(),
            [](const JsonValue &row) { return row.size() == 1 && row.value(u"row").isArray(); });
    if (m_positional) {
        qsizetype width = 0;
        for (const JsonValue &row : m_rows)
            width = std::max(width, row.value(u"row").size());
        m_columns.clear();
        for (qsizetype c = 0; c < width; ++c)
            m_columns.append(QStringLiteral("#%1").arg(c + 1));
    }
    const JsonArray &description = q.description.toArray();
    for (qsizetype c = 0; c < m_columns.size(); ++c) {
        const bool described = q.columnsFromDescription && c < qsizetype(description.size());
        m_descriptions.append(
            described ? decodeUtf8(pythonDumps(description[size_t(c)], false, false)) : QString());
        m_hints.append(QueryLog::ValueHint::Auto);
        if (!described || description[size_t(c)].size() < 2
            || !isBinaryTypeCode(description[size_t(c)].toArray()[1]))
            continue;
        bool allBase64 = true;
        for (qsizetype r = 0; r < rowCount() && allBase64; ++r) {
            const JsonValue *v = cell(r, c);
            allBase64 = !v || v->isNull() || QueryLog::decodeBytes(*v);
        }
        if (allBase64)
            m_hints[c] = QueryLog::ValueHint::Bytes;
    }
}

const JsonValue *SqlRows::cell(qsizetype row, qsizetype column) const
{
    const JsonValue &r = m_rows[size_t(row)];
    if (m_positional) {
        const JsonValue *list = r.find(u"row");
        return list && column < list->size() ? &list->toArray()[size_t(column)] : nullptr;
    }
    if (r.isArray())
        return column < r.size() ? &r.toArray()[size_t(column)] : nullptr;
    return r.find(m_columns.at(column));
}

bool SqlRows::isNull(qsizetype row, qsizetype column) const
{
    const JsonValue *v = cell(row, column);
    return !v || v->isNull();
}

QString SqlRows::text(qsizetype row, qsizetype column) const
{
    const JsonValue *v = cell(row, column);
    return v ? QueryLog::displayValue(*v, m_hints.at(column)) : QString();
}

QString SqlRows::line(qsizetype row, qsizetype column, qsizetype maxLength) const
{
    return oneLine(text(row, column), maxLength);
}

QString SqlRows::oneLine(const QString &text, qsizetype maxLength)
{
    QString s = text;
    s.replace(QLatin1String("\r\n"), QStringLiteral("\u21b5"));
    s.replace(QLatin1Char('\n'), QChar(0x21b5));
    s.replace(QLatin1Char('\t'), QLatin1Char(' '));
    if (s.size() > maxLength)
        s = s.left(maxLength - 1) + QChar(0x2026);
    return s;
}

} // namespace tapedeck
