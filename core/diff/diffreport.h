// SPDX-License-Identifier: MIT
// What a metadata diff found, and its JSON (DESIGN.md §4, stable for scripts) and Markdown renderings.
#pragma once

#include "core/common/jsonvalue.h"
#include "core/diff/diffpreset.h"
#include "core/diff/ignorerule.h"
#include "core/diff/structuraldiff.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace tapedeck {

// One (URN, aspect) value that is only on one side, or a pair of values that differ.
struct AspectDifference
{
    enum class Status { Added, Removed, Changed };

    QString urn;
    QString aspect;
    Status status = Status::Changed;
    // How many identical copies an added or removed value stands for (repeated emissions).
    int count = 1;
    // An extra copy of a value the other side holds too (a difference only with --strict-counts).
    bool duplicate = false;
    QList<FieldDifference> fields; // Changed only
    // The compared values, for showing them side by side: aspect, changeType, systemMetadata.
    std::optional<JsonValue> recordedAspect;
    std::optional<JsonValue> replayedAspect;
    QString recordedChangeType;
    QString replayedChangeType;
    std::optional<JsonValue> recordedSystemMetadata;
    std::optional<JsonValue> replayedSystemMetadata;
    // Where the values came from: the record's position in its input, and among its URN and aspect's values.
    int recordedRecord = -1;
    int replayedRecord = -1;
    int recordedGroupIndex = 0;
    int replayedGroupIndex = 0;
};

// A value both sides hold, emitted a different number of times.
struct DuplicateCount
{
    QString urn;
    QString aspect;
    int recorded = 0;
    int replayed = 0;
};

// A URN and aspect whose values matched (listed only on request: DiffOptions::listIdentical).
struct IdenticalGroup
{
    QString urn;
    QString aspect;
    int values = 0; // values matched one to one
};

struct RuleUsage
{
    QString rule;
    IgnoreRule::Kind kind = IgnoreRule::Kind::Path;
    IgnoreRule::Origin origin = IgnoreRule::Origin::User;
    bool readAsRegex = false; // an --ignore-path that is no path, read as DataHub's regex
    qint64 hits = 0; // places it took out
    qint64 shadowHits = 0; // places it matched inside something another rule had taken out already
    bool used() const { return hits + shadowHits > 0; }
};

struct DiffSummary
{
    qint64 urnsAdded = 0;
    qint64 urnsRemoved = 0;
    qint64 aspectsAdded = 0;
    qint64 aspectsRemoved = 0;
    qint64 aspectsChanged = 0;
    qint64 urnsCompared = 0; // distinct URNs on either side
    qint64 aspectsCompared = 0; // distinct (URN, aspect) on either side
    qint64 valuesIdentical = 0; // values matched one to one
    qint64 duplicateEmissions = 0; // values emitted more often on one side (see DuplicateCount)
};

class DiffReport
{
    Q_DECLARE_TR_FUNCTIONS(DiffReport)

public:
    static inline const QString PerfectMatch = QStringLiteral("PERFECT SEMANTIC MATCH");

    QString recordedName;
    QString replayedName;
    qint64 recordedMcps = 0;
    qint64 replayedMcps = 0;
    DiffPreset preset = DiffPreset::DataHub;
    bool strictCounts = false;
    bool compareSystemMetadata = false;
    QStringList urnsAdded; // sorted
    QStringList urnsRemoved;
    QList<AspectDifference> aspects; // by URN, then aspect
    QList<DuplicateCount> duplicates;
    QList<IdenticalGroup> identical; // in the order compared (by URN hash); empty unless asked for
    QList<RuleUsage> rules; // every rule applied: the preset's, then the user's
    QStringList warnings; // problems with the inputs that did not stop the comparison
    DiffSummary summary;

    // Nothing differs after the ignore rules (extra copies count only with strictCounts).
    bool match() const;
    // The user's rules that matched nothing, as written.
    QStringList unusedRules() const;
    qint64 fieldDifferenceCount() const;

    // {match, summary: {urns_added, urns_removed, aspects_added, aspects_removed, aspects_changed, …},
    //  urns_added: [urn], urns_removed: [urn], aspects: [{urn, aspect, status, fields: [{path, recorded,
    //  replayed, change}], …}], unused_ignore_rules: [rule], …}, indented by two spaces.
    QByteArray toJson() const;
    // For pull requests and incident notes.
    QString toMarkdown() const;

    static QString statusName(AspectDifference::Status status); // "added", "removed", "changed"
    static QString kindName(FieldDifference::Kind kind); // "changed", "type_changed", "added", "removed"
    // A value as short JSON for one line of text (long strings and containers abbreviated).
    static QString shortJson(const std::optional<JsonValue> &value, int maxLength = 80);
};

} // namespace tapedeck
