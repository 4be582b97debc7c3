// SPDX-License-Identifier: MIT
// One side of a diff once read: an entry per MCP with its URN, aspect name and canonical value hash, and
// where its aspect text lives so that only the values that differ are ever parsed.
#pragma once

#include "core/common/result.h"
#include "core/diff/diffhash.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QStringList>

#include <memory>
#include <vector>

namespace tapedeck {

struct DiffEntry
{
    QByteArray urn; // decoded UTF-8 (shared by the side's entries of one URN)
    QByteArray aspectName;
    QByteArray changeType;
    // URN and aspect name are identified by two independent 64-bit hashes each: grouping and matching
    // never compare the strings (a collision of both would take 2^64 times longer than the universe).
    quint64 urnHash = 0;
    quint64 urnHash2 = 0;
    quint64 nameHash = 0;
    quint64 nameHash2 = 0;
    quint64 valueHash = 0; // changeType, aspect and (when compared) systemMetadata, after the ignore rules
    // The aspect's JSON text and the systemMetadata's, as byte ranges of the side's file (textIndex -1) or
    // of texts[textIndex]; begin < 0 when the record has none.
    qint64 aspectBegin = -1;
    qint64 aspectEnd = -1;
    qint64 metadataBegin = -1;
    qint64 metadataEnd = -1;
    qint32 textIndex = -1; // -1: the side's file; else texts[textIndex]
    qint32 recordIndex = 0; // position of the carrying record among the side's records
    qint32 groupIndex = 0; // position among the side's entries with the same URN and aspect
    bool excluded = false; // an ignore rule took the whole record out

    void setIdentity()
    {
        urnHash = DiffHash::string(urn.constData(), size_t(urn.size()));
        urnHash2 = DiffHash::bytes(urn.constData(), size_t(urn.size()), 0x75726e32);
        nameHash = DiffHash::string(aspectName.constData(), size_t(aspectName.size()));
        nameHash2 = DiffHash::bytes(aspectName.constData(), size_t(aspectName.size()), 0x6e616d32);
    }
};

// An MCP file being compared, read in windows and kept open, so that the few values that differ can be
// read again (by byte range) for the field comparison without holding the whole file in memory.
class DiffFile
{
    Q_DECLARE_TR_FUNCTIONS(DiffFile)

public:
    static Result<std::shared_ptr<DiffFile>> open(const QString &path);
    ~DiffFile();
    DiffFile(const DiffFile &) = delete;
    DiffFile &operator=(const DiffFile &) = delete;

    const QString &path() const { return m_path; }
    qint64 size() const { return m_size; }
    // Reads [offset, offset + length) fully; an Io error naming the file otherwise. Thread-safe.
    Status read(qint64 offset, char *into, qint64 length) const;
    Result<QByteArray> span(qint64 begin, qint64 end) const;
    // An InvalidInput error when the file's size or modification time changed since it was opened.
    Status checkUnchanged() const;
    // "line 3, column 7" of a byte offset (columns count characters); reads the file up to there.
    QString position(qint64 offset) const;

private:
    DiffFile() = default;
    int m_fd = -1;
    QString m_path;
    qint64 m_size = 0;
    qint64 m_modified = 0; // nanoseconds
};

struct DiffSide
{
    QString name; // as messages name it
    std::shared_ptr<DiffFile> file; // the MCP file the entries point into, if any
    QList<QByteArray> texts; // aspect and systemMetadata texts of records that came as McpRecords
    std::vector<DiffEntry> entries;
    QStringList warnings;
    qint64 records = 0; // records read (an MCE counts once)
    std::vector<qint64> hits; // per ignore rule
    std::vector<qint64> shadowHits;

    // The bytes [begin, end) of the file (textIndex -1) or of texts[textIndex].
    Result<QByteArray> span(qint32 textIndex, qint64 begin, qint64 end) const
    {
        if (textIndex >= 0)
            return texts.at(textIndex).mid(begin, end - begin);
        return file->span(begin, end);
    }
};

} // namespace tapedeck
