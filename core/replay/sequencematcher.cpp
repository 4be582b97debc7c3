// SPDX-License-Identifier: MIT
// difflib.SequenceMatcher's __chain_b, find_longest_match and get_matching_blocks (CPython 3.11, no isjunk).
#include "core/replay/sequencematcher.h"

#include <algorithm>
#include <unordered_map>

namespace tapedeck::replay {

namespace {

double calculateRatio(qsizetype matches, qsizetype length)
{
    return length ? 2.0 * double(matches) / double(length) : 1.0;
}

} // namespace

std::u32string SequenceMatcher::codePoints(QStringView text)
{
    std::u32string out;
    out.reserve(size_t(text.size()));
    for (qsizetype k = 0; k < text.size(); ++k) {
        const char16_t u = text[k].unicode();
        if (QChar::isHighSurrogate(u) && k + 1 < text.size() && QChar::isLowSurrogate(text[k + 1].unicode())) {
            out.push_back(QChar::surrogateToUcs4(u, text[k + 1].unicode()));
            ++k;
        } else {
            out.push_back(char32_t(u)); // a lone surrogate is one element, as in a Python str
        }
    }
    return out;
}

SequenceMatcher::SequenceMatcher(QStringView b)
    : m_b(codePoints(b))
{
    std::unordered_map<char32_t, std::vector<qsizetype>> b2j;
    for (qsizetype j = 0; j < qsizetype(m_b.size()); ++j)
        b2j[m_b[size_t(j)]].push_back(j);
    for (const auto &[c, where] : b2j)
        m_fullCounts.emplace_back(c, qsizetype(where.size()));
    std::sort(m_fullCounts.begin(), m_fullCounts.end());
    // autojunk: in a b of 200 or more, characters in more than n // 100 + 1 places are popular.
    const qsizetype n = qsizetype(m_b.size());
    const qsizetype ntest = n / 100 + 1;
    for (auto &[c, where] : b2j) {
        if (n >= 200 && qsizetype(where.size()) > ntest)
            continue;
        m_b2j.emplace_back(c, std::move(where));
    }
    std::sort(m_b2j.begin(), m_b2j.end(), [](const auto &l, const auto &r) { return l.first < r.first; });
}

const std::vector<qsizetype> *SequenceMatcher::positions(char32_t c) const
{
    const auto it = std::lower_bound(
        m_b2j.begin(), m_b2j.end(), c, [](const auto &entry, char32_t key) { return entry.first < key; });
    return it != m_b2j.end() && it->first == c ? &it->second : nullptr;
}

SequenceMatcher::Match SequenceMatcher::longestMatch(const std::u32string &a, qsizetype alo, qsizetype ahi,
    qsizetype blo, qsizetype bhi, std::vector<int> &row, std::vector<int> &next, std::vector<qsizetype> &touched,
    std::vector<qsizetype> &nextTouched) const
{
    // row[j + 1] = length of the match ending at a[i - 1], b[j] (difflib's j2len; zero where unset).
    qsizetype besti = alo;
    qsizetype bestj = blo;
    qsizetype bestsize = 0;
    for (qsizetype i = alo; i < ahi; ++i) {
        nextTouched.clear();
        if (const std::vector<qsizetype> *where = positions(a[size_t(i)])) {
            for (const qsizetype j : *where) {
                if (j < blo)
                    continue;
                if (j >= bhi)
                    break;
                const int k = row[size_t(j)] + 1; // row[j] is j2len[j - 1]
                next[size_t(j + 1)] = k;
                nextTouched.push_back(j + 1);
                if (k > bestsize) {
                    besti = i - k + 1;
                    bestj = j - k + 1;
                    bestsize = k;
                }
            }
        }
        for (const qsizetype t : touched)
            row[size_t(t)] = 0;
        std::swap(row, next);
        std::swap(touched, nextTouched);
    }
    for (const qsizetype t : touched)
        row[size_t(t)] = 0;
    touched.clear();
    // No junk without isjunk: the match grows over equal neighbours (popular characters included).
    while (besti > alo && bestj > blo && a[size_t(besti - 1)] == m_b[size_t(bestj - 1)]) {
        --besti;
        --bestj;
        ++bestsize;
    }
    while (besti + bestsize < ahi && bestj + bestsize < bhi && a[size_t(besti + bestsize)] == m_b[size_t(bestj + bestsize)])
        ++bestsize;
    return Match { besti, bestj, bestsize };
}

std::vector<SequenceMatcher::Block> SequenceMatcher::matchingBlocks(QStringView text) const
{
    return matchingBlocks(codePoints(text));
}

std::vector<SequenceMatcher::Block> SequenceMatcher::matchingBlocks(const std::u32string &a) const
{
    const qsizetype la = qsizetype(a.size());
    const qsizetype lb = qsizetype(m_b.size());
    std::vector<int> row(size_t(lb) + 1, 0);
    std::vector<int> next(size_t(lb) + 1, 0);
    std::vector<qsizetype> touched;
    std::vector<qsizetype> nextTouched;
    struct Range
    {
        qsizetype alo, ahi, blo, bhi;
    };
    std::vector<Range> queue { { 0, la, 0, lb } };
    std::vector<Block> blocks;
    while (!queue.empty()) {
        const Range r = queue.back();
        queue.pop_back();
        const Match m = longestMatch(a, r.alo, r.ahi, r.blo, r.bhi, row, next, touched, nextTouched);
        if (m.size == 0)
            continue;
        blocks.push_back({ m.i, m.j, m.size });
        if (r.alo < m.i && r.blo < m.j)
            queue.push_back({ r.alo, m.i, r.blo, m.j });
        if (m.i + m.size < r.ahi && m.j + m.size < r.bhi)
            queue.push_back({ m.i + m.size, r.ahi, m.j + m.size, r.bhi });
    }
    std::sort(blocks.begin(), blocks.end(), [](const Block &x, const Block &y) { return x.a < y.a; });
    return blocks;
}

qsizetype SequenceMatcher::matches(QStringView text) const
{
    qsizetype total = 0;
    for (const Block &b : matchingBlocks(text))
        total += b.size;
    return total;
}

double SequenceMatcher::ratio(QStringView a) const
{
    return calculateRatio(matches(a), qsizetype(codePoints(a).size()) + qsizetype(m_b.size()));
}

SequenceMatcher::Prepared SequenceMatcher::prepare(QStringView text)
{
    Prepared p;
    p.points = codePoints(text);
    std::u32string sorted = p.points;
    std::sort(sorted.begin(), sorted.end());
    for (const char32_t c : sorted) {
        if (!p.counts.empty() && p.counts.back().first == c)
            ++p.counts.back().second;
        else
            p.counts.emplace_back(c, 1);
    }
    return p;
}

double SequenceMatcher::ratioIfAtLeast(QStringView text, double atLeast) const
{
    return ratioIfAtLeast(prepare(text), atLeast);
}

double SequenceMatcher::ratioIfAtLeast(const Prepared &a, double atLeast) const
{
    const qsizetype la = qsizetype(a.points.size());
    const qsizetype lb = qsizetype(m_b.size());
    // real_quick_ratio, then quick_ratio: upper bounds of ratio.
    const double realQuick = calculateRatio(std::min(la, lb), la + lb);
    if (realQuick < atLeast)
        return realQuick;
    // quick_ratio's multiset intersection, as a merge of the two sorted character counts.
    qsizetype common = 0;
    auto x = a.counts.cbegin();
    auto y = m_fullCounts.cbegin();
    while (x != a.counts.cend() && y != m_fullCounts.cend()) {
        if (x->first < y->first) {
            ++x;
        } else if (y->first < x->first) {
            ++y;
        } else {
            common += std::min(x->second, y->second);
            ++x;
            ++y;
        }
    }
    const double quick = calculateRatio(common, la + lb);
    if (quick < atLeast)
        return quick;
    qsizetype matched = 0;
    for (const Block &b : matchingBlocks(a.points))
        matched += b.size;
    return calculateRatio(matched, la + lb);
}

} // namespace tapedeck::replay
