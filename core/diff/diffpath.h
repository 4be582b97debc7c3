// SPDX-License-Identifier: MIT
// Where a difference sits inside a compared MCP: the path from the record (aspect, changeType,
// systemMetadata) down to a key or list index, and its two spellings (Tapedeck's and DeepDiff's).
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace tapedeck {

struct PathSegment
{
    enum class Kind : quint8 { Key, Index };

    Kind kind = Kind::Key;
    QByteArray key; // UTF-8, decoded
    qint64 index = 0;

    static PathSegment ofKey(QByteArray key) { return { Kind::Key, std::move(key), 0 }; }
    static PathSegment ofIndex(qint64 index) { return { Kind::Index, {}, index }; }
    bool operator==(const PathSegment &other) const = default;
};

// The segments below the record: the first is the record field (see DiffPath::AspectField…), the rest
// go into that field's value. The record's own position is not part of it: positions do not survive
// grouping by URN and aspect.
using DiffPath = QList<PathSegment>;

namespace DiffPaths {

// The record fields a comparison looks at, under the file sink's names.
inline const QByteArray AspectField = QByteArrayLiteral("aspect");
inline const QByteArray ChangeTypeField = QByteArrayLiteral("changeType");
inline const QByteArray SystemMetadataField = QByteArrayLiteral("systemMetadata");
inline const QByteArray UrnField = QByteArrayLiteral("entityUrn");
inline const QByteArray AspectNameField = QByteArrayLiteral("aspectName");

// Tapedeck's spelling, which --ignore-path reads back: root['aspect']['fields'][3]['nativeDataType'].
QString display(const DiffPath &path);
// One key in brackets, quoted so that IgnoreRule::parsePath reads it back.
QString keyText(const QByteArray &key);

// DeepDiff's spelling of the same place in DataHub's comparison (mcp_diff.py diffs lists of AspectForDiff
// objects): root[3].aspect['fields'][3]['nativeDataType'], root[3].change_type. systemMetadata, which
// DataHub never compares, is spelled root[3]['systemMetadata'][…] so its own default patterns apply.
// Keys are quoted as DeepDiff quotes them: between single quotes, nothing escaped.
QByteArray deepDiffText(qint64 recordIndex, const DiffPath &path);
QByteArray deepDiffRecordField(const QByteArray &field); // ".aspect", ".change_type", "['systemMetadata']"

} // namespace DiffPaths

} // namespace tapedeck
