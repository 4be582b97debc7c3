// SPDX-License-Identifier: MIT
// Generalising a difference's path into ignore rules and counting what each would hide.
#include "core/diff/ignoresuggestions.h"

namespace tapedeck {

namespace {

QString anyIndex(const DiffPath &path, qsizetype from)
{
    QString out;
    for (qsizetype i = from; i < path.size(); ++i) {
        const PathSegment &s = path.at(i);
        out += s.kind == PathSegment::Kind::Index ? QStringLiteral("[*]") : DiffPaths::keyText(s.key);
    }
    return out;
}

} // namespace

QString IgnoreSuggestions::kindName(IgnoreSuggestion::Kind kind)
{
    switch (kind) {
    case IgnoreSuggestion::Kind::Exact:
        return tr("exactly here");
    case IgnoreSuggestion::Kind::AnyIndex:
        return tr("at any list position");
    case IgnoreSuggestion::Kind::AnyDepth:
        return tr("at any depth");
    }
    return {};
}

IgnoreSuggestion IgnoreSuggestions::count(const IgnoreRule &rule, const DiffReport &report)
{
    IgnoreSuggestion s;
    s.rule = rule.text();
    for (const AspectDifference &a : report.aspects) {
        if (a.status != AspectDifference::Status::Changed || a.fields.isEmpty())
            continue;
        int hidden = 0;
        for (const FieldDifference &f : a.fields)
            hidden += rule.hides(f.path, a.recordedGroupIndex) ? 1 : 0;
        s.fields += hidden;
        s.aspects += hidden == a.fields.size() ? 1 : 0;
    }
    return s;
}

QList<IgnoreSuggestion> IgnoreSuggestions::forPath(const DiffPath &path, const DiffReport &report)
{
    QList<std::pair<IgnoreSuggestion::Kind, QString>> texts;
    texts.append({ IgnoreSuggestion::Kind::Exact, DiffPaths::display(path) });
    texts.append({ IgnoreSuggestion::Kind::AnyIndex, QStringLiteral("root") + anyIndex(path, 0) });
    qsizetype lastKey = path.size() - 1;
    while (lastKey >= 0 && path.at(lastKey).kind != PathSegment::Kind::Key)
        --lastKey;
    if (lastKey >= 1) // below a record field: [**] over the fields themselves would be too broad
        texts.append(
            { IgnoreSuggestion::Kind::AnyDepth, QStringLiteral("root[**]") + anyIndex(path, lastKey) });
    QList<IgnoreSuggestion> out;
    QStringList seen;
    for (const auto &[kind, text] : texts) {
        if (seen.contains(text))
            continue;
        seen.append(text);
        const Result<IgnoreRule> rule = IgnoreRule::parsePath(text);
        if (!rule)
            continue;
        IgnoreSuggestion s = count(*rule, report);
        s.kind = kind;
        out.append(s);
    }
    return out;
}

} // namespace tapedeck
