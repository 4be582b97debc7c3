// SPDX-License-Identifier: MIT
// Side-by-side JSON panes over SideBySide's aligned lines, with ExtraSelections for the differences.
#include "ui/diff/diffview.h"

#include "ui/widgets/themecolors.h"

#include "ui/diff/difffieldsmodel.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QSplitter>
#include <QTableView>
#include <QTextBlock>
#include <QVBoxLayout>

namespace tapedeck {

namespace {

QPlainTextEdit *makePane(QWidget *parent)
{
    auto *pane = new QPlainTextEdit(parent);
    pane->setReadOnly(true);
    pane->setLineWrapMode(QPlainTextEdit::NoWrap); // lines of both sides must stay aligned
    pane->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    pane->setContextMenuPolicy(Qt::CustomContextMenu);
    pane->setUndoRedoEnabled(false);
    return pane;
}

// A record as the comparison sees it: the fields a FieldDifference's path starts with.
std::optional<JsonValue> recordValue(const QString &changeType, const std::optional<JsonValue> &aspect,
    const std::optional<JsonValue> &systemMetadata, bool present)
{
    if (!present)
        return std::nullopt;
    JsonValue record = JsonValue::object();
    if (!changeType.isEmpty())
        record.insert(QString::fromUtf8(DiffPaths::ChangeTypeField), JsonValue::string(changeType));
    record.insert(QString::fromUtf8(DiffPaths::AspectField), aspect.value_or(JsonValue()));
    if (systemMetadata)
        record.insert(QString::fromUtf8(DiffPaths::SystemMetadataField), *systemMetadata);
    return record;
}

QColor tint(FieldDifference::Kind kind, bool current)
{
    const ThemeColors colours = ThemeColors::fromApplication();
    QColor c;
    switch (kind) {
    case FieldDifference::Kind::Added:
        c = colours.addedMark;
        break;
    case FieldDifference::Kind::Removed:
        c = colours.removedMark;
        break;
    case FieldDifference::Kind::Changed:
    case FieldDifference::Kind::TypeChanged:
        c = colours.changedMark;
        break;
    }
    c.setAlpha(current ? 150 : 60);
    return c;
}

} // namespace

DiffView::DiffView(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_left(makePane(this))
    , m_right(makePane(this))
    , m_fields(new QTableView(this))
    , m_fieldsModel(new DiffFieldsModel(this))
{
    m_title->setTextFormat(Qt::PlainText);
    m_title->setWordWrap(true);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *headers = new QWidget(this);
    auto *headerLayout = new QHBoxLayout(headers);
    headerLayout->setContentsMargins(0, 0, 0, 0);
    headerLayout->addWidget(new QLabel(tr("Recorded"), headers), 1);
    headerLayout->addWidget(new QLabel(tr("Replayed"), headers), 1);

    auto *panes = new QSplitter(Qt::Horizontal, this);
    panes->addWidget(m_left);
    panes->addWidget(m_right);
    panes->setChildrenCollapsible(false);

    m_fields->setModel(m_fieldsModel);
    m_fields->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_fields->setSelectionMode(QAbstractItemView::SingleSelection);
    m_fields->setContextMenuPolicy(Qt::CustomContextMenu);
    m_fields->verticalHeader()->hide();
    m_fields->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_fields->horizontalHeader()->setStretchLastSection(true);
    m_fields->setWordWrap(false);

    auto *split = new QSplitter(Qt::Vertical, this);
    auto *top = new QWidget(split);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(headers);
    topLayout->addWidget(panes, 1);
    split->addWidget(top);
    split->addWidget(m_fields);
    split->setStretchFactor(0, 4);
    split->setStretchFactor(1, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(split, 1);

    // Both panes show the same lines: they scroll as one.
    const auto sync = [this](QScrollBar *from, QScrollBar *to) {
        connect(from, &QScrollBar::valueChanged, this, [this, to](int value) {
            if (m_syncing)
                return;
            m_syncing = true;
            to->setValue(value);
            m_syncing = false;
        });
    };
    sync(m_left->verticalScrollBar(), m_right->verticalScrollBar());
    sync(m_right->verticalScrollBar(), m_left->verticalScrollBar());
    sync(m_left->horizontalScrollBar(), m_right->horizontalScrollBar());
    sync(m_right->horizontalScrollBar(), m_left->horizontalScrollBar());

    for (QPlainTextEdit *pane : { m_left, m_right }) {
        connect(pane, &QWidget::customContextMenuRequested, this,
            [this, pane](const QPoint &position) { showContextMenu(pane, position); });
    }
    connect(m_fields, &QWidget::customContextMenuRequested, this, [this](const QPoint &position) {
        const QModelIndex index = m_fields->indexAt(position);
        if (!index.isValid())
            return;
        QMenu *menu = createIgnoreMenu(index.row(), this);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(m_fields->viewport()->mapToGlobal(position));
    });
    connect(m_fields->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        [this](const QModelIndex &current) {
            if (current.isValid() && current.row() != m_currentField)
                setCurrentField(current.row());
        });
    showMessage(tr("Choose an aspect on the left to see its recorded and replayed values."));
}

void DiffView::showMessage(const QString &message)
{
    m_report.reset();
    m_difference = -1;
    m_currentField = -1;
    m_lines.clear();
    m_lineField.clear();
    m_title->setText(message);
    m_left->clear();
    m_right->clear();
    m_fieldsModel->setDifference(nullptr, -1);
}

void DiffView::showDifference(std::shared_ptr<const DiffReport> report, int difference)
{
    if (!report || difference < 0 || difference >= report->aspects.size()) {
        showMessage(tr("Nothing to show."));
        return;
    }
    m_report = std::move(report);
    m_difference = difference;
    m_currentField = -1;
    const AspectDifference &a = m_report->aspects.at(difference);
    QString status = DiffReport::statusName(a.status);
    if (a.count > 1)
        status += QStringLiteral(" ×") + QString::number(a.count);
    m_title->setText(tr("%1 · %2 — %3").arg(a.urn, a.aspect, status));

    const bool left = a.status != AspectDifference::Status::Added;
    const bool right = a.status != AspectDifference::Status::Removed;
    m_lines = SideBySide::layout(
        recordValue(a.recordedChangeType, a.recordedAspect, a.recordedSystemMetadata, left),
        recordValue(a.replayedChangeType, a.replayedAspect, a.replayedSystemMetadata, right));
    QStringList leftText, rightText;
    m_lineField.assign(size_t(m_lines.size()), -1);
    for (qsizetype i = 0; i < m_lines.size(); ++i) {
        leftText.append(m_lines.at(i).left);
        rightText.append(m_lines.at(i).right);
        // The deepest difference a line belongs to.
        qsizetype depth = -1;
        for (qsizetype f = 0; f < a.fields.size(); ++f) {
            const DiffPath &path = a.fields.at(f).path;
            if (SideBySide::isWithin(m_lines.at(i).path, path) && path.size() > depth) {
                depth = path.size();
                m_lineField[size_t(i)] = int(f);
            }
        }
    }
    m_left->setPlainText(leftText.join(QLatin1Char('\n')));
    m_right->setPlainText(rightText.join(QLatin1Char('\n')));
    m_fieldsModel->setDifference(m_report, difference);
    m_fields->resizeColumnToContents(DiffFieldsModel::PathColumn);
    highlight();
}

int DiffView::lineOfField(int field) const
{
    for (size_t i = 0; i < m_lineField.size(); ++i) {
        if (m_lineField[i] == field)
            return int(i);
    }
    return -1;
}

int DiffView::fieldAtLine(int line) const
{
    return line >= 0 && size_t(line) < m_lineField.size() ? m_lineField[size_t(line)] : -1;
}

void DiffView::setCurrentField(int field)
{
    if (!m_report || field >= m_fieldsModel->rowCount())
        field = -1;
    m_currentField = field;
    highlight();
    if (field >= 0) {
        m_fields->selectRow(field);
        const int line = lineOfField(field);
        if (line >= 0) {
            const QTextBlock block = m_left->document()->findBlockByNumber(line);
            QTextCursor cursor(block);
            m_left->setTextCursor(cursor);
            m_left->centerCursor();
            m_right->setTextCursor(QTextCursor(m_right->document()->findBlockByNumber(line)));
            m_right->verticalScrollBar()->setValue(m_left->verticalScrollBar()->value());
        }
    }
    Q_EMIT currentFieldChanged(field);
}

void DiffView::highlight()
{
    QList<QTextEdit::ExtraSelection> left, right;
    if (m_report && m_difference >= 0) {
        const AspectDifference &a = m_report->aspects.at(m_difference);
        for (qsizetype i = 0; i < m_lines.size(); ++i) {
            const SideBySideLine &line = m_lines.at(i);
            const int field = m_lineField[size_t(i)];
            QColor colour;
            if (field >= 0) {
                colour = tint(a.fields.at(field).kind, field == m_currentField);
            } else if (a.status == AspectDifference::Status::Added) {
                colour = tint(FieldDifference::Kind::Added, false);
            } else if (a.status == AspectDifference::Status::Removed) {
                colour = tint(FieldDifference::Kind::Removed, false);
            } else {
                continue;
            }
            const auto add = [&](QPlainTextEdit *pane, QList<QTextEdit::ExtraSelection> &list) {
                QTextEdit::ExtraSelection s;
                s.cursor = QTextCursor(pane->document()->findBlockByNumber(int(i)));
                s.format.setBackground(colour);
                s.format.setProperty(QTextFormat::FullWidthSelection, true);
                list.append(s);
            };
            if (line.leftPresent)
                add(m_left, left);
            if (line.rightPresent)
                add(m_right, right);
        }
    }
    m_left->setExtraSelections(left);
    m_right->setExtraSelections(right);
}

QMenu *DiffView::createIgnoreMenu(int field, QWidget *parent)
{
    auto *menu = new QMenu(tr("Ignore This Path"), parent);
    const FieldDifference *f = m_fieldsModel->field(field);
    if (!f || !m_suggestions) {
        menu->addAction(tr("No difference here"))->setEnabled(false);
        return menu;
    }
    for (const IgnoreSuggestion &s : m_suggestions(*f)) {
        const QString hides
            = s.fields == 1 ? tr("hides 1 difference") : tr("hides %1 differences").arg(s.fields);
        QAction *action = menu->addAction(
            tr("Ignore %1: %2 (%3)").arg(IgnoreSuggestions::kindName(s.kind), s.rule, hides));
        action->setData(s.rule);
        connect(action, &QAction::triggered, this, [this, rule = s.rule] { Q_EMIT ignoreRuleChosen(rule); });
    }
    return menu;
}

void DiffView::showContextMenu(QPlainTextEdit *pane, const QPoint &position)
{
    QMenu *menu = pane->createStandardContextMenu(position);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    const int field = fieldAtLine(pane->cursorForPosition(position).blockNumber());
    if (field >= 0) {
        menu->insertMenu(menu->actions().value(0), createIgnoreMenu(field, menu));
        menu->insertSeparator(menu->actions().value(1));
    }
    menu->popup(pane->viewport()->mapToGlobal(position));
}

} // namespace tapedeck
