// SPDX-License-Identifier: MIT
// What the HTTP, SQL and MCP detail panes share: the heading, and loading the event off the GUI thread
// (the newest request wins; a slow load shows "Loading…").
#pragma once

#include "ui/details/eventdetails.h"
#include "ui/jobs/jobtracker.h"

#include <QTimer>
#include <QWidget>

#include <memory>

class QLabel;
class QVBoxLayout;

namespace tapedeck {

class DetailPane : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DetailPane)

public:
    ~DetailPane() override; // waits for a load in progress

    // Loads event `seq` of `timeline` (which must be of this pane's kind) and shows it; loaded() follows.
    virtual void setEvent(std::shared_ptr<const Timeline> timeline, qsizetype seq) = 0;
    virtual void clear() = 0;

    qsizetype seq() const { return m_seq; }
    bool isLoading() const { return m_jobs.isRunning(); }

Q_SIGNALS:
    void loaded(qsizetype seq);
    // A link to another event was followed (an MCP a request carried, the request that carried an MCP).
    void eventRequested(qsizetype seq);

protected:
    explicit DetailPane(QWidget *parent = nullptr);

    // The layout below the heading, for the pane's own widgets.
    QVBoxLayout *contentLayout() const { return m_content; }
    void setHeading(const EventHeading &heading);
    void clearHeading();

    // Runs load(*timeline, seq) off the GUI thread and hands the result to apply() on the GUI thread, unless
    // a newer request came in meanwhile.
    template<typename Detail, typename Apply>
    void startLoad(std::shared_ptr<const Timeline> timeline, qsizetype seq,
        Detail (*load)(const Timeline &, qsizetype), Apply apply)
    {
        m_seq = seq;
        m_loadingTimer.start();
        m_jobs.start([timeline = std::move(timeline), seq, load] { return load(*timeline, seq); },
            [this, apply = std::move(apply)](Detail detail) {
                m_loadingTimer.stop();
                apply(std::move(detail));
                Q_EMIT loaded(m_seq);
            });
    }
    // Forgets any load in progress (its result will be dropped).
    void abandonLoad();

private:
    QLabel *m_title = nullptr;
    QLabel *m_location = nullptr;
    QVBoxLayout *m_content = nullptr;
    qsizetype m_seq = -1;
    QTimer m_loadingTimer;
    // Two threads: a load cannot stop early, and the newest should not wait behind one the user skipped.
    JobTracker m_jobs { this, 2 };
};

} // namespace tapedeck
