// SPDX-License-Identifier: MIT
// Times Tapedeck's timeline indexing of one cassette: time until 1000 events are visible to a reader,
// total time, event count and index size, as one JSON line for bench_index.py.
#include "core/common/filereader.h"
#include "core/recording/timelineindexer.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <thread>

using namespace tapedeck;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_cassette <cassette.yaml>\n");
        return 2;
    }
    QElapsedTimer timer;
    timer.start();
    const QString path = QString::fromLocal8Bit(argv[1]);
    const Result<QByteArray> read = FileReader::readAll(path); // what indexing a bare cassette file does
    if (!read)
        return 5;
    const QByteArray &yaml = *read;
    const qint64 readTime = timer.nsecsElapsed();
    Timeline timeline;
    timer.restart();
    // A reader polls like a view would: when do the first 1000 events become visible? It sleeps between
    // looks (0.1 ms, well below what it measures): spinning took a share of a core from the indexing
    // threads on a two-core machine.
    std::atomic<qint64> firstThousand { -1 };
    std::atomic<bool> done { false };
    std::thread watcher([&] {
        while (!done.load() && timeline.count() < 1000)
            std::this_thread::sleep_for(std::chrono::microseconds(100));
        firstThousand = timeline.count() >= 1000 ? timer.nsecsElapsed() : -1;
    });
    const Status s = TimelineIndexer::indexCassette(timeline, path, yaml);
    const qint64 total = timer.nsecsElapsed();
    done = true;
    watcher.join();
    std::printf("{\"events\": %lld, \"read_s\": %.4f, \"first_1000_s\": %.4f, \"total_s\": %.4f, "
                "\"index_bytes\": %lld, "
                "\"source_bytes\": %lld, \"warnings\": %lld}\n",
        static_cast<long long>(timeline.count()), double(readTime) / 1e9, double(firstThousand.load()) / 1e9,
        double(total) / 1e9, static_cast<long long>(timeline.indexBytes()),
        static_cast<long long>(yaml.size()), static_cast<long long>(timeline.warnings().size()));
    return s ? 0 : 4;
}
