// SPDX-License-Identifier: MIT
// The loading strip.
#include "ui/widgets/loadingbar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>

namespace tapedeck {

LoadingBar::LoadingBar(QWidget *parent)
    : QFrame(parent)
    , m_text(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
{
    setObjectName(QStringLiteral("loadingBar"));
    setFrameShape(QFrame::StyledPanel);
    m_text->setTextFormat(Qt::PlainText);
    m_progress->setTextVisible(false);
    m_progress->setMaximumWidth(m_progress->fontMetrics().averageCharWidth() * 40);
    m_cancel->setObjectName(QStringLiteral("cancelLoadingButton"));
    connect(m_cancel, &QPushButton::clicked, this, &LoadingBar::cancelRequested);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 6, 10, 6);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_progress, 1);
    layout->addWidget(m_cancel);
    setProgress(-1);
}

void LoadingBar::setText(const QString &text)
{
    m_text->setText(text);
}

QString LoadingBar::text() const
{
    return m_text->text();
}

void LoadingBar::setProgressVisible(bool visible)
{
    m_progress->setVisible(visible);
}

void LoadingBar::setProgress(int permille)
{
    m_progress->show();
    if (permille < 0) {
        m_progress->setRange(0, 0);
        return;
    }
    m_progress->setRange(0, 1000);
    m_progress->setValue(permille);
}

} // namespace tapedeck
