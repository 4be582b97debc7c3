// SPDX-License-Identifier: MIT
// Spelling diff paths the way Tapedeck's ignore rules read them and the way DeepDiff prints them.
#include "core/diff/diffpath.h"

#include "core/common/utf8.h"

namespace tapedeck::DiffPaths {

QString keyText(const QByteArray &key)
{
    const QString text = decodeUtf8(key);
    if (!text.contains(QLatin1Char('\'')) && !text.contains(QLatin1Char('\\')))
        return QLatin1String("['") + text + QLatin1String("']");
    if (!text.contains(QLatin1Char('"')) && !text.contains(QLatin1Char('\\')))
        return QLatin1String("[\"") + text + QLatin1String("\"]");
    QString escaped = text;
    escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    escaped.replace(QLatin1Char('\''), QLatin1String("\\'"));
    return QLatin1String("['") + escaped + QLatin1String("']");
}

QString display(const DiffPath &path)
{
    QString out = QStringLiteral("root");
    for (const PathSegment &s : path) {
        if (s.kind == PathSegment::Kind::Index)
            out += QLatin1Char('[') + QString::number(s.index) + QLatin1Char(']');
        else
            out += keyText(s.key);
    }
    return out;
}

QByteArray deepDiffRecordField(const QByteArray &field)
{
    // AspectForDiff's attribute names (datahub/testing/mcp_diff.py).
    if (field == AspectField)
        return QByteArrayLiteral(".aspect");
    if (field == ChangeTypeField)
        return QByteArrayLiteral(".change_type");
    if (field == UrnField)
        return QByteArrayLiteral(".urn");
    if (field == AspectNameField)
        return QByteArrayLiteral(".aspect_name");
    return "['" + field + "']";
}

QByteArray deepDiffText(qint64 recordIndex, const DiffPath &path)
{
    QByteArray out = "root[" + QByteArray::number(recordIndex) + ']';
    for (qsizetype i = 0; i < path.size(); ++i) {
        const PathSegment &s = path.at(i);
        if (s.kind == PathSegment::Kind::Index)
            out += '[' + QByteArray::number(s.index) + ']';
        else if (i == 0)
            out += deepDiffRecordField(s.key);
        else
            out += "['" + s.key + "']";
    }
    return out;
}

} // namespace tapedeck::DiffPaths
