// SPDX-License-Identifier: MIT
// Ignore rules: the path syntax parser, DataHub's regex rewriting and matching one path.
#include "core/diff/ignorerule.h"

#include "core/common/limitedregex.h"
#include "core/common/nesting.h"
#include "core/common/utf8.h"

namespace tapedeck {

namespace {

using Pattern = IgnoreRule::Pattern;

// The record's position, the record field (aspect, …) and one pattern per level of its JSON: a longer
// path could only match data nested deeper than any parser accepts.
constexpr qsizetype MaxPatterns = Nesting::MaxDepth + 2;

class PathParser
{
public:
    explicit PathParser(const QString &text)
        : m_s(text)
    { }

    // The patterns as written, record position first; error is set when the text is no path.
    std::optional<QList<Pattern>> parse()
    {
        QList<Pattern> patterns;
        skipSpace();
        bool rooted = false;
        if (m_s.mid(m_pos).startsWith(QLatin1String("root"))) {
            m_pos += 4;
            rooted = true;
        } else if (!m_s.mid(m_pos).startsWith(QLatin1String("aspect"))
            && !m_s.mid(m_pos).startsWith(QLatin1String(".aspect"))
            && !m_s.mid(m_pos).startsWith(QLatin1String("change_type"))
            && !m_s.mid(m_pos).startsWith(QLatin1String(".change_type"))) {
            return fail(IgnoreRule::tr("a path starts with root"));
        }
        if (!rooted)
            patterns.append(Pattern { Pattern::Kind::AnyOne, {}, 0 });
        bool first = rooted;
        while (true) {
            skipSpace();
            if (m_pos >= m_s.size())
                break;
            const QChar c = m_s.at(m_pos);
            std::optional<Pattern> p;
            if (c == QLatin1Char('[')) {
                p = bracket();
            } else if (c == QLatin1Char('.') || (!rooted && patterns.size() == 1 && c.isLetter())) {
                p = attributeName(patterns.size() <= 1);
            } else {
                return fail(IgnoreRule::tr("unexpected '%1'").arg(c));
            }
            if (!p)
                return std::nullopt;
            if (patterns.size() >= MaxPatterns) {
                m_tooDeep = true;
                return fail(Nesting::tooDeep());
            }
            if (first) {
                first = false;
                // The record's position: never compared (see the header), so any position will do.
                if (p->kind == Pattern::Kind::Index || p->kind == Pattern::Kind::AnyOne) {
                    patterns.append(Pattern { Pattern::Kind::AnyOne, {}, 0 });
                    continue;
                }
                // Left out: a key or [**] is already below the record, so the position is taken as [*] (a
                // leading [**] must not reach it, or root[**][0] would hide every first record).
                if (p->kind == Pattern::Kind::Key || p->kind == Pattern::Kind::AnyDepth)
                    patterns.append(Pattern { Pattern::Kind::AnyOne, {}, 0 });
            }
            patterns.append(*p);
        }
        if (patterns.isEmpty())
            patterns.append(Pattern { Pattern::Kind::AnyOne, {}, 0 });
        // ['aspect']['json'] and ['aspect']['value'] are the aspect, as DataHub's convert_path has it.
        if (patterns.size() >= 3 && patterns.at(0).kind == Pattern::Kind::AnyOne
            && patterns.at(1).kind == Pattern::Kind::Key && patterns.at(1).key == DiffPaths::AspectField
            && patterns.at(2).kind == Pattern::Kind::Key
            && (patterns.at(2).key == "json" || patterns.at(2).key == "value"))
            patterns.removeAt(2);
        return patterns;
    }

    QString error() const { return m_error; }
    // The text is a path, only deeper than MaxPatterns.
    bool tooDeep() const { return m_tooDeep; }

private:
    std::nullopt_t fail(const QString &why)
    {
        if (m_error.isEmpty())
            m_error = IgnoreRule::tr("%1 at character %2").arg(why).arg(m_pos + 1);
        return std::nullopt;
    }

    void skipSpace()
    {
        while (m_pos < m_s.size() && m_s.at(m_pos).isSpace())
            ++m_pos;
    }

