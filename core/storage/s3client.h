// SPDX-License-Identifier: MIT
// A small S3 client on Qt Network: ListObjectsV2 (every page), HEAD, ranged GET. Calls block the calling
// thread (a worker thread, or the CLI's main thread) on a private event loop and stop early when the
// ProgressReporter cancels; one client is used by one thread at a time.
#pragma once

#include "core/common/progress.h"
#include "core/common/result.h"
#include "core/storage/awsconfig.h"
#include "core/storage/s3location.h"
#include "core/storage/sigv4.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>

#include <functional>
#include <memory>

class QNetworkAccessManager;

namespace tapedeck {

struct S3Object
{
    QString key;
    qint64 size = 0;
    QString etag; // as S3 sends it, quotes removed
    QDateTime lastModified; // UTC
    // From HEAD only: x-amz-server-side-encryption ("AES256", "aws:kms", …), "SSE-C" with a customer key.
    QString encryption;

    // Whether the ETag is the MD5 digest of the bytes (a single-part upload stored without KMS or customer
    // keys), so that a download can be checked against it. Meaningful for what head() returns.
    bool etagIsMd5() const;
};

struct S3ListPage
{
    QList<S3Object> objects;
    QStringList commonPrefixes; // with a delimiter only
    QString nextContinuationToken; // empty on the last page
};

struct S3RetryPolicy
{
    int attempts = 5; // tries per request in all; 5xx, 429/503 SlowDown, dropped connections, timeouts
    int firstDelayMs = 200; // doubled each retry, with jitter, capped at maxDelayMs
    int maxDelayMs = 5000;
    int timeoutMs = 30000; // no byte for this long on one request: dropped and retried
};

class S3Client
{
    Q_DECLARE_TR_FUNCTIONS(S3Client)

public:
    explicit S3Client(S3Config config, S3RetryPolicy retry = {});
    ~S3Client();
    S3Client(const S3Client &) = delete;
    S3Client &operator=(const S3Client &) = delete;

    const S3Config &config() const { return m_config; }

    // Errors, everywhere: refused credentials (403 InvalidAccessKeyId, SignatureDoesNotMatch,
    // ExpiredToken, AccessDenied) are Password errors (exit 3) naming where the credentials came from;
    // NoSuchBucket/NoSuchKey (404) and every network failure after the retries are Io errors (exit 5);
    // a response that is not what S3 sends (bad XML, missing fields) is InvalidInput. Messages name the
    // s3:// address and the server's error code and message. Cancelled when progress cancels.

    Result<S3Object> head(const S3Location &object, ProgressReporter *progress = nullptr);
    Result<S3ListPage> listPage(const QString &bucket, const QString &prefix,
        const QString &continuationToken, const QString &delimiter = {}, int maxKeys = 1000,
        ProgressReporter *progress = nullptr);
    // Every object under prefix, following continuation tokens; progress counts objects (total unknown).
    Result<QList<S3Object>> listAll(
        const QString &bucket, const QString &prefix, ProgressReporter *progress = nullptr);
    // Bytes [offset, offset + length) of the object. When expectedEtag is given, a response with another
    // ETag is an InvalidInput error ("changed on the server"), never mixed in. Content-Range is checked.
    Result<QByteArray> getRange(const S3Location &object, qint64 offset, qint64 length,
        const QString &expectedEtag = {}, ProgressReporter *progress = nullptr);

    // The QNetworkAccessManager of the calling thread (created on first use, reused for keep-alive).
    QNetworkAccessManager *network();

    // For tests: the clock signatures use (the system clock when unset).
    void setClock(std::function<QDateTime()> clock) { m_clock = std::move(clock); }
    QDateTime now() const;
    const S3RetryPolicy &retryPolicy() const { return m_retry; }

private:
    S3Config m_config;
    S3RetryPolicy m_retry;
    std::function<QDateTime()> m_clock;
    std::unique_ptr<QNetworkAccessManager> m_network;
};

} // namespace tapedeck
