// SPDX-License-Identifier: MIT
// tapedeck-cli diff: semantic comparison of recorded and replayed MCPs (files or recordings), as text for a
// terminal, JSON for scripts or Markdown for pull requests.
#include "app/cli/cli.h"
#include "app/cli/commands.h"
#include "core/common/controlchars.h"
#include "core/diff/metadatadiff.h"
#include "core/recording/recording.h"
#include "core/recording/recordingsource.h"

#include <QFileInfo>
#include <QLocale>

namespace tapedeck {

namespace {

QString number(qint64 n)
{
    return QLocale::system().toString(n);
}

// An input from the command line: a recording is opened and unlocked here, a file read by the diff.
Result<DiffInput> openInput(const Cli &cli, const QString &argument, const S3Options &s3,
    const PasswordOptions &passwords, const ExtractionLimits &limits, std::optional<Error> &recordingProblem)
{
    const Result<QString> local = cli.localSource(argument, s3);
    if (!local)
        return local.error();
    const QString &path = *local;
    if (!QFileInfo::exists(path))
        return makeError(ErrorCode::Io, Cli::tr("%1 does not exist").arg(path));
    if (!DiffInput::isRecordingPath(path))
        return DiffInput::file(path);
    auto source = cli.openUnlocked(path, passwords);
    if (!source)
        return source.error();
    Result<Recording> recording = Recording::load(**source, limits);
    if (!recording)
        return recording.error();
    if (!recordingProblem)
        recordingProblem = recording->mainProblem();
    return DiffInput::recording(std::make_shared<const Recording>(std::move(recording).value()), argument);
}

// One line; paths hold the data's keys and values its strings, so control characters are escaped.
QString fieldLine(const FieldDifference &f)
{
    const QString path = DiffPaths::display(f.path);
    switch (f.kind) {
    case FieldDifference::Kind::Added:
        return escapeControls(Cli::tr("%1: added %2").arg(path, DiffReport::shortJson(f.replayed)));
    case FieldDifference::Kind::Removed:
        return escapeControls(Cli::tr("%1: removed %2").arg(path, DiffReport::shortJson(f.recorded)));
    case FieldDifference::Kind::TypeChanged:
    case FieldDifference::Kind::Changed:
        break;
    }
    return escapeControls(
        Cli::tr("%1: %2 → %3")
            .arg(path, DiffReport::shortJson(f.recorded), DiffReport::shortJson(f.replayed)));
}

} // namespace

QString diffReportText(const Cli &cli, const DiffReport &report)
{
    using C = Cli::Colour;
    QString out;
    out += Cli::tr("Recorded: %1 (%2 MCPs)")
               .arg(escapeControls(report.recordedName), number(report.recordedMcps))
        + QLatin1Char('\n');
    out += Cli::tr("Replayed: %1 (%2 MCPs)")
               .arg(escapeControls(report.replayedName), number(report.replayedMcps))
        + QLatin1Char('\n');
    qint64 userRules = 0;
    for (const RuleUsage &r : report.rules)
        userRules += r.origin == IgnoreRule::Origin::User ? 1 : 0;
    // Untranslated plurals read right only with a separate singular.
    QString settings = userRules == 1
        ? Cli::tr("Preset %1, 1 ignore rule of yours").arg(DiffPresets::name(report.preset))
        : Cli::tr("Preset %1, %n ignore rules of yours", nullptr, int(userRules))
              .arg(DiffPresets::name(report.preset));
    if (report.strictCounts)
        settings += Cli::tr(", strict counts");
    if (report.compareSystemMetadata)
        settings += Cli::tr(", systemMetadata compared");
    out += settings + QLatin1Char('\n');

    if (!report.urnsAdded.isEmpty()) {
        out += QLatin1Char('\n') + Cli::tr("URNs only in the replay:") + QLatin1Char('\n');
        for (const QString &u : report.urnsAdded)
            out += QLatin1String("  ") + cli.paint(QLatin1String("+ ") + escapeControls(u), C::Green)
                + QLatin1Char('\n');
    }
    if (!report.urnsRemoved.isEmpty()) {
        out += QLatin1Char('\n') + Cli::tr("URNs only in the recording:") + QLatin1Char('\n');
        for (const QString &u : report.urnsRemoved)
            out += QLatin1String("  ") + cli.paint(QLatin1String("- ") + escapeControls(u), C::Red)
                + QLatin1Char('\n');
    }
    // Aspects of URNs that are only on one side are listed with their URN above, not again here.
    const QSet<QString> oneSided(report.urnsAdded.begin(), report.urnsAdded.end());
    const QSet<QString> oneSidedRemoved(report.urnsRemoved.begin(), report.urnsRemoved.end());
    QString currentUrn;
    for (const AspectDifference &a : report.aspects) {
        if ((a.duplicate && !report.strictCounts) || oneSided.contains(a.urn)
            || oneSidedRemoved.contains(a.urn))
            continue;
        if (a.urn != currentUrn) {
            currentUrn = a.urn;
            out += QLatin1Char('\n') + cli.paint(escapeControls(a.urn), C::Bold) + QLatin1Char('\n');
        }
        const QString aspect = escapeControls(a.aspect);
        QString line;
        QString suffix;
        if (a.count > 1)
            suffix += QStringLiteral(" ×") + QString::number(a.count);
        if (a.duplicate)
            suffix += Cli::tr(" (extra copies of a value both sides have)");
        switch (a.status) {
        case AspectDifference::Status::Added:
            line = cli.paint(Cli::tr("+ %1 added").arg(aspect) + suffix, C::Green);
            break;
        case AspectDifference::Status::Removed:
            line = cli.paint(Cli::tr("- %1 removed").arg(aspect) + suffix, C::Red);
            break;
        case AspectDifference::Status::Changed:
            line = cli.paint(Cli::tr("~ %1 changed").arg(aspect), C::Yellow);
            break;
        }
        out += QLatin1String("  ") + line + QLatin1Char('\n');
        for (const FieldDifference &f : a.fields)
            out += QLatin1String("      ") + fieldLine(f) + QLatin1Char('\n');
    }
    if (!report.duplicates.isEmpty() && !report.strictCounts) {
        out += QLatin1Char('\n')
            + Cli::tr("Repeated emissions (counts, not differences; --strict-counts makes them differences):")
            + QLatin1Char('\n');
        for (const DuplicateCount &d : report.duplicates) {
            out += QLatin1String("  ")
                + Cli::tr("%1 %2: %3× recorded, %4× replayed")
                      .arg(escapeControls(d.urn), escapeControls(d.aspect), QString::number(d.recorded),
                          QString::number(d.replayed))
                + QLatin1Char('\n');
        }
    }
    const DiffSummary &s = report.summary;
    out += QLatin1Char('\n')
        + Cli::tr("Summary: URNs %1 added, %2 removed; aspects %3 added, %4 removed, %5 changed (%6 field "
                  "differences); %7 URN/aspect pairs compared, %8 values identical.")
              .arg(number(s.urnsAdded), number(s.urnsRemoved), number(s.aspectsAdded),
                  number(s.aspectsRemoved), number(s.aspectsChanged), number(report.fieldDifferenceCount()),
                  number(s.aspectsCompared), number(s.valuesIdentical))
        + QLatin1Char('\n');
    if (report.match())
        out += cli.paint(DiffReport::PerfectMatch, C::Green) + QLatin1Char('\n');
    else
        out += cli.paint(Cli::tr("DIFFERENCES FOUND"), C::Red) + QLatin1Char('\n');
    return out;
}

namespace {

void warnAboutRules(const Cli &cli, const DiffReport &report)
{
    for (const RuleUsage &r : report.rules) {
        if (r.origin != IgnoreRule::Origin::User)
            continue;
        if (r.readAsRegex)
            cli.err(Cli::tr(
                "tapedeck-cli: note: --ignore-path \"%1\" is no path; it was read as a DeepDiff regex, "
                "as DataHub reads it\n")
                        .arg(escapeControls(r.rule)));
        if (r.used())
            continue;
        QString hint;
        if (r.kind == IgnoreRule::Kind::Regex && r.rule.contains(QLatin1String("['")))
            hint = Cli::tr(" (in a regex, [ ] is a character class: did you mean --ignore-path?)");
        cli.warn(Cli::tr("the ignore rule \"%1\" matched nothing%2").arg(r.rule, hint));
    }
}

} // namespace

int runDiff(const Cli &cli, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(Cli::tr(
        "Compare recorded and replayed MCPs semantically: grouped by URN and aspect, order and repeated "
        "emissions ignored, fields of the chosen preset ignored. Exit code 0 when they match, 1 when they "
        "differ."));
    parser.addPositionalArgument(QStringLiteral("recorded"),
        Cli::tr(
            "The recording's MCPs: an MCP file (JSON array or JSON lines), a cassette.yaml, or a recording "
            "(archive or folder)."),
        QStringLiteral("diff <recorded>"));
    parser.addPositionalArgument(
        QStringLiteral("replayed"), Cli::tr("The replay's MCPs, likewise."), QStringLiteral("<replayed>"));
    const QCommandLineOption ignorePath(QStringLiteral("ignore-path"),
        Cli::tr(
            "Ignore a place, e.g. root['*']['systemMetadata']['lastObserved'] or "
            "root['aspect']['fields'][*]['description']; [*] is any key or index, [**] any depth. Text that "
            "is no path is read as a DeepDiff regex, as DataHub reads --ignore-path. Repeatable."),
        Cli::tr("path"));
    const QCommandLineOption ignoreRegex(QStringLiteral("ignore-regex"),
        Cli::tr(
            "Ignore every place whose DeepDiff path (root[0].aspect['fields'][1]['x']) the regex matches, "
            "as `datahub check metadata-diff --ignore-path` does. Repeatable."),
        Cli::tr("regex"));
    const QCommandLineOption preset(QStringLiteral("preset"),
        Cli::tr("Fields ignored from the start: datahub (DataHub's defaults; the default), replay (also what "
                "always differs in a replay, like auditStamp.time) or none."),
        Cli::tr("name"), DiffPresets::name(DiffPreset::DataHub));
    const QCommandLineOption json(QStringLiteral("json"), Cli::tr("Write the report as JSON."));
    const QCommandLineOption markdown(QStringLiteral("markdown"), Cli::tr("Write the report as Markdown."));
    const QCommandLineOption strictCounts(QStringLiteral("strict-counts"),
        Cli::tr("Count an identical value emitted more often on one side as a difference."));
    const QCommandLineOption systemMetadata(QStringLiteral("compare-system-metadata"),
        Cli::tr("Compare systemMetadata too (DataHub never does; the preset's rules for it apply)."));
    parser.addOptions({ ignorePath, ignoreRegex, preset, json, markdown, strictCounts, systemMetadata });
    Cli::addPasswordOptions(parser);
    Cli::addS3Options(parser);
    Cli::addLimitOptions(parser);
    if (const std::optional<int> stop = cli.parse(parser, arguments))
        return *stop;
    if (parser.positionalArguments().size() != 2)
        return cli.usage(Cli::tr("diff needs two sources: the recorded and the replayed MCPs"));
    if (parser.isSet(json) && parser.isSet(markdown))
        return cli.usage(Cli::tr("--json and --markdown exclude each other"));
    const Result<ExtractionLimits> limits = Cli::limits(parser);
    if (!limits)
        return cli.usage(limits.error().message);

    DiffOptions options;
    const std::optional<DiffPreset> chosen = DiffPresets::fromName(parser.value(preset));
    if (!chosen)
        return cli.usage(Cli::tr("unknown preset \"%1\" (choose %2)")
                             .arg(parser.value(preset), DiffPresets::names().join(QLatin1String(", "))));
    options.preset = *chosen;
    options.strictCounts = parser.isSet(strictCounts);
    options.compareSystemMetadata = parser.isSet(systemMetadata);
    for (const QString &text : parser.values(ignorePath)) {
        Result<IgnoreRule> rule = IgnoreRule::parseIgnorePath(text);
        if (!rule)
            return cli.usage(Cli::tr("--ignore-path: %1").arg(rule.error().message));
        options.rules.append(std::move(rule).value());
    }
    for (const QString &text : parser.values(ignoreRegex)) {
        Result<IgnoreRule> rule = IgnoreRule::parseRegex(text);
        if (!rule)
            return cli.usage(Cli::tr("--ignore-regex: %1").arg(rule.error().message));
        options.rules.append(std::move(rule).value());
    }

    std::optional<Error> recordingProblem;
    const PasswordOptions passwords = Cli::passwordOptions(parser);
    const QStringList sources = parser.positionalArguments();
    Result<DiffInput> recorded = openInput(cli, sources.at(0), Cli::s3Options(parser), passwords, *limits, recordingProblem);
    if (!recorded)
        return cli.fail(recorded.error());
    Result<DiffInput> replayed = openInput(cli, sources.at(1), Cli::s3Options(parser), passwords, *limits, recordingProblem);
    if (!replayed)
        return cli.fail(replayed.error());

    const Result<DiffReport> report = MetadataDiff::run(*recorded, *replayed, options);
    if (!report)
        return cli.fail(report.error());
    for (const QString &w : report->warnings)
        cli.warn(w);
    warnAboutRules(cli, *report);
    if (parser.isSet(json))
        cli.out(QString::fromUtf8(report->toJson()));
    else if (parser.isSet(markdown))
        cli.out(report->toMarkdown());
    else
        cli.out(diffReportText(cli, *report));
    if (recordingProblem)
        return cli.fail(*recordingProblem);
    return report->match() ? 0 : int(ErrorCode::Differences);
}

} // namespace tapedeck
