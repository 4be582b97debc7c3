// SPDX-License-Identifier: MIT
// One S3 request with its retries, asynchronous on the calling thread's event loop (the building block of
// S3Client's blocking calls and of S3Download's parallel ranged GETs), and the handler of a ranged GET.
#pragma once

#include "core/common/progress.h"
#include "core/common/result.h"
#include "core/storage/s3client.h"
#include "core/storage/s3xml.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QObject>
#include <QTimer>

#include <functional>
#include <optional>

class QNetworkReply;

namespace tapedeck {

class S3Exchange final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(S3Exchange)

public:
    // What the exchange does with a response; every member but request is optional.
    struct Handler
    {
        // The request of the next attempt, asked for before every attempt: a handler that cannot continue
        // a body it got part of starts over here (a ranged GET asks only for what it still lacks).
        std::function<S3Request()> request;
        // A successful (2xx) response, before its body. An error ends the exchange (never retried).
        std::function<Status(QNetworkReply &reply)> accept;
        // Each piece of an accepted response's body, in order. An error ends the exchange.
        std::function<Status(QByteArrayView piece)> body;
        // The accepted response's body is complete. An error ends the exchange.
        std::function<Status()> complete;
    };

    // subject names what is asked for in messages ("s3://bucket/key").
    S3Exchange(S3Client &client, QString subject, Handler handler);
    ~S3Exchange() override;

    // Sends the first attempt; finished() follows (queued, never from inside start()).
    void start();
    // Ends the exchange with this error now, its reply aborted; finished() follows (queued).
    void abort(const Error &error);
    // start(), then waits on a private event loop until finished, aborting with a Cancelled error when
    // progress cancels (polled).
    Status run(ProgressReporter *progress);

    bool isFinished() const { return m_finished; }
    const std::optional<Error> &error() const { return m_error; }
    int attempts() const { return m_attempt; }
    // The HTTP status of the last response (0: none) and the S3 error code of a failed one ("" when the
    // server named none, as with every HEAD: a HEAD response has no body).
    int httpStatus() const { return m_status; }
    const QString &errorCode() const { return m_errorCode; }
    const QString &subject() const { return m_subject; }

    static Error cancelledError(const QString &subject);
    // How often waiting loops ask a ProgressReporter whether it cancelled.
    static constexpr int CancelPollMs = 50;

Q_SIGNALS:
    void finished();

private:
    void send();
    bool decide();
    void drain();
    void onReplyFinished();
    void onIdle();
    void retryOrFail(Error error, bool retryable);
    void finish(std::optional<Error> error);
    void dropReply();
    Error networkError(const QString &why) const;
    S3ErrorBody errorBody() const;
    Error httpError(const S3ErrorBody &body) const;

    S3Client &m_client;
    QString m_subject;
    Handler m_handler;
    QNetworkReply *m_reply = nullptr;
    QTimer m_idle; // no byte for the policy's timeout: the attempt is dropped
    QTimer m_backoff;
    QByteArray m_buffer;
    int m_attempt = 0;
    bool m_finished = false;
    std::optional<Error> m_error;
    // The current attempt.
    bool m_decided = false;
    bool m_accepted = false;
    bool m_timedOut = false;
    int m_status = 0;
    qint64 m_bodyBytes = 0;
    QByteArray m_errorBody;
    QByteArray m_errorCodeHeader;
    QByteArray m_errorMessageHeader;
    QByteArray m_bucketRegionHeader;
    QByteArray m_reasonPhrase;
    QString m_errorCode;
};

// A ranged GET of [offset, offset + length) of one object: each attempt asks for the bytes still missing;
// every response must be 206 with exactly that Content-Range (or 200 with the whole object when the whole
// object was asked for) and the expected ETag (or, without one, the ETag of the first response), and the
// object's total size when known. Each piece goes to write(position in the range, bytes).
class S3RangeGet
{
    Q_DECLARE_TR_FUNCTIONS(S3RangeGet)

public:
    using Write = std::function<Status(qint64 position, QByteArrayView bytes)>;

    // expectedTotal < 0: unknown; the range may then end early where the object ends (length shrinks).
    S3RangeGet(S3Location location, qint64 offset, qint64 length, QString expectedEtag, qint64 expectedTotal,
        Write write);

    S3Exchange::Handler handler();
    qint64 received() const { return m_received; }
    qint64 length() const { return m_length; }
    qint64 offset() const { return m_offset; }
    // The ETag every response had (the expected one, or the first response's).
    const QString &etag() const { return m_etag; }
    // Called with the byte count of each piece after it was written (progress).
    void setOnProgress(std::function<void(qint64 bytes)> onProgress) { m_onProgress = std::move(onProgress); }

    // "s3://b/k changed on the server while downloading …": the error of a response from another version.
    static Error changedError(const S3Location &location, const QString &why);

private:
    Status accept(QNetworkReply &reply);
    Status body(QByteArrayView piece);

    S3Location m_location;
    qint64 m_offset = 0;
    qint64 m_length = 0;
    QString m_etag;
    qint64 m_total = -1;
    Write m_write;
    std::function<void(qint64)> m_onProgress;
    qint64 m_received = 0;
};

} // namespace tapedeck
