// SPDX-License-Identifier: MIT
// HTTP/1.1 requests from a client's byte stream, parsed by http-parser (never by hand), within limits: a
// request line and headers of at most http-parser's 80 KiB, a bounded number of headers and body bytes
// (a declared Content-Length over the cap is refused before any body arrives), HTTP/1.0 and 1.1 only. The
// mock layer's connections feed it what they read and answer what it hands out.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <memory>
#include <optional>
#include <utility>
#include <vector>

namespace tapedeck::replay {

struct HttpRequest
{
    QByteArray method; // as sent: "GET", "CONNECT"
    QByteArray target; // origin form "/p?q", absolute form "http://h/p", authority form "h:443" (CONNECT)
    int versionMinor = 1; // HTTP/1.x
    QList<std::pair<QByteArray, QByteArray>> headers; // in order, as sent
    std::optional<QByteArray> body; // nullopt when the request carried no body bytes
    bool keepAlive = true; // the connection may carry another request after the answer

    // The first header of that name (case-insensitive); empty when there is none.
    QByteArray header(QByteArrayView name) const;
    bool isConnect() const { return method == "CONNECT"; }
};

class HttpRequestParser
{
public:
    struct Limits
    {
        qint64 maxBodyBytes = qint64(256) << 20;
        qsizetype maxHeaders = 256;
    };
    enum class State : quint8 {
        Reading, // waiting for more bytes (complete requests are in takeRequests())
        Tunnel, // a CONNECT request was read: what follows belongs to the tunnel (takeTunnelData())
        Failed, // the stream is not HTTP this parser accepts: answer errorStatus() and close
    };

    explicit HttpRequestParser(Limits limits);
    HttpRequestParser();
    ~HttpRequestParser();
    HttpRequestParser(const HttpRequestParser &) = delete;
    HttpRequestParser &operator=(const HttpRequestParser &) = delete;

    // Parses data (any split of the stream); stops at an error or after a CONNECT request.
    void feed(QByteArrayView data);
    // The same, but stops after the first request completed in data: returns the bytes used (all of data
    // unless a request completed before its end, or when the state is no longer Reading). A server that
    // hands out one request at a time bounds what one read of a pipelining client can queue.
    qsizetype feedOne(QByteArrayView data);

    State state() const { return m_state; }
    std::vector<HttpRequest> takeRequests();
    // Whether a request's headers asked for "100 Continue" before its body (once per request).
    bool takeContinueWanted();
    QByteArray takeTunnelData();
    // A request has begun and is not complete yet (what a read timeout watches).
    bool midRequest() const { return m_inMessage; }
    // Failed: the status to answer (400, 413, 431, 505) and why.
    int errorStatus() const { return m_errorStatus; }
    const QString &errorText() const { return m_errorText; }

private:
    struct Callbacks;
    void fail(int status, QString text);
    qsizetype run(QByteArrayView data);

    Limits m_limits;
    struct Parser;
    std::unique_ptr<Parser> m_parser;
    State m_state = State::Reading;
    HttpRequest m_current;
    QByteArray m_field; // the header name being read
    bool m_inValue = false;
    bool m_continueWanted = false;
    bool m_inMessage = false;
    bool m_oneRequest = false; // feedOne(): pause after a complete request
    std::vector<HttpRequest> m_done;
    QByteArray m_tunnel;
    int m_errorStatus = 0;
    QString m_errorText;
};

} // namespace tapedeck::replay
