// SPDX-License-Identifier: MIT
// HTTP event detail pane.
#include "ui/details/httpdetailpane.h"

#include "ui/details/bodyview.h"
#include "core/recording/curlcommand.h"
#include "ui/widgets/themecolors.h"

#include <QApplication>
#include <QBoxLayout>
#include <QClipboard>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSplitter>
#include <QTabWidget>
#include <QToolButton>
#include <QTreeWidget>

namespace tapedeck {

namespace {

constexpr int MaxCarriedLinks = 30;

void fillHeaders(QTreeWidget *tree, const QList<HttpHeader> &headers)
{
    tree->clear();
    QList<QTreeWidgetItem *> items;
    for (const HttpHeader &h : headers) {
        auto *item = new QTreeWidgetItem({ h.name, h.value });
        item->setToolTip(1, h.value.left(4096));
        items.append(item);
    }
    tree->addTopLevelItems(items);
}

void setTextColour(QLabel *label, const QColor &colour)
{
    QPalette p = label->palette();
    p.setColor(QPalette::WindowText, colour);
    label->setPalette(p);
}

} // namespace

HttpDetailPane::HttpDetailPane(QWidget *parent)
    : DetailPane(parent)
{
    setObjectName(QStringLiteral("httpDetailPane"));
    QVBoxLayout *layout = contentLayout();

    auto *requestLine = new QHBoxLayout;
    layout->addLayout(requestLine);
    m_method = new QLabel(this);
    m_method->setObjectName(QStringLiteral("httpMethod"));
    QFont bold = m_method->font();
    bold.setBold(true);
    m_method->setFont(bold);
    requestLine->addWidget(m_method);
    m_url = new QLineEdit(this);
    m_url->setObjectName(QStringLiteral("httpUrl"));
    m_url->setReadOnly(true);
    m_url->setFrame(false);
    QPalette flat = m_url->palette();
    flat.setColor(QPalette::Base, Qt::transparent);
    m_url->setPalette(flat);
    requestLine->addWidget(m_url, 1);
    m_urlButton = new QToolButton(this);
    m_urlButton->setObjectName(QStringLiteral("copyUrlButton"));
    m_urlButton->setText(tr("Copy URL"));
    connect(m_urlButton, &QToolButton::clicked, this, &HttpDetailPane::copyUrl);
    requestLine->addWidget(m_urlButton);
    m_curlButton = new QToolButton(this);
    m_curlButton->setObjectName(QStringLiteral("copyCurlButton"));
    m_curlButton->setText(tr("Copy as cURL"));
    m_curlButton->setToolTip(tr("Copy a curl command line that repeats this request (POSIX shell)"));
    connect(m_curlButton, &QToolButton::clicked, this, &HttpDetailPane::copyCurl);
    requestLine->addWidget(m_curlButton);

    auto *statusLine = new QHBoxLayout;
    layout->addLayout(statusLine);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("httpStatus"));
    m_status->setFont(bold);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    statusLine->addWidget(m_status);
    m_carried = new QLabel(this);
    m_carried->setObjectName(QStringLiteral("carriedMcps"));
    m_carried->setTextFormat(Qt::RichText);
    m_carried->setWordWrap(true);
    m_carried->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    connect(m_carried, &QLabel::linkActivated, this, [this](const QString &link) {
        bool ok = false;
        const qsizetype seq = link.section(QLatin1Char(':'), 1).toLongLong(&ok);
        if (ok)
            Q_EMIT eventRequested(seq);
    });
    statusLine->addWidget(m_carried, 1);

    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("httpProblem"));
    m_problem->setWordWrap(true);
    m_problem->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problem->hide();
    layout->addWidget(m_problem);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("httpTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(makeSide(m_requestHeaders, m_requestBody, QStringLiteral("request")), tr("Request"));
    m_tabs->addTab(makeSide(m_responseHeaders, m_responseBody, QStringLiteral("response")), tr("Response"));
    m_tabs->setCurrentIndex(ResponseTab);
    layout->addWidget(m_tabs, 1);
    clear();
}

