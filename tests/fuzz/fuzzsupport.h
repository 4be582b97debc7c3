// SPDX-License-Identifier: MIT
// What the fuzz harnesses share: reading structured choices from the fuzzer's bytes, and checking an
// invariant (a broken one aborts with what was expected, which libFuzzer and the replay driver report).
#pragma once

#include "core/common/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <cstddef>
#include <cstdint>

namespace tapedeck::fuzz {

// Prints the broken invariant and aborts.
[[noreturn]] void fail(const char *file, int line, const char *invariant, const QString &detail);

// An error a parser returned must say what went wrong.
void checkError(const Error &error, const char *file, int line);

// The fuzzer's bytes as a sequence of choices, taken from the front.
class FuzzInput
{
public:
    FuzzInput(const std::uint8_t *data, std::size_t size);

    bool isEmpty() const { return m_rest.isEmpty(); }
    qsizetype size() const { return m_rest.size(); }
    quint8 byte(); // 0 once exhausted
    quint32 number(quint32 max); // in [0, max], from up to four bytes
    // Up to the next separator (consumed, not returned), or everything left.
    QByteArrayView until(char separator);
    QByteArrayView take(qsizetype length);
    QByteArrayView rest();

private:
    QByteArrayView m_rest;
};

// Whether a check is switched off for this run: TAPEDECK_FUZZ_SKIP lists the names of checks (comma-
// separated) that stand for an open finding, so that fuzzing goes on past it. Nothing is skipped by default.
bool skipped(const char *check);

// A path to a file in memory (memfd) holding data, for APIs that read files by name. One per process,
// rewritten by each call.
QString memoryFile(QByteArrayView data);

} // namespace tapedeck::fuzz

// Aborts with the invariant and the detail (a QString expression, evaluated only on failure).
#define FUZZ_CHECK(condition, detail)                                                                        \
    do {                                                                                                     \
        if (!(condition))                                                                                    \
            ::tapedeck::fuzz::fail(__FILE__, __LINE__, #condition, (detail));                                \
    } while (false)

#define FUZZ_CHECK_ERROR(error) ::tapedeck::fuzz::checkError((error), __FILE__, __LINE__)
