// SPDX-License-Identifier: MIT
// Signature Version 4 for S3 on OpenSSL's HMAC-SHA256, following botocore 1.29's S3SigV4Auth and
// S3SigV4QueryAuth step by step (botocore/auth.py) and its endpoint rules for addressing (botocore/args.py,
// the S3 endpoint rule set).
#include "core/storage/sigv4.h"

#include "core/common/sha256.h"
#include "core/common/utf8.h"

#include <algorithm>
#include <array>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <optional>

namespace tapedeck {

namespace {

const QByteArray Algorithm = QByteArrayLiteral("AWS4-HMAC-SHA256");
const QByteArray UnsignedPayload = QByteArrayLiteral("UNSIGNED-PAYLOAD");
const QByteArray Service = QByteArrayLiteral("s3");

// Where the request goes: the URL's parts as sent, and the host as signed.
struct Target
{
    QByteArray scheme;
    QByteArray authority; // host[:port] as in the URL (IPv6 in brackets), the port kept even when default
    QByteArray signedHost; // botocore's _host_from_url: lower-case host, the port only when not the default
    QByteArray path; // percent-encoded, never empty
};

QByteArray hmacSha256(QByteArrayView key, QByteArrayView data)
{
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest {};
    unsigned int length = 0;
    HMAC(EVP_sha256(), key.data(), int(key.size()), reinterpret_cast<const unsigned char *>(data.data()),
        size_t(data.size()), digest.data(), &length);
    return QByteArray(reinterpret_cast<const char *>(digest.data()), qsizetype(length));
}

bool isIpHost(const QString &host)
{
    if (host.contains(u':'))
        return true; // QUrl gives IPv6 addresses without their brackets; no DNS name holds ':'
    const QStringList parts = host.split(u'.');
    if (parts.size() != 4)
        return false;
    return std::all_of(parts.cbegin(), parts.cend(), [](const QString &part) {
        bool ok = false;
        const int value = part.toInt(&ok);
        return ok && part.size() <= 3 && value >= 0 && value <= 255
            && std::all_of(part.cbegin(), part.cend(), [](QChar c) { return c >= u'0' && c <= u'9'; });
    });
}

// botocore's check_dns_name: one DNS label of lower-case letters, digits and '-', 3 to 63 characters.
bool isDnsLabelBucket(const QString &bucket)
{
    if (bucket.size() < 3 || bucket.size() > 63)
        return false;
    const auto inner
        = [](QChar c) { return (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'-'; };
    if (!std::all_of(bucket.cbegin(), bucket.cend(), inner))
        return false;
    return bucket.front() != u'-' && bucket.back() != u'-';
}

int defaultPort(const QByteArray &scheme)
{
    if (scheme == "http")
        return 80;
    if (scheme == "https")
        return 443;
    return -1;
}

Target target(const S3Request &request, const S3Config &config)
{
    const QUrl endpoint = SigV4::endpoint(config);
    Target t;
    t.scheme = endpoint.scheme().toLatin1().toLower();
    QByteArray host = endpoint.host(QUrl::FullyEncoded).toLatin1().toLower();
    if (host.contains(':'))
        host = '[' + host + ']';
    QByteArray basePath = endpoint.path(QUrl::FullyEncoded).toLatin1();
    const bool virtualHost = !request.bucket.isEmpty() && SigV4::virtualHostStyle(request.bucket, config);
    if (virtualHost)
        host = request.bucket.toLatin1() + '.' + host; // a DNS label: ASCII by construction
    const int port = endpoint.port();
    t.authority = port >= 0 ? host + ':' + QByteArray::number(port) : host;
    t.signedHost = port >= 0 && port != defaultPort(t.scheme) ? t.authority : host;

    const QByteArray key = SigV4::uriEncode(toUtf8(request.key), true);
    if (request.bucket.isEmpty()) {
        // ListBuckets: the endpoint's own path, as given.
        t.path = basePath.isEmpty() ? QByteArrayLiteral("/") : basePath;
        return t;
    }
    // The rule set's url#normalizedPath: the endpoint's path with a trailing '/'.
    if (!basePath.endsWith('/'))
        basePath += '/';
    if (virtualHost)
        t.path = basePath + key;
    else
        t.path = basePath + SigV4::uriEncode(toUtf8(request.bucket), true)
            + (key.isEmpty() ? QByteArray() : '/' + key);
    return t;
}

// Python's str.isspace(), which str.split() splits on.
bool isPythonSpace(char32_t c)
{
    return (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x20) || c == 0x85 || c == 0xa0 || c == 0x1680
        || (c >= 0x2000 && c <= 0x200a) || c == 0x2028 || c == 0x2029 || c == 0x202f || c == 0x205f
        || c == 0x3000;
}

// botocore's _header_value: ' '.join(value.split()), i.e. trimmed with every run of whitespace one space.
QByteArray trimAll(const QByteArray &value)
{
    QByteArray out;
    bool pendingSpace = false;
    const char *p = value.constData();
    const char *end = p + value.size();
    const bool utf8 = strictUtf8(value).has_value();
    while (p < end) {
        const char *start = p;
        char32_t c;
        if (utf8) {
            c = *nextUtf8(p, end);
        } else {
            c = uchar(*p); // not UTF-8: only ASCII whitespace is recognised
            ++p;
            if (c >= 0x80)
                c = 0;
        }
        if (isPythonSpace(c)) {
            pendingSpace = !out.isEmpty();
            continue;
        }
        if (pendingSpace)
            out += ' ';
        pendingSpace = false;
        out.append(start, p - start);
    }
    return out;
}

bool sameName(const QByteArray &a, QByteArrayView b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

bool hasHeader(const HeaderList &headers, QByteArrayView name)
{
    return std::any_of(
        headers.cbegin(), headers.cend(), [name](const auto &h) { return sameName(h.first, name); });
}

void removeHeader(HeaderList &headers, QByteArrayView name)
{
    headers.removeIf([name](const auto &h) { return sameName(h.first, name); });
}

struct CanonicalHeaders
{
    QByteArray text; // "name:value\n" lines, sorted by name
    QByteArray signedHeaders; // "a;b;host"
};

// headers_to_sign + canonical_headers + signed_headers: every header but the blacklisted ones, lower-case
// names, repeated names' values joined with ',', host added unless given.
CanonicalHeaders canonicalHeaders(const HeaderList &headers, const QByteArray &signedHost)
{
    QList<QPair<QByteArray, QList<QByteArray>>> byName;
    const auto add = [&byName](const QByteArray &name, const QByteArray &value) {
        for (auto &entry : byName) {
            if (entry.first == name) {
                entry.second.append(value);
                return;
            }
        }
        byName.append({ name, { value } });
    };
    for (const auto &[name, value] : headers) {
        const QByteArray lower = name.toLower();
        if (lower == "expect" || lower == "user-agent" || lower == "x-amzn-trace-id")
            continue;
        add(lower, value);
    }
    if (!hasHeader(headers, "host"))
        add(QByteArrayLiteral("host"), signedHost);
    std::sort(byName.begin(), byName.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
    CanonicalHeaders result;
    for (const auto &[name, values] : byName) {
        QByteArray joined;
        for (qsizetype i = 0; i < values.size(); ++i)
            joined += (i > 0 ? "," : "") + trimAll(values.at(i));
        result.text += name + ':' + joined + '\n';
        if (!result.signedHeaders.isEmpty())
            result.signedHeaders += ';';
        result.signedHeaders += name.trimmed();
    }
    return result;
}

using EncodedQuery = QList<QPair<QByteArray, QByteArray>>;

EncodedQuery encodeQuery(const QList<QPair<QString, QString>> &query)
{
    EncodedQuery encoded;
    encoded.reserve(query.size());
    for (const auto &[name, value] : query) {
        QByteArray encodedValue; // null for a value-less parameter
        if (!value.isNull())
            encodedValue = value.isEmpty() ? QByteArrayLiteral("") : SigV4::uriEncode(toUtf8(value), false);
        encoded.append({ SigV4::uriEncode(toUtf8(name), false), encodedValue });
    }
    return encoded;
}

// As sent: "name=value" joined with '&', a null value as the bare name.
QByteArray queryString(const EncodedQuery &query)
{
    QByteArray out;
    for (const auto &[name, value] : query) {
        if (!out.isEmpty())
            out += '&';
        out += name;
        if (!value.isNull())
            out += '=' + value;
    }
    return out;
}

// botocore sorts the encoded (name, value) pairs as tuples: by name first, so "a" sorts before "a-b"
// even though "a=" would sort after "a-b=".
QByteArray canonicalQuery(EncodedQuery query)
{
    std::sort(query.begin(), query.end(), [](const auto &a, const auto &b) {
        const int byName = a.first.compare(b.first);
        return byName != 0 ? byName < 0 : a.second.compare(b.second) < 0;
    });
    QByteArray out;
    for (const auto &[name, value] : query) {
        if (!out.isEmpty())
            out += '&';
        out += name + '=' + value;
    }
    return out;
}

QByteArray timestamp(const QDateTime &now)
{
    return now.toUTC().toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'")).toLatin1();
}

// email.utils.formatdate(t): "Tue, 05 Mar 2024 07:08:09 -0000", English names whatever the locale.
QByteArray formatDate(const QDateTime &now)
{
    static const char *const Days[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
    static const char *const Months[]
        = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
    const QDateTime utc = now.toUTC();
    const QDate date = utc.date();
    return QByteArray(Days[date.dayOfWeek() - 1]) + ", "
        + QByteArray::number(date.day()).rightJustified(2, '0') + ' ' + Months[date.month() - 1] + ' '
        + QByteArray::number(date.year()) + ' ' + utc.time().toString(QStringLiteral("HH:mm:ss")).toLatin1()
        + " -0000";
}

QByteArray signature(const AwsCredentials &credentials, const QByteArray &date, const QByteArray &region,
    const QByteArray &stringToSign)
{
    const QByteArray kDate = hmacSha256(QByteArray("AWS4" + credentials.secretAccessKey.toUtf8()), date);
    const QByteArray kRegion = hmacSha256(kDate, region);
    const QByteArray kService = hmacSha256(kRegion, Service);
    const QByteArray kSigning = hmacSha256(kService, "aws4_request");
    return hmacSha256(kSigning, stringToSign).toHex();
}

QByteArray buildCanonicalRequest(const QByteArray &method, const Target &t, const QByteArray &query,
    const CanonicalHeaders &headers, const QByteArray &payloadHash)
{
    return method.toUpper() + '\n' + t.path + '\n' + query + '\n' + headers.text + '\n'
        + headers.signedHeaders + '\n' + payloadHash;
}

QByteArray buildStringToSign(
    const QByteArray &stamp, const QByteArray &scope, const QByteArray &canonicalRequest)
{
    return Algorithm + '\n' + stamp + '\n' + scope + '\n' + Sha256::hex(canonicalRequest);
}

QByteArray url(const Target &t, const QByteArray &query)
{
    return t.scheme + "://" + t.authority + t.path + (query.isEmpty() ? QByteArray() : '?' + query);
}

} // namespace

QUrl SigV4::endpoint(const S3Config &config)
{
    if (!config.endpoint.isEmpty())
        return config.endpoint;
    return QUrl(QStringLiteral("https://s3.%1.amazonaws.com").arg(config.region));
}

bool SigV4::virtualHostStyle(const QString &bucket, const S3Config &config)
{
    // botocore/args.py: a custom endpoint forces path style unless addressing_style is "virtual"; AWS's
    // own endpoint uses path style only when it is "path". The rule set then falls back to path style for
    // IP-address endpoints and for bucket names that are not a single DNS label.
    const bool forcePath = config.customEndpoint ? config.addressing != AddressingStyle::Virtual
                                                 : config.addressing == AddressingStyle::Path;
    if (forcePath || !isDnsLabelBucket(bucket))
        return false;
    return !isIpHost(endpoint(config).host());
}

QByteArray SigV4::uriEncode(QByteArrayView bytes, bool keepSlash)
{
    static constexpr char Hex[] = "0123456789ABCDEF";
    QByteArray out;
    out.reserve(bytes.size() * 3);
    for (const char ch : bytes) {
        const uchar c = uchar(ch);
        const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
            || c == '-' || c == '_' || c == '.' || c == '~';
        if (unreserved || (keepSlash && c == '/')) {
            out += char(c);
        } else {
            out += '%';
            out += Hex[c >> 4];
            out += Hex[c & 0xf];
        }
    }
    return out;
}

SignedRequest SigV4::sign(const S3Request &request, const S3Config &config, const QDateTime &now)
{
    const Target t = target(request, config);
    const QByteArray stamp = timestamp(now);
    const QByteArray date = stamp.left(8);
    const QByteArray region = config.region.toUtf8();
    const QByteArray scope = date + '/' + region + '/' + Service + "/aws4_request";

    // _modify_request_before_signing: a Date header given is rewritten (and X-Amz-Date left out), else
    // X-Amz-Date; the session token; then S3's X-Amz-Content-SHA256, always recomputed.
    HeaderList headers = request.headers;
    removeHeader(headers, "authorization");
    const bool useDate = hasHeader(headers, "date");
    removeHeader(headers, "date");
    removeHeader(headers, "x-amz-date");
    if (useDate)
        headers.append({ QByteArrayLiteral("Date"), formatDate(now) });
    else
        headers.append({ QByteArrayLiteral("X-Amz-Date"), stamp });
    if (!config.credentials.sessionToken.isEmpty()) {
        removeHeader(headers, "x-amz-security-token");
        headers.append(
            { QByteArrayLiteral("X-Amz-Security-Token"), config.credentials.sessionToken.toUtf8() });
    }
    // S3SigV4Auth._should_sha256_sign_payload: the payload goes unsigned only over https, with a checksum
    // header, on a streaming upload (PutObject, UploadPart: an object PUT).
    const bool checksumHeader = std::any_of(headers.cbegin(), headers.cend(), [](const auto &h) {
        return sameName(h.first, "content-md5") || h.first.toLower().startsWith("x-amz-checksum-");
    });
    const bool streaming = request.method.toUpper() == "PUT" && !request.key.isEmpty();
    const QByteArray payloadHash
        = t.scheme == "https" && checksumHeader && streaming ? UnsignedPayload : Sha256::hex(request.payload);
    removeHeader(headers, "x-amz-content-sha256");
    headers.append({ QByteArrayLiteral("X-Amz-Content-SHA256"), payloadHash });

    const EncodedQuery query = encodeQuery(request.query);
    const CanonicalHeaders canonical = canonicalHeaders(headers, t.signedHost);
    SignedRequest signedRequest;
    signedRequest.method = request.method.toUpper();
    signedRequest.url = url(t, queryString(query));
    signedRequest.canonicalRequest
        = buildCanonicalRequest(request.method, t, canonicalQuery(query), canonical, payloadHash);
    signedRequest.stringToSign = buildStringToSign(stamp, scope, signedRequest.canonicalRequest);
    const QByteArray credential = config.credentials.accessKeyId.toUtf8() + '/' + scope;
    headers.append({ QByteArrayLiteral("Authorization"),
        Algorithm + " Credential=" + credential + ", SignedHeaders=" + canonical.signedHeaders
            + ", Signature=" + signature(config.credentials, date, region, signedRequest.stringToSign) });
    signedRequest.headers = std::move(headers);
    return signedRequest;
}

SignedRequest SigV4::presignRequest(
    const S3Request &request, const S3Config &config, const QDateTime &now, int expiresSeconds)
{
    const Target t = target(request, config);
    const QByteArray stamp = timestamp(now);
    const QByteArray date = stamp.left(8);
    const QByteArray region = config.region.toUtf8();
    const QByteArray scope = date + '/' + region + '/' + Service + "/aws4_request";
    const CanonicalHeaders canonical = canonicalHeaders(request.headers, t.signedHost);

    // SigV4QueryAuth._modify_request_before_signing: the operation's parameters (parsed back from the
    // query with parse_qs, so a value-less one gains its '=' and the first of a repeated name wins), then
    // the authentication parameters in botocore's order.
    EncodedQuery query;
    for (const auto &[name, value] : encodeQuery(request.query)) {
        if (std::none_of(query.cbegin(), query.cend(), [&name](const auto &q) { return q.first == name; }))
            query.append({ name, value.isNull() ? QByteArrayLiteral("") : value });
    }
    query.append({ QByteArrayLiteral("X-Amz-Algorithm"), Algorithm });
    query.append({ QByteArrayLiteral("X-Amz-Credential"),
        uriEncode(QByteArray(config.credentials.accessKeyId.toUtf8() + '/' + scope), false) });
    query.append({ QByteArrayLiteral("X-Amz-Date"), stamp });
    query.append({ QByteArrayLiteral("X-Amz-Expires"), QByteArray::number(expiresSeconds) });
    query.append({ QByteArrayLiteral("X-Amz-SignedHeaders"), uriEncode(canonical.signedHeaders, false) });
    if (!config.credentials.sessionToken.isEmpty())
        query.append({ QByteArrayLiteral("X-Amz-Security-Token"),
            uriEncode(config.credentials.sessionToken.toUtf8(), false) });

    SignedRequest signedRequest;
    signedRequest.method = request.method.toUpper();
    signedRequest.headers = request.headers;
    signedRequest.canonicalRequest
        = buildCanonicalRequest(request.method, t, canonicalQuery(query), canonical, UnsignedPayload);
    signedRequest.stringToSign = buildStringToSign(stamp, scope, signedRequest.canonicalRequest);
    signedRequest.url = url(t,
        queryString(query)
            + "&X-Amz-Signature=" + signature(config.credentials, date, region, signedRequest.stringToSign));
    return signedRequest;
}

QByteArray SigV4::signCanonical(const QByteArray &canonicalRequest, const AwsCredentials &credentials,
    const QString &region, const QDateTime &now, QByteArray *stringToSign)
{
    const QByteArray stamp = timestamp(now);
    const QByteArray regionBytes = region.toUtf8();
    const QByteArray text = buildStringToSign(
        stamp, stamp.left(8) + '/' + regionBytes + '/' + Service + "/aws4_request", canonicalRequest);
    if (stringToSign)
        *stringToSign = text;
    return signature(credentials, stamp.left(8), regionBytes, text);
}

QByteArray SigV4::presign(
    const S3Request &request, const S3Config &config, const QDateTime &now, int expiresSeconds)
{
    return presignRequest(request, config, now, expiresSeconds).url;
}

} // namespace tapedeck
