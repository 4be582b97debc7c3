// SPDX-License-Identifier: MIT
// http-parser's callbacks, gathered into HttpRequests.
#include "core/replay/httprequestparser.h"

#include <http_parser.h>

namespace tapedeck::replay {

QByteArray HttpRequest::header(QByteArrayView name) const
{
    for (const auto &[n, v] : headers) {
        if (n.compare(name, Qt::CaseInsensitive) == 0)
            return v;
    }
    return {};
}

struct HttpRequestParser::Parser
{
    http_parser parser {};
    http_parser_settings settings {};
};

// Each returns 0 to go on; anything else stops http_parser_execute with HPE_CB_<name> (the reason is then
// the one fail() recorded).
struct HttpRequestParser::Callbacks
{
    static HttpRequestParser &self(http_parser *p) { return *static_cast<HttpRequestParser *>(p->data); }

    static int messageBegin(http_parser *p)
    {
        HttpRequestParser &s = self(p);
        s.m_current = HttpRequest();
        s.m_field.clear();
        s.m_inValue = false;
        s.m_inMessage = true;
        return 0;
    }
    static int url(http_parser *p, const char *at, size_t length)
    {
        self(p).m_current.target.append(at, qsizetype(length));
        return 0;
    }
    static int headerField(http_parser *p, const char *at, size_t length)
    {
        HttpRequestParser &s = self(p);
        // http-parser lets "Content-Length : 5" through as a field it does not frame by, while it frames by
        // "Transfer-Encoding : chunked"; RFC 9112 §5.1 says to refuse both.
        const QByteArrayView piece(at, qsizetype(length));
        if (piece.contains(' ') || piece.contains('\t')) {
            s.fail(400, QStringLiteral("whitespace in a header field name"));
            return 1;
        }
        if (s.m_inValue) {
            s.m_field.clear();
            s.m_inValue = false;
        }
        s.m_field.append(at, qsizetype(length));
        return 0;
    }
    static int headerValue(http_parser *p, const char *at, size_t length)
    {
        HttpRequestParser &s = self(p);
        if (!s.m_inValue) {
            if (s.m_current.headers.size() >= s.m_limits.maxHeaders) {
                s.fail(431, QStringLiteral("more than %1 header fields").arg(s.m_limits.maxHeaders));
                return 1;
            }
            s.m_current.headers.append({ s.m_field, QByteArray() });
            s.m_inValue = true;
        }
        s.m_current.headers.last().second.append(at, qsizetype(length));
        return 0;
    }
    static int headersComplete(http_parser *p)
    {
        HttpRequestParser &s = self(p);
        HttpRequest &r = s.m_current;
        if (p->http_major != 1 || p->http_minor > 1) {
            s.fail(505, QStringLiteral("HTTP/%1.%2 is not supported").arg(p->http_major).arg(p->http_minor));
            return -1;
        }
        r.method = http_method_str(http_method(p->method));
        r.versionMinor = int(p->http_minor);
        const bool declared = p->content_length != ULLONG_MAX && p->content_length > 0;
        if (declared && p->content_length > quint64(s.m_limits.maxBodyBytes)) {
            s.fail(413, QStringLiteral("a body of %1 bytes is larger than %2").arg(p->content_length).arg(s.m_limits.maxBodyBytes));
            return -1;
        }
        const bool chunked = (p->flags & F_CHUNKED) != 0;
        if ((declared || chunked) && r.header("Expect").compare("100-continue", Qt::CaseInsensitive) == 0)
            s.m_continueWanted = true;
        return 0;
    }
    static int body(http_parser *p, const char *at, size_t length)
    {
        HttpRequestParser &s = self(p);
        HttpRequest &r = s.m_current;
        if (!r.body)
            r.body = QByteArray();
        if (r.body->size() + qint64(length) > s.m_limits.maxBodyBytes) {
            s.fail(413, QStringLiteral("the body is larger than %1 bytes").arg(s.m_limits.maxBodyBytes));
            return 1;
        }
        r.body->append(at, qsizetype(length));
        return 0;
    }
    static int messageComplete(http_parser *p)
    {
        HttpRequestParser &s = self(p);
        s.m_current.keepAlive = http_should_keep_alive(p) != 0;
        s.m_inMessage = false;
        s.m_done.push_back(std::move(s.m_current));
        s.m_current = HttpRequest();
        // After "Connection: close" nothing more is read (Debian builds http-parser non-strict, which would).
        if (!s.m_done.back().keepAlive)
            return 1;
        if (s.m_oneRequest && !p->upgrade)
            http_parser_pause(p, 1); // feedOne(): the rest waits for the caller
        return 0;
    }
};

HttpRequestParser::HttpRequestParser()
    : HttpRequestParser(Limits {})
{ }

HttpRequestParser::HttpRequestParser(Limits limits)
    : m_limits(limits)
    , m_parser(std::make_unique<Parser>())
{
    http_parser_init(&m_parser->parser, HTTP_REQUEST);
    m_parser->parser.data = this;
    http_parser_settings &s = m_parser->settings;
    http_parser_settings_init(&s);
    s.on_message_begin = &Callbacks::messageBegin;
    s.on_url = &Callbacks::url;
    s.on_header_field = &Callbacks::headerField;
    s.on_header_value = &Callbacks::headerValue;
    s.on_headers_complete = &Callbacks::headersComplete;
    s.on_body = &Callbacks::body;
    s.on_message_complete = &Callbacks::messageComplete;
}

HttpRequestParser::~HttpRequestParser() = default;

void HttpRequestParser::fail(int status, QString text)
{
    m_state = State::Failed;
    m_errorStatus = status;
    m_errorText = std::move(text);
}

void HttpRequestParser::feed(QByteArrayView data)
{
    m_oneRequest = false;
    run(data);
}

qsizetype HttpRequestParser::feedOne(QByteArrayView data)
{
    m_oneRequest = true;
    const qsizetype used = run(data);
    m_oneRequest = false;
    return used;
}

qsizetype HttpRequestParser::run(QByteArrayView data)
{
    if (m_state != State::Reading || data.isEmpty())
        return data.size();
    http_parser &p = m_parser->parser;
    const size_t used = http_parser_execute(&p, &m_parser->settings, data.data(), size_t(data.size()));
    if (m_state == State::Failed)
        return data.size();
    if (HTTP_PARSER_ERRNO(&p) == HPE_PAUSED) {
        http_parser_pause(&p, 0); // feedOne() stopped after a request
        return qsizetype(used);
    }
    if (p.upgrade) {
        // CONNECT (or an Upgrade request): http-parser handed the request over (on_message_complete) and
        // stopped after its headers; the rest is the tunnel's.
        if (!m_done.empty())
            m_done.back().keepAlive = true;
        m_state = State::Tunnel;
        m_tunnel.append(data.sliced(qsizetype(used)));
        return data.size();
    }
    const http_errno error = HTTP_PARSER_ERRNO(&p);
    if (error == HPE_CB_message_complete && !m_done.empty() && !m_done.back().keepAlive) {
        m_state = State::Failed; // nothing more on this connection, which is not an error to answer
        m_errorStatus = 0;
        return data.size();
    }
    if (error == HPE_HEADER_OVERFLOW)
        fail(431, QStringLiteral("the request line and headers are larger than http-parser's limit"));
    else if (error != HPE_OK)
        fail(400, QString::fromLatin1(http_errno_description(error)));
    return data.size();
}

std::vector<HttpRequest> HttpRequestParser::takeRequests()
{
    return std::exchange(m_done, {});
}

bool HttpRequestParser::takeContinueWanted()
{
    return std::exchange(m_continueWanted, false);
}

QByteArray HttpRequestParser::takeTunnelData()
{
    return std::exchange(m_tunnel, {});
}

} // namespace tapedeck::replay
