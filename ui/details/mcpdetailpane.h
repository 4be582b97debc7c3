// SPDX-License-Identifier: MIT
// The detail pane of an MCP event: entity URN, type, change type, aspect name, the aspect as a collapsible
// JSON tree and as highlighted text, system metadata, a decoded checkpoint state, and the way back to the
// HTTP request that carried it.
#pragma once

#include "ui/details/detailpane.h"

class QFormLayout;
class QLineEdit;
class QPushButton;
class QTabWidget;
class QTreeView;

namespace tapedeck {

class CodeView;
class JsonTreeModel;

class McpDetailPane final : public DetailPane
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(McpDetailPane)

public:
    enum Tab { TreeTab, JsonTab, SystemMetadataTab, CheckpointTab };

    explicit McpDetailPane(QWidget *parent = nullptr);

    void setEvent(std::shared_ptr<const Timeline> timeline, qsizetype seq) override;
    void clear() override;

    const McpDetail &detail() const { return m_detail; }
    JsonTreeModel *treeModel() const { return m_treeModel; }
    QTreeView *treeView() const { return m_tree; }
    CodeView *aspectView() const { return m_aspect; }
    QPushButton *carrierButton() const { return m_carrierButton; }
    QTabWidget *tabs() const { return m_tabs; }

Q_SIGNALS:
    // "Show carrying HTTP request": the seq of the HTTP event whose body held this MCP. eventRequested()
    // is emitted too.
    void carrierRequested(qsizetype httpSeq);

private:
    void show(McpDetail detail);
    QLineEdit *addField(QFormLayout *form, const QString &label, const QString &name);

    McpDetail m_detail;
    QLineEdit *m_urn = nullptr;
    QLineEdit *m_entityType = nullptr;
    QLineEdit *m_changeType = nullptr;
    QLineEdit *m_aspectName = nullptr;
    QLineEdit *m_form = nullptr;
    QLabel *m_carrier = nullptr;
    QPushButton *m_carrierButton = nullptr;
    QLabel *m_problem = nullptr;
    QTabWidget *m_tabs = nullptr;
    QTreeView *m_tree = nullptr;
    JsonTreeModel *m_treeModel = nullptr;
    CodeView *m_aspect = nullptr;
    CodeView *m_systemMetadata = nullptr;
    CodeView *m_checkpoint = nullptr;
};

} // namespace tapedeck
