// SPDX-License-Identifier: MIT
// Recorded text made safe for human-readable output: control and bidirectional formatting characters
// become visible escapes, so that data can neither drive a terminal nor rearrange what is printed.
#pragma once

#include <QString>

namespace tapedeck {

enum class LineBreaks : quint8 {
    Escape, // one-line text (table cells, fields, error messages): \n and \t are escaped as well
    Keep, // multi-line blocks (bodies, tracebacks): \n, \t and the \r of \r\n stay as they are
};

// Escapes C0 controls, DEL, C1 controls, lone surrogates, U+2028/U+2029 and the bidirectional marks,
// embeddings, overrides and isolates (U+061C, U+200E/F, U+202A–E, U+2066–9) as Python's repr() writes
// them: \n, \r, \t, \x1b, \x85, \u202e. Backslashes stay as they are. Text with none of them is returned
// as is (no copy). JSON output needs none of this: its writer escapes control characters already.
QString escapeControls(const QString &text, LineBreaks lineBreaks = LineBreaks::Escape);

} // namespace tapedeck
