// SPDX-License-Identifier: MIT
// Detail-pane loading: core's presentation, then the previews.
#include "ui/details/eventdetails.h"

namespace tapedeck {

HttpDetail HttpDetail::load(const Timeline &timeline, qsizetype seq)
{
    HttpDetail d;
    static_cast<HttpPresentation &>(d) = HttpPresentation::load(timeline, seq);
    d.requestPreview = BodyPreview::of(d.request);
    d.responsePreview = BodyPreview::of(d.response);
    return d;
}

SqlDetail SqlDetail::load(const Timeline &timeline, qsizetype seq)
{
    SqlDetail d;
    static_cast<SqlPresentation &>(d) = SqlPresentation::load(timeline, seq);
    return d;
}

McpDetail McpDetail::load(const Timeline &timeline, qsizetype seq)
{
    McpDetail d;
    static_cast<McpPresentation &>(d) = McpPresentation::load(timeline, seq, McpPresentation::Parts::TextAndTree);
    return d;
}

} // namespace tapedeck
