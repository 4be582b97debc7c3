// SPDX-License-Identifier: MIT
// SQL event detail pane.
#include "ui/details/sqldetailpane.h"

#include "ui/widgets/codeview.h"
#include "ui/details/bodypreview.h"
#include "ui/details/sqlrowsmodel.h"
#include "ui/widgets/themecolors.h"

#include <QBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTableView>
#include <QTextDocument>

namespace tapedeck {

SqlDetailPane::SqlDetailPane(QWidget *parent)
    : DetailPane(parent)
{
    setObjectName(QStringLiteral("sqlDetailPane"));
    QVBoxLayout *layout = contentLayout();
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("sqlError"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->hide();
    layout->addWidget(m_error);

    auto *splitter = m_splitter = new QSplitter(Qt::Vertical, this);
    splitter->setChildrenCollapsible(false);
    layout->addWidget(splitter, 1);

    m_query = new CodeView(splitter);
    m_query->setObjectName(QStringLiteral("sqlQuery"));
    m_query->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    splitter->addWidget(m_query);

    auto *middle = new QWidget(splitter);
    auto *middleLayout = new QVBoxLayout(middle);
    middleLayout->setContentsMargins(0, 0, 0, 0);
    middleLayout->setSpacing(2);
    m_parametersLabel = new QLabel(tr("Parameters"), middle);
    QFont bold = m_parametersLabel->font();
    bold.setBold(true);
    m_parametersLabel->setFont(bold);
    middleLayout->addWidget(m_parametersLabel);
    m_parameters = new CodeView(middle);
    m_parameters->setObjectName(QStringLiteral("sqlParameters"));
    middleLayout->addWidget(m_parameters);
    m_summary = new QLabel(middle);
    m_summary->setObjectName(QStringLiteral("sqlSummary"));
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setWordWrap(true);
    middleLayout->addWidget(m_summary);
    m_rowsModel = new SqlRowsModel(this);
    m_rows = new QTableView(middle);
    m_rows->setObjectName(QStringLiteral("sqlRows"));
    m_rows->setModel(m_rowsModel);
    m_rows->setAlternatingRowColors(true);
    m_rows->setWordWrap(false);
    m_rows->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_rows->verticalHeader()->setDefaultSectionSize(m_rows->fontMetrics().height() + 6);
    m_rows->horizontalHeader()->setStretchLastSection(true);
    m_rows->horizontalHeader()->setResizeContentsPrecision(200); // sizing looks at the first rows only
    middleLayout->addWidget(m_rows, 1);
    splitter->addWidget(middle);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 2);
    clear();
}

void SqlDetailPane::setEvent(std::shared_ptr<const Timeline> timeline, qsizetype seq)
{
    startLoad(
        std::move(timeline), seq, &SqlDetail::load, [this](SqlDetail detail) { show(std::move(detail)); });
}

void SqlDetailPane::clear()
{
    abandonLoad();
    show(SqlDetail());
    clearHeading();
}

void SqlDetailPane::show(SqlDetail detail)
{
    m_detail = std::move(detail);
    const SqlDetail &d = m_detail;
    const ThemeColors colours = ThemeColors::from(palette());
    if (d.seq >= 0)
        setHeading(d.heading);

    QStringList problems;
    bool isError = false;
    if (!d.recordError.isEmpty()) {
        problems.append(tr("Unreadable record: %1").arg(d.recordError));
        isError = true;
    }
    if (d.query && d.query->error) {
        problems.append(d.query->error->isEmpty()
                ? tr("Error with an empty message (DataHub replays this record as a success)")
                : tr("Error: %1").arg(*d.query->error));
        isError = true;
    }
    if (d.query) {
        for (const QString &w : d.query->warnings)
            problems.append(tr("Warning: %1").arg(w));
    }
    m_error->setText(problems.join(QLatin1Char('\n')));
    QPalette p = m_error->palette();
    p.setColor(QPalette::WindowText, isError ? colours.errorText : colours.warningText);
    m_error->setPalette(p);
    m_error->setVisible(!problems.isEmpty());

    if (d.query)
        m_query->setCode(d.query->hasQuery ? d.query->query : tr("(no query string)"), SyntaxLanguage::Sql);
    else
        m_query->setCode(QString::fromUtf8(d.record), SyntaxLanguage::Json);
    // The query gets the room its lines need (up to a third of the pane), the rows the rest.
    const int total = m_splitter->height();
    const int wanted = (m_query->document()->blockCount() + 1) * m_query->fontMetrics().lineSpacing()
        + 2 * m_query->frameWidth() + 8;
    const int least = 3 * m_query->fontMetrics().lineSpacing();
    const int queryHeight = std::clamp(wanted, least, std::max(total / 3, least));
    m_splitter->setSizes({ queryHeight, std::max(total - queryHeight, 1) });

    const bool hasParameters = !d.parametersText.isEmpty();
    m_parametersLabel->setText(hasParameters ? tr("Parameters") : tr("Parameters: none"));
    m_parameters->setCode(d.parametersText, SyntaxLanguage::Json);
    m_parameters->setVisible(hasParameters);
    const int parameterLines = std::min(m_parameters->document()->blockCount(), 6);
    m_parameters->setFixedHeight(parameterLines * m_parameters->fontMetrics().lineSpacing()
        + 2 * (m_parameters->frameWidth() + int(m_parameters->document()->documentMargin())) + 4);

    QStringList facts;
    if (d.query) {
        const SqlQuery &q = *d.query;
        facts.append(tr("Row count: %1").arg(d.rowCountText()));
        facts.append(q.resultCount == 1 ? tr("1 row recorded")
                                        : tr("%n rows recorded", nullptr, int(std::min<qsizetype>(q.resultCount, INT_MAX))));
        if (q.rowsCut)
            facts.append(tr("the first %n shown (%1 of their text)", nullptr, int(q.rows.size()))
                             .arg(BodyPreview::sizeText(QueryLog::MaxRowBytes)));
        facts.append(d.replayKey.isEmpty() ? tr("no replay key") : tr("replay key %1").arg(d.replayKey));
        if (d.replayedInsteadSeq >= 0)
            facts.append(tr("DataHub replays the later record with this key (line %1, event %2)")
                             .arg(d.replayedInsteadLine)
                             .arg(d.replayedInsteadSeq));
        m_rowsModel->setRows(d.rows);
    } else {
        m_rowsModel->clear();
    }
    m_summary->setText(facts.join(QStringLiteral(" · ")));
    m_rows->setVisible(m_rowsModel->columnCount() > 0);
    if (m_rowsModel->columnCount() > 0)
        m_rows->resizeColumnsToContents();
}

} // namespace tapedeck
