// SPDX-License-Identifier: MIT
// What the HTTP, SQL and MCP detail panes share: the heading, and loading the event off the GUI thread
// (the newest request wins; a slow load shows "Loading…").
#pragma once

#include "ui/details/eventdetails.h"
#include "ui/jobs/futures.h"
#include "ui/jobs/workerpriority.h"

#include <QFuture>
#include <QPointer>
#include <QThreadPool>
#include <QTimer>
#include <QWidget>
#include <QtConcurrent>

#include <memory>

class QLabel;
class QVBoxLayout;

namespace tapedeck {

class DetailPane : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DetailPane)

public:
    ~DetailPane() override;

    // Loads event `seq` of `timeline` (which must be of this pane's kind) and shows it; loaded() follows.
    virtual void setEvent(std::shared_ptr<const Timeline> timeline, qsizetype seq) = 0;
    virtual void clear() = 0;

    qsizetype seq() const { return m_seq; }
    bool isLoading() const { return m_loading; }

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

    // Runs load(*timeline, seq) on the pane's pool and hands the result to apply() on the GUI thread, unless
    // a newer request came in meanwhile.
    template<typename Detail, typename Apply>
    void startLoad(std::shared_ptr<const Timeline> timeline, qsizetype seq,
        Detail (*load)(const Timeline &, qsizetype), Apply apply)
    {
        cancelUnfinished(m_running); // one that has not started yet will not run
        m_seq = seq;
        const quint64 generation = ++m_generation;
        m_loading = true;
        m_loadingTimer.start();
        QFuture<Detail> future = QtConcurrent::run(&m_pool, [timeline = std::move(timeline), seq, load] {
            lowerWorkerPriority(); // the GUI thread comes first on a busy machine
            return load(*timeline, seq);
        });
        m_running = QFuture<void>(future);
        QPointer<DetailPane> self(this);
        future.then(this, [self, generation, apply = std::move(apply)](QFuture<Detail> done) mutable {
            if (!self || generation != self->m_generation || done.isCanceled() || done.resultCount() == 0)
                return;
            self->finishLoading();
            apply(done.result());
            emit self->loaded(self->m_seq);
        });
    }
    // Forgets any load in progress (its result will be dropped).
    void abandonLoad();

private:
    void finishLoading();

    QLabel *m_title = nullptr;
    QLabel *m_location = nullptr;
    QVBoxLayout *m_content = nullptr;
    qsizetype m_seq = -1;
    quint64 m_generation = 0;
    bool m_loading = false;
    QTimer m_loadingTimer;
    QFuture<void> m_running;
    QThreadPool m_pool;
};

} // namespace tapedeck
