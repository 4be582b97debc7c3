// SPDX-License-Identifier: MIT
// The right side of the diff window: one aspect's recorded and replayed values side by side, scrolled
// together, differing lines highlighted, its field differences listed, "Ignore this path" on each.
#pragma once

#include "core/diff/diffreport.h"
#include "core/diff/ignoresuggestions.h"
#include "core/diff/sidebyside.h"

#include <QWidget>

#include <functional>
#include <memory>
#include <vector>

class QLabel;
class QMenu;
class QPlainTextEdit;
class QTableView;

namespace tapedeck {

class DiffFieldsModel;

class DiffView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DiffView)

public:
    using SuggestionProvider = std::function<QList<IgnoreSuggestion>(const FieldDifference &)>;

    explicit DiffView(QWidget *parent = nullptr);

    // Shows report->aspects[difference]; -1 shows message instead (an identical group, nothing chosen).
    void showDifference(std::shared_ptr<const DiffReport> report, int difference);
    void showMessage(const QString &message);
    int difference() const { return m_difference; }

    // The field difference shown as current (highlighted more strongly, scrolled to); -1 for none.
    void setCurrentField(int field);
    int currentField() const { return m_currentField; }

    void setSuggestionProvider(SuggestionProvider provider) { m_suggestions = std::move(provider); }
    // "Ignore this path" for a field difference: one action per suggested rule, emitting ignoreRuleChosen.
    QMenu *createIgnoreMenu(int field, QWidget *parent);

    // The first line (0-based) of a field difference in the side-by-side text, -1 when not shown there.
    int lineOfField(int field) const;
    int fieldAtLine(int line) const;
    QPlainTextEdit *recordedPane() const { return m_left; }
    QPlainTextEdit *replayedPane() const { return m_right; }
    DiffFieldsModel *fieldsModel() const { return m_fieldsModel; }

Q_SIGNALS:
    void ignoreRuleChosen(const QString &rule);
    void currentFieldChanged(int field);

private:
    void highlight();
    void showContextMenu(QPlainTextEdit *pane, const QPoint &position);

    QLabel *m_title;
    QPlainTextEdit *m_left;
    QPlainTextEdit *m_right;
    QTableView *m_fields;
    DiffFieldsModel *m_fieldsModel;
    std::shared_ptr<const DiffReport> m_report;
    int m_difference = -1;
    int m_currentField = -1;
    QList<SideBySideLine> m_lines;
    std::vector<int> m_lineField; // field difference per line, -1
    SuggestionProvider m_suggestions;
    bool m_syncing = false;
};

} // namespace tapedeck