    // DeepDiff's .attribute spelling, which only AspectForDiff's fields have (recordLevel).
    std::optional<Pattern> attributeName(bool recordLevel)
    {
        if (m_s.at(m_pos) == QLatin1Char('.'))
            ++m_pos;
        const qsizetype start = m_pos;
        while (m_pos < m_s.size() && (m_s.at(m_pos).isLetterOrNumber() || m_s.at(m_pos) == QLatin1Char('_')))
            ++m_pos;
        const QString name = m_s.mid(start, m_pos - start);
        if (!recordLevel) {
            m_pos = start;
            return fail(IgnoreRule::tr("JSON has no attributes: write ['%1']").arg(name));
        }
        static const QList<std::pair<QString, QByteArray>> names {
            { QStringLiteral("aspect"), DiffPaths::AspectField },
            { QStringLiteral("change_type"), DiffPaths::ChangeTypeField },
            { QStringLiteral("urn"), DiffPaths::UrnField },
            { QStringLiteral("aspect_name"), DiffPaths::AspectNameField },
            { QStringLiteral("system_metadata"), DiffPaths::SystemMetadataField },
        };
        for (const auto &[attribute, field] : names) {
            if (name == attribute)
                return Pattern { Pattern::Kind::Key, field, 0 };
        }
        m_pos = start;
        if (name.isEmpty())
            return fail(IgnoreRule::tr("expected a name after '.'"));
        return fail(IgnoreRule::tr("unknown attribute .%1 (DeepDiff's are .aspect, .change_type, .urn and "
                                   ".aspect_name)")
                        .arg(name));
    }

    std::optional<Pattern> bracket()
    {
        ++m_pos; // '['
        skipSpace();
        if (m_pos >= m_s.size())
            return fail(IgnoreRule::tr("the path ends inside [ ]"));
        Pattern p;
        const QChar c = m_s.at(m_pos);
        if (c == QLatin1Char('\'') || c == QLatin1Char('"')) {
            const std::optional<QString> key = quoted(c);
            if (!key)
                return std::nullopt;
            if (*key == QLatin1String("*"))
                p.kind = Pattern::Kind::AnyOne;
            else if (*key == QLatin1String("**"))
                p.kind = Pattern::Kind::AnyDepth;
            else
                p.key = key->toUtf8();
        } else if (m_s.mid(m_pos).startsWith(QLatin1String("**"))) {
            p.kind = Pattern::Kind::AnyDepth;
            m_pos += 2;
        } else if (c == QLatin1Char('*')) {
            p.kind = Pattern::Kind::AnyOne;
            ++m_pos;
        } else if (c.isDigit()) {
            const qsizetype start = m_pos;
            while (m_pos < m_s.size() && m_s.at(m_pos).isDigit())
                ++m_pos;
            bool ok = false;
            p.kind = Pattern::Kind::Index;
            p.index = m_s.mid(start, m_pos - start).toLongLong(&ok);
            if (!ok) {
                m_pos = start;
                return fail(IgnoreRule::tr("the index is too large"));
            }
        } else {
            return fail(IgnoreRule::tr("expected a quoted key, an index, * or ** inside [ ]"));
        }
        skipSpace();
        if (m_pos >= m_s.size() || m_s.at(m_pos) != QLatin1Char(']'))
            return fail(IgnoreRule::tr("expected ']'"));
        ++m_pos;
        return p;
    }

    std::optional<QString> quoted(QChar quote)
    {
        const qsizetype start = m_pos;
        ++m_pos;
        QString out;
        while (m_pos < m_s.size()) {
            const QChar c = m_s.at(m_pos);
            if (c == quote) {
                ++m_pos;
                return out;
            }
            if (c == QLatin1Char('\\') && m_pos + 1 < m_s.size()) {
                out += m_s.at(m_pos + 1);
                m_pos += 2;
                continue;
            }
            out += c;
            ++m_pos;
        }
        m_pos = start;
        return fail(IgnoreRule::tr("the quoted key is not closed"));
    }

