// SPDX-License-Identifier: MIT
// One S3 request with its retries on Qt Network, and the handler of a ranged GET.
#include "core/storage/s3exchange.h"

#include "core/storage/s3xml.h"

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QRegularExpression>

namespace tapedeck {

namespace {

constexpr qint64 ReadBufferBytes = 1024 * 1024; // what Qt holds per reply before it stops reading the socket
constexpr qsizetype PieceBytes = 256 * 1024;
constexpr qsizetype MaxErrorBody = 64 * 1024;

// Codes with which S3 refuses the credentials themselves.
bool isCredentialCode(const QString &code)
{
    static const QStringList codes { QStringLiteral("InvalidAccessKeyId"),
        QStringLiteral("SignatureDoesNotMatch"), QStringLiteral("AccessDenied"),
        QStringLiteral("ExpiredToken"), QStringLiteral("InvalidToken"),
        QStringLiteral("TokenRefreshRequired"), QStringLiteral("InvalidSecurity"),
        QStringLiteral("AllAccessDisabled"), QStringLiteral("AccountProblem"),
        QStringLiteral("NotSignedUp") };
    return codes.contains(code);
}

// Transport failures worth another attempt: the server went away, stalled, or the network hiccupped. A
// name that does not resolve or a TLS certificate that does not verify will not get better by retrying.
bool isRetryable(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::TimeoutError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::UnknownNetworkError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::ProtocolFailure:
    case QNetworkReply::UnknownServerError:
    case QNetworkReply::InternalServerError:
    case QNetworkReply::ServiceUnavailableError:
        return true;
    default:
        return false;
    }
}

// Text from a server, made safe to quote in a one-line message.
QString quoted(const QString &text)
{
    QString t = text.simplified();
    for (QChar &c : t) {
        if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format)
            c = QLatin1Char('?');
    }
    return t.size() > 300 ? t.left(300) + QStringLiteral("…") : t;
}

QString quoted(const QByteArray &text)
{
    return quoted(QString::fromUtf8(text));
}

} // namespace

S3Exchange::S3Exchange(S3Client &client, QString subject, Handler handler)
    : m_client(client)
    , m_subject(std::move(subject))
    , m_handler(std::move(handler))
{
    m_idle.setSingleShot(true);
    m_idle.setInterval(std::max(1, client.retryPolicy().timeoutMs));
    connect(&m_idle, &QTimer::timeout, this, &S3Exchange::onIdle);
    m_backoff.setSingleShot(true);
    connect(&m_backoff, &QTimer::timeout, this, &S3Exchange::send);
}

S3Exchange::~S3Exchange()
{
    dropReply();
}

Error S3Exchange::cancelledError(const QString &subject)
{
    return makeError(ErrorCode::Cancelled, S3Client::tr("The transfer of %1 was cancelled.").arg(subject));
}

void S3Exchange::start()
{
    if (m_attempt == 0 && !m_finished)
        send();
}

void S3Exchange::abort(const Error &error)
{
    if (m_finished)
        return;
    dropReply();
    finish(error);
}

Status S3Exchange::run(ProgressReporter *progress)
{
    if (progress && progress->isCancelled())
        return cancelledError(m_subject);
    QEventLoop loop;
    QTimer poll;
    poll.setInterval(CancelPollMs);
    connect(&poll, &QTimer::timeout, this, [this, progress] {
        if (progress->isCancelled())
            abort(cancelledError(m_subject));
    });
    connect(this, &S3Exchange::finished, &loop, &QEventLoop::quit);
    start();
    if (progress)
        poll.start();
    if (!m_finished)
        loop.exec();
    if (m_error)
        return *m_error;
    return success();
}

