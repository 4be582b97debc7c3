// SPDX-License-Identifier: MIT
// The semantic metadata diff: MCPs grouped by URN, then aspect name, each group a multiset of values
// (order ignored) compared by canonical hash; only values without an identical counterpart are paired
// and compared field by field. DataHub's `datahub check metadata-diff` semantics, with its promises kept.
#pragma once

#include "core/common/progress.h"
#include "core/common/result.h"
#include "core/diff/diffinput.h"
#include "core/diff/diffpreset.h"
#include "core/diff/diffreport.h"
#include "core/diff/ignorerule.h"

#include <QCoreApplication>
#include <QList>

namespace tapedeck {

struct DiffOptions
{
    DiffPreset preset = DiffPreset::DataHub;
    QList<IgnoreRule> rules; // the user's, applied after the preset's
    // Repeated identical emissions are differences, not counts.
    bool strictCounts = false;
    // systemMetadata takes part in the comparison (DataHub never compares it).
    bool compareSystemMetadata = false;
    // The report lists the groups whose values were identical too (DiffReport::identical), for browsing.
    bool listIdentical = false;

    QList<IgnoreRule> allRules() const;
};

class MetadataDiff
{
    Q_DECLARE_TR_FUNCTIONS(MetadataDiff)

public:
    // Reads both sides in parallel, then compares. Blocks: run it off the GUI thread (progress reports
    // bytes read across both sides; cancelling returns an ErrorCode::Cancelled error). Errors name the
    // input: a missing file (Io), malformed JSON with line and column (InvalidInput).
    static Result<DiffReport> run(const DiffInput &recorded, const DiffInput &replayed,
        const DiffOptions &options, ProgressReporter *progress = nullptr);
};

} // namespace tapedeck