QWidget *HttpDetailPane::makeSide(QTreeWidget *&headers, BodyView *&body, const QString &name)
{
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(name + QLatin1String("Splitter"));
    splitter->setChildrenCollapsible(false);
    headers = new QTreeWidget(splitter);
    headers->setObjectName(name + QLatin1String("Headers"));
    headers->setColumnCount(2);
    headers->setHeaderLabels({ tr("Header"), tr("Value") });
    headers->setRootIsDecorated(false);
    headers->setUniformRowHeights(true);
    headers->setAlternatingRowColors(true);
    headers->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    headers->header()->setStretchLastSection(true);
    body = new BodyView(splitter);
    body->setObjectName(name + QLatin1String("Body"));
    splitter->addWidget(headers);
    splitter->addWidget(body);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 3);
    return splitter;
}

void HttpDetailPane::setEvent(std::shared_ptr<const Timeline> timeline, qsizetype seq)
{
    startLoad(
        std::move(timeline), seq, &HttpDetail::load, [this](HttpDetail detail) { show(std::move(detail)); });
}

void HttpDetailPane::clear()
{
    abandonLoad();
    show(HttpDetail());
    clearHeading();
}

void HttpDetailPane::show(HttpDetail detail)
{
    m_detail = std::move(detail);
    const HttpDetail &d = m_detail;
    const ThemeColors colours = ThemeColors::from(palette());
    if (d.seq >= 0)
        setHeading(d.heading);
    m_method->setText(d.exchange.method);
    m_url->setText(d.exchange.uri);
    m_url->setCursorPosition(0);
    m_url->setToolTip(d.exchange.uri.left(4096));
    const bool loaded = d.seq >= 0 && !d.error;
    m_curlButton->setEnabled(loaded);
    m_urlButton->setEnabled(loaded);
    m_status->setText(loaded ? d.statusLine() : QString());
    setTextColour(m_status, d.failed ? colours.errorText : colours.okText);

    QString carried;
    if (!d.mcps.isEmpty()) {
        QStringList links;
        for (qsizetype i = 0; i < std::min<qsizetype>(d.mcps.size(), MaxCarriedLinks); ++i)
            links.append(QStringLiteral("<a href=\"event:%1\">%1</a>").arg(d.mcps.at(i)));
        if (d.mcps.size() > MaxCarriedLinks)
            links.append(QStringLiteral("…"));
        carried = (d.mcps.size() == 1 ? tr("Carried 1 MCP:")
                                      : tr("Carried %n MCPs:", nullptr, int(d.mcps.size())))
            + QLatin1Char(' ') + links.join(QLatin1String(", "));
    }
    m_carried->setText(carried);

    QStringList problems;
    if (d.error)
        problems.append(tr("This exchange could not be read again: %1").arg(d.error->message));
    for (const QString &w : d.exchange.warnings)
        problems.append(tr("Warning: %1").arg(w));
    m_problem->setText(problems.join(QLatin1Char('\n')));
    setTextColour(m_problem, d.error ? colours.errorText : colours.warningText);
    m_problem->setVisible(!problems.isEmpty());

    fillHeaders(m_requestHeaders, d.exchange.requestHeaders);
    fillHeaders(m_responseHeaders, d.exchange.responseHeaders);
    m_requestBody->setBody(d.requestPreview);
    m_responseBody->setBody(d.responsePreview);
    const qsizetype requestCount = d.exchange.requestHeaders.size();
    const qsizetype responseCount = d.exchange.responseHeaders.size();
    m_tabs->setTabText(RequestTab,
        requestCount == 0       ? tr("Request")
            : requestCount == 1 ? tr("Request (1 header)")
                                : tr("Request (%1 headers)").arg(requestCount));
    m_tabs->setTabText(ResponseTab,
        responseCount == 0       ? tr("Response")
            : responseCount == 1 ? tr("Response (1 header)")
                                 : tr("Response (%1 headers)").arg(responseCount));
}

QString HttpDetailPane::curlCommand() const
{
    return CurlCommand::build(m_detail.exchange);
}

void HttpDetailPane::copyCurl() const
{
    QApplication::clipboard()->setText(curlCommand());
}

void HttpDetailPane::copyUrl() const
{
    QApplication::clipboard()->setText(m_detail.exchange.uri);
}

} // namespace tapedeck