void S3Exchange::send()
{
    ++m_attempt;
    m_decided = false;
    m_accepted = false;
    m_timedOut = false;
    m_status = 0;
    m_bodyBytes = 0;
    m_errorBody.clear();
    m_errorCodeHeader.clear();
    m_errorMessageHeader.clear();
    m_bucketRegionHeader.clear();
    m_reasonPhrase.clear();
    m_errorCode.clear();

    const S3Request request = m_handler.request();
    const SignedRequest signedRequest = SigV4::sign(request, m_client.config(), m_client.now());
    QNetworkRequest r(QUrl::fromEncoded(signedRequest.url, QUrl::StrictMode));
    bool hasAcceptEncoding = false;
    for (const auto &[name, value] : signedRequest.headers) {
        r.setRawHeader(name, value);
        hasAcceptEncoding = hasAcceptEncoding || name.compare("Accept-Encoding", Qt::CaseInsensitive) == 0;
    }
    // Bytes exactly as stored: Qt would otherwise ask for gzip and inflate ranges behind our back.
    if (!hasAcceptEncoding)
        r.setRawHeader("Accept-Encoding", "identity");
    // S3 redirects name another region or endpoint; following them blindly would send the request (and
    // its signature) elsewhere. They become clear errors instead.
    r.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    r.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    r.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    r.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    r.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);

    QNetworkAccessManager *network = m_client.network();
    if (request.method == "GET")
        m_reply = network->get(r);
    else if (request.method == "HEAD")
        m_reply = network->head(r);
    else
        m_reply = network->sendCustomRequest(r, request.method, request.payload);
    m_reply->setReadBufferSize(ReadBufferBytes);
    connect(m_reply, &QNetworkReply::metaDataChanged, this, [this] { m_idle.start(); });
    connect(m_reply, &QNetworkReply::readyRead, this, [this] {
        m_idle.start();
        if (decide())
            drain();
    });
    connect(m_reply, &QNetworkReply::uploadProgress, this, [this] { m_idle.start(); });
    connect(m_reply, &QNetworkReply::finished, this, &S3Exchange::onReplyFinished);
    m_idle.start();
}

// Looks at the status once it is known: a 2xx response goes to the handler's accept. False when the
// exchange ended there.
bool S3Exchange::decide()
{
    if (m_decided || !m_reply)
        return !m_finished;
    const QVariant status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!status.isValid())
        return true; // no response yet (or none at all)
    m_decided = true;
    m_status = status.toInt();
    m_reasonPhrase = m_reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray();
    if (m_status >= 200 && m_status < 300) {
        m_accepted = true;
        if (m_handler.accept) {
            if (Status s = m_handler.accept(*m_reply); !s) {
                dropReply();
                finish(s.error());
                return false;
            }
        }
    } else {
        m_errorCodeHeader = m_reply->rawHeader("x-amz-error-code");
        m_errorMessageHeader = m_reply->rawHeader("x-amz-error-message");
        m_bucketRegionHeader = m_reply->rawHeader("x-amz-bucket-region");
    }
    return true;
}

void S3Exchange::drain()
{
    while (m_reply && m_reply->bytesAvailable() > 0) {
        if (!m_decided) {
            // Bytes without a status: nothing to do with them yet.
            return;
        }
        if (m_accepted) {
            if (m_buffer.size() != PieceBytes)
                m_buffer.resize(PieceBytes);
            const qint64 n = m_reply->read(m_buffer.data(), m_buffer.size());
            if (n <= 0)
                return;
            m_bodyBytes += n;
            if (m_handler.body) {
                if (Status s = m_handler.body(QByteArrayView(m_buffer.constData(), n)); !s) {
                    dropReply();
                    finish(s.error());
                    return;
                }
            }
        } else {
            const QByteArray piece = m_reply->read(MaxErrorBody);
            if (piece.isEmpty())
                return;
            if (m_errorBody.size() < MaxErrorBody)
                m_errorBody.append(piece.left(MaxErrorBody - m_errorBody.size()));
        }
    }
}

void S3Exchange::onIdle()
{
    if (!m_reply)
        return;
    m_timedOut = true;
    m_reply->abort(); // finished() follows synchronously: onReplyFinished
}

