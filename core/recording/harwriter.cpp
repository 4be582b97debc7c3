// SPDX-License-Identifier: MIT
// HAR 1.2 output of recorded HTTP interactions, written incrementally with hand-made JSON escaping.
#include "core/recording/harwriter.h"

#include "core/common/utf8.h"
#include "core/recording/timelineindexer.h"

#include <array>

namespace tapedeck {

namespace {

constexpr qsizetype FlushAt = 1 << 20;
// Base64 is produced in slices of this many input bytes (a multiple of 3, so slices concatenate).
constexpr qsizetype Base64Slice = 3 * (1 << 16);

struct Cookie
{
    QString name;
    QString value;
    QString path;
    QString domain;
    std::optional<QDateTime> expires;
    std::optional<QString> sameSite;
    bool httpOnly = false;
    bool secure = false;
};

QString isoTime(const QDateTime &t)
{
    return t.toUTC().toString(Qt::ISODateWithMs);
}

std::optional<int> monthNumber(QStringView name)
{
    static constexpr std::array<const char *, 12> Months { "jan", "feb", "mar", "apr", "may", "jun", "jul",
        "aug", "sep", "oct", "nov", "dec" };
    if (name.size() < 3)
        return std::nullopt;
    for (int i = 0; i < 12; ++i) {
        if (name.left(3).compare(QLatin1String(Months[size_t(i)]), Qt::CaseInsensitive) == 0)
            return i + 1;
    }
    return std::nullopt;
}

bool allDigits(QStringView s)
{
    if (s.isEmpty())
        return false;
    for (QChar c : s) {
        if (!c.isDigit())
            return false;
    }
    return true;
}

// The URL without its fragment (HAR excludes it), with whitespace and controls percent-encoded so the
// result is a URI even when a writer recorded it loosely.
QString harUrl(const QString &uri)
{
    const qsizetype hash = uri.indexOf(QLatin1Char('#'));
    const QStringView url = hash < 0 ? QStringView(uri) : QStringView(uri).left(hash);
    QString out;
    out.reserve(url.size());
    for (QChar c : url) {
        if (c.unicode() <= 0x20 || c.unicode() == 0x7f)
            out += QLatin1Char('%')
                + QString::number(c.unicode(), 16).toUpper().rightJustified(2, QLatin1Char('0'));
        else
            out += c;
    }
    return out;
}

// application/x-www-form-urlencoded decoding: '+' is a space, %XX are UTF-8 bytes.
QString formDecode(QStringView s)
{
    QByteArray bytes = s.toUtf8();
    bytes.replace('+', ' ');
    return decodeUtf8(QByteArray::fromPercentEncoding(bytes));
}

QList<HttpHeader> queryString(const QString &uri)
{
    QList<HttpHeader> params;
    const qsizetype question = uri.indexOf(QLatin1Char('?'));
    if (question < 0)
        return params;
    QStringView query = QStringView(uri).mid(question + 1);
    if (const qsizetype hash = query.indexOf(QLatin1Char('#')); hash >= 0)
        query = query.left(hash);
    for (QStringView part : query.split(QLatin1Char('&'), Qt::SkipEmptyParts)) {
        const qsizetype eq = part.indexOf(QLatin1Char('='));
        if (eq < 0)
            params.append({ formDecode(part), QString() });
        else
            params.append({ formDecode(part.left(eq)), formDecode(part.mid(eq + 1)) });
    }
    return params;
}

QList<Cookie> requestCookies(const QList<HttpHeader> &headers)
{
    QList<Cookie> cookies;
    for (const QString &header : HttpExchange::headerValues(headers, u"Cookie")) {
        for (QStringView pair : QStringView(header).split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
            pair = pair.trimmed();
            if (pair.isEmpty())
                continue;
            const qsizetype eq = pair.indexOf(QLatin1Char('='));
            Cookie c;
            c.name = (eq < 0 ? pair : pair.left(eq)).trimmed().toString();
            c.value = eq < 0 ? QString() : pair.mid(eq + 1).trimmed().toString();
            cookies.append(std::move(c));
        }
    }
    return cookies;
}

QList<Cookie> responseCookies(const QList<HttpHeader> &headers, const std::optional<QDateTime> &date)
{
    QList<Cookie> cookies;
    for (const QString &header : HttpExchange::headerValues(headers, u"Set-Cookie")) {
        const QList<QStringView> parts = QStringView(header).split(QLatin1Char(';'));
        const QStringView pair = parts.constFirst().trimmed();
        const qsizetype eq = pair.indexOf(QLatin1Char('='));
        Cookie c;
        c.name = (eq < 0 ? pair : pair.left(eq)).trimmed().toString();
        c.value = eq < 0 ? QString() : pair.mid(eq + 1).trimmed().toString();
        std::optional<qint64> maxAge;
        for (qsizetype i = 1; i < parts.size(); ++i) {
            const QStringView attribute = parts.at(i).trimmed();
            const qsizetype aeq = attribute.indexOf(QLatin1Char('='));
            const QStringView name = (aeq < 0 ? attribute : attribute.left(aeq)).trimmed();
            const QStringView value = aeq < 0 ? QStringView() : attribute.mid(aeq + 1).trimmed();
            if (name.compare(QLatin1String("path"), Qt::CaseInsensitive) == 0) {
                c.path = value.toString();
            } else if (name.compare(QLatin1String("domain"), Qt::CaseInsensitive) == 0) {
                c.domain = value.toString();
            } else if (name.compare(QLatin1String("expires"), Qt::CaseInsensitive) == 0) {
                if (!c.expires)
                    c.expires = HarWriter::parseHttpDate(value);
            } else if (name.compare(QLatin1String("max-age"), Qt::CaseInsensitive) == 0) {
                bool ok = false;
                const qint64 seconds = value.toLongLong(&ok);
                if (ok)
                    maxAge = seconds;
            } else if (name.compare(QLatin1String("httponly"), Qt::CaseInsensitive) == 0) {
                c.httpOnly = true;
            } else if (name.compare(QLatin1String("secure"), Qt::CaseInsensitive) == 0) {
                c.secure = true;
            } else if (name.compare(QLatin1String("samesite"), Qt::CaseInsensitive) == 0) {
                c.sameSite = value.toString();
            }
        }
        // Max-Age wins over Expires (RFC 6265 §5.3); it is relative to when the response was received.
        if (maxAge && date)
            c.expires = date->addSecs(*maxAge);
        cookies.append(std::move(c));
    }
    return cookies;
}

// JSON string content: quotes, backslashes and controls escaped; UTF-8 sequences copied as they are.
void escapeInto(QByteArray &out, QByteArrayView text)
{
    static constexpr char Hex[] = "0123456789abcdef";
    const char *data = text.data();
    const qsizetype size = text.size();
    qsizetype run = 0; // start of the bytes not yet copied
    for (qsizetype i = 0; i < size; ++i) {
        const uchar c = uchar(data[i]);
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        out.append(data + run, i - run);
        run = i + 1;
        switch (c) {
        case '"':
            out.append("\\\"", 2);
            break;
        case '\\':
            out.append("\\\\", 2);
            break;
        case '\n':
            out.append("\\n", 2);
            break;
        case '\r':
            out.append("\\r", 2);
            break;
        case '\t':
            out.append("\\t", 2);
            break;
        case '\b':
            out.append("\\b", 2);
            break;
        case '\f':
            out.append("\\f", 2);
            break;
        default: {
            const char escape[6] = { '\\', 'u', '0', '0', Hex[c >> 4], Hex[c & 0xf] };
            out.append(escape, 6);
        }
        }
    }
    out.append(data + run, size - run);
}

} // namespace

HarWriter::HarWriter(QIODevice &device, Options options)
    : m_device(device)
    , m_options(std::move(options))
{
    m_buffer.reserve(FlushAt + 64 * 1024);
}

std::optional<QDateTime> HarWriter::parseHttpDate(QStringView text)
{
    // Tokens of all three forms: "Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT",
    // "Sun Nov  6 08:49:37 1994".
    QList<QStringView> tokens;
    for (QStringView token : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        if (token.endsWith(QLatin1Char(',')))
            token.chop(1);
        if (token.count(QLatin1Char('-')) == 2 && !token.startsWith(QLatin1Char('-'))) {
            for (QStringView piece : token.split(QLatin1Char('-')))
                tokens.append(piece);
        } else if (!token.isEmpty()) {
            tokens.append(token);
        }
    }
    int day = -1;
    int month = -1;
    int year = -1;
    std::optional<QTime> time;
    int offsetSeconds = 0;
    for (QStringView token : tokens) {
        if (token.contains(QLatin1Char(':'))) {
            if (time)
                return std::nullopt;
            time = QTime::fromString(token.toString(), QStringLiteral("HH:mm:ss"));
            if (!time->isValid())
                return std::nullopt;
        } else if (allDigits(token)) {
            if (day < 0 && token.size() <= 2 && (month < 0 || year < 0)) {
                day = token.toInt();
            } else if (year < 0 && (token.size() == 4 || token.size() == 2)) {
                year = token.toInt();
                if (token.size() == 2) // RFC 850's two-digit years
                    year += year < 70 ? 2000 : 1900;
            } else {
                return std::nullopt;
            }
        } else if ((token.startsWith(QLatin1Char('+')) || token.startsWith(QLatin1Char('-')))
            && token.size() == 5 && allDigits(token.mid(1))) {
            const int hhmm = token.mid(1).toInt();
            offsetSeconds
                = (hhmm / 100 * 3600 + hhmm % 100 * 60) * (token.startsWith(QLatin1Char('-')) ? -1 : 1);
        } else if (token.compare(QLatin1String("GMT"), Qt::CaseInsensitive) == 0
            || token.compare(QLatin1String("UTC"), Qt::CaseInsensitive) == 0
            || token.compare(QLatin1String("UT"), Qt::CaseInsensitive) == 0) {
            // asctime has no zone and is GMT by definition, so a missing zone means GMT too.
        } else if (const std::optional<int> m = monthNumber(token); m && month < 0) {
            month = *m;
        } else {
            // Weekday names ("Sun", "Sunday"); anything else is not a date.
            static const QStringList Days { QStringLiteral("mon"), QStringLiteral("tue"),
                QStringLiteral("wed"), QStringLiteral("thu"), QStringLiteral("fri"), QStringLiteral("sat"),
                QStringLiteral("sun") };
            if (token.size() < 3 || !Days.contains(token.left(3).toString().toLower()))
                return std::nullopt;
        }
    }
    if (day < 0 || month < 0 || year < 0 || !time)
        return std::nullopt;
    const QDate date(year, month, day);
    if (!date.isValid())
        return std::nullopt;
    return QDateTime(date, *time, Qt::UTC).addSecs(-offsetSeconds);
}

Status HarWriter::begin()
{
    if (m_begun)
        return makeError(ErrorCode::Usage, tr("the HAR has already been started"));
    m_begun = true;
    put("{\"log\":{\"version\":\"1.2\",\"creator\":{\"name\":\"Tapedeck\",\"version\":");
    putString(QStringLiteral(TAPEDECK_VERSION));
    put("},\"entries\":[");
    return state();
}

Status HarWriter::addEvent(const Timeline &timeline, qsizetype seq)
{
    if (seq < 0 || seq >= timeline.count())
        return makeError(ErrorCode::Usage, tr("there is no event %1").arg(seq));
    const EventRecord &r = timeline.record(seq);
    if (r.kind != EventKind::Http)
        return makeError(ErrorCode::Usage, tr("event %1 is not an HTTP event").arg(seq));
    const Result<HttpExchange> x = TimelineIndexer::exchange(timeline, seq);
    if (x)
        return addExchange(*x, seq);
    // Keep what the index knows, and say why the rest is missing.
    HttpExchange fallback;
    fallback.method = timeline.field(seq, EventField::Method).toString();
    fallback.uri = timeline.field(seq, EventField::Uri).toString();
    fallback.status = r.number;
    fallback.warnings.append(tr("the interaction could not be re-read: %1").arg(x.error().message));
    return addExchange(fallback, seq);
}

Status HarWriter::addExchange(const HttpExchange &exchange, qint64 seq)
{
    if (!m_begun || m_finished)
        return makeError(ErrorCode::Usage, tr("entries can only be added between begin() and finish()"));
    if (m_error)
        return *m_error;
    const std::optional<QDateTime> date
        = parseHttpDate(HttpExchange::headerValue(exchange.responseHeaders, u"Date"));
    if (m_entries > 0)
        put(",");
    put("\n");
    beginEntry(seq, nextStart(date));
    writeRequest(exchange);
    writeResponse(exchange, date);
    endEntry(exchange.warnings);
    ++m_entries;
    if (m_buffer.size() >= FlushAt)
        flush();
    return state();
}

Status HarWriter::finish(const QStringList &comments)
{
    if (!m_begun || m_finished)
        return makeError(ErrorCode::Usage, tr("the HAR is not open"));
    m_finished = true;
    put(m_entries > 0 ? "\n]" : "]");
    if (!comments.isEmpty()) {
        put(",\"comment\":");
        putString(comments.join(QLatin1Char('\n')));
    }
    put("}}\n");
    flush();
    return state();
}

QDateTime HarWriter::nextStart(const std::optional<QDateTime> &date)
{
    QDateTime start;
    if (date)
        start = *date;
    else if (m_previousStart)
        start = m_previousStart->addMSecs(1);
    else if (m_options.recordingStart.isValid())
        start = m_options.recordingStart.toUTC();
    else
        start = QDateTime::fromMSecsSinceEpoch(0, Qt::UTC);
    m_previousStart = start;
    return start;
}

void HarWriter::beginEntry(qint64 seq, const QDateTime &started)
{
    put("{\"startedDateTime\":");
    putString(isoTime(started));
    put(",\"time\":0,\"_tapedeckSeq\":");
    putNumber(seq);
}

void HarWriter::writeRequest(const HttpExchange &x)
{
    put(",\"request\":");
    put("{\"method\":");
    putString(x.method);
    put(",\"url\":");
    putString(harUrl(x.uri));
    put(",\"httpVersion\":");
    putString(x.httpVersion.isEmpty() ? QStringLiteral("HTTP/1.1") : x.httpVersion);

    put(",\"cookies\":[");
    bool first = true;
    for (const Cookie &c : requestCookies(x.requestHeaders)) {
        put(first ? "{\"name\":" : ",{\"name\":");
        first = false;
        putString(c.name);
        put(",\"value\":");
        putString(c.value);
        put("}");
    }
    put("],\"headers\":");
    writeHeaders(x.requestHeaders);

    put(",\"queryString\":[");
    first = true;
    for (const HttpHeader &p : queryString(x.uri)) {
        put(first ? "{\"name\":" : ",{\"name\":");
        first = false;
        putString(p.name);
        put(",\"value\":");
        putString(p.value);
        put("}");
    }
    put("]");

    const qint64 bodySize = x.requestBody ? x.requestBody->size() : 0;
    if (x.requestBody && !x.requestBody->isEmpty()) {
        put(",\"postData\":{\"mimeType\":");
        putString(HttpExchange::headerValue(x.requestHeaders, u"Content-Type"));
        put(",\"text\":");
        if (x.requestBody->isValidUtf8()) {
            put("\"");
            putUtf8(*x.requestBody);
            put("\"");
        } else {
            put("\"");
            putBase64(*x.requestBody);
            put("\",\"_encoding\":\"base64\"");
        }
        put("}");
    }
    put(",\"headersSize\":-1,\"bodySize\":");
    putNumber(bodySize);
    put("}");
}

void HarWriter::writeResponse(const HttpExchange &x, const std::optional<QDateTime> &date)
{
    put(",\"response\":");
    put("{\"status\":");
    putNumber(x.hasStatus() ? x.status : 0);
    put(",\"statusText\":");
    putString(x.statusMessage);
    put(",\"httpVersion\":");
    putString(x.httpVersion.isEmpty() ? QStringLiteral("HTTP/1.1") : x.httpVersion);

    put(",\"cookies\":[");
    bool first = true;
    for (const Cookie &c : responseCookies(x.responseHeaders, date)) {
        put(first ? "{\"name\":" : ",{\"name\":");
        first = false;
        putString(c.name);
        put(",\"value\":");
        putString(c.value);
        if (!c.path.isEmpty()) {
            put(",\"path\":");
            putString(c.path);
        }
        if (!c.domain.isEmpty()) {
            put(",\"domain\":");
            putString(c.domain);
        }
        if (c.expires) {
            put(",\"expires\":");
            putString(isoTime(*c.expires));
        }
        put(c.httpOnly ? ",\"httpOnly\":true" : ",\"httpOnly\":false");
        put(c.secure ? ",\"secure\":true" : ",\"secure\":false");
        if (c.sameSite) {
            put(",\"_sameSite\":");
            putString(*c.sameSite);
        }
        put("}");
    }
    put("],\"headers\":");
    writeHeaders(x.responseHeaders);

    // content: the body as delivered to the client, i.e. with its Content-Encoding undone.
    const QByteArray raw = x.responseBody.value_or(QByteArray());
    const QString contentEncoding = HttpExchange::contentEncoding(x.responseHeaders);
    QByteArray content = raw;
    std::optional<qint64> compression;
    QString contentComment;
    if (!raw.isEmpty() && !contentEncoding.isEmpty()
        && contentEncoding.compare(QLatin1String("identity"), Qt::CaseInsensitive) != 0) {
        Result<QByteArray> decoded = HttpExchange::decodeContent(raw, contentEncoding);
        if (decoded) {
            content = std::move(decoded).value();
            compression = content.size() - raw.size();
        } else {
            contentComment = tr("the body is kept as recorded: it does not decode as %1 (%2)")
                                 .arg(contentEncoding, decoded.error().message);
        }
    }
    put(",\"content\":{\"size\":");
    putNumber(content.size());
    if (compression) {
        put(",\"compression\":");
        putNumber(*compression);
    }
    put(",\"mimeType\":");
    putString(HttpExchange::headerValue(x.responseHeaders, u"Content-Type"));
    if (x.responseBody) {
        put(",\"text\":\"");
        if (content.isValidUtf8()) {
            putUtf8(content);
            put("\"");
        } else {
            putBase64(content);
            put("\",\"encoding\":\"base64\"");
        }
    }
    if (!contentComment.isEmpty()) {
        put(",\"comment\":");
        putString(contentComment);
    }
    put("},\"redirectURL\":");
    putString(HttpExchange::headerValue(x.responseHeaders, u"Location"));
    put(",\"headersSize\":-1,\"bodySize\":");
    putNumber(raw.size());
    put("}");
}

void HarWriter::writeHeaders(const QList<HttpHeader> &headers)
{
    put("[");
    bool first = true;
    for (const HttpHeader &h : headers) {
        put(first ? "{\"name\":" : ",{\"name\":");
        first = false;
        putString(h.name);
        put(",\"value\":");
        putString(h.value);
        put("}");
    }
    put("]");
}

void HarWriter::endEntry(const QStringList &comments)
{
    put(",\"cache\":{},\"timings\":{\"blocked\":-1,\"dns\":-1,\"connect\":-1,\"send\":0,\"wait\":0,"
        "\"receive\":0,\"ssl\":-1}");
    if (!comments.isEmpty()) {
        put(",\"comment\":");
        putString(comments.join(QLatin1Char('\n')));
    }
    put("}");
}

void HarWriter::put(QByteArrayView raw)
{
    m_buffer.append(raw);
}

void HarWriter::putString(QStringView text)
{
    put("\"");
    putUtf8(text.toUtf8());
    put("\"");
}

void HarWriter::putUtf8(QByteArrayView text)
{
    // In slices, so a body of hundreds of megabytes passes through a buffer of about FlushAt bytes.
    for (qsizetype at = 0; at < text.size(); at += FlushAt) {
        escapeInto(m_buffer, text.sliced(at, std::min(FlushAt, text.size() - at)));
        if (m_buffer.size() >= FlushAt)
            flush();
    }
}

void HarWriter::putBase64(QByteArrayView bytes)
{
    for (qsizetype at = 0; at < bytes.size(); at += Base64Slice) {
        const QByteArrayView slice = bytes.sliced(at, std::min(Base64Slice, bytes.size() - at));
        m_buffer.append(QByteArray::fromRawData(slice.data(), slice.size()).toBase64());
        if (m_buffer.size() >= FlushAt)
            flush();
    }
}

void HarWriter::putNumber(qint64 number)
{
    m_buffer.append(QByteArray::number(number));
}

void HarWriter::flush()
{
    if (!m_error && !m_buffer.isEmpty() && m_device.write(m_buffer) != m_buffer.size())
        m_error
            = makeError(ErrorCode::Io, tr("the HAR could not be written: %1").arg(m_device.errorString()));
    m_buffer.resize(0); // keeps the allocation for the next entries
}

Status HarWriter::state() const
{
    if (m_error)
        return *m_error;
    return success();
}

} // namespace tapedeck
