// SPDX-License-Identifier: MIT
// Writes a recording's HTTP interactions as WireMock 3.x stub mappings (one file per interaction under
// DIR/mappings, large or binary response bodies under DIR/__files), for `tapedeck-cli export-wiremock`.
#pragma once

#include "core/common/result.h"
#include "core/recording/httpexchange.h"
#include "core/recording/timeline.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QHash>
#include <QString>
#include <QStringList>

namespace tapedeck::replay {

// The export is streamed: each interaction is written as it is handed over (begin(), one add() per event,
// finish()), and what is kept per interaction is a hash of its request key and a counter, so a recording
// of a million interactions is never held twice. Run WireMock on the result with
// `java -jar wiremock-standalone-3.x.jar --root-dir DIR`.
//
// Matching, per mapping:
// - `url`: the recorded URI's path and query exactly as recorded (WireMock's `url` is an exact string:
//   query order and percent-encoding matter, as in DataHub's replay). Scheme, host and port are not
//   matched, since clients pointed at WireMock send its own Host; interactions with different origins
//   but the same path, query, method and body therefore share one key (see repeats below).
// - `method` exactly.
// - the request body: JSON (any body that parses as JSON, whatever its Content-Type) as `equalToJson`
//   of the recorded text with ignoreArrayOrder and ignoreExtraElements off, so member order and
//   whitespace do not matter and everything else does (DataHub also sorts comma lists inside a top-level
//   "filters" object; WireMock cannot, so such lists must come in the recorded order); other UTF-8 text
//   as `equalTo`; other bytes as `binaryEqualTo` (base64). A null or empty recorded body adds no body
//   pattern, so it matches any body; such mappings get priority 2, the others priority 1, so that a
//   request whose body matches a recorded one is answered by that one.
// - Request headers are not matched (DataHub does not match them either).
//
// Repeats: interactions with the same key (method, url, body as WireMock compares it) are served in
// recorded order through a WireMock scenario named after the first one: the first mapping needs the
// scenario's "Started" state and moves it to "2", the second needs "2" and moves it to "3", and so on;
// the last one moves it nowhere, so it answers every further repeat. That is Tapedeck's `sequential`
// policy (what polling and pagination loops need, and what WireMock users expect), not DataHub's: DataHub
// replays with VCR.py's allow_playback_repeats, where the first recorded match answers every repeat. With
// WireMock, `POST /__admin/scenarios/reset` starts every sequence over. A key recorded once gets a plain
// mapping without a scenario. The scenario fields are added to a mapping when the next repeat of its key
// arrives (its file is rewritten then), so the folder is consistent after every interaction written.
//
// Responses: the recorded status (a response recorded without one gets WireMock's default, 200, and a
// note in the mapping's metadata), the reason phrase as statusMessage, the recorded headers (values kept
// in order, names in their first spelling), and the body.
// - Bodies are served as content: a body whose Content-Encoding (gzip, deflate, br, chains of them) can
//   be undone is stored decoded and the header dropped. VCR.py under DataHub (decode_compressed_response)
//   already stores bodies decoded and removes the header; a body recorded with a Content-Encoding it does
//   not carry (a writer that decoded it and kept the header) is served as recorded, also without the
//   header, with a note. WireMock compresses on the wire by itself when the client accepts gzip.
// - Content-Length and Transfer-Encoding are dropped (WireMock frames the body it serves; VCR.py rewrites
//   content-length next to the original header, which may then disagree), and so are the hop-by-hop
//   headers (Connection, Keep-Alive, Proxy-Authenticate, Proxy-Authorization, Proxy-Connection, TE,
//   Trailer, Upgrade).
// - UTF-8 text of at most InlineBodyLimit bytes, whose Content-Type names no charset or UTF-8 (WireMock
//   encodes `body` in the Content-Type's charset), goes inline as `body`; any other body goes to
//   __files/body-NNNNNN.{json,txt,bin} and is named by `bodyFileName`, served byte for byte. A null body
//   is no body.
//
// Files: DIR/mappings/mapping-NNNNNN.json and DIR/__files/body-NNNNNN.*, NNNNNN the interaction's
// position among the exported HTTP interactions (from 0, at least six digits), so names are stable and
// sort in recorded order. Every file is created new (never through an existing file or link) inside DIR,
// with the user's normal permissions: an export is a user's file, not decrypted recording storage. A
// mappings or __files folder that exists and is not empty, or is not a real folder, is refused before
// anything is written. Each mapping carries `name` ("#seq METHOD URI") and `metadata.tapedeck` (the
// event seq, the full recorded URI, notes) so a WireMock user can find the interaction in Tapedeck.
class WireMockExport
{
    Q_DECLARE_TR_FUNCTIONS(WireMockExport)

public:
    static constexpr qsizetype InlineBodyLimit = qsizetype(64) << 10;

    explicit WireMockExport(QString rootDir);
    WireMockExport(const WireMockExport &) = delete;
    WireMockExport &operator=(const WireMockExport &) = delete;

    // Checks DIR (creating it and mappings/ when missing); refuses non-empty or odd mappings/ and __files/.
    Status begin();
    // Writes HTTP event seq (re-read from its source); other kinds are passed over. An interaction that
    // can no longer be read is skipped with a warning (warnings()).
    Status add(const Timeline &timeline, qsizetype seq);
    Status addExchange(const HttpExchange &exchange, qint64 seq);
    Status finish();

    qsizetype mappingCount() const { return m_mappings; }
    qsizetype bodyFileCount() const { return m_bodyFiles; }
    qsizetype scenarioCount() const { return m_scenarios; } // keys recorded more than once
    const QStringList &warnings() const { return m_warnings; }

    const QString &mappingsDir() const { return m_mappingsDir; }

    // The request target WireMock matches `url` against: a recorded URI's path and query as recorded
    // ("/" when the URI has no path; a fragment dropped).
    static QString urlOf(const QString &uri);

private:
    struct Key
    {
        int count = 0; // mappings written for this key so far
        qsizetype first = 0; // the first one's index (names the scenario)
        qsizetype last = 0; // the latest one's index (gets the move to the next state)
    };

    QString mappingPath(qsizetype index) const;
    Status writeNew(const QString &path, const QByteArray &data);
    Status chainScenario(const Key &key);

    QString m_root;
    QString m_mappingsDir;
    QString m_filesDir;
    bool m_filesDirMade = false;
    bool m_begun = false;
    QHash<QByteArray, Key> m_keys; // SHA-256 of method, url and body as WireMock compares them
    qsizetype m_mappings = 0;
    qsizetype m_bodyFiles = 0;
    qsizetype m_scenarios = 0;
    QStringList m_warnings;
};

} // namespace tapedeck::replay