void S3Exchange::onReplyFinished()
{
    m_idle.stop();
    if (!m_reply || m_finished)
        return;
    if (!decide())
        return;
    drain();
    if (m_finished || !m_reply)
        return;
    const QNetworkReply::NetworkError networkError = m_reply->error();
    const QString errorString = m_reply->errorString();
    const QByteArray contentLength = m_reply->rawHeader("Content-Length");
    const bool head = m_reply->operation() == QNetworkAccessManager::HeadOperation;
    dropReply();

    if (m_timedOut) {
        retryOrFail(
            this->networkError(
                S3Client::tr("no data for %1 s").arg(double(m_client.retryPolicy().timeoutMs) / 1000.0)),
            true);
        return;
    }
    if (m_status == 0 || (m_accepted && networkError != QNetworkReply::NoError)) {
        retryOrFail(this->networkError(errorString), isRetryable(networkError) || m_accepted);
        return;
    }
    if (m_accepted) {
        bool known = false;
        const qint64 expected = contentLength.trimmed().toLongLong(&known);
        if (!head && known && m_bodyBytes != expected) {
            retryOrFail(
                this->networkError(
                    S3Client::tr("the response ended after %1 of %2 bytes").arg(m_bodyBytes).arg(expected)),
                true);
            return;
        }
        if (m_handler.complete) {
            if (Status s = m_handler.complete(); !s) {
                finish(s.error());
                return;
            }
        }
        finish(std::nullopt);
        return;
    }
    const S3ErrorBody body = errorBody();
    m_errorCode = body.code;
    const bool retryable = m_status >= 500 || m_status == 429;
    retryOrFail(httpError(body), retryable);
}

void S3Exchange::retryOrFail(Error error, bool retryable)
{
    const S3RetryPolicy &policy = m_client.retryPolicy();
    if (retryable && m_attempt < policy.attempts) {
        const int shift = std::min(m_attempt - 1, 20);
        const qint64 base
            = std::min<qint64>(policy.maxDelayMs, qint64(std::max(0, policy.firstDelayMs)) << shift);
        // Half the delay fixed, half random: clients that failed together do not come back together.
        const qint64 delay = base / 2 + QRandomGenerator::global()->bounded(base / 2 + 1);
        m_backoff.start(int(delay));
        return;
    }
    if (retryable && m_attempt > 1)
        error.message += QLatin1Char(' ') + S3Client::tr("Gave up after %1 attempts.").arg(m_attempt);
    finish(std::move(error));
}

void S3Exchange::finish(std::optional<Error> error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_error = std::move(error);
    m_idle.stop();
    m_backoff.stop();
    QMetaObject::invokeMethod(
        this, [this] { Q_EMIT finished(); }, Qt::QueuedConnection);
}

void S3Exchange::dropReply()
{
    if (!m_reply)
        return;
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    reply->disconnect(this);
    if (reply->isRunning())
        reply->abort();
    reply->deleteLater();
}

Error S3Exchange::networkError(const QString &why) const
{
    return makeError(ErrorCode::Io,
        S3Client::tr("Cannot read %1 from %2: %3.")
            .arg(m_subject, m_client.config().endpoint.toString(QUrl::RemoveUserInfo), quoted(why)));
}

// What the server said about a failure: its XML body, else the x-amz-error-* headers some servers add.
S3ErrorBody S3Exchange::errorBody() const
{
    S3ErrorBody body = S3Xml::parseError(m_errorBody).value_or(S3ErrorBody {});
    if (body.code.isEmpty())
        body.code = QString::fromUtf8(m_errorCodeHeader);
    if (body.message.isEmpty())
        body.message = QString::fromUtf8(m_errorMessageHeader);
    if (body.region.isEmpty())
        body.region = QString::fromUtf8(m_bucketRegionHeader);
    return body;
}

