// SPDX-License-Identifier: MIT
// Counting checksum states.
#include "core/recording/checksumsummary.h"

namespace tapedeck {

ChecksumSummary ChecksumSummary::of(const QList<EntryCheck> &entries)
{
    ChecksumSummary summary;
    for (const EntryCheck &check : entries) {
        if (check.entry.isDirectory)
            continue;
        ++summary.files;
        switch (check.checksum) {
        case ChecksumState::Ok:
            ++summary.ok;
            break;
        case ChecksumState::Mismatch:
            ++summary.mismatched;
            break;
        case ChecksumState::Missing:
            ++summary.missing;
            break;
        case ChecksumState::Unreadable:
            ++summary.unreadable;
            break;
        case ChecksumState::Unlisted:
            ++summary.unlisted;
            break;
        }
    }
    return summary;
}

} // namespace tapedeck
