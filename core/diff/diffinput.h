// SPDX-License-Identifier: MIT
// One side of a metadata diff: an MCP file, a cassette, a loaded recording or MCPs read elsewhere. Cheap to
// copy. The MCPs of cassettes and recordings are kept once extracted, so running the diff again (new
// ignore rules) does not extract them again; MCP files are streamed anew each time, which is as fast.
#pragma once

#include "core/common/progress.h"
#include "core/common/result.h"
#include "core/diff/diffside.h"
#include "core/recording/mcprecord.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <memory>

namespace tapedeck {

class McpScanner;
class Recording;

class DiffInput
{
    Q_DECLARE_TR_FUNCTIONS(DiffInput)

public:
    DiffInput() = default;

    // A bare file: the file sink's MCP output (JSON array or JSON lines, MCP and MCE forms) or a VCR.py
    // cassette. Read when a diff needs it.
    static DiffInput file(const QString &path);
    // A loaded recording: the MCPs its cassette carried to GMS. name defaults to its location.
    static DiffInput recording(std::shared_ptr<const Recording> recording, const QString &name = {});
    // MCPs that were read elsewhere; name is how messages call them.
    static DiffInput records(const QString &name, QList<McpRecord> records, QStringList warnings = {});

    // Folders and .zip files are recordings: they are opened with RecordingSource (maybe with a password)
    // and loaded with Recording::load before they become a DiffInput.
    static bool isRecordingPath(const QString &path);

    bool isNull() const { return !m_shared; }
    QString name() const; // as messages name it: the path given, or the recording's location

    // Fills side: reads (once) and scans with the scanner's rules. Thread-safe.
    Status load(DiffSide &side, McpScanner &scanner, ProgressReporter *progress = nullptr) const;

private:
    struct Shared;
    std::shared_ptr<Shared> m_shared;
};

} // namespace tapedeck
