// SPDX-License-Identifier: MIT
// Download progress on a terminal.
#include "app/cli/downloadprogress.h"

#include "app/cli/cli.h"
#include "core/common/bytesize.h"

#include <unistd.h>

namespace tapedeck {

DownloadProgress::DownloadProgress(const Cli &cli, QString what, bool quiet)
    : m_cli(cli)
    , m_what(std::move(what))
    , m_show(!quiet && isatty(STDERR_FILENO) == 1)
{
    m_redrawn.start();
    m_started.start();
}

DownloadProgress::~DownloadProgress()
{
    clear();
}

void DownloadProgress::setProgress(qint64 done, qint64 total)
{
    if (!m_show || (m_shown && m_redrawn.elapsed() < 100 && done < total))
        return;
    m_redrawn.restart();
    m_shown = true;
    const qint64 ms = std::max<qint64>(1, m_started.elapsed());
    m_cli.err(QStringLiteral("\r\033[K")
        + Cli::tr("%1: %2 of %3, %4/s")
              .arg(m_what, formatByteSize(done), formatByteSize(total), formatByteSize(done * 1000 / ms)));
}

void DownloadProgress::clear()
{
    if (m_shown)
        m_cli.err(QStringLiteral("\r\033[K"));
    m_shown = false;
}

} // namespace tapedeck
