// SPDX-License-Identifier: MIT
// One side of a diff once read: an entry per MCP with its URN, aspect name and canonical value hash, and
// where its aspect text lives so that only the values that differ are ever parsed.
#pragma once

#include "diff/diffhash.h"

#include <QByteArray>
#include <QList>
#include <QStringList>

#include <vector>

namespace tapedeck {

struct DiffEntry
{
    QByteArray urn; // decoded UTF-8; often a view into the side's data (QByteArray::fromRawData)
    QByteArray aspectName;
    QByteArray changeType;
    // URN and aspect name are identified by two independent 64-bit hashes each: grouping and matching
    // never compare the strings (a collision of both would take 2^64 times longer than the universe).
    quint64 urnHash = 0;
    quint64 urnHash2 = 0;
    quint64 nameHash = 0;
    quint64 nameHash2 = 0;
    quint64 valueHash = 0; // changeType, aspect and (when compared) systemMetadata, after the ignore rules
    // The aspect's JSON text and the systemMetadata's, as byte ranges of text(textIndex); begin < 0 when
    // the record has none.
    qint64 aspectBegin = -1;
    qint64 aspectEnd = -1;
    qint64 metadataBegin = -1;
    qint64 metadataEnd = -1;
    qint32 textIndex = -1; // -1: the side's data; else texts[textIndex]
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

struct DiffSide
{
    QString name; // as messages name it
    QByteArray data; // the MCP file as read
    QList<QByteArray> texts; // aspect and systemMetadata texts of records that came as McpRecords
    std::vector<DiffEntry> entries;
    QStringList warnings;
    qint64 records = 0; // records read (an MCE counts once)
    std::vector<qint64> hits; // per ignore rule
    std::vector<qint64> shadowHits;

    const QByteArray &text(qint32 index) const { return index < 0 ? data : texts.at(index); }
};

} // namespace tapedeck
