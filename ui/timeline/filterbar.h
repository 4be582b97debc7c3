// SPDX-License-Identifier: MIT
// The bar above the timeline: kind toggles with counts, the filter expression (debounced, parse errors
// shown inline), free-text search with next/previous, and the "shown / total" count.
#pragma once

#include "core/recording/filtererror.h"
#include "core/recording/filterexpression.h"
#include "core/recording/timelinefilter.h"

#include <QTimer>
#include <QWidget>

#include <optional>

class QLabel;
class QLineEdit;
class QShortcut;
class QToolButton;

namespace tapedeck {

class FilterBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FilterBar)

public:
    enum class SearchDirection {
        Next, // after the current row (Enter, F3)
        Previous, // before it (Shift+Enter, Shift+F3)
        FromCurrent, // the current row or after it (while typing)
    };
    Q_ENUM(SearchDirection)

    // How long typing must pause before the filter or search text is applied.
    static constexpr int DebounceMs = 200;

    explicit FilterBar(QWidget *parent = nullptr);

    QString filterText() const;
    // The last expression that parsed (what filterChanged() last carried).
    const FilterExpression &filter() const { return m_filter; }
    // Set while the text in the filter field does not parse, or after its filter gave up (setMatchError()).
    const std::optional<FilterError> &filterError() const { return m_error; }
    KindMask kinds() const;
    QString searchText() const;

public Q_SLOTS:
    // Replaces the filter text and applies it at once (no debounce).
    void setFilterText(const QString &text);
    void setKinds(tapedeck::KindMask kinds);
    void setCounts(qsizetype shown, qsizetype total);
    void setKindCounts(qsizetype http, qsizetype sql, qsizetype mcp);
    // Hides a kind's button where the list never has that kind (the Replay tab has no MCP events).
    void setKindOffered(tapedeck::EventKind kind, bool offered);
    // The answer to searchRequested(): marks the search field when nothing matched.
    void setSearchResult(bool found);
    void focusSearch(); // Ctrl+F
    void focusFilter();
    // Applies a filter text still waiting for its debounce.
    void applyPendingFilter();
    // Shows that the applied filter gave up on an event (TimelineModel::filterGaveUp()) as an error of its
    // text, as a parse error is shown; ignored when the text has changed since (that text applies soon).
    void setMatchError(const tapedeck::FilterError &error);

Q_SIGNALS:
    // A filter text that parsed (the empty text gives the empty filter, which matches everything).
    void filterChanged(const tapedeck::FilterExpression &filter);
    // The filter text stopped parsing or its filter gave up (error set), or it parses again (error empty).
    void filterErrorChanged(const std::optional<tapedeck::FilterError> &error);
    void kindsChanged(tapedeck::KindMask kinds);
    void searchRequested(const QString &text, tapedeck::FilterBar::SearchDirection direction);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void parseFilter();
    void showError();
    void updateErrorUnderline();
    void requestSearch(SearchDirection direction);
    void updateKindButton(EventKind kind);

    QToolButton *m_kindButtons[EventKindCount] = {};
    qsizetype m_kindCounts[EventKindCount] = {};
    QLineEdit *m_filterEdit = nullptr;
    QLabel *m_errorLabel = nullptr;
    QLineEdit *m_searchEdit = nullptr;
    QToolButton *m_previousButton = nullptr;
    QToolButton *m_nextButton = nullptr;
    QLabel *m_searchStatus = nullptr;
    QLabel *m_countsLabel = nullptr;
    QTimer m_filterDebounce;
    QTimer m_searchDebounce;
    FilterExpression m_filter;
    QString m_appliedText;
    std::optional<FilterError> m_error;
};

} // namespace tapedeck
