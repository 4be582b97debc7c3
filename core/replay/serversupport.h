// SPDX-License-Identifier: MIT
// What the mock layer's servers (MockHttpServer, MockPostgresServer) share: a listening socket that hands
// each accepted descriptor to a callback (so the server wraps it in the socket class it wants, QSslSocket),
// and the monotonic clock their timeouts run on.
#pragma once

#include <QElapsedTimer>
#include <QTcpServer>

#include <functional>

namespace tapedeck::replay {

class DescriptorListener : public QTcpServer
{
public:
    DescriptorListener(std::function<void(qintptr)> onConnection, QObject *parent)
        : QTcpServer(parent)
        , m_onConnection(std::move(onConnection))
    { }

protected:
    void incomingConnection(qintptr descriptor) override { m_onConnection(descriptor); }

private:
    std::function<void(qintptr)> m_onConnection;
};

// Milliseconds since the first call, never going back.
inline qint64 monotonicMs()
{
    static const QElapsedTimer clock = [] {
        QElapsedTimer t;
        t.start();
        return t;
    }();
    return clock.elapsed();
}

} // namespace tapedeck::replay
