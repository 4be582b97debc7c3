// SPDX-License-Identifier: MIT
// The main window's first page: what Tapedeck shows, and buttons to open a recording or the bundled sample.
#pragma once

#include <QWidget>

namespace tapedeck {

class WelcomePage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WelcomePage)

public:
    // sampleAvailable: the bundled sample recording is there to be opened.
    explicit WelcomePage(bool sampleAvailable, QWidget *parent = nullptr);

Q_SIGNALS:
    void openRequested();
    void openSampleRequested();
};

} // namespace tapedeck
