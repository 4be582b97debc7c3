// SPDX-License-Identifier: MIT
// Shared fuzz harness support: invariant failures, structured input, in-memory files.
#include "fuzzsupport.h"

#include <QStringList>

#include <cstdio>
#include <cstdlib>
#include <sys/mman.h>
#include <unistd.h>

namespace tapedeck::fuzz {

void fail(const char *file, int line, const char *invariant, const QString &detail)
{
    std::fprintf(stderr, "\n*** invariant broken at %s:%d\n*** %s\n*** %s\n", file, line, invariant,
        detail.toLocal8Bit().constData());
    std::fflush(stderr);
    std::abort();
}

void checkError(const Error &error, const char *file, int line)
{
    if (error.message.trimmed().isEmpty())
        fail(file, line, "!error.message.trimmed().isEmpty()",
            QStringLiteral("an error (code %1) without a message").arg(int(error.code)));
}

FuzzInput::FuzzInput(const std::uint8_t *data, std::size_t size)
    : m_rest(reinterpret_cast<const char *>(data), qsizetype(size))
{ }

quint8 FuzzInput::byte()
{
    if (m_rest.isEmpty())
        return 0;
    const quint8 b = quint8(m_rest.front());
    m_rest = m_rest.sliced(1);
    return b;
}

quint32 FuzzInput::number(quint32 max)
{
    quint32 value = 0;
    for (quint64 range = max; range > 0 && !m_rest.isEmpty(); range >>= 8)
        value = (value << 8) | byte();
    return max == 0xffffffffu ? value : value % (max + 1);
}

QByteArrayView FuzzInput::until(char separator)
{
    const qsizetype at = m_rest.indexOf(separator);
    if (at < 0)
        return rest();
    const QByteArrayView part = m_rest.first(at);
    m_rest = m_rest.sliced(at + 1);
    return part;
}

QByteArrayView FuzzInput::take(qsizetype length)
{
    const QByteArrayView part = m_rest.first(std::min(length, m_rest.size()));
    m_rest = m_rest.sliced(part.size());
    return part;
}

QByteArrayView FuzzInput::rest()
{
    const QByteArrayView part = m_rest;
    m_rest = {};
    return part;
}

bool skipped(const char *check)
{
    static const QStringList checks
        = QString::fromLocal8Bit(qgetenv("TAPEDECK_FUZZ_SKIP")).split(QLatin1Char(','), Qt::SkipEmptyParts);
    return checks.contains(QLatin1String(check));
}

QString memoryFile(QByteArrayView data)
{
    static const int fd = memfd_create("tapedeck-fuzz", MFD_CLOEXEC);
    if (fd < 0)
        fail(__FILE__, __LINE__, "memfd_create() >= 0", QStringLiteral("no in-memory file"));
    bool written = ftruncate(fd, 0) == 0;
    for (qsizetype done = 0; written && done < data.size();) {
        const ssize_t n = pwrite(fd, data.data() + done, size_t(data.size() - done), off_t(done));
        written = n > 0;
        done += n;
    }
    if (!written)
        fail(__FILE__, __LINE__, "pwrite() == size", QStringLiteral("the in-memory file was not written"));
    return QStringLiteral("/proc/self/fd/%1").arg(fd);
}

} // namespace tapedeck::fuzz
