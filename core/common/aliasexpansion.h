// SPDX-License-Identifier: MIT
// The one rule for YAML aliases in every parser of untrusted YAML (cassettes, recipes): how much the copies
// of anchored nodes that aliases stand for may add to a document.
#pragma once

#include "core/common/bytesize.h"

#include <QCoreApplication>
#include <QString>

#include <algorithm>

namespace tapedeck {

class AliasExpansion
{
    Q_DECLARE_TR_FUNCTIONS(AliasExpansion)

public:
    // Every alias stands for a copy of its anchor's node; a copied node costs NodeCost bytes (about what
    // it takes in memory beside its text) plus the bytes of its scalars. A document's aliases may make
    // copies costing Factor times the document's size in all (time), and hold copies costing its size at
    // once (memory: the copies in the interaction being read, or the whole recipe, and those anchors
    // hold); MinBudget for both in a small document. A "billion laughs" of a few hundred bytes, tenfold
    // per line, stops there with a few tens of MB spent, and padding it with megabytes of text does not
    // take it further than a document that size holds anyway. VCR.py's own anchors (a headers mapping that
    // every later interaction repeats) hold one small copy at a time and come to a few times the
    // cassette's size in all.
    static constexpr qint64 NodeCost = 16;
    static constexpr qint64 Factor = 64;
    static constexpr qint64 MinBudget = qint64(4) << 20;

    // What one copy of nodes nodes holding scalars of bytes bytes costs.
    static constexpr qint64 costOf(qint64 nodes, qint64 bytes) { return NodeCost * nodes + bytes; }

    explicit AliasExpansion(qint64 documentBytes = 0)
        : m_atOnce(std::max(MinBudget, documentBytes))
        , m_inAll(std::max(MinBudget, Factor * documentBytes))
    { }

    // Counts one copy, after which held is what the copies held at once cost; false once the document's
    // copies cost more than allowed in all or at once.
    bool spend(qint64 cost, qint64 held)
    {
        m_spent += cost;
        m_heldTooMuch = held > m_atOnce;
        return m_spent <= m_inAll && !m_heldTooMuch;
    }
    qint64 spent() const { return m_spent; }
    void setSpent(qint64 spent) { m_spent = spent; }
    qint64 budgetInAll() const { return m_inAll; }

    // Which budget the last spend() passed, the phrase every parser's error uses: "aliases that expand to
    // more than 4.0 MiB at once (the file's size, at least 4.0 MiB)".
    QString exceeded() const
    {
        if (m_heldTooMuch)
            return tr("aliases that expand to more than %1 at once (the file's size, at least %2)")
                .arg(formatByteSize(m_atOnce), formatByteSize(MinBudget));
        return tr("aliases that expand to more than %1 in all (%2 times the file's size, at least %3)")
            .arg(formatByteSize(m_inAll))
            .arg(Factor)
            .arg(formatByteSize(MinBudget));
    }

private:
    qint64 m_atOnce;
    qint64 m_inAll;
    qint64 m_spent = 0;
    bool m_heldTooMuch = false;
};

} // namespace tapedeck
