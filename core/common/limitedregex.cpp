// SPDX-License-Identifier: MIT
// Regular expressions with a bounded match cost.
#include "core/common/limitedregex.h"

#include <algorithm>

namespace tapedeck {

namespace {

// A start-of-pattern item: PCRE2 reads it before the pattern, and a (*LIMIT_MATCH=n) the user wrote after
// it wins (PCRE2 keeps the last one) but can never go above the library's own default.
const QString &limitPrefix()
{
    static const QString prefix = QStringLiteral("(*LIMIT_MATCH=%1)").arg(LimitedRegex::MatchLimit);
    return prefix;
}

bool isValidUtf16(QStringView text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i].isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate())
            ++i;
        else if (text[i].isSurrogate())
            return false;
    }
    return true;
}

QString withoutLoneSurrogates(QStringView text)
{
    QString out = text.toString();
    for (qsizetype i = 0; i < out.size(); ++i) {
        if (out[i].isHighSurrogate() && i + 1 < out.size() && out[i + 1].isLowSurrogate())
            ++i;
        else if (out[i].isSurrogate())
            out[i] = QChar::ReplacementCharacter;
    }
    return out;
}

} // namespace

LimitedRegex::LimitedRegex(const QString &pattern, QRegularExpression::PatternOptions options)
    : m_pattern(pattern)
    , m_regex(limitPrefix() + pattern, options)
{ }

qsizetype LimitedRegex::patternErrorOffset() const
{
    const qsizetype offset = m_regex.patternErrorOffset();
    if (offset < 0)
        return -1;
    return std::clamp<qsizetype>(offset - limitPrefix().size(), 0, m_pattern.size());
}

LimitedRegex::Outcome LimitedRegex::match(QStringView subject) const
{
    Q_ASSERT(isValid()); // an invalid pattern would look as if it gave up
    const QRegularExpressionMatch match = m_regex.match(subject);
    if (match.hasMatch())
        return Outcome::Match;
    // QRegularExpressionMatch is valid for "no match" and invalid for every PCRE error.
    if (match.isValid())
        return Outcome::NoMatch;
    if (!isValidUtf16(subject))
        return this->match(withoutLoneSurrogates(subject));
    return Outcome::GaveUp;
}

QString LimitedRegex::gaveUpReason()
{
    return tr("more than %1 steps (the match limit)").arg(MatchLimit);
}

} // namespace tapedeck
