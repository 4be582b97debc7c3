// SPDX-License-Identifier: MIT
// How often a replay served each recorded timeline event: an immutable snapshot, by timeline seq.
#pragma once

#include <QtGlobal>

#include <vector>

namespace tapedeck {

// Built by the replay side and handed over as a std::shared_ptr<const EventCoverage>: a new snapshot for
// every change, never one modified in place, so the timeline's filter threads may read it while the replay
// goes on.
struct EventCoverage
{
    static constexpr quint32 NotServable = 0xffffffffu; // MCP events, and events the replay does not serve
    std::vector<quint32> served; // by seq; seqs beyond the vector: NotServable

    // How often the event at `seq` was served; -1 when NotServable or out of range.
    qint64 servedOf(qsizetype seq) const
    {
        if (seq < 0 || size_t(seq) >= served.size())
            return -1;
        const quint32 count = served[size_t(seq)];
        return count == NotServable ? -1 : qint64(count);
    }
};

} // namespace tapedeck
