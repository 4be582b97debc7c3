// SPDX-License-Identifier: MIT
// The preset rule sets, each rule with the reason it is there.
#include "core/diff/diffpreset.h"

namespace tapedeck {

QString DiffPresets::name(DiffPreset preset)
{
    switch (preset) {
    case DiffPreset::DataHub:
        return QStringLiteral("datahub");
    case DiffPreset::Replay:
        return QStringLiteral("replay");
    case DiffPreset::None:
        return QStringLiteral("none");
    }
    return {};
}

std::optional<DiffPreset> DiffPresets::fromName(const QString &name)
{
    for (const DiffPreset p : { DiffPreset::DataHub, DiffPreset::Replay, DiffPreset::None }) {
        if (name.compare(DiffPresets::name(p), Qt::CaseInsensitive) == 0)
            return p;
    }
    return std::nullopt;
}

QStringList DiffPresets::names()
{
    return { name(DiffPreset::DataHub), name(DiffPreset::Replay), name(DiffPreset::None) };
}

QString DiffPresets::description(DiffPreset preset)
{
    switch (preset) {
    case DiffPreset::DataHub:
        return tr("DataHub's default exclusions: aspect-level timestampMillis, lastUpdatedTimestamp, created "
                  "and lastModified, and systemMetadata's lastObserved, runId and lastRunId.");
    case DiffPreset::Replay:
        return tr("DataHub's default exclusions plus the emission-time fields that always differ between a "
                  "recording and its replay: every auditStamp.time and a checkpoint's runId.");
    case DiffPreset::None:
        return tr("No exclusions: every field of the aspects is compared.");
    }
    return {};
}

QStringList DiffPresets::ruleTexts(DiffPreset preset)
{
    // DataHub's default_exclude_paths (datahub/testing/compare_metadata_json.py), as regexes:
    //   root\[\d+\]\['systemMetadata'\]\['lastObserved'\]
    //   root\[\d+\]\['aspect'\]\['json'\]\['timestampMillis'\]      (and lastUpdatedTimestamp, created,
    //   root\[\d+\]\['aspect'\]\['json'\]\['lastModified'\]          lastModified: aspect level only)
    //   root\[\d+\].*?\['systemMetadata'\]\['runId'\]              (and lastRunId: at any depth)
    // convert_path turns the aspect ones into root\[\d+].aspect\['timestampMillis'\], which DeepDiff searches
    // in every path: they hide those keys right below the aspect and nowhere deeper. The systemMetadata
    // ones never match in DataHub, which does not compare systemMetadata at all; they matter here once
    // --compare-system-metadata is given. Written in the path syntax, with the same reach.
    QStringList rules {
        QStringLiteral("root[*]['aspect']['timestampMillis']"),
        QStringLiteral("root[*]['aspect']['lastUpdatedTimestamp']"),
        QStringLiteral("root[*]['aspect']['created']"),
        QStringLiteral("root[*]['aspect']['lastModified']"),
        QStringLiteral("root[*]['systemMetadata']['lastObserved']"),
        QStringLiteral("root[*][**]['systemMetadata']['runId']"),
        QStringLiteral("root[*][**]['systemMetadata']['lastRunId']"),
    };
    if (preset == DiffPreset::None)
        return {};
    if (preset == DiffPreset::Replay) {
        rules += {
            // AuditStamp.time is the clock at emission wherever a source has no time of its own: the
            // upstreamLineage upstreams' auditStamp (mce_builder's lineage helpers stamp get_sys_time()),
            // glossaryTerms.auditStamp, editable aspects. DataHub's recording docs name auditStamp.time as
            // one of the fields that always differ between a recording and its replay; the bundled sample's
            // replay differs in exactly this (and lastObserved). Any depth, since the stamp sits in lists.
            QStringLiteral("root[*][**]['auditStamp']['time']"),
            // datahubIngestionCheckpoint (stateful ingestion) stores the pipeline run's id at aspect level;
            // a replay is a new run with a new id. Its timestampMillis is already excluded above.
            QStringLiteral("root[*]['aspect']['runId']"),
        };
    }
    return rules;
}

QList<IgnoreRule> DiffPresets::rules(DiffPreset preset)
{
    QList<IgnoreRule> out;
    for (const QString &text : ruleTexts(preset)) {
        Result<IgnoreRule> rule = IgnoreRule::parsePath(text, IgnoreRule::Origin::Preset);
        Q_ASSERT(rule.ok());
        if (rule)
            out.append(std::move(rule).value());
    }
    return out;
}

} // namespace tapedeck