Error S3Exchange::httpError(const S3ErrorBody &body) const
{
    QString detail;
    if (body.code.isEmpty()) {
        detail = m_reasonPhrase.isEmpty()
            ? S3Client::tr("HTTP %1").arg(m_status)
            : S3Client::tr("HTTP %1 %2").arg(m_status).arg(quoted(m_reasonPhrase));
    } else {
        detail = quoted(body.code);
        if (!body.message.isEmpty())
            detail += QStringLiteral(": ") + quoted(body.message);
    }
    const S3Config &config = m_client.config();

    if (body.code == u"RequestTimeTooSkewed")
        return makeError(ErrorCode::Io,
            S3Client::tr("S3 refused %1 because this computer's clock is wrong by more than 15 minutes (%2).")
                .arg(m_subject, detail));
    const bool regionCode = body.code == u"PermanentRedirect" || body.code == u"AuthorizationHeaderMalformed"
        || body.code == u"IllegalLocationConstraintException" || body.code == u"TemporaryRedirect";
    if ((m_status >= 300 && m_status < 400) || (regionCode && !body.region.isEmpty())) {
        if (!body.region.isEmpty() && body.region != config.region)
            return makeError(ErrorCode::Usage,
                S3Client::tr("The bucket of %1 is in the region %2, not %3: use --region %2 (%4).")
                    .arg(m_subject, quoted(body.region), config.region, detail));
        if (!body.endpoint.isEmpty())
            return makeError(ErrorCode::Usage,
                S3Client::tr("The bucket of %1 must be reached through the endpoint %2, not %3 (%4).")
                    .arg(m_subject, quoted(body.endpoint), config.endpoint.host(), detail));
        return makeError(ErrorCode::Usage,
            S3Client::tr("S3 redirects %1 elsewhere: check the region and the endpoint (%2).")
                .arg(m_subject, detail));
    }
    if (isCredentialCode(body.code) || (m_status == 403 && body.code.isEmpty()))
        return makeError(ErrorCode::Password,
            S3Client::tr("S3 refused the credentials from %1 for %2 (%3).")
                .arg(config.credentials.origin.isEmpty() ? S3Client::tr("the configuration")
                                                         : config.credentials.origin,
                    m_subject, detail));
    if (m_status == 404)
        return makeError(ErrorCode::Io, S3Client::tr("%1 does not exist (%2).").arg(m_subject, detail));
    if (m_status == 416)
        return makeError(ErrorCode::InvalidInput,
            S3Client::tr("%1 does not have the bytes asked for (%2).").arg(m_subject, detail));
    if (m_status >= 500 || m_status == 429)
        return makeError(ErrorCode::Io,
            S3Client::tr("The S3 endpoint %1 failed to serve %2 (%3).")
                .arg(config.endpoint.toString(QUrl::RemoveUserInfo), m_subject, detail));
    return makeError(
        ErrorCode::Io, S3Client::tr("S3 refused the request for %1 (%2).").arg(m_subject, detail));
}

// ---------------------------------------------------------------------------------------------------------

S3RangeGet::S3RangeGet(S3Location location, qint64 offset, qint64 length, QString expectedEtag,
    qint64 expectedTotal, Write write)
    : m_location(std::move(location))
    , m_offset(offset)
    , m_length(length)
    , m_etag(std::move(expectedEtag))
    , m_total(expectedTotal)
    , m_write(std::move(write))
{ }

Error S3RangeGet::changedError(const S3Location &location, const QString &why)
{
    return makeError(ErrorCode::InvalidInput,
        tr("%1 changed on the server while downloading (%2).").arg(location.toString(), why));
}

