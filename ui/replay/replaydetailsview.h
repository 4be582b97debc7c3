// SPDX-License-Identifier: MIT
// The Replay tab's details of the selected request or statement: what came in beside the recorded request it
// matched (aligned, differences highlighted), the response sent or about to be sent; for a held one, its
// answer to edit (status, headers, body) or an error to send instead; for a miss, the nearest recorded
// requests with each one's differences, and "what if": ignore options that re-rank them at once.
#pragma once

#include "core/replay/replaycontroller.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QStackedWidget;
class QTabWidget;
class QTreeWidget;

namespace tapedeck {

class CodeView;
class SideBySideText;

class ReplayDetailsView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReplayDetailsView)

public:
    explicit ReplayDetailsView(QWidget *parent = nullptr);

    // The options the replay runs with: what-if starts from them.
    void setBaseOptions(const replay::MatchOptions &options) { m_base = options; }
    void showDetails(const replay::ReplayDetails &details);
    void showWhatIf(const replay::MatchOptions &options, const replay::ReplayWhatIf &whatIf,
        const QList<replay::ReplaySession::RecordedRequest> &candidates);
    void clear();
    const std::optional<replay::ReplayDetails> &details() const { return m_details; }

    // Parts the tests and the panel reach.
    QTabWidget *tabs() const { return m_tabs; }
    SideBySideText *comparison() const { return m_compare; }
    QSpinBox *statusEdit() const { return m_status; }
    QPlainTextEdit *headersEdit() const { return m_headers; }
    QPlainTextEdit *bodyEdit() const { return m_body; }
    QPushButton *sendEditedButton() const { return m_sendEdited; }
    QPushButton *releaseButton() const { return m_release; }
    QPushButton *errorButton() const { return m_sendError; }
    QPushButton *goToRecordedButton() const { return m_goRecorded; }
    QTreeWidget *candidatesTree() const { return m_candidates; }
    QList<QCheckBox *> whatIfBoxes() const { return m_whatIfBoxes; }
    QLabel *whatIfResult() const { return m_whatIfResult; }
    QString responseText() const;

    // The edited answer as the fields hold it; an error names a header line that is not "Name: value".
    Result<replay::HttpAnswer> editedAnswer() const;

Q_SIGNALS:
    void releaseRequested(tapedeck::replay::ReplayRef ref);
    void editedAnswerRequested(tapedeck::replay::ReplayRef ref, const tapedeck::replay::HttpAnswer &answer);
    void errorAnswerRequested(tapedeck::replay::ReplayRef ref, int status, const QString &message);
    void whatIfRequested(tapedeck::replay::ReplayRef ref, const tapedeck::replay::MatchOptions &options);
    void recordedEventRequested(qsizetype seq);

private:
    void showHttp(const replay::ReplayDetails &d);
    void showSql(const replay::ReplayDetails &d);
    void fillCandidates(const QList<replay::Candidate> &candidates, const QList<replay::ReplaySession::RecordedRequest> &requests);
    void buildWhatIf(const replay::ReplayHttpEvent &event);
    void requestWhatIf();
    void sendEdited();
    void sendError();

    std::optional<replay::ReplayDetails> m_details;
    replay::MatchOptions m_base;
    QLabel *m_title;
    QLabel *m_explanation;
    QPushButton *m_goRecorded;
    QTabWidget *m_tabs;
    SideBySideText *m_compare;
    QStackedWidget *m_responseStack;
    CodeView *m_response;
    QWidget *m_editor;
    QSpinBox *m_status;
    QLineEdit *m_reason;
    QPlainTextEdit *m_headers;
    QPlainTextEdit *m_body;
    QPushButton *m_release;
    QPushButton *m_sendEdited;
    QSpinBox *m_errorStatus;
    QLineEdit *m_errorMessage;
    QPushButton *m_sendError;
    QPushButton *m_close;
    QLabel *m_editorNote;
    QWidget *m_candidatesPage;
    QTreeWidget *m_candidates;
    QWidget *m_whatIfBox;
    QList<QCheckBox *> m_whatIfBoxes;
    QLabel *m_whatIfResult;
};

} // namespace tapedeck
