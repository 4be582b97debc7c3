// SPDX-License-Identifier: MIT
// The timeline's filter bar.
#include "ui/timeline/filterbar.h"

#include "ui/widgets/icons.h"
#include "ui/widgets/themecolors.h"

#include <QAction>
#include <QBoxLayout>
#include <QCoreApplication>
#include <QEvent>
#include <QInputMethodEvent>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QShortcut>
#include <QStyle>
#include <QTextCharFormat>
#include <QToolButton>

namespace tapedeck {

namespace {

constexpr EventKind AllKindsList[] = { EventKind::Http, EventKind::Sql, EventKind::Mcp };

// QLineEdit has no rich text; an input-method event with an empty commit string is the supported way to
// lay text formats over its content (positions are relative to the cursor).
void setTextFormat(QLineEdit *edit, qsizetype start, qsizetype length, const QTextCharFormat &format)
{
    QList<QInputMethodEvent::Attribute> attributes;
    if (length > 0)
        attributes.append(QInputMethodEvent::Attribute(
            QInputMethodEvent::TextFormat, int(start) - edit->cursorPosition(), int(length), format));
    QInputMethodEvent event(QString(), attributes);
    QCoreApplication::sendEvent(edit, &event);
}

QList<QKeySequence> keysWith(QKeySequence::StandardKey standard, const QKeySequence &extra)
{
    QList<QKeySequence> keys = QKeySequence::keyBindings(standard);
    if (!keys.contains(extra))
        keys.prepend(extra);
    return keys;
}

} // namespace

FilterBar::FilterBar(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    auto *row = new QHBoxLayout;
    row->setSpacing(4);
    layout->addLayout(row);

    for (const EventKind kind : AllKindsList) {
        auto *button = new QToolButton(this);
        button->setCheckable(true);
        button->setChecked(true);
        button->setAutoRaise(true);
        button->setIcon(icons::eventKind(kind));
        button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        button->setObjectName(QString(eventKindName(kind)) + QLatin1String("Toggle"));
        switch (kind) {
        case EventKind::Http:
            button->setToolTip(tr("Show HTTP exchanges"));
            break;
        case EventKind::Sql:
            button->setToolTip(tr("Show SQL queries"));
            break;
        case EventKind::Mcp:
            button->setToolTip(tr("Show MCPs (metadata change proposals)"));
            break;
        }
        connect(button, &QToolButton::toggled, this, [this] { Q_EMIT kindsChanged(kinds()); });
        m_kindButtons[int(kind)] = button;
        updateKindButton(kind);
        row->addWidget(button);
    }

    m_filterEdit = new QLineEdit(this);
    m_filterEdit->setObjectName(QStringLiteral("filterEdit"));
    m_filterEdit->setClearButtonEnabled(true);
    m_filterEdit->setPlaceholderText(
        tr("Filter, e.g. kind:http status:>=400 or urn:*orders* aspect:schemaMetadata"));
    m_filterEdit->setToolTip(
        tr("<p>Filter expression, the same language as <tt>tapedeck-cli events --filter</tt>:</p>"
           "<ul><li><tt>orders</tt> — free text in method, URL, SQL, URN, aspect and messages</li>"
           "<li><tt>kind:http status:&gt;=400</tt>, <tt>status:4xx,503</tt></li>"
           "<li><tt>host:*.looker.com</tt>, <tt>path:/api/*/looks/*</tt>, <tt>url:~\"/looks/\\d+$\"</tt></li>"
           "<li><tt>sql:information_schema</tt>, <tt>urn:*orders* aspect:schemaMetadata</tt></li>"
           "<li><tt>error</tt>, <tt>warning</tt>, <tt>seq:100..200</tt></li>"
           "<li><tt>served:0</tt> — recorded events the replay never served</li>"
           "<li><tt>a or b</tt>, <tt>-term</tt> or <tt>not term</tt>, <tt>( … )</tt></li></ul>"));
    row->addWidget(m_filterEdit, 3);

    m_searchEdit = new QLineEdit(this);
    m_searchEdit->setObjectName(QStringLiteral("searchEdit"));
    m_searchEdit->setClearButtonEnabled(true);
    m_searchEdit->setPlaceholderText(tr("Find (Ctrl+F)"));
    m_searchEdit->setToolTip(tr("Find text in the events shown: Enter or F3 for the next match, "
                                "Shift+Enter or Shift+F3 for the previous one"));
    m_searchEdit->installEventFilter(this);
    row->addWidget(m_searchEdit, 1);

    m_previousButton = new QToolButton(this);
    m_previousButton->setObjectName(QStringLiteral("findPreviousButton"));
    m_previousButton->setArrowType(Qt::UpArrow);
    m_previousButton->setAutoRaise(true);
    m_previousButton->setToolTip(tr("Previous match (Shift+F3)"));
    connect(
        m_previousButton, &QToolButton::clicked, this, [this] { requestSearch(SearchDirection::Previous); });
    row->addWidget(m_previousButton);
    m_nextButton = new QToolButton(this);
    m_nextButton->setObjectName(QStringLiteral("findNextButton"));
    m_nextButton->setArrowType(Qt::DownArrow);
    m_nextButton->setAutoRaise(true);
    m_nextButton->setToolTip(tr("Next match (F3)"));
    connect(m_nextButton, &QToolButton::clicked, this, [this] { requestSearch(SearchDirection::Next); });
    row->addWidget(m_nextButton);

    m_searchStatus = new QLabel(this);
    m_searchStatus->setObjectName(QStringLiteral("searchStatus"));
    row->addWidget(m_searchStatus);

    m_countsLabel = new QLabel(this);
    m_countsLabel->setObjectName(QStringLiteral("countsLabel"));
    m_countsLabel->setToolTip(tr("Events shown / events in the recording"));
    row->addWidget(m_countsLabel);
    setCounts(0, 0);

    m_errorLabel = new QLabel(this);
    m_errorLabel->setObjectName(QStringLiteral("filterErrorLabel"));
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_errorLabel->hide();
    layout->addWidget(m_errorLabel);

    m_filterDebounce.setSingleShot(true);
    m_filterDebounce.setInterval(DebounceMs);
    connect(&m_filterDebounce, &QTimer::timeout, this, &FilterBar::parseFilter);
    connect(m_filterEdit, &QLineEdit::textChanged, this, [this] {
        // The underline belongs to the old text: drop it at once rather than 200 ms later.
        if (m_error)
            setTextFormat(m_filterEdit, 0, 0, {});
        m_filterDebounce.start();
    });
    connect(m_filterEdit, &QLineEdit::returnPressed, this, &FilterBar::applyPendingFilter);

    m_searchDebounce.setSingleShot(true);
    m_searchDebounce.setInterval(DebounceMs);
    connect(
        &m_searchDebounce, &QTimer::timeout, this, [this] { requestSearch(SearchDirection::FromCurrent); });
    connect(m_searchEdit, &QLineEdit::textEdited, this, [this] {
        m_searchStatus->clear();
        m_searchEdit->setPalette(QPalette());
        m_searchDebounce.start();
    });

    auto *find = new QShortcut(this);
    find->setKeys(keysWith(QKeySequence::Find, QKeySequence(Qt::CTRL | Qt::Key_F)));
    find->setContext(Qt::WindowShortcut);
    connect(find, &QShortcut::activated, this, &FilterBar::focusSearch);
    auto *next = new QShortcut(this);
    next->setKeys(keysWith(QKeySequence::FindNext, QKeySequence(Qt::Key_F3)));
    next->setContext(Qt::WindowShortcut);
    connect(next, &QShortcut::activated, this, [this] { requestSearch(SearchDirection::Next); });
    auto *previous = new QShortcut(this);
    previous->setKeys(keysWith(QKeySequence::FindPrevious, QKeySequence(Qt::SHIFT | Qt::Key_F3)));
    previous->setContext(Qt::WindowShortcut);
    connect(previous, &QShortcut::activated, this, [this] { requestSearch(SearchDirection::Previous); });
    connect(m_searchEdit, &QLineEdit::returnPressed, this, [this] {
        // Shift+Enter is handled in eventFilter(); a plain Enter goes forward.
        requestSearch(SearchDirection::Next);
    });
}

QString FilterBar::filterText() const
{
    return m_filterEdit->text();
}

QString FilterBar::searchText() const
{
    return m_searchEdit->text();
}

KindMask FilterBar::kinds() const
{
    KindMask mask = 0;
    for (const EventKind kind : AllKindsList) {
        if (m_kindButtons[int(kind)]->isChecked())
            mask |= kindBit(kind);
    }
    return mask;
}

void FilterBar::setKinds(KindMask kinds)
{
    if (kinds == this->kinds())
        return;
    for (const EventKind kind : AllKindsList) {
        const QSignalBlocker blocker(m_kindButtons[int(kind)]);
        m_kindButtons[int(kind)]->setChecked(kinds & kindBit(kind));
    }
    Q_EMIT kindsChanged(this->kinds());
}

void FilterBar::setFilterText(const QString &text)
{
    m_filterEdit->setText(text);
    applyPendingFilter();
}

void FilterBar::applyPendingFilter()
{
    m_filterDebounce.stop();
    parseFilter();
}

void FilterBar::parseFilter()
{
    const QString text = m_filterEdit->text();
    FilterError detail;
    Result<FilterExpression> parsed = FilterExpression::parse(text, &detail);
    if (!parsed) {
        m_error = detail;
        showError();
        Q_EMIT filterErrorChanged(m_error);
        return;
    }
    const bool hadError = m_error.has_value();
    m_error.reset();
    showError();
    if (hadError)
        Q_EMIT filterErrorChanged(m_error);
    if (text == m_appliedText && !hadError)
        return;
    m_appliedText = text;
    m_filter = std::move(parsed).value();
    Q_EMIT filterChanged(m_filter);
}

void FilterBar::setMatchError(const FilterError &error)
{
    if (m_filterDebounce.isActive() || m_filterEdit->text() != m_appliedText)
        return;
    m_error = error;
    showError();
    Q_EMIT filterErrorChanged(m_error);
}

void FilterBar::showError()
{
    if (!m_error) {
        m_errorLabel->hide();
        m_errorLabel->clear();
        m_filterEdit->setPalette(QPalette());
        setTextFormat(m_filterEdit, 0, 0, {});
        return;
    }
    const ThemeColors colours = ThemeColors::from(palette());
    // Columns count characters (not UTF-16 units), as FilterError::formatted() does.
    const QString text = m_filterEdit->text();
    qsizetype column = 1;
    for (qsizetype i = 0; i < std::min(m_error->position, text.size()); ++i) {
        if (!text[i].isLowSurrogate())
            ++column;
    }
    m_errorLabel->setText(tr("Column %1: %2").arg(column).arg(m_error->message));
    QPalette labelPalette = m_errorLabel->palette();
    labelPalette.setColor(QPalette::WindowText, colours.errorText);
    m_errorLabel->setPalette(labelPalette);
    m_errorLabel->show();
    QPalette editPalette = m_filterEdit->palette();
    editPalette.setColor(QPalette::Base, colours.errorBackground);
    m_filterEdit->setPalette(editPalette);
    updateErrorUnderline();
}

void FilterBar::updateErrorUnderline()
{
    if (!m_error)
        return;
    const qsizetype size = m_filterEdit->text().size();
    qsizetype start = m_error->position;
    qsizetype length = std::max<qsizetype>(m_error->length, 1);
    if (start >= size) { // "expected a value" at the end: mark the last character
        start = std::max<qsizetype>(size - 1, 0);
        length = size > 0 ? 1 : 0;
    }
    length = std::min(length, size - start);
    QTextCharFormat format;
    format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
    format.setUnderlineColor(ThemeColors::from(palette()).errorText);
    format.setForeground(ThemeColors::from(palette()).errorText);
    setTextFormat(m_filterEdit, start, length, format);
}

void FilterBar::setCounts(qsizetype shown, qsizetype total)
{
    const QLocale locale;
    m_countsLabel->setText(
        tr("%1 / %2 events").arg(locale.toString(qlonglong(shown)), locale.toString(qlonglong(total))));
}

void FilterBar::setKindOffered(EventKind kind, bool offered)
{
    m_kindButtons[int(kind)]->setVisible(offered);
}

void FilterBar::setKindCounts(qsizetype http, qsizetype sql, qsizetype mcp)
{
    m_kindCounts[int(EventKind::Http)] = http;
    m_kindCounts[int(EventKind::Sql)] = sql;
    m_kindCounts[int(EventKind::Mcp)] = mcp;
    for (const EventKind kind : AllKindsList)
        updateKindButton(kind);
}

void FilterBar::updateKindButton(EventKind kind)
{
    const QString count = QLocale().toString(qlonglong(m_kindCounts[int(kind)]));
    QString text;
    switch (kind) {
    case EventKind::Http:
        text = tr("HTTP %1").arg(count);
        break;
    case EventKind::Sql:
        text = tr("SQL %1").arg(count);
        break;
    case EventKind::Mcp:
        text = tr("MCP %1").arg(count);
        break;
    }
    m_kindButtons[int(kind)]->setText(text);
}

void FilterBar::setSearchResult(bool found)
{
    if (found) {
        m_searchStatus->clear();
        m_searchEdit->setPalette(QPalette());
        return;
    }
    const ThemeColors colours = ThemeColors::from(palette());
    m_searchStatus->setText(tr("No match"));
    QPalette labelPalette = m_searchStatus->palette();
    labelPalette.setColor(QPalette::WindowText, colours.errorText);
    m_searchStatus->setPalette(labelPalette);
    QPalette editPalette = m_searchEdit->palette();
    editPalette.setColor(QPalette::Base, colours.errorBackground);
    m_searchEdit->setPalette(editPalette);
}

void FilterBar::focusSearch()
{
    m_searchEdit->setFocus(Qt::ShortcutFocusReason);
    m_searchEdit->selectAll();
}

void FilterBar::focusFilter()
{
    m_filterEdit->setFocus(Qt::ShortcutFocusReason);
    m_filterEdit->selectAll();
}

void FilterBar::requestSearch(SearchDirection direction)
{
    m_searchDebounce.stop();
    const QString text = m_searchEdit->text();
    if (text.isEmpty()) {
        m_searchStatus->clear();
        if (direction != SearchDirection::FromCurrent)
            focusSearch();
        return;
    }
    Q_EMIT searchRequested(text, direction);
}

bool FilterBar::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_searchEdit && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter)
            && (key->modifiers() & Qt::ShiftModifier)) {
            requestSearch(SearchDirection::Previous);
            return true;
        }
        if (key->key() == Qt::Key_Escape && !m_searchEdit->text().isEmpty()) {
            m_searchEdit->clear();
            m_searchStatus->clear();
            m_searchEdit->setPalette(QPalette());
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void FilterBar::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && m_error)
        showError();
}

} // namespace tapedeck
