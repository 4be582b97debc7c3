// SPDX-License-Identifier: MIT
// Diff ignore rules (--ignore-path, --ignore-regex, presets): parsing, IgnoreRule::hides() and the
// IgnoreMatcher automaton the diff walks with, held against each other.
//
// Input: the rule text (UTF-8) up to a NUL byte, a kind byte (path, regex, --ignore-path), a record
// position, then a place: segments that are list indexes or keys (each key up to a \x01 byte).
// Invariants:
// - a rule that does not parse fails with a Usage error that has a message;
// - IgnoreMatcher, walking the place key by key, takes it out exactly when hides() says the rule hides it
//   (the diff and the diff window's counts agree);
// - the matcher's shortcuts hold: where no rule is alive nothing below is taken out, and where the rules
//   are stable only their trigger keys can take anything out;
// - a path rule hides the place spelled by its own patterns, whatever the record's position;
// - a place written by DiffPaths::display() reads back as a rule that hides it and not its sibling (except
//   where the syntax itself merges places: ['aspect']['json'|'value'] and the wildcard keys * and **).
#include "core/diff/diffpath.h"
#include "core/diff/ignorematcher.h"
#include "core/diff/ignorerule.h"
#include "fuzzsupport.h"

using namespace tapedeck;
using namespace tapedeck::fuzz;

namespace {

// Walks path with a matcher over rules; true when some step takes the place (or one above it) out.
bool matcherHides(const QList<IgnoreRule> &rules, const DiffPath &path, qint64 recordIndex)
{
    IgnoreMatcher m(rules);
    if (m.beginRecord(recordIndex) >= 0)
        return true;
    bool deadAbove = false;
    for (const PathSegment &s : path) {
        const bool alive = m.alive();
        const bool stable = m.stable();
        const std::vector<QByteArray> triggers = stable ? m.triggerKeys() : std::vector<QByteArray>();
        deadAbove = deadAbove || !alive;
        const int hit = s.kind == PathSegment::Kind::Index ? m.enterIndex(s.index) : m.enterKey(s.key);
        FUZZ_CHECK(
            hit < 0 || !deadAbove, QStringLiteral("a rule took a place out below where none was alive"));
        if (stable && hit >= 0)
            FUZZ_CHECK(s.kind == PathSegment::Kind::Key
                    && std::find(triggers.cbegin(), triggers.cend(), s.key) != triggers.cend(),
                QStringLiteral("the rules were stable, yet %1 (no trigger) was taken out")
                    .arg(s.kind == PathSegment::Kind::Index ? QString::number(s.index)
                                                            : QString::fromUtf8(s.key)));
        if (hit >= 0)
            return true;
    }
    return false;
}

void checkAgreement(const IgnoreRule &rule, const DiffPath &path, qint64 recordIndex)
{
    const bool hides = rule.hides(path, recordIndex);
    FUZZ_CHECK(matcherHides({ rule }, path, recordIndex) == hides,
        QStringLiteral("rule %1: hides() says %2, the matcher %3 for %4 (record %5)")
            .arg(rule.text())
            .arg(hides)
            .arg(!hides)
            .arg(DiffPaths::display(path))
            .arg(recordIndex));
    if (rule.kind() == IgnoreRule::Kind::Path)
        FUZZ_CHECK(rule.hides(path, recordIndex + 1) == hides,
            QStringLiteral("path rule %1 depends on the record's position").arg(rule.text()));
}

// The place a path rule's own patterns spell: wildcards as a key, [**] as nothing, the record position
// left out.
DiffPath ownPlace(const IgnoreRule &rule)
{
    DiffPath path;
    const QList<IgnoreRule::Pattern> &patterns = rule.patterns();
    for (qsizetype k = 1; k < patterns.size(); ++k) {
        const IgnoreRule::Pattern &p = patterns.at(k);
        switch (p.kind) {
        case IgnoreRule::Pattern::Kind::Key:
            path.append(PathSegment::ofKey(p.key));
            break;
        case IgnoreRule::Pattern::Kind::Index:
            path.append(PathSegment::ofIndex(p.index));
            break;
        case IgnoreRule::Pattern::Kind::AnyOne:
            path.append(PathSegment::ofKey("any"));
            break;
        case IgnoreRule::Pattern::Kind::AnyDepth:
            break;
        }
    }
    return path;
}

void checkDisplayRoundTrip(const DiffPath &path)
{
    if (path.isEmpty() || path.first().kind != PathSegment::Kind::Key)
        return; // every place starts at a record field
    if (path.size() >= 2 && path.at(0).key == DiffPaths::AspectField
        && path.at(1).kind == PathSegment::Kind::Key
        && (path.at(1).key == "json" || path.at(1).key == "value"))
        return;
    for (const PathSegment &s : path) {
        if (s.kind == PathSegment::Kind::Key && (s.key == "*" || s.key == "**"))
            return;
    }
    const QString text = DiffPaths::display(path);
    const Result<IgnoreRule> rule = IgnoreRule::parsePath(text);
    FUZZ_CHECK(rule.ok(),
        QStringLiteral("display() wrote %1, which is no path: %2")
            .arg(text, rule.ok() ? QString() : rule.error().message));
    FUZZ_CHECK(rule->hides(path), QStringLiteral("%1 does not hide its own place").arg(text));
    DiffPath sibling = path;
    PathSegment &last = sibling.last();
    if (last.kind == PathSegment::Kind::Key)
        last.key += '~';
    else
        last.index += 1;
    FUZZ_CHECK(
        !rule->hides(sibling), QStringLiteral("%1 also hides %2").arg(text, DiffPaths::display(sibling)));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *bytes, std::size_t size)
{
    FuzzInput in(bytes, size);
    const QString text = QString::fromUtf8(in.until('\0'));
    const quint8 kind = in.byte() % 3;
    const qint64 recordIndex = qint64(in.number(20));
    DiffPath path;
    while (!in.isEmpty() && path.size() < 32) {
        const quint8 b = in.byte();
        if (b % 4 == 0)
            path.append(PathSegment::ofIndex(qint64(b / 4)));
        else
            path.append(PathSegment::ofKey(QString::fromUtf8(in.until('\x01')).toUtf8()));
    }

    const Result<IgnoreRule> rule = kind == 0 ? IgnoreRule::parsePath(text)
        : kind == 1                           ? IgnoreRule::parseRegex(text)
                                              : IgnoreRule::parseIgnorePath(text);
    checkDisplayRoundTrip(path);
    if (!rule) {
        FUZZ_CHECK_ERROR(rule.error());
        FUZZ_CHECK(rule.error().code == ErrorCode::Usage,
            QStringLiteral("error code %1").arg(int(rule.error().code)));
        return 0;
    }
    checkAgreement(*rule, path, recordIndex);
    for (qsizetype k = 0; k < path.size(); ++k)
        checkAgreement(*rule, path.first(k), recordIndex);
    if (rule->kind() == IgnoreRule::Kind::Path) {
        const DiffPath own = ownPlace(*rule);
        FUZZ_CHECK(rule->hides(own, recordIndex),
            QStringLiteral("%1 does not hide %2").arg(rule->text(), DiffPaths::display(own)));
        checkAgreement(*rule, own, recordIndex);
    }
    return 0;
}
