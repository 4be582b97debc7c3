// SPDX-License-Identifier: MIT
// The one rule for YAML aliases in every parser of untrusted YAML (cassettes, recipes): how much the copies
// of anchored nodes that aliases stand for may add to a document.
#pragma once

#include <QCoreApplication>
#include <QString>

#include <algorithm>

namespace tapedeck {

class AliasExpansion
{
    Q_DECLARE_TR_FUNCTIONS(AliasExpansion)

public:
    // Every alias stands for a copy of its anchor's node. The copies of one document together may hold no
    // more than the document's own size, counting one per node plus the bytes of their scalars (about
    // what they would take written out), and MinBudget in a smaller document: a "billion laughs" of a few
    // hundred bytes stops there instead of growing tenfold per line, and aliases never make a tree more
    // than about twice what its document could hold written out. Counted across the whole document, not
    // per alias: anchors that repeat other anchors count everything they hold. VCR.py's own anchors (a
    // headers mapping repeated by later interactions) stay far below.
    static constexpr qint64 MinBudget = 1'000'000;

    static constexpr qint64 budgetFor(qint64 documentBytes) { return std::max(MinBudget, documentBytes); }

    explicit AliasExpansion(qint64 documentBytes = 0)
        : m_budget(budgetFor(documentBytes))
    { }

    // Counts one copy; false once the document's copies hold more than the budget.
    bool spend(qint64 cost)
    {
        m_spent += cost;
        return m_spent <= m_budget;
    }
    qint64 spent() const { return m_spent; }
    void setSpent(qint64 spent) { m_spent = spent; }
    qint64 budget() const { return m_budget; }

    // "aliases that expand to more than 1000000 nodes and bytes", the phrase every parser's error uses.
    QString exceeded() const
    {
        return tr("aliases that expand to more than %1 nodes and bytes").arg(m_budget);
    }

private:
    qint64 m_budget;
    qint64 m_spent = 0;
};

} // namespace tapedeck
