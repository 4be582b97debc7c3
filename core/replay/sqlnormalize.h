// SPDX-License-Identifier: MIT
// DataHub's normalize_query_for_matching (metadata-ingestion/src/datahub/ingestion/recording/db_proxy.py;
// docs/research/replay-facts.md §1.5), the second step of its SQL replay lookup: time literals, epoch
// numbers, DATEADD(…) and NOW()-style calls replaced by placeholders, in DataHub's order and with Python's
// re semantics on str (IGNORECASE; \d, \w, \s and \b Unicode-aware, \s being exactly the characters
// str.isspace() accepts), then every run of whitespace collapsed to one space and the ends stripped.
#pragma once

#include <QString>

namespace tapedeck::replay {

QString normalizeQueryForMatching(const QString &query);

} // namespace tapedeck::replay
