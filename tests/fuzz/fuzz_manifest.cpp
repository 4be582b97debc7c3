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

bool sameFields(const Manifest &a, const Manifest &b)
{
    return a.formatVersion == b.formatVersion && a.runId == b.runId && a.sourceType == b.sourceType
        && a.sinkType == b.sinkType && a.datahubCliVersion == b.datahubCliVersion
        && a.pythonVersion == b.pythonVersion && a.createdAt == b.createdAt
        && a.recordingStartTime == b.recordingStartTime && a.checksums == b.checksums
        && a.hasException == b.hasException && a.exception.has_value() == b.exception.has_value()
        && (!a.exception
            || (a.exception->type == b.exception->type && a.exception->message == b.exception->message
                && a.exception->traceback == b.exception->traceback))
        && a.unknownKeys() == b.unknownKeys();
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
    FUZZ_CHECK(sameFields(*manifest, *again),
        QStringLiteral("the rewritten manifest reads differently:\n%1").arg(QString::fromUtf8(written)));
    FUZZ_CHECK(again->toJson(again->checksums) == written,
        QStringLiteral("writing the rewritten manifest again changes it:\n%1")
            .arg(QString::fromUtf8(written)));
    return 0;
}
