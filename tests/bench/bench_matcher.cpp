// SPDX-License-Identifier: MIT
// The replay matcher alone: builds the index of N recorded requests (GETs with a query and POSTs with JSON
// bodies, as a REST source records them) and answers N lookups of recorded requests in random order, with
// the keys' JSON rewritten in another key order, as one JSON line: build time, lookups per second, and the
// mean and worst lookup in microseconds.
#include "core/replay/matcher.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>
#include <numeric>
#include <random>

using namespace tapedeck;
using namespace tapedeck::replay;

namespace {

RequestKey recorded(int i, bool reordered)
{
    const QString base = QStringLiteral("https://api.example.com/v1/");
    if (i % 2 == 0)
        return { QStringLiteral("GET"), base + QStringLiteral("items/%1?page=%2&limit=50").arg(i).arg(i % 97), {} };
    const QByteArray id = QByteArray::number(i);
    QByteArray body;
    if (reordered) // the same JSON in another key order, the filter list in another order
        body = "{\"filters\": {\"ids\": \"" + id + ",1,2\"}, \"query\": \"q" + id + "\", \"limit\": 50}";
    else
        body = "{\"limit\": 50, \"query\": \"q" + id + "\", \"filters\": {\"ids\": \"1,2," + id + "\"}}";
    return { QStringLiteral("POST"), base + QStringLiteral("search"), body };
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int n = argc > 1 ? QByteArray(argv[1]).toInt() : 1'000'000;
    std::vector<RequestKey> recording;
    recording.reserve(size_t(n));
    for (int i = 0; i < n; ++i)
        recording.push_back(recorded(i, false));
    QElapsedTimer timer;
    timer.start();
    Matcher matcher(std::move(recording), {});
    const double buildSeconds = double(timer.nsecsElapsed()) / 1e9;

    std::vector<int> order(static_cast<size_t>(n), 0);
    std::iota(order.begin(), order.end(), 0);
    std::shuffle(order.begin(), order.end(), std::mt19937(7));
    std::vector<RequestKey> requests;
    requests.reserve(size_t(n));
    for (const int i : order)
        requests.push_back(recorded(i, true));
    qint64 worst = 0;
    int misses = 0;
    timer.restart();
    for (const RequestKey &r : requests) {
        const qint64 before = timer.nsecsElapsed();
        if (matcher.match(r).interaction < 0)
            ++misses;
        worst = std::max(worst, timer.nsecsElapsed() - before);
    }
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    std::printf("{\"recorded\": %d, \"build_s\": %.3f, \"lookups_per_s\": %.0f, \"mean_us\": %.2f, \"worst_us\": %.1f, "
                "\"misses\": %d}\n",
        n, buildSeconds, n / seconds, seconds * 1e6 / n, double(worst) / 1e3, misses);
    return misses == 0 ? 0 : 1;
}