S3Exchange::Handler S3RangeGet::handler()
{
    S3Exchange::Handler h;
    h.request = [this] {
        S3Request request;
        request.method = "GET";
        request.bucket = m_location.bucket;
        request.key = m_location.key;
        const qint64 first = m_offset + m_received;
        const qint64 last = m_offset + m_length - 1;
        request.headers.append({ QByteArrayLiteral("Range"),
            QByteArrayLiteral("bytes=") + QByteArray::number(first) + '-' + QByteArray::number(last) });
        return request;
    };
    h.accept = [this](QNetworkReply &reply) { return accept(reply); };
    h.body = [this](QByteArrayView piece) { return body(piece); };
    h.complete = [this]() -> Status {
        if (m_received != m_length)
            return makeError(ErrorCode::InvalidInput,
                tr("The server sent %1 of %2 bytes of %3.")
                    .arg(m_received)
                    .arg(m_length)
                    .arg(m_location.toString()));
        return success();
    };
    return h;
}

Status S3RangeGet::accept(QNetworkReply &reply)
{
    const QString subject = m_location.toString();
    const QString etag = S3Xml::normalizeEtag(QString::fromUtf8(reply.rawHeader("ETag")));
    if (etag.isEmpty())
        return makeError(ErrorCode::InvalidInput, tr("The server sent %1 without an ETag.").arg(subject));
    if (m_etag.isEmpty())
        m_etag = etag;
    else if (etag != m_etag)
        return changedError(m_location, tr("its ETag is now %1, was %2").arg(quoted(etag), m_etag));

    bool lengthKnown = false;
    const qint64 contentLength = reply.rawHeader("Content-Length").trimmed().toLongLong(&lengthKnown);
    const qint64 first = m_offset + m_received;
    const qint64 last = m_offset + m_length - 1;
    const int status = reply.attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 200) {
        // A server that ignores Range sends everything: fine only when everything was asked for.
        if (first == 0 && lengthKnown && contentLength == m_length && (m_total < 0 || m_total == m_length))
            return success();
        return makeError(ErrorCode::InvalidInput,
            tr("The server ignored the byte range asked for in %1 (bytes %2-%3).")
                .arg(subject)
                .arg(first)
                .arg(last));
    }
    if (status != 206)
        return makeError(ErrorCode::InvalidInput,
            tr("The server answered HTTP %1 for a byte range of %2.").arg(status).arg(subject));
    static const QRegularExpression pattern(
        QStringLiteral("^bytes (\\d{1,18})-(\\d{1,18})/(\\d{1,18}|\\*)$"));
    const QString contentRange = QString::fromLatin1(reply.rawHeader("Content-Range")).trimmed();
    const QRegularExpressionMatch match = pattern.match(contentRange);
    if (!match.hasMatch())
        return makeError(ErrorCode::InvalidInput,
            tr("The server sent a byte range of %1 with the Content-Range \"%2\".")
                .arg(subject, quoted(contentRange)));
    const qint64 from = match.captured(1).toLongLong();
    const qint64 to = match.captured(2).toLongLong();
    const qint64 total = match.captured(3) == u"*" ? -1 : match.captured(3).toLongLong();
    if (m_total >= 0 && total != m_total)
        return changedError(m_location, tr("its size is now %1 bytes, was %2").arg(total).arg(m_total));
    bool fits = from == first && to == last;
    if (!fits && m_total < 0 && from == first && to < last && total == to + 1) {
        // The object ends inside the range asked for: take what there is.
        m_length = to + 1 - m_offset;
        fits = true;
    }
    if (!fits || (lengthKnown && contentLength != to + 1 - from))
        return makeError(ErrorCode::InvalidInput,
            tr("The server sent %1 of %2 when bytes %3-%4 were asked for.")
                .arg(contentRange, subject)
                .arg(first)
                .arg(last));
    return success();
}

Status S3RangeGet::body(QByteArrayView piece)
{
    if (piece.size() > m_length - m_received)
        return makeError(ErrorCode::InvalidInput,
            tr("The server sent more than the %1 bytes asked for of %2.")
                .arg(m_length)
                .arg(m_location.toString()));
    if (Status s = m_write(m_received, piece); !s)
        return s;
    m_received += piece.size();
    if (m_onProgress)
        m_onProgress(piece.size());
    return success();
}

} // namespace tapedeck
