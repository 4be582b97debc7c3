// SPDX-License-Identifier: MIT
// Streaming reader of VCR.py cassettes (every shape VCR.py 1.x–8.x wrote) over libyaml's event parser.
#pragma once

#include "core/common/progress.h"
#include "core/common/result.h"
#include "core/recording/httpexchange.h"

#include <QCoreApplication>

#include <any>
#include <functional>
#include <optional>
#include <utility>

namespace tapedeck {

struct CassetteInteraction
{
    qsizetype index = 0; // position in the cassette, from 0
    qint64 begin = 0; // byte range of the interaction: what parseInteraction() re-reads
    qint64 end = 0;
    int line = 0; // 1-based line where it starts
    bool definesAnchors = false; // it defines YAML anchors (VCR.py's &id001) that later ones may use
    qint64 requestBodySize = -1; // decoded body sizes; -1 for a null body
    qint64 responseBodySize = -1;
    HttpExchange exchange; // in summary mode the response body is left out (its size is above)
    std::any prepared; // whatever the Preparer derived from this interaction on the parsing thread
};

struct CassetteSummary
{
    int version = 0;
    qsizetype interactions = 0;
    bool cancelled = false;
    // Set when the YAML is malformed: file, line, column and the problem. Every interaction before the
    // fault was delivered.
    std::optional<Error> fault;
    QStringList warnings; // about the cassette as a whole
};

class CassetteParser
{
    Q_DECLARE_TR_FUNCTIONS(CassetteParser)

public:
    // Returns false to stop (cancellation). Always called on the calling thread, in cassette order.
    using Handler = std::function<bool(CassetteInteraction &&)>;
    // Optional per-interaction work that may run on a parsing thread, before the Handler sees the
    // interaction (e.g. extracting MCPs from a request body): it must only touch the interaction.
    using Preparer = std::function<void(CassetteInteraction &)>;

    enum class Mode {
        Full, // every body in full
        Summary, // response bodies measured but not kept (indexing); large cassettes parse on two threads
    };

    // Delivers interactions in order as they are parsed; memory stays at one interaction beyond the buffer
    // (in summary mode, plus small records of the second half while the first is still being read).
    // Nothing in the cassette is executed or instantiated: Python tags are read as data.
    static CassetteSummary parse(const QByteArray &yaml, const QString &origin, const Handler &handler,
        ProgressReporter *progress = nullptr, Mode mode = Mode::Full, const Preparer &prepare = {});

    // Byte ranges (begin, end) that parse() reported for interactions that define anchors, in cassette order.
    using AnchorSources = std::function<QList<std::pair<qint64, qint64>>()>;

    // Re-reads one interaction from the byte range parse() reported (lazy access to bodies), as parse() read
    // it: with the anchors defined before it in the document, and lines counted in the whole document.
    // Those anchors are read, when the interaction uses one, from the interactions that earlier() lists
    // (only those before begin count), or from everything before it when they do not define it.
    static Result<HttpExchange> parseInteraction(const QByteArray &yaml, qint64 begin, qint64 end,
        const QString &origin, const AnchorSources &earlier = {});
};

} // namespace tapedeck
