// SPDX-License-Identifier: MIT
// Python's difflib.SequenceMatcher(None, a, b).ratio() on two strings, to the last bit: DataHub's SQL
// replay picks the recorded query whose normalised text has the best ratio ≥ 0.85 (DESIGN.md §7), so
// Tapedeck must score exactly as difflib does — autojunk included (in a b of 200 or more characters, a
// character occurring in more than 1 % + 1 of its places is "popular" and starts no match, though matches
// still grow over it) and the same tie-breaking in find_longest_match. Strings are compared as Python
// compares str: by code point (a surrogate pair is one element; a lone surrogate is one too).
#pragma once

#include <QStringView>

#include <string>
#include <vector>

namespace tapedeck::replay {

class SequenceMatcher
{
public:
    // Prepares b (the side difflib indexes), as set_seq2 does.
    explicit SequenceMatcher(QStringView b);

    // get_matching_blocks() against a, in a's order, without the final empty block; positions in code points.
    struct Block
    {
        qsizetype a = 0;
        qsizetype b = 0;
        qsizetype size = 0;
    };
    std::vector<Block> matchingBlocks(QStringView a) const;
    std::vector<Block> matchingBlocks(const std::u32string &a) const;
    // The number of matching characters against a (the sum of get_matching_blocks' sizes).
    qsizetype matches(QStringView a) const;
    // 2.0 * matches / (len(a) + len(b)); 1.0 when both are empty.
    double ratio(QStringView a) const;
    // ratio() only when it can reach atLeast: real_quick_ratio and quick_ratio first, as callers of difflib
    // do to skip hopeless candidates (exactly the same answer whenever it is ≥ atLeast; else a value below).
    double ratioIfAtLeast(QStringView a, double atLeast) const;
    // The side compared against many prepared ones, prepared once: its code points and sorted character counts.
    struct Prepared
    {
        std::u32string points;
        std::vector<std::pair<char32_t, qsizetype>> counts;
    };
    static Prepared prepare(QStringView text);
    double ratioIfAtLeast(const Prepared &a, double atLeast) const;

    static std::u32string codePoints(QStringView text);

private:
    struct Match
    {
        qsizetype i = 0;
        qsizetype j = 0;
        qsizetype size = 0;
    };
    Match longestMatch(const std::u32string &a, qsizetype alo, qsizetype ahi, qsizetype blo, qsizetype bhi,
        std::vector<int> &row, std::vector<int> &next, std::vector<qsizetype> &touched,
        std::vector<qsizetype> &nextTouched) const;
    const std::vector<qsizetype> *positions(char32_t c) const;

    std::u32string m_b;
    // b2j without the popular characters: for each character of b, where it stands, ascending. Sorted by
    // character for lookup.
    std::vector<std::pair<char32_t, std::vector<qsizetype>>> m_b2j;
    std::vector<std::pair<char32_t, qsizetype>> m_fullCounts; // every character's count in b (quick_ratio)
};

} // namespace tapedeck::replay
