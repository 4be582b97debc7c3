// SPDX-License-Identifier: MIT
// The detail area beside the timeline: shows the selected event in the pane for its kind (HTTP, SQL, MCP)
// and passes on links between events.
#pragma once

#include "core/recording/timeline.h"

#include <QStackedWidget>

#include <memory>

class QLabel;

namespace tapedeck {

class DetailPane;
class HttpDetailPane;
class McpDetailPane;
class SqlDetailPane;

class DetailStack final : public QStackedWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DetailStack)

public:
    explicit DetailStack(QWidget *parent = nullptr);

    void setTimeline(std::shared_ptr<const Timeline> timeline); // clears the pane shown
    const std::shared_ptr<const Timeline> &timeline() const { return m_timeline; }

    qsizetype currentSeq() const { return m_seq; }
    // The pane showing the current event, or nullptr when none is shown.
    DetailPane *currentPane() const;

    HttpDetailPane *httpPane() const { return m_http; }
    SqlDetailPane *sqlPane() const { return m_sql; }
    McpDetailPane *mcpPane() const { return m_mcp; }

public Q_SLOTS:
    // Shows event `seq` of the timeline (loaded off the GUI thread); -1 shows the placeholder.
    void setEvent(qsizetype seq);
    void clear();

Q_SIGNALS:
    // The event is on screen in full.
    void loaded(qsizetype seq);
    // A link to another event was followed: select it in the timeline (which then calls setEvent()).
    void eventRequested(qsizetype seq);

private:
    std::shared_ptr<const Timeline> m_timeline;
    qsizetype m_seq = -1;
    QLabel *m_placeholder = nullptr;
    HttpDetailPane *m_http = nullptr;
    SqlDetailPane *m_sql = nullptr;
    McpDetailPane *m_mcp = nullptr;
};

} // namespace tapedeck
