// SPDX-License-Identifier: MIT
// A small S3 client on Qt Network: ListObjectsV2, HEAD and ranged GET, each a blocking S3Exchange.
#include "core/storage/s3client.h"

#include "core/storage/s3exchange.h"
#include "core/storage/s3xml.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QThread>

#include <cstring>

namespace tapedeck {

namespace {

// A listing page of 1,000 keys of 1,024 bytes each stays well below this; anything bigger is not S3.
constexpr qsizetype MaxListingBytes = 16 * 1024 * 1024;

bool isLowerHex(QStringView text)
{
    for (QChar c : text) {
        if (!((c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f')))
            return false;
    }
    return true;
}

QString listingSubject(const QString &bucket, const QString &prefix)
{
    S3Location location;
    location.bucket = bucket;
    location.key = prefix;
    return location.toString();
}

} // namespace

bool S3Object::etagIsMd5() const
{
    if (etag.size() != 32 || !isLowerHex(etag))
        return false;
    return encryption.isEmpty() || encryption == u"AES256";
}

S3Client::S3Client(S3Config config, S3RetryPolicy retry)
    : m_config(std::move(config))
    , m_retry(retry)
{
    m_retry.attempts = std::max(1, m_retry.attempts);
}

S3Client::~S3Client()
{
    if (m_network && m_network->thread() != QThread::currentThread())
        m_network.release()->deleteLater();
}

QNetworkAccessManager *S3Client::network()
{
    if (m_network && m_network->thread() != QThread::currentThread())
        m_network.release()->deleteLater(); // another thread's: it goes with that thread's events
    if (!m_network)
        m_network = std::make_unique<QNetworkAccessManager>();
    return m_network.get();
}

QDateTime S3Client::now() const
{
    return m_clock ? m_clock() : QDateTime::currentDateTimeUtc();
}

Result<S3Object> S3Client::head(const S3Location &object, ProgressReporter *progress)
{
    if (object.key.isEmpty() || object.isPrefix())
        return makeError(ErrorCode::Usage, tr("%1 names a folder, not an object.").arg(object.toString()));
    const QString subject = object.toString();
    S3Object result;
    S3Exchange::Handler handler;
    handler.request = [&object] {
        S3Request request;
        request.method = "HEAD";
        request.bucket = object.bucket;
        request.key = object.key;
        return request;
    };
    handler.accept = [&](QNetworkReply &reply) -> Status {
        result = S3Object {};
        result.key = object.key;
        bool ok = false;
        const QByteArray length = reply.rawHeader("Content-Length").trimmed();
        result.size = length.toLongLong(&ok);
        if (!ok || result.size < 0 || length.startsWith('+'))
            return makeError(
                ErrorCode::InvalidInput, tr("The server sent no size (Content-Length) of %1.").arg(subject));
        result.etag = S3Xml::normalizeEtag(QString::fromUtf8(reply.rawHeader("ETag")));
        if (result.etag.isEmpty())
            return makeError(ErrorCode::InvalidInput, tr("The server sent no ETag for %1.").arg(subject));
        result.lastModified = reply.header(QNetworkRequest::LastModifiedHeader).toDateTime().toUTC();
        result.encryption = QString::fromLatin1(reply.rawHeader("x-amz-server-side-encryption"));
        if (reply.hasRawHeader("x-amz-server-side-encryption-customer-algorithm"))
            result.encryption = QStringLiteral("SSE-C");
        return success();
    };
    S3Exchange exchange(*this, subject, std::move(handler));
    if (Status s = exchange.run(progress); !s) {
        // A HEAD response has no body, so a refusal or a 404 says neither why nor what is missing (the key
        // or the bucket). A one-byte GET of the same object gets S3 to name it.
        if ((exchange.httpStatus() == 403 || exchange.httpStatus() == 404)
            && exchange.errorCode().isEmpty()) {
            S3Exchange::Handler probe;
            probe.request = [&object] {
                S3Request request;
                request.method = "GET";
                request.bucket = object.bucket;
                request.key = object.key;
                request.headers.append({ QByteArrayLiteral("Range"), QByteArrayLiteral("bytes=0-0") });
                return request;
            };
            // It exists after all (put in between): the HEAD's answer stands.
            probe.accept = [](QNetworkReply &) -> Status { return makeError(ErrorCode::Io, {}); };
            S3Exchange explain(*this, subject, std::move(probe));
            if (Status p = explain.run(progress);
                !p && explain.httpStatus() == exchange.httpStatus() && !explain.errorCode().isEmpty())
                return p.error();
        }
        return s.error();
    }
    return result;
}

Result<S3ListPage> S3Client::listPage(const QString &bucket, const QString &prefix,
    const QString &continuationToken, const QString &delimiter, int maxKeys, ProgressReporter *progress)
{
    const QString subject = listingSubject(bucket, prefix);
    if (bucket.isEmpty())
        return makeError(ErrorCode::Usage, tr("No bucket to list."));
    QByteArray xml;
    S3Exchange::Handler handler;
    handler.request = [&] {
        xml.clear(); // every attempt reads the page from its start
        S3Request request;
        request.method = "GET";
        request.bucket = bucket;
        request.query = { { QStringLiteral("list-type"), QStringLiteral("2") },
            // As botocore asks: keys that XML 1.0 cannot carry (control characters) arrive encoded.
            { QStringLiteral("encoding-type"), QStringLiteral("url") },
            { QStringLiteral("max-keys"), QString::number(std::clamp(maxKeys, 1, 1000)) } };
        if (!prefix.isEmpty())
            request.query.append({ QStringLiteral("prefix"), prefix });
        if (!delimiter.isEmpty())
            request.query.append({ QStringLiteral("delimiter"), delimiter });
        if (!continuationToken.isEmpty())
            request.query.append({ QStringLiteral("continuation-token"), continuationToken });
        return request;
    };
    handler.body = [&](QByteArrayView piece) -> Status {
        if (xml.size() + piece.size() > MaxListingBytes)
            return makeError(ErrorCode::InvalidInput,
                tr("The listing of %1 is larger than %2 MiB a page, which S3 never sends.")
                    .arg(subject)
                    .arg(MaxListingBytes / (1024 * 1024)));
        xml.append(piece.data(), piece.size());
        return success();
    };
    S3Exchange exchange(*this, subject, std::move(handler));
    if (Status s = exchange.run(progress); !s)
        return s.error();
    Result<S3ListPage> page = S3Xml::parseListObjectsV2(xml);
    if (!page)
        return makeError(page.error().code, tr("%1: %2").arg(subject, page.error().message));
    return page;
}

Result<QList<S3Object>> S3Client::listAll(
    const QString &bucket, const QString &prefix, ProgressReporter *progress)
{
    QList<S3Object> objects;
    QString token;
    QSet<QString> tokensSeen;
    for (;;) {
        Result<S3ListPage> page = listPage(bucket, prefix, token, {}, 1000, progress);
        if (!page)
            return page.error();
        objects.append(page->objects);
        if (progress)
            progress->setProgress(objects.size(), 0);
        if (page->nextContinuationToken.isEmpty())
            break;
        token = page->nextContinuationToken;
        if (tokensSeen.contains(token))
            return makeError(ErrorCode::InvalidInput,
                tr("The listing of %1 goes round in circles (a continuation token came back).")
                    .arg(listingSubject(bucket, prefix)));
        tokensSeen.insert(token);
    }
    return objects;
}

Result<QByteArray> S3Client::getRange(const S3Location &object, qint64 offset, qint64 length,
    const QString &expectedEtag, ProgressReporter *progress)
{
    if (object.key.isEmpty())
        return makeError(ErrorCode::Usage, tr("%1 names a folder, not an object.").arg(object.toString()));
    if (offset < 0 || length <= 0 || offset > std::numeric_limits<qint64>::max() - length)
        return makeError(ErrorCode::Usage,
            tr("The byte range %1+%2 of %3 is not a range.").arg(offset).arg(length).arg(object.toString()));
    QByteArray data(length, Qt::Uninitialized);
    S3RangeGet reader(
        object, offset, length, expectedEtag, -1, [&data](qint64 position, QByteArrayView bytes) {
            std::memcpy(data.data() + position, bytes.data(), size_t(bytes.size()));
            return success();
        });
    if (progress)
        reader.setOnProgress(
            [&reader, progress](qint64) { progress->setProgress(reader.received(), reader.length()); });
    S3Exchange exchange(*this, object.toString(), reader.handler());
    if (Status s = exchange.run(progress); !s)
        return s.error();
    data.truncate(reader.length());
    return data;
}

} // namespace tapedeck
