// SPDX-License-Identifier: MIT
// Detail pane chooser.
#include "ui/details/detailstack.h"

#include "ui/details/httpdetailpane.h"
#include "ui/details/mcpdetailpane.h"
#include "ui/details/sqldetailpane.h"

#include <QLabel>

namespace tapedeck {

DetailStack::DetailStack(QWidget *parent)
    : QStackedWidget(parent)
{
    setObjectName(QStringLiteral("detailStack"));
    m_placeholder = new QLabel(tr("Select an event to see it in full."), this);
    m_placeholder->setObjectName(QStringLiteral("detailPlaceholder"));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    addWidget(m_placeholder);
    m_http = new HttpDetailPane(this);
    m_sql = new SqlDetailPane(this);
    m_mcp = new McpDetailPane(this);
    for (DetailPane *pane : { static_cast<DetailPane *>(m_http), static_cast<DetailPane *>(m_sql),
             static_cast<DetailPane *>(m_mcp) }) {
        addWidget(pane);
        connect(pane, &DetailPane::loaded, this, [this](qsizetype seq) {
            if (seq == m_seq) // a pane that was left meanwhile may still finish an older event
                Q_EMIT loaded(seq);
        });
        connect(pane, &DetailPane::eventRequested, this, &DetailStack::eventRequested);
    }
}

void DetailStack::setTimeline(std::shared_ptr<const Timeline> timeline)
{
    m_timeline = std::move(timeline);
    clear();
}

DetailPane *DetailStack::currentPane() const
{
    return qobject_cast<DetailPane *>(currentWidget());
}

void DetailStack::clear()
{
    m_seq = -1;
    m_http->clear();
    m_sql->clear();
    m_mcp->clear();
    setCurrentWidget(m_placeholder);
}

void DetailStack::setEvent(qsizetype seq)
{
    if (!m_timeline || seq < 0 || seq >= m_timeline->count()) {
        clear();
        return;
    }
    m_seq = seq;
    DetailPane *pane = nullptr;
    switch (m_timeline->record(seq).kind) {
    case EventKind::Http:
        pane = m_http;
        break;
    case EventKind::Sql:
        pane = m_sql;
        break;
    case EventKind::Mcp:
        pane = m_mcp;
        break;
    }
    pane->setEvent(m_timeline, seq);
    setCurrentWidget(pane);
}

} // namespace tapedeck
