// SPDX-License-Identifier: MIT
// MCP files as the diff reads them: McpScanner validates, finds each record's URN, aspect and change type
// and hashes the aspect while applying ignore rules, reading the file in windows.
//
// Input: a window-size byte, a flags byte, then the file (a JSON array or JSON lines of MCPs, MCEs, usage
// buckets).
// Invariants:
// - the window never matters: a tiny window (records cut anywhere) gives exactly the entries, hashes,
//   byte ranges, counters, warnings and verdict of the default 8 MiB one;
// - an error carries a message; entries point inside the file at JSON text;
// - the scanner and McpExtractor::fromFile (the events view of the same file) find the same MCPs: when the
//   scan succeeds, the extractor reads the same URNs, aspects and change types in the same order.
#include "core/common/utf8.h"
#include "core/diff/diffside.h"
#include "core/diff/ignorematcher.h"
#include "core/diff/ignorerule.h"
#include "core/diff/mcpscanner.h"
#include "core/recording/mcpextractor.h"
#include "fuzzsupport.h"

using namespace tapedeck;
using namespace tapedeck::fuzz;

namespace {

QList<IgnoreRule> rules()
{
    QList<IgnoreRule> list;
    for (const char *path : { "root['*']['systemMetadata']['lastObserved']", "root[**]['time']",
             "root['aspect']['fields'][*]['description']" })
        list.append(*IgnoreRule::parsePath(QString::fromLatin1(path)));
    list.append(*IgnoreRule::parseRegex(QStringLiteral("\\['created'\\]")));
    return list;
}

struct Scan
{
    bool ok = false;
    QStringList lines; // every entry and counter, or the error
    std::vector<DiffEntry> entries;
};

Scan scan(const QString &path, qint64 window, bool systemMetadata)
{
    IgnoreMatcher matcher(rules());
    McpScanner scanner(matcher, systemMetadata);
    if (window > 0)
        scanner.setWindowSize(window);
    DiffSide side;
    side.name = QStringLiteral("fuzz.json");
    Result<std::shared_ptr<DiffFile>> file = DiffFile::open(path);
    FUZZ_CHECK(file.ok(), file.ok() ? QString() : file.error().message);
    side.file = *file;
    Scan s;
    const Status status = scanner.scanFile(side);
    s.ok = status.ok();
    if (!status) {
        FUZZ_CHECK_ERROR(status.error());
        s.lines.append(status.error().message);
        return s;
    }
    for (const DiffEntry &e : side.entries) {
        s.lines.append(QString::fromUtf8(e.urn + ' ' + e.aspectName + ' ' + e.changeType) + QLatin1Char(' ')
            + QString::number(e.valueHash, 16) + QLatin1Char(' ') + QString::number(e.aspectBegin)
            + QLatin1Char('-') + QString::number(e.aspectEnd) + QLatin1Char(' ')
            + QString::number(e.metadataBegin) + QLatin1Char('-') + QString::number(e.metadataEnd)
            + QLatin1Char(' ') + QString::number(e.textIndex) + QLatin1Char(' ')
            + QString::number(e.groupIndex) + QLatin1Char(' ') + QString::number(e.recordIndex)
            + (e.excluded ? QLatin1String(" excluded") : QLatin1String()));
    }
    s.lines.append(QStringLiteral("records %1").arg(side.records));
    s.lines += side.warnings;
    for (size_t r = 0; r < matcher.hits().size(); ++r)
        s.lines.append(
            QString::number(matcher.hits()[r]) + QLatin1Char('/') + QString::number(matcher.shadowHits()[r]));
    for (const DiffEntry &e : side.entries) {
        for (const auto &[begin, end] :
            { std::pair(e.aspectBegin, e.aspectEnd), std::pair(e.metadataBegin, e.metadataEnd) }) {
            if (begin < 0)
                continue;
            const Result<QByteArray> span = side.span(e.textIndex, begin, end);
            FUZZ_CHECK(span.ok() && McpScanner::hashJson(*span).has_value(),
                QStringLiteral("entry %1: bytes %2..%3 are not JSON")
                    .arg(QString::fromUtf8(e.urn))
                    .arg(begin)
                    .arg(end));
        }
    }
    s.entries = std::move(side.entries);
    return s;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *bytes, std::size_t size)
{
    FuzzInput in(bytes, size);
    const qint64 window = 1 + in.byte() % 64;
    const bool systemMetadata = in.byte() & 1;
    const QByteArray json = in.rest().toByteArray();
    const QString path = memoryFile(json);

    const Scan whole = scan(path, 0, systemMetadata);
    const Scan windowed = scan(path, window, systemMetadata);
    FUZZ_CHECK(whole.lines == windowed.lines,
        QStringLiteral("a %1-byte window reads differently:\n  8 MiB: %2\n  small: %3")
            .arg(window)
            .arg(whole.lines.join(QLatin1String(" | ")), windowed.lines.join(QLatin1String(" | "))));
    if (!whole.ok)
        return 0;

    QStringList warnings;
    const Result<QList<McpRecord>> records
        = McpExtractor::fromFile(json, QStringLiteral("fuzz.json"), &warnings);
    FUZZ_CHECK(records.ok() || whole.entries.empty(),
        QStringLiteral("the scanner reads %1 MCPs, the extractor none: %2")
            .arg(whole.entries.size())
            .arg(records.ok() ? QString() : records.error().message));
    const qsizetype found = records.ok() ? records->size() : 0;
    FUZZ_CHECK(found == qsizetype(whole.entries.size()),
        QStringLiteral("the scanner reads %1 MCPs, the extractor %2").arg(whole.entries.size()).arg(found));
    for (qsizetype k = 0; k < found; ++k) {
        const McpRecord &r = records->at(k);
        const DiffEntry &e = whole.entries[size_t(k)];
        // Tapedeck's one UTF-8 encoder (a lone surrogate is U+FFFD; QString::toUtf8 writes '?').
        FUZZ_CHECK(toUtf8(r.entityUrn) == e.urn && toUtf8(r.aspectName) == e.aspectName
                && toUtf8(r.changeType) == e.changeType,
            QStringLiteral("MCP %1: scanner %2 %3 %4, extractor %5 %6 %7")
                .arg(k)
                .arg(QString::fromUtf8(e.urn), QString::fromUtf8(e.aspectName),
                    QString::fromUtf8(e.changeType), r.entityUrn, r.aspectName, r.changeType));
    }
    return 0;
}
