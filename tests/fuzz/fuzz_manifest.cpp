// SPDX-License-Identifier: MIT
// manifest.json: parsing, and the rewrite `tapedeck-cli pack` does with fresh checksums.
//
// Input: the manifest's bytes.
// Invariants:
// - an error carries a message and the manifest's name;
// - a parsed manifest written back by toJson() (its own checksum table) parses again to the same manifest:
//   the same fields, checksums, exception and warnings about them; and writing that gives the same bytes;
// - every checksum kept is either a normalised SHA-256 digest or came with a warning.
#include "core/archive/manifest.h"
#include "fuzzsupport.h"

using namespace tapedeck;
using namespace tapedeck::fuzz;

namespace {

const QString Origin = QStringLiteral("fuzz/manifest.json");

// The first field in which two manifests differ; empty when they agree.
QString difference(const Manifest &a, const Manifest &b)
{
    const auto differs = [](const auto &x, const auto &y, const char *name) {
        return x == y ? QString() : QString::fromLatin1(name);
    };
    for (const QString &d : { differs(a.formatVersion, b.formatVersion, "format_version"),
             differs(a.runId, b.runId, "run_id"), differs(a.sourceType, b.sourceType, "source_type"),
             differs(a.sinkType, b.sinkType, "sink_type"),
             differs(a.datahubCliVersion, b.datahubCliVersion, "datahub_cli_version"),
             differs(a.pythonVersion, b.pythonVersion, "python_version"),
             differs(a.createdAt, b.createdAt, "created_at"),
             differs(a.recordingStartTime, b.recordingStartTime, "recording_start_time"),
             differs(a.checksums, b.checksums, "checksums"), differs(a.hasException, b.hasException, "has_exception"),
             differs(a.exception.has_value(), b.exception.has_value(), "exception"),
             differs(a.unknownKeys(), b.unknownKeys(), "unknown keys") }) {
        if (!d.isEmpty())
            return d;
    }
    if (a.exception
        && (a.exception->type != b.exception->type || a.exception->message != b.exception->message
            || a.exception->traceback != b.exception->traceback))
        return QStringLiteral("exception");
    return {};
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *bytes, std::size_t size)
{
    const QByteArray json(reinterpret_cast<const char *>(bytes), qsizetype(size));
    const Result<Manifest> manifest = Manifest::parse(json, Origin);
    if (!manifest) {
        FUZZ_CHECK_ERROR(manifest.error());
        FUZZ_CHECK(manifest.error().message.contains(Origin), manifest.error().message);
        return 0;
    }
    for (auto it = manifest->checksums.cbegin(); it != manifest->checksums.cend(); ++it) {
        const bool digest = Manifest::normalizeChecksum(it.value()) == it.value();
        FUZZ_CHECK(digest
                || manifest->warnings.contains(
                    Manifest::tr("the checksum of %1 is not a SHA-256 digest").arg(it.key())),
            QStringLiteral("checksum of %1 kept as \"%2\" without a warning").arg(it.key(), it.value()));
    }

    const QByteArray written = manifest->toJson(manifest->checksums);
    const Result<Manifest> again = Manifest::parse(written, Origin);
    FUZZ_CHECK(again.ok(),
        QStringLiteral("the rewritten manifest does not parse: %1\n%2")
            .arg(again.ok() ? QString() : again.error().message, QString::fromUtf8(written)));
    const QString different = difference(*manifest, *again);
    FUZZ_CHECK(different.isEmpty(),
        QStringLiteral("the rewritten manifest reads differently (%1):\n%2").arg(different, QString::fromUtf8(written)));
    FUZZ_CHECK(again->toJson(again->checksums) == written,
        QStringLiteral("writing the rewritten manifest again changes it:\n%1")
            .arg(QString::fromUtf8(written)));
    return 0;
}
