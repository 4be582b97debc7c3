// SPDX-License-Identifier: MIT
// JSON, through the three readers of untrusted JSON: JsonValue (queries, MCP aspects, bodies), the diff's
// McpScanner walker (MCP files, canonical hashes) and McpExtractor's scanner (GMS requests, reformatting).
//
// Input: the JSON text.
// Invariants:
// - the three readers agree on whether the text is JSON (one grammar, one nesting rule);
// - a parsed value written by pythonDumps (every option) parses again, and writing that gives the same
//   text; with the defaults the value read back equals the value (NaN aside);
// - prettyJson's text parses back to the same value (as far as UTF-8 can say it);
// - reformat() is idempotent and its text is JSON of the same value;
// - the canonical hash: McpScanner::hashJson of the text equals StructuralDiff::plainHash of the value (a
//   repeated key counting once, with its last value, as in Python), and does not change when the text is
//   rewritten with sorted keys (DeepDiff ignores key order);
// - a parse error says where (offset inside the text, line and column from 1) and why.
#include "core/common/jsonvalue.h"
#include "core/diff/mcpscanner.h"
#include "core/diff/structuraldiff.h"
#include "core/recording/mcpextractor.h"
#include "fuzzsupport.h"


#include <vector>

using namespace tapedeck;
using namespace tapedeck::fuzz;

namespace {

QString show(QByteArrayView text)
{
    return QString::fromUtf8(text.first(std::min<qsizetype>(text.size(), 300)).toByteArray());
}

JsonValue reparse(const QByteArray &text, const char *what)
{
    JsonParseInfo info;
    Result<JsonValue> again = JsonValue::parse(text, &info);
    FUZZ_CHECK(again.ok(),
        QStringLiteral("%1 does not parse back (%2): %3").arg(QLatin1String(what), info.reason, show(text)));
    return std::move(again).value();
}

void checkWriters(const JsonValue &value)
{
    const QByteArray plain = pythonDumps(value);
    const JsonValue back = reparse(plain, "pythonDumps()");
    FUZZ_CHECK(
        pythonDumps(back) == plain, QStringLiteral("pythonDumps() is no fixpoint: %1").arg(show(plain)));
    if (!plain.contains("NaN"))
        FUZZ_CHECK(
            back == value, QStringLiteral("pythonDumps() reads back as another value: %1").arg(show(plain)));

    for (int variant = 0; variant < 4; ++variant) {
        JsonDumpOptions options;
        options.sortKeys = variant == 0;
        options.ensureAscii = variant != 1;
        options.indent = variant == 2 ? 2 : (variant == 3 ? 0 : -1);
        options.originalNumbers = variant >= 2;
        const QByteArray text = pythonDumps(value, options);
        const QByteArray again = pythonDumps(reparse(text, "pythonDumps(options)"), options);
        FUZZ_CHECK(again == text,
            QStringLiteral("pythonDumps(variant %1) is no fixpoint:\n%2\n%3")
                .arg(variant)
                .arg(show(text), show(again)));
    }

    const QByteArray pretty = prettyJson(value).toUtf8();
    const JsonValue fromPretty = reparse(pretty, "prettyJson()");
    FUZZ_CHECK(pythonDumps(fromPretty, false, false) == pythonDumps(value, false, false),
        QStringLiteral("prettyJson() reads back as another value: %1").arg(show(pretty)));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *bytes, std::size_t size)
{
    const QByteArray text(reinterpret_cast<const char *>(bytes), qsizetype(size));
    JsonParseInfo info;
    const Result<JsonValue> value = JsonValue::parse(text, &info);
    QString scannerError;
    const std::optional<quint64> hash = McpScanner::hashJson(text, &scannerError);
    const Result<QByteArray> reformatted = McpExtractor::reformat(text);

    FUZZ_CHECK(value.ok() == hash.has_value() && value.ok() == reformatted.ok(),
        QStringLiteral("JsonValue %1, McpScanner %2, McpExtractor %3: %4")
            .arg(value.ok() ? QStringLiteral("accepts") : QStringLiteral("refuses (") + info.reason + u')',
                hash ? QStringLiteral("accepts") : QStringLiteral("refuses (") + scannerError + u')',
                reformatted ? QStringLiteral("accepts")
                            : QStringLiteral("refuses (") + reformatted.error().message + u')',
                show(text)));
    if (!value) {
        FUZZ_CHECK_ERROR(value.error());
        FUZZ_CHECK(!info.reason.isEmpty() && info.errorOffset >= 0 && info.errorOffset <= text.size()
                && info.errorLine >= 1 && info.errorColumn >= 1,
            QStringLiteral("error at offset %1, line %2, column %3: %4")
                .arg(info.errorOffset)
                .arg(info.errorLine)
                .arg(info.errorColumn)
                .arg(info.reason));
        return 0;
    }
    checkWriters(*value);

    const QByteArray canonical = pythonDumps(*value);
    FUZZ_CHECK(McpScanner::hashJson(canonical) == StructuralDiff::plainHash(*value),
        QStringLiteral("the scanner's hash is not the value's: %1").arg(show(canonical)));
    // Duplicate keys: Python (and so DataHub's diff) keeps the last value; malformed UTF-8 is U+FFFD.
    FUZZ_CHECK(*hash == StructuralDiff::plainHash(*value),
        QStringLiteral("the scanner's hash of the text is not the value's: %1").arg(show(text)));
    JsonDumpOptions sorted;
    sorted.sortKeys = true;
    const QByteArray sortedText = pythonDumps(*value, sorted);
    FUZZ_CHECK(McpScanner::hashJson(sortedText) == StructuralDiff::plainHash(*value),
        QStringLiteral("sorting the keys changes the canonical hash: %1").arg(show(sortedText)));

    const Result<QByteArray> twice = McpExtractor::reformat(*reformatted);
    FUZZ_CHECK(twice.ok() && *twice == *reformatted,
        QStringLiteral("reformat() is not idempotent: %1").arg(show(*reformatted)));
    const JsonValue fromReformat = reparse(*reformatted, "reformat()");
    FUZZ_CHECK(pythonDumps(fromReformat, false, false) == pythonDumps(*value, false, false),
        QStringLiteral("reformat() changes the value: %1").arg(show(*reformatted)));
    return 0;
}
