// SPDX-License-Identifier: MIT
// How a recording's entries fared against its manifest's checksums, counted once for the GUI and the CLI.
#pragma once

#include "core/recording/recording.h"

namespace tapedeck {

struct ChecksumSummary
{
    int files = 0; // entries that are files (folders left out), those listed but missing included
    int ok = 0;
    int mismatched = 0;
    int missing = 0; // listed in the manifest, not in the recording
    int unreadable = 0;
    int unlisted = 0; // read, but the manifest has no checksum for them (manifest.json, recipe.yaml)

    static ChecksumSummary of(const QList<EntryCheck> &entries);

    // Files the recording holds (the missing ones are only names from the manifest).
    int present() const { return files - missing; }
    // Files the manifest has a checksum for.
    int listed() const { return ok + mismatched + missing + unreadable; }
    int problems() const { return mismatched + missing + unreadable; }
    bool allOk() const { return problems() == 0; }

    friend bool operator==(const ChecksumSummary &, const ChecksumSummary &) = default;
};

} // namespace tapedeck
