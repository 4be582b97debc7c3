// SPDX-License-Identifier: MIT
// The main window's status bar: the shown recording's location, events, entries, encryption and checksums.
#pragma once

#include <QStatusBar>

class QLabel;

namespace tapedeck {

class Recording;

class RecordingStatusBar final : public QStatusBar
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RecordingStatusBar)

public:
    explicit RecordingStatusBar(QWidget *parent = nullptr);

    // The recording shown, or nullptr for none (every cell hides, the events count too). openedAs is the
    // path as it was given to open it, maybe relative, so that `tapedeck resources/samples/x.zip` shows
    // that path; the tooltip has the absolute location. Empty: the location.
    void setRecording(const Recording *recording, const QString &openedAs = {});
    // Events shown by the timeline's filter, of those read so far.
    void setEventCounts(qsizetype shown, qsizetype total);

private:
    QLabel *m_location;
    QLabel *m_events;
    QLabel *m_entries;
    QLabel *m_lockIcon = nullptr;
    QLabel *m_lock = nullptr;
    QLabel *m_checksumIcon = nullptr;
    QLabel *m_checksums = nullptr;
};

} // namespace tapedeck
