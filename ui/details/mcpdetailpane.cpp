// SPDX-License-Identifier: MIT
// MCP event detail pane.
#include "ui/details/mcpdetailpane.h"

#include "ui/widgets/codeview.h"
#include "ui/details/jsontreemodel.h"
#include "ui/widgets/themecolors.h"

#include <QBoxLayout>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTreeView>

namespace tapedeck {

namespace {

// Two levels open: the aspect's fields and what they directly hold.
constexpr int ExpandDepth = 1;

} // namespace

McpDetailPane::McpDetailPane(QWidget *parent)
    : DetailPane(parent)
{
    setObjectName(QStringLiteral("mcpDetailPane"));
    QVBoxLayout *layout = contentLayout();
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    layout->addLayout(form);
    m_urn = addField(form, tr("Entity URN:"), QStringLiteral("mcpUrn"));
    m_entityType = addField(form, tr("Entity type:"), QStringLiteral("mcpEntityType"));
    m_changeType = addField(form, tr("Change type:"), QStringLiteral("mcpChangeType"));
    m_aspectName = addField(form, tr("Aspect:"), QStringLiteral("mcpAspectName"));
    m_form = addField(form, tr("Form:"), QStringLiteral("mcpForm"));

    auto *carrierRow = new QHBoxLayout;
    m_carrier = new QLabel(this);
    m_carrier->setObjectName(QStringLiteral("mcpCarrier"));
    m_carrier->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_carrier->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    carrierRow->addWidget(m_carrier, 1);
    m_carrierButton = new QPushButton(tr("Show carrying HTTP request"), this);
    m_carrierButton->setObjectName(QStringLiteral("carrierButton"));
    m_carrierButton->setToolTip(tr("Select the HTTP request whose body carried this MCP to DataHub"));
    connect(m_carrierButton, &QPushButton::clicked, this, [this] {
        if (m_detail.carrierSeq >= 0) {
            Q_EMIT carrierRequested(m_detail.carrierSeq);
            Q_EMIT eventRequested(m_detail.carrierSeq);
        }
    });
    carrierRow->addWidget(m_carrierButton);
    form->addRow(tr("Carried by:"), carrierRow);

    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("mcpProblem"));
    m_problem->setWordWrap(true);
    m_problem->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problem->hide();
    layout->addWidget(m_problem);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("mcpTabs"));
    m_tabs->setDocumentMode(true);
    m_treeModel = new JsonTreeModel(this);
    m_tree = new QTreeView(this);
    m_tree->setObjectName(QStringLiteral("aspectTree"));
    m_tree->setModel(m_treeModel);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(JsonTreeModel::ValueColumn, QHeaderView::Stretch);
    m_tabs->addTab(m_tree, tr("Tree"));
    m_aspect = new CodeView(this);
    m_aspect->setObjectName(QStringLiteral("aspectJson"));
    m_tabs->addTab(m_aspect, tr("JSON"));
    m_systemMetadata = new CodeView(this);
    m_systemMetadata->setObjectName(QStringLiteral("systemMetadata"));
    m_tabs->addTab(m_systemMetadata, tr("System metadata"));
    m_checkpoint = new CodeView(this);
    m_checkpoint->setObjectName(QStringLiteral("checkpointState"));
    m_tabs->addTab(m_checkpoint, tr("Checkpoint state"));
    layout->addWidget(m_tabs, 1);
    clear();
}

QLineEdit *McpDetailPane::addField(QFormLayout *form, const QString &label, const QString &name)
{
    auto *field = new QLineEdit(this);
    field->setObjectName(name);
    field->setReadOnly(true);
    field->setFrame(false);
    QPalette flat = field->palette();
    flat.setColor(QPalette::Base, Qt::transparent);
    field->setPalette(flat);
    form->addRow(label, field);
    return field;
}

void McpDetailPane::setEvent(std::shared_ptr<const Timeline> timeline, qsizetype seq)
{
    startLoad(
        std::move(timeline), seq, &McpDetail::load, [this](McpDetail detail) { show(std::move(detail)); });
}

void McpDetailPane::clear()
{
    abandonLoad();
    show(McpDetail());
    clearHeading();
}

void McpDetailPane::show(McpDetail detail)
{
    m_detail = std::move(detail);
    const McpDetail &d = m_detail;
    const McpRecord &m = d.record;
    const ThemeColors colours = ThemeColors::from(palette());
    if (d.seq >= 0)
        setHeading(d.heading);
    const auto setField = [](QLineEdit *field, const QString &text) {
        field->setText(text);
        field->setCursorPosition(0);
        field->setToolTip(text.size() > 60 ? text : QString());
    };
    setField(m_urn, m.entityUrn);
    setField(m_entityType, m.entityType);
    setField(m_changeType, m.changeType);
    setField(m_aspectName, m.aspectName);
    setField(m_form, d.formName);
    m_carrier->setText(d.carrierSeq >= 0 ? d.carrierText
            : d.seq >= 0                 ? tr("the file sink's output (no HTTP request)")
                                         : QString());
    m_carrier->setToolTip(m_carrier->text());
    m_carrierButton->setEnabled(d.carrierSeq >= 0);

    QStringList problems;
    if (d.error)
        problems.append(tr("This MCP could not be read again: %1").arg(d.error->message));
    if (!d.aspectError.isEmpty())
        problems.append(tr("The aspect is not valid JSON (%1); shown as recorded").arg(d.aspectError));
    if (!d.checkpointError.isEmpty())
        problems.append(tr("The checkpoint state could not be decoded: %1").arg(d.checkpointError));
    for (const QString &w : m.warnings)
        problems.append(tr("Warning: %1").arg(w));
    m_problem->setText(problems.join(QLatin1Char('\n')));
    QPalette p = m_problem->palette();
    p.setColor(QPalette::WindowText, d.error ? colours.errorText : colours.warningText);
    m_problem->setPalette(p);
    m_problem->setVisible(!problems.isEmpty());

    m_treeModel->setTree(d.aspectTree);
    m_tree->expandToDepth(ExpandDepth);
    m_tree->resizeColumnToContents(JsonTreeModel::KeyColumn);
    m_aspect->setCode(d.aspectTruncated && d.aspectError.isEmpty()
            ? d.aspectText + tr("\n… cut after %1 characters; the tree shows all of it").arg(BodyContent::MaxShownCharacters)
            : d.aspectText,
        d.aspectError.isEmpty() ? SyntaxLanguage::Json : SyntaxLanguage::None);
    m_systemMetadata->setCode(d.systemMetadataText, SyntaxLanguage::Json);
    m_checkpoint->setCode(d.checkpointText, SyntaxLanguage::Json);
    m_tabs->setTabVisible(SystemMetadataTab, !d.systemMetadataText.isEmpty());
    m_tabs->setTabVisible(CheckpointTab, !d.checkpointText.isEmpty());
}

} // namespace tapedeck
