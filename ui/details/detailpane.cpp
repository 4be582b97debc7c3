// SPDX-License-Identifier: MIT
// Shared part of the detail panes.
#include "ui/details/detailpane.h"

#include "ui/widgets/themecolors.h"

#include <QBoxLayout>
#include <QLabel>

namespace tapedeck {

DetailPane::DetailPane(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    auto *heading = new QHBoxLayout;
    layout->addLayout(heading);
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("detailTitle"));
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    heading->addWidget(m_title);
    m_location = new QLabel(this);
    m_location->setObjectName(QStringLiteral("detailLocation"));
    m_location->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette muted = m_location->palette();
    muted.setColor(QPalette::WindowText, ThemeColors::from(palette()).mutedText);
    m_location->setPalette(muted);
    heading->addWidget(m_location, 1);
    m_content = new QVBoxLayout;
    m_content->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(m_content, 1);

    m_loadingTimer.setSingleShot(true);
    m_loadingTimer.setInterval(150); // only slow loads say so: a quick one would flicker
    connect(&m_loadingTimer, &QTimer::timeout, this, [this] {
        if (isLoading())
            m_location->setText(tr("Loading event %1…").arg(m_seq));
    });
}

DetailPane::~DetailPane() = default;

void DetailPane::setHeading(const EventHeading &heading)
{
    m_title->setText(heading.title);
    m_location->setText(heading.location);
}

void DetailPane::clearHeading()
{
    m_title->clear();
    m_location->clear();
}

void DetailPane::abandonLoad()
{
    m_jobs.abandon();
    m_loadingTimer.stop();
    m_seq = -1;
}

} // namespace tapedeck
