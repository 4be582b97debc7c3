// SPDX-License-Identifier: MIT
// The detail pane of an SQL event: the highlighted query, its parameters, row count, error and the
// recorded result rows in a table.
#pragma once

#include "ui/details/detailpane.h"

class QSplitter;
class QTableView;

namespace tapedeck {

class CodeView;
class SqlRowsModel;

class SqlDetailPane final : public DetailPane
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SqlDetailPane)

public:
    explicit SqlDetailPane(QWidget *parent = nullptr);

    void setEvent(std::shared_ptr<const Timeline> timeline, qsizetype seq) override;
    void clear() override;

    const SqlDetail &detail() const { return m_detail; }
    CodeView *queryView() const { return m_query; }
    CodeView *parametersView() const { return m_parameters; }
    SqlRowsModel *rowsModel() const { return m_rowsModel; }
    QTableView *rowsView() const { return m_rows; }

private:
    void show(SqlDetail detail);

    SqlDetail m_detail;
    QLabel *m_error = nullptr;
    QSplitter *m_splitter = nullptr;
    CodeView *m_query = nullptr;
    QLabel *m_parametersLabel = nullptr;
    CodeView *m_parameters = nullptr;
    QLabel *m_summary = nullptr;
    QTableView *m_rows = nullptr;
    SqlRowsModel *m_rowsModel = nullptr;
};

} // namespace tapedeck
