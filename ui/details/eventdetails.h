// SPDX-License-Identifier: MIT
// One timeline event read in full for the detail panes: core's presentation of it (what `tapedeck-cli
// show` prints) plus what only a window needs — body previews and the aspect tree. Loaded off the GUI
// thread (load() is pure).
#pragma once

#include "core/recording/eventpresentation.h"
#include "ui/details/bodypreview.h"

namespace tapedeck {

struct HttpDetail : HttpPresentation
{
    BodyPreview requestPreview;
    BodyPreview responsePreview;

    static HttpDetail load(const Timeline &timeline, qsizetype seq);
};

struct SqlDetail : SqlPresentation
{
    static SqlDetail load(const Timeline &timeline, qsizetype seq);
};

struct McpDetail : McpPresentation
{
    static McpDetail load(const Timeline &timeline, qsizetype seq);
};

} // namespace tapedeck
