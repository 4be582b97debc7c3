// SPDX-License-Identifier: MIT
// The welcome page.
#include "ui/welcomepage.h"

#include "ui/widgets/icons.h"

#include <QBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace tapedeck {

WelcomePage::WelcomePage(bool sampleAvailable, QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("welcomePage"));

    auto *icon = new QLabel(this);
    icon->setPixmap(icons::application().pixmap(QSize(96, 96), devicePixelRatioF()));
    icon->setAlignment(Qt::AlignCenter);

    auto *title = new QLabel(tr("Open a DataHub recording"), this);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    title->setFont(titleFont);
    title->setAlignment(Qt::AlignCenter);

    auto *text
        = new QLabel(tr("Tapedeck shows what an ingestion run recorded with “datahub ingest run --record”: "
                        "the run's manifest, the archive's entries with their checksums, and the recipe. "
                        "Open an archive, drop one onto this window, or start with the bundled sample."),
            this);
    text->setWordWrap(true);
    text->setAlignment(Qt::AlignCenter);
    // A centred, wrapped label gets no height-for-width from the layout: fix both dimensions.
    const int textWidth = text->fontMetrics().averageCharWidth() * 72;
    text->setFixedWidth(textWidth);
    text->setMinimumHeight(text->heightForWidth(textWidth));

    auto *open = new QPushButton(tr("Open Recording…"), this);
    open->setDefault(true);
    connect(open, &QPushButton::clicked, this, &WelcomePage::openRequested);
    auto *sample = new QPushButton(tr("Open Sample Recording"), this);
    sample->setEnabled(sampleAvailable);
    connect(sample, &QPushButton::clicked, this, &WelcomePage::openSampleRequested);

    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(open);
    buttons->addWidget(sample);
    buttons->addStretch();

    auto *layout = new QVBoxLayout(this);
    layout->addStretch(2);
    layout->addWidget(icon);
    layout->addSpacing(8);
    layout->addWidget(title);
    layout->addWidget(text, 0, Qt::AlignHCenter);
    layout->addSpacing(12);
    layout->addLayout(buttons);
    layout->addStretch(3);
}

} // namespace tapedeck
