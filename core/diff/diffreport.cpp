// SPDX-License-Identifier: MIT
// The diff report's verdict, its JSON for scripts and its Markdown for people.
#include "core/diff/diffreport.h"

#include "core/common/controlchars.h"
#include "core/common/utf8.h"
#include "core/recording/mcpextractor.h"

namespace tapedeck {

namespace {

JsonValue text(const QString &s)
{
    return JsonValue::string(s);
}

JsonValue count(qint64 n)
{
    return JsonValue::integer(n);
}

JsonValue strings(const QStringList &list)
{
    JsonArray out;
    for (const QString &s : list)
        out.push_back(text(s));
    return JsonValue::array(std::move(out));
}

// Inline code in Markdown, safe in a table cell.
QString code(QString s)
{
    // Values from the data: control characters (a newline would break the table) become visible escapes.
    s = escapeControls(s);
    s.replace(QLatin1Char('|'), QLatin1String("\\|"));
    if (s.isEmpty())
        return QStringLiteral("` `");
    if (!s.contains(QLatin1Char('`')))
        return QLatin1Char('`') + s + QLatin1Char('`');
    return QLatin1String("`` ") + s + QLatin1String(" ``");
}

} // namespace

bool DiffReport::match() const
{
    if (!urnsAdded.isEmpty() || !urnsRemoved.isEmpty())
        return false;
    for (const AspectDifference &a : aspects) {
        if (!a.duplicate || strictCounts)
            return false;
    }
    return true;
}

QStringList DiffReport::unusedRules() const
{
    QStringList out;
    for (const RuleUsage &r : rules) {
        if (r.origin == IgnoreRule::Origin::User && !r.used())
            out.append(r.rule);
    }
    return out;
}

qint64 DiffReport::fieldDifferenceCount() const
{
    qint64 n = 0;
    for (const AspectDifference &a : aspects)
        n += a.fields.size();
    return n;
}

QString DiffReport::statusName(AspectDifference::Status status)
{
    switch (status) {
    case AspectDifference::Status::Added:
        return QStringLiteral("added");
    case AspectDifference::Status::Removed:
        return QStringLiteral("removed");
    case AspectDifference::Status::Changed:
        return QStringLiteral("changed");
    }
    return {};
}

QString DiffReport::kindName(FieldDifference::Kind kind)
{
    switch (kind) {
    case FieldDifference::Kind::Changed:
        return QStringLiteral("changed");
    case FieldDifference::Kind::TypeChanged:
        return QStringLiteral("type_changed");
    case FieldDifference::Kind::Added:
        return QStringLiteral("added");
    case FieldDifference::Kind::Removed:
        return QStringLiteral("removed");
    }
    return {};
}

QString DiffReport::shortJson(const std::optional<JsonValue> &value, int maxLength)
{
    if (!value)
        return tr("(absent)");
    QString s = decodeUtf8(pythonDumps(*value, false, false));
    if (s.size() > maxLength)
        s = s.left(std::max(1, maxLength - 1)) + QChar(0x2026);
    return s;
}

QByteArray DiffReport::toJson() const
{
    JsonValue root = JsonValue::object();
    root.insert(QStringLiteral("match"), JsonValue::boolean(match()));
    root.insert(
        QStringLiteral("verdict"), text(match() ? PerfectMatch : QStringLiteral("DIFFERENCES FOUND")));

    JsonValue s = JsonValue::object();
    s.insert(QStringLiteral("urns_added"), count(summary.urnsAdded));
    s.insert(QStringLiteral("urns_removed"), count(summary.urnsRemoved));
    s.insert(QStringLiteral("aspects_added"), count(summary.aspectsAdded));
    s.insert(QStringLiteral("aspects_removed"), count(summary.aspectsRemoved));
    s.insert(QStringLiteral("aspects_changed"), count(summary.aspectsChanged));
    s.insert(QStringLiteral("field_differences"), count(fieldDifferenceCount()));
    s.insert(QStringLiteral("urns_compared"), count(summary.urnsCompared));
    s.insert(QStringLiteral("aspects_compared"), count(summary.aspectsCompared));
    s.insert(QStringLiteral("values_identical"), count(summary.valuesIdentical));
    s.insert(QStringLiteral("duplicate_emissions"), count(summary.duplicateEmissions));
    root.insert(QStringLiteral("summary"), std::move(s));

    root.insert(QStringLiteral("urns_added"), strings(urnsAdded));
    root.insert(QStringLiteral("urns_removed"), strings(urnsRemoved));

    JsonArray aspectList;
    for (const AspectDifference &a : aspects) {
        JsonValue o = JsonValue::object();
        o.insert(QStringLiteral("urn"), text(a.urn));
        o.insert(QStringLiteral("aspect"), text(a.aspect));
        o.insert(QStringLiteral("status"), text(statusName(a.status)));
        o.insert(QStringLiteral("count"), count(a.count));
        o.insert(QStringLiteral("duplicate"), JsonValue::boolean(a.duplicate));
        if (!a.recordedChangeType.isEmpty())
            o.insert(QStringLiteral("recorded_change_type"), text(a.recordedChangeType));
        if (!a.replayedChangeType.isEmpty())
            o.insert(QStringLiteral("replayed_change_type"), text(a.replayedChangeType));
        JsonArray fields;
        for (const FieldDifference &f : a.fields) {
            JsonValue field = JsonValue::object();
            field.insert(QStringLiteral("path"), text(DiffPaths::display(f.path)));
            field.insert(QStringLiteral("recorded"), f.recorded.value_or(JsonValue()));
            field.insert(QStringLiteral("replayed"), f.replayed.value_or(JsonValue()));
            field.insert(QStringLiteral("change"), text(kindName(f.kind)));
            fields.push_back(std::move(field));
        }
        o.insert(QStringLiteral("fields"), JsonValue::array(std::move(fields)));
        if (a.status == AspectDifference::Status::Removed && a.recordedAspect)
            o.insert(QStringLiteral("recorded_value"), *a.recordedAspect);
        if (a.status == AspectDifference::Status::Added && a.replayedAspect)
            o.insert(QStringLiteral("replayed_value"), *a.replayedAspect);
        aspectList.push_back(std::move(o));
    }
    root.insert(QStringLiteral("aspects"), JsonValue::array(std::move(aspectList)));

    JsonArray duplicateList;
    for (const DuplicateCount &d : duplicates) {
        JsonValue o = JsonValue::object();
        o.insert(QStringLiteral("urn"), text(d.urn));
        o.insert(QStringLiteral("aspect"), text(d.aspect));
        o.insert(QStringLiteral("recorded"), count(d.recorded));
        o.insert(QStringLiteral("replayed"), count(d.replayed));
        duplicateList.push_back(std::move(o));
    }
    root.insert(QStringLiteral("duplicates"), JsonValue::array(std::move(duplicateList)));
    root.insert(QStringLiteral("unused_ignore_rules"), strings(unusedRules()));

    JsonArray ruleList;
    for (const RuleUsage &r : rules) {
        JsonValue o = JsonValue::object();
        o.insert(QStringLiteral("rule"), text(r.rule));
        o.insert(QStringLiteral("kind"),
            text(r.kind == IgnoreRule::Kind::Path ? QStringLiteral("path") : QStringLiteral("regex")));
        o.insert(QStringLiteral("origin"),
            text(r.origin == IgnoreRule::Origin::User ? QStringLiteral("user") : DiffPresets::name(preset)));
        o.insert(QStringLiteral("hits"), count(r.hits));
        o.insert(QStringLiteral("shadow_hits"), count(r.shadowHits));
        o.insert(QStringLiteral("read_as_regex"), JsonValue::boolean(r.readAsRegex));
        ruleList.push_back(std::move(o));
    }
    root.insert(QStringLiteral("ignore_rules"), JsonValue::array(std::move(ruleList)));

    JsonValue side = JsonValue::object();
    side.insert(QStringLiteral("source"), text(recordedName));
    side.insert(QStringLiteral("mcps"), count(recordedMcps));
    root.insert(QStringLiteral("recorded"), std::move(side));
    side = JsonValue::object();
    side.insert(QStringLiteral("source"), text(replayedName));
    side.insert(QStringLiteral("mcps"), count(replayedMcps));
    root.insert(QStringLiteral("replayed"), std::move(side));
    root.insert(QStringLiteral("preset"), text(DiffPresets::name(preset)));
    root.insert(QStringLiteral("strict_counts"), JsonValue::boolean(strictCounts));
    root.insert(QStringLiteral("compare_system_metadata"), JsonValue::boolean(compareSystemMetadata));
    root.insert(QStringLiteral("warnings"), strings(warnings));

    const QByteArray compact = pythonDumps(root);
    const Result<QByteArray> indented = McpExtractor::reformat(compact, 2);
    return (indented ? *indented : compact) + '\n';
}

QString DiffReport::toMarkdown() const
{
    QString md;
    md += tr("## Metadata diff: %1 vs %2").arg(code(recordedName), code(replayedName))
        + QLatin1String("\n\n");
    if (match())
        md += QLatin1String("**") + PerfectMatch + QLatin1String("**");
    else
        md += tr("**Differences found**");
    md += QLatin1String("\n\n");
    md += tr("recorded MCPs: %1").arg(recordedMcps) + QStringLiteral(" · ")
        + tr("replayed MCPs: %1").arg(replayedMcps) + QStringLiteral(" · ")
        + tr("preset %1").arg(code(DiffPresets::name(preset)));
    if (strictCounts)
        md += QStringLiteral(" · ") + tr("strict counts");
    if (compareSystemMetadata)
        md += QStringLiteral(" · ") + tr("systemMetadata compared");
    md += QLatin1String("\n\n");
    md += tr("| | added | removed | changed |") + QLatin1Char('\n') + QLatin1String("|---|---:|---:|---:|\n");
    md += tr("| URNs | %1 | %2 | |").arg(summary.urnsAdded).arg(summary.urnsRemoved) + QLatin1Char('\n');
    md += tr("| Aspects | %1 | %2 | %3 |")
              .arg(summary.aspectsAdded)
              .arg(summary.aspectsRemoved)
              .arg(summary.aspectsChanged)
        + QLatin1Char('\n');
    md += QLatin1Char('\n')
        + tr("%1 URNs and %2 URN/aspect pairs compared; %3 values identical.")
              .arg(summary.urnsCompared)
              .arg(summary.aspectsCompared)
              .arg(summary.valuesIdentical)
        + QLatin1String("\n");

    if (!urnsAdded.isEmpty()) {
        md += QLatin1Char('\n') + tr("### URNs only in the replay") + QLatin1String("\n\n");
        for (const QString &u : urnsAdded)
            md += QLatin1String("- ") + code(u) + QLatin1Char('\n');
    }
    if (!urnsRemoved.isEmpty()) {
        md += QLatin1Char('\n') + tr("### URNs only in the recording") + QLatin1String("\n\n");
        for (const QString &u : urnsRemoved)
            md += QLatin1String("- ") + code(u) + QLatin1Char('\n');
    }
    const bool anyAspect = std::any_of(aspects.begin(), aspects.end(),
        [this](const AspectDifference &a) { return !a.duplicate || strictCounts; });
    if (anyAspect) {
        md += QLatin1Char('\n') + tr("### Aspects") + QLatin1String("\n\n");
        for (const AspectDifference &a : aspects) {
            if (a.duplicate && !strictCounts)
                continue;
            QString status = a.status == AspectDifference::Status::Added ? tr("added")
                : a.status == AspectDifference::Status::Removed          ? tr("removed")
                                                                         : tr("changed");
            if (a.count > 1)
                status += QStringLiteral(" ×") + QString::number(a.count);
            if (a.duplicate)
                status += QLatin1Char(' ') + tr("(extra copy)");
            md += QLatin1String("- ") + code(a.urn) + QStringLiteral(" · ") + code(a.aspect)
                + QStringLiteral(" — ") + status + QLatin1Char('\n');
            if (a.fields.isEmpty())
                continue;
            md += QLatin1Char('\n') + tr("  | path | recorded | replayed |") + QLatin1Char('\n')
                + QLatin1String("  |---|---|---|\n");
            for (const FieldDifference &f : a.fields) {
                md += QLatin1String("  | ") + code(DiffPaths::display(f.path)) + QLatin1String(" | ")
                    + code(shortJson(f.recorded, 200)) + QLatin1String(" | ")
                    + code(shortJson(f.replayed, 200)) + QLatin1String(" |\n");
            }
            md += QLatin1Char('\n');
        }
    }
    if (!duplicates.isEmpty() && !strictCounts) {
        md += QLatin1Char('\n') + tr("### Repeated emissions (not differences)") + QLatin1String("\n\n");
        for (const DuplicateCount &d : duplicates) {
            md += QLatin1String("- ") + code(d.urn) + QStringLiteral(" · ") + code(d.aspect)
                + QLatin1String(": ") + tr("%1× recorded, %2× replayed").arg(d.recorded).arg(d.replayed)
                + QLatin1Char('\n');
        }
    }
    const QStringList unused = unusedRules();
    if (!unused.isEmpty()) {
        md += QLatin1Char('\n') + tr("### Ignore rules that matched nothing") + QLatin1String("\n\n");
        for (const QString &r : unused)
            md += QLatin1String("- ") + code(r) + QLatin1Char('\n');
    }
    if (!warnings.isEmpty()) {
        md += QLatin1Char('\n') + tr("### Warnings") + QLatin1String("\n\n");
        for (const QString &w : warnings)
            md += QLatin1String("- ") + w + QLatin1Char('\n');
    }
    return md;
}

} // namespace tapedeck
