// SPDX-License-Identifier: MIT
// Writes the HTTP events of a timeline as an HTTP Archive (HAR 1.2), streamed entry by entry.
#pragma once

#include "core/common/result.h"
#include "core/recording/httpexchange.h"
#include "core/recording/timeline.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QIODevice>

#include <optional>

namespace tapedeck {

// The HAR is written to the device as it goes (begin(), one addEvent()/addExchange() per entry,
// finish()), so a recording of hundreds of megabytes never becomes one JSON document in memory: at most
// one interaction, its decoded body and a small output buffer are held at a time.
//
// Choices where HAR 1.2 and recordings do not meet:
// - startedDateTime: the response's Date header (RFC 7231 IMF-fixdate, RFC 850 or asctime form) in
//   UTC, when present and parseable. Otherwise the previous entry's startedDateTime plus 1 ms; for
//   undated entries before any other, Options::recordingStart (the manifest's recording_start_time,
//   where the caller has it) or else 1970-01-01T00:00:00Z, plus 1 ms per entry. So invented times never
//   go backwards against the entries before them; recorded Date headers are kept as they are (one-second
//   resolution, possibly skewed between servers). Entries stay in recorded order in the array, and
//   `_tapedeckSeq` is the event's timeline seq.
// - time and timings: recordings store no timing, so time is 0, send/wait/receive are 0 and the
//   optional blocked/dns/connect/ssl are -1 ("does not apply").
// - httpVersion: the recorded one (only httpx-shaped cassettes have it), else "HTTP/1.1".
// - response.status: HAR 1.2 requires a number, so a response recorded without a status (absent, null,
//   not a positive number; null in show --json and events --jsonl) has status 0 and the recorded message
//   (usually "") as statusText, as browsers write a request that got no response.
// - Request bodies: postData.text holds valid UTF-8 bodies as text. HAR 1.2 has no encoding for
//   postData, so other bodies are base64 in text with the custom field `_encoding: "base64"` (mirroring
//   content.encoding). A null body has no postData and bodySize 0.
// - Response bodies: content.text is the body with every Content-Encoding undone (gzip, deflate, br, also
//   stacked and over repeated headers); content.size is the decoded size, bodySize the recorded (encoded)
//   size and compression their difference. Non-UTF-8 bodies are base64 with encoding "base64". A body
//   that does not decode, or decodes to more than HttpExchange::MaxDecodedSize, is written raw, with a
//   comment saying why.
// - Cookies come from Cookie and Set-Cookie headers; Set-Cookie's Max-Age is turned into expires from
//   the Date header, and SameSite is kept as `_sameSite`. Headers keep the recorded order and
//   repetitions; headersSize is -1 (the wire form was not recorded).
// - Warnings the reader attached to an interaction become the entry's comment; timeline warnings
//   passed to finish() become the log's comment.
class HarWriter
{
    Q_DECLARE_TR_FUNCTIONS(HarWriter)

public:
    struct Options
    {
        QDateTime recordingStart; // invalid: unknown
    };

    explicit HarWriter(QIODevice &device, Options options = {});
    HarWriter(const HarWriter &) = delete;
    HarWriter &operator=(const HarWriter &) = delete;

    Status begin();
    // Re-reads HTTP event seq from its source and writes it as an entry. An interaction that no longer
    // parses is written from the index (method, URL, status) with a comment; other kinds are refused.
    Status addEvent(const Timeline &timeline, qsizetype seq);
    Status addExchange(const HttpExchange &exchange, qint64 seq);
    // Closes the entries and the log; comments (if any) become log.comment. Flushes the device.
    Status finish(const QStringList &comments = {});

    qsizetype entryCount() const { return m_entries; }

    // An HTTP-date (IMF-fixdate, RFC 850, asctime) as UTC; nullopt when it is none of them.
    static std::optional<QDateTime> parseHttpDate(QStringView text);

private:
    void beginEntry(qint64 seq, const QDateTime &started);
    void writeRequest(const HttpExchange &exchange);
    void writeResponse(const HttpExchange &exchange, const std::optional<QDateTime> &date);
    void writeHeaders(const QList<HttpHeader> &headers);
    void endEntry(const QStringList &comments);
    QDateTime nextStart(const std::optional<QDateTime> &date);

    void put(QByteArrayView raw);
    void putString(QStringView text);
    void putUtf8(QByteArrayView text); // must be valid UTF-8; escaped as JSON string content
    void putBase64(QByteArrayView bytes);
    void putNumber(qint64 number);
    void flush();
    Status state() const;

    QIODevice &m_device;
    Options m_options;
    QByteArray m_buffer;
    std::optional<Error> m_error;
    std::optional<QDateTime> m_previousStart;
    qsizetype m_entries = 0;
    bool m_begun = false;
    bool m_finished = false;
};

} // namespace tapedeck
