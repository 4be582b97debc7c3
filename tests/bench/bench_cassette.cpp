// SPDX-License-Identifier: MIT
// Times Tapedeck's cassette indexing of one file: time to the first 1000 interactions, total time, count.
#include "recording/cassetteparser.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>

#include <cstdio>

using namespace tapedeck;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_cassette <cassette.yaml>\n");
        return 2;
    }
    QFile file(QString::fromLocal8Bit(argv[1]));
    if (!file.open(QIODevice::ReadOnly))
        return 5;
    const QByteArray yaml = file.readAll();
    QElapsedTimer timer;
    timer.start();
    qint64 first = -1;
    qint64 bodies = 0;
    const CassetteSummary summary = CassetteParser::parse(yaml, file.fileName(), [&](CassetteInteraction &&i) {
        if (i.index == 999)
            first = timer.nsecsElapsed();
        bodies += i.exchange.responseBody ? i.exchange.responseBody->size() : 0;
        return true;
    });
    const qint64 total = timer.nsecsElapsed();
    std::printf("{\"interactions\": %lld, \"first_1000_s\": %.4f, \"total_s\": %.4f, \"body_bytes\": %lld, \"fault\": %s}\n",
                static_cast<long long>(summary.interactions), first / 1e9, total / 1e9, static_cast<long long>(bodies),
                summary.fault ? "true" : "false");
    return summary.fault ? 4 : 0;
}
