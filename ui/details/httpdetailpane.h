// SPDX-License-Identifier: MIT
// The detail pane of an HTTP event: request line and status, headers and bodies of request and response,
// the MCPs the request carried, "Copy as cURL".
#pragma once

#include "ui/details/detailpane.h"

class QLineEdit;
class QTabWidget;
class QToolButton;
class QTreeWidget;

namespace tapedeck {

class BodyView;

class HttpDetailPane final : public DetailPane
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpDetailPane)

public:
    enum Tab { RequestTab, ResponseTab };

    explicit HttpDetailPane(QWidget *parent = nullptr);

    void setEvent(std::shared_ptr<const Timeline> timeline, qsizetype seq) override;
    void clear() override;

    const HttpDetail &detail() const { return m_detail; }
    QString curlCommand() const;

    BodyView *requestBody() const { return m_requestBody; }
    BodyView *responseBody() const { return m_responseBody; }
    QTreeWidget *requestHeaders() const { return m_requestHeaders; }
    QTreeWidget *responseHeaders() const { return m_responseHeaders; }
    QTabWidget *tabs() const { return m_tabs; }

public Q_SLOTS:
    void copyCurl() const;
    void copyUrl() const;

private:
    void show(HttpDetail detail);
    QWidget *makeSide(QTreeWidget *&headers, BodyView *&body, const QString &name);

    HttpDetail m_detail;
    QLabel *m_method = nullptr;
    QLineEdit *m_url = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_carried = nullptr;
    QLabel *m_problem = nullptr;
    QToolButton *m_curlButton = nullptr;
    QToolButton *m_urlButton = nullptr;
    QTabWidget *m_tabs = nullptr;
    QTreeWidget *m_requestHeaders = nullptr;
    QTreeWidget *m_responseHeaders = nullptr;
    BodyView *m_requestBody = nullptr;
    BodyView *m_responseBody = nullptr;
};

} // namespace tapedeck
