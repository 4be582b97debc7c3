// SPDX-License-Identifier: MIT
// The one nesting rule for every parser of untrusted input: JSON (MCP files, queries, manifests,
// checkpoint state), YAML (cassettes, recipes), filter expressions and diff ignore rules.
#pragma once

#include <QByteArrayView>
#include <QCoreApplication>
#include <QString>

namespace tapedeck {

class Nesting
{
    Q_DECLARE_TR_FUNCTIONS(Nesting)

public:
    // Deeper input is refused with tooDeep(). CPython's json module stops near this depth
    // (RecursionError), so nothing DataHub writes comes close; recursive-descent parsers stay far from
    // the end of an 8 MiB stack at this depth, even with sanitizers.
    static constexpr int MaxDepth = 1000;

    // "nesting deeper than 1000 levels", the phrase every parser's error uses.
    static QString tooDeep() { return tr("nesting deeper than %1 levels").arg(MaxDepth); }

    // For JSON read by a parser with its own, different limit (QJsonDocument stops at 1024): the offset
    // of the bracket that opens level MaxDepth + 1, or -1. Brackets inside strings do not count; the
    // text need not be valid JSON (the parser reports what else is wrong).
    static qsizetype jsonTooDeepAt(QByteArrayView json);
};

} // namespace tapedeck
