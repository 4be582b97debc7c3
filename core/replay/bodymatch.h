// SPDX-License-Identifier: MIT
// Request bodies as DataHub's replay compares them: the `custom_body` matcher of its VCR.py playback
// (metadata-ingestion/src/datahub/ingestion/recording/http_recorder.py, _normalize_json_body; the rules are
// summarised with their sources in docs/research/replay-facts.md §1.2). Pure functions: the matcher indexes
// recorded interactions by these keys.
#pragma once

#include <QByteArray>
#include <QStringView>

#include <optional>

namespace tapedeck {
class IgnoreMatcher;
}

namespace tapedeck::replay {

// What DataHub's normalisation returns for a body, as a value that compares the way Python compares those
// results: None, bytes and str are never equal to each other.
struct NormalizedBody
{
    enum class Kind : quint8 {
        None, // no body recorded or sent (VCR.py's None; "not body" keeps it as it is)
        Bytes, // an empty body (b""), or bytes that are not UTF-8: compared raw
        Text, // UTF-8 text: JSON as json.dumps(sort_keys=True) writes it, anything else as it is
    };
    Kind kind = Kind::None;
    QByteArray data; // Bytes: the bytes; Text: the text in UTF-8
    bool json = false; // Text: data is the JSON normalisation (for explanations; not part of equality)

    bool operator==(const NormalizedBody &other) const { return kind == other.kind && data == other.data; }
};

// DataHub's _normalize_json_body: the body decoded as UTF-8 (bytes that are not UTF-8 stay bytes), parsed
// as JSON (text that is not JSON stays text); in a top-level object's "filters" object every string value
// holding ',' is split, sorted and joined again (a "filters" that is no object leaves the whole body as
// text, as Python's AttributeError does there); then written as json.dumps(sort_keys=True) writes it.
//
// Where Python itself fails instead of answering, Tapedeck answers: an integer of more than 4,300 digits
// (ValueError in Python 3.11) is JSON here, and nesting deeper than Tapedeck's limit (RecursionError in
// Python near 1,000 levels) is text; DataHub's replay would abort the client's request in both cases.
//
// ignore: Tapedeck's option on top (not DataHub's): places of a JSON body its rules take out (the diff's
// rule syntax, root being the body) are left out before the body is written.
NormalizedBody normalizeBody(const std::optional<QByteArray> &body, IgnoreMatcher *ignore = nullptr);

// Whether DataHub ignores the body of a request: its lower-cased URI (scheme, host, path and query alike)
// contains "/login", "/oauth", "/token" or "/auth".
bool isAuthUri(QStringView uri);

} // namespace tapedeck::replay