    QString m_s;
    qsizetype m_pos = 0;
    QString m_error;
    bool m_tooDeep = false;
};

// NFA over patterns: state p means patterns[0, p) are matched. [**] may match nothing.
void addClosed(QList<qsizetype> &states, const QList<Pattern> &patterns, qsizetype p)
{
    for (;; ++p) {
        if (!states.contains(p))
            states.append(p);
        if (p >= patterns.size() || patterns.at(p).kind != Pattern::Kind::AnyDepth)
            return;
    }
}

bool segmentMatches(const Pattern &p, const PathSegment &s)
{
    switch (p.kind) {
    case Pattern::Kind::Key:
        return s.kind == PathSegment::Kind::Key && s.key == p.key;
    case Pattern::Kind::Index:
        return s.kind == PathSegment::Kind::Index && s.index == p.index;
    case Pattern::Kind::AnyOne:
    case Pattern::Kind::AnyDepth:
        return true;
    }
    return false;
}

} // namespace

Result<IgnoreRule> IgnoreRule::parsePath(const QString &text, Origin origin)
{
    bool tooDeep = false;
    return parsePath(text, origin, tooDeep);
}

Result<IgnoreRule> IgnoreRule::parsePath(const QString &text, Origin origin, bool &tooDeep)
{
    PathParser parser(text);
    const std::optional<QList<Pattern>> patterns = parser.parse();
    tooDeep = parser.tooDeep();
    if (!patterns)
        return makeError(ErrorCode::Usage, tr("\"%1\" is not a path: %2").arg(text, parser.error()));
    IgnoreRule rule;
    rule.m_kind = Kind::Path;
    rule.m_origin = origin;
    rule.m_text = text;
    rule.m_patterns = *patterns;
    return rule;
}

QString IgnoreRule::convertDataHubRegex(const QString &regex)
{
    // mcp_diff.py: re.sub(r"^root\\?\[([0-9]+|\\d\+)\\?]\\?\['aspect'\\?](\\?\['(json|value)'\\?])?",
    //                     r"root\[\\d+].aspect", path)
    static const QRegularExpression prefix(
        QStringLiteral(R"(^root\\?\[([0-9]+|\\d\+)\\?]\\?\['aspect'\\?](\\?\['(json|value)'\\?])?)"));
    const QRegularExpressionMatch m = prefix.match(regex);
    if (!m.hasMatch())
        return regex;
    return QStringLiteral(R"(root\[\d+].aspect)") + regex.mid(m.capturedEnd());
}

Result<IgnoreRule> IgnoreRule::parseRegex(const QString &text, Origin origin)
{
    const QString converted = convertDataHubRegex(text);
    const LimitedRegex re(converted);
    if (!re.isValid())
        return makeError(ErrorCode::Usage,
            tr("\"%1\" is not a valid regular expression: %2 at character %3")
                .arg(text, re.errorString())
                .arg(re.patternErrorOffset() + 1));
    IgnoreRule rule;
    rule.m_kind = Kind::Regex;
    rule.m_origin = origin;
    rule.m_text = text;
    rule.m_regex = converted;
    return rule;
}

Result<IgnoreRule> IgnoreRule::parseIgnorePath(const QString &text)
{
    bool tooDeep = false;
    Result<IgnoreRule> path = parsePath(text, Origin::User, tooDeep);
    if (path || tooDeep) // a path too deep is still a path, not a regex
        return path;
    Result<IgnoreRule> regex = parseRegex(text);
    if (!regex)
        return makeError(ErrorCode::Usage,
            tr("%1, and not a regular expression either (%2)")
                .arg(path.error().message, QRegularExpression(text).errorString()));
    regex->m_readAsRegex = true;
    return regex;
}

bool IgnoreRule::hides(const DiffPath &path, qint64 recordIndex) const
{
    if (m_kind == Kind::Regex) {
        const LimitedRegex re(m_regex);
        for (qsizetype k = 0; k <= path.size(); ++k) {
            const QString text = decodeUtf8(DiffPaths::deepDiffText(recordIndex, path.first(k)));
            if (re.match(text) == LimitedRegex::Outcome::Match)
                return true;
        }
        return false;
    }
    QList<qsizetype> states;
    addClosed(states, m_patterns, 0);
    const PathSegment root = PathSegment::ofIndex(recordIndex);
    for (qsizetype k = 0; k <= path.size(); ++k) {
        const PathSegment &s = k == 0 ? root : path.at(k - 1);
        QList<qsizetype> next;
        for (const qsizetype p : std::as_const(states)) {
            if (p >= m_patterns.size())
                continue;
            const Pattern &pattern = m_patterns.at(p);
            if (pattern.kind == Pattern::Kind::AnyDepth)
                addClosed(next, m_patterns, p);
            else if (segmentMatches(pattern, s))
                addClosed(next, m_patterns, p + 1);
        }
        if (next.contains(m_patterns.size()))
            return true;
        states = next;
        if (states.isEmpty())
            return false;
    }
    return false;
}

} // namespace tapedeck
