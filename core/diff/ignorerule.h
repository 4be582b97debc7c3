// SPDX-License-Identifier: MIT
// One rule that takes a place out of the comparison: Tapedeck's path syntax or a DeepDiff regex as
// DataHub's `datahub check metadata-diff --ignore-path` reads it.
#pragma once

#include "core/common/result.h"
#include "core/diff/diffpath.h"

#include <QCoreApplication>
#include <QList>
#include <QRegularExpression>
#include <QString>

namespace tapedeck {

// Path syntax (what DataHub's documentation shows and users copy):
//   root['*']['systemMetadata']['lastObserved']     root[*]['aspect']['fields'][*]['description']
//   root['aspect']['json']['created']               root[**]['auditStamp']['time']
// - the record's position after root ([3], [*], ['*']) may be left out and is never compared: records are
//   grouped by URN and aspect, so a position in the file means nothing;
// - ['key'] or ["key"] (backslash escapes the quote), [N] a list index, [*] or ['*'] any one key or index,
//   [**] any number (also none) of keys and indexes;
// - ['aspect']['json'] and ['aspect']['value'] both mean the aspect itself, as in DataHub;
// - DeepDiff's attribute spellings .aspect, .change_type, .urn, .aspect_name are accepted for the record
//   fields, and a path may start at aspect[…] (how DataHub prints a difference) instead of root;
// - at most Nesting::MaxDepth levels below the record field, as deep as any JSON Tapedeck reads.
// Regex (DeepDiff's exclude_regex_paths): searched (not anchored) in DeepDiff's path of every compared
// place, root[3].aspect['fields'][0]['x'] (see DiffPaths::deepDiffText), after DataHub's own rewriting of
// paths written for the file (root[3]['aspect']['json']… becomes root\[\d+].aspect…), with LimitedRegex's
// match limit: where a regex gives up, IgnoreMatcher reports it and the diff fails.
class IgnoreRule
{
    Q_DECLARE_TR_FUNCTIONS(IgnoreRule)

public:
    enum class Kind { Path, Regex };
    enum class Origin { User, Preset };

    struct Pattern
    {
        enum class Kind : quint8 { Key, Index, AnyOne, AnyDepth };
        Kind kind = Kind::Key;
        QByteArray key; // UTF-8
        qint64 index = 0;
    };

    static Result<IgnoreRule> parsePath(const QString &text, Origin origin = Origin::User);
    static Result<IgnoreRule> parseRegex(const QString &text, Origin origin = Origin::User);
    // What --ignore-path means: the path syntax; text that is no path but compiles as a regular expression
    // is read as DataHub reads its --ignore-path (a DeepDiff regex), so DataHub scripts keep working.
    static Result<IgnoreRule> parseIgnorePath(const QString &text);

    // DataHub's MCPDiff.convert_path: a regex written for the file's layout,
    // root\[\d+\]\['aspect'\]\['json'\]…, rewritten for its AspectForDiff objects, root\[\d+].aspect….
    static QString convertDataHubRegex(const QString &regex);

    Kind kind() const { return m_kind; }
    Origin origin() const { return m_origin; }
    const QString &text() const { return m_text; }
    // True for an --ignore-path that was read as a DataHub regex because it is no path.
    bool readAsRegex() const { return m_readAsRegex; }
    const QList<Pattern> &patterns() const { return m_patterns; }
    // The regex actually searched (after DataHub's rewriting); empty for path rules.
    const QString &regexPattern() const { return m_regex; }

    // Whether the rule excludes the place at path (or one that contains it) in record recordIndex of its
    // (URN, aspect) group: how the diff window counts what a new rule would hide. A regex that gives up
    // (LimitedRegex) counts as not hiding it.
    bool hides(const DiffPath &path, qint64 recordIndex = 0) const;
    // The same rule, or nothing, as the text an --ignore-path or --ignore-regex would give.
    bool operator==(const IgnoreRule &other) const
    {
        return m_kind == other.m_kind && m_text == other.m_text;
    }

private:
    // tooDeep: the text is a path, only nested deeper than the rule allows.
    static Result<IgnoreRule> parsePath(const QString &text, Origin origin, bool &tooDeep);

    Kind m_kind = Kind::Path;
    Origin m_origin = Origin::User;
    bool m_readAsRegex = false;
    QString m_text;
    QList<Pattern> m_patterns;
    QString m_regex;
};

} // namespace tapedeck
