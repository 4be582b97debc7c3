// SPDX-License-Identifier: MIT
// The ignore list panel: a plain list widget of editable rule texts plus the profile controls.
#include "ui/diff/diffrulespanel.h"

#include "ui/widgets/themecolors.h"

#include "core/diff/diffreport.h"
#include "core/diff/ignorerule.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QScopedValueRollback>
#include <QSignalBlocker>
#include <QVBoxLayout>

namespace tapedeck {

DiffRulesPanel::DiffRulesPanel(QWidget *parent)
    : QWidget(parent)
    , m_list(new QListWidget(this))
    , m_add(new QPushButton(tr("Add"), this))
    , m_remove(new QPushButton(tr("Remove"), this))
    , m_profiles(new QComboBox(this))
    , m_save(new QPushButton(tr("Save As…"), this))
    , m_delete(new QPushButton(tr("Delete"), this))
{
    auto *title
        = new QLabel(tr("Ignore rules (paths like root['*']['aspect']['fields'][*]['description'], or "
                        "DeepDiff regexes as DataHub takes them)"),
            this);
    title->setWordWrap(true);
    m_list->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_remove);
    buttons->addStretch(1);
    auto *profiles = new QHBoxLayout;
    profiles->addWidget(new QLabel(tr("Profile:"), this));
    profiles->addWidget(m_profiles, 1);
    profiles->addWidget(m_save);
    profiles->addWidget(m_delete);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(title);
    layout->addWidget(m_list, 1);
    layout->addLayout(buttons);
    layout->addLayout(profiles);
    setProfiles({});

    connect(m_add, &QPushButton::clicked, this, [this] {
        auto *item = new QListWidgetItem(QStringLiteral("root['*']['aspect']['']"), m_list);
        item->setFlags(item->flags() | Qt::ItemIsEditable);
        m_list->setCurrentItem(item);
        m_list->editItem(item);
    });
    connect(m_remove, &QPushButton::clicked, this, [this] {
        if (QListWidgetItem *item = m_list->currentItem()) {
            delete item;
            Q_EMIT rulesChanged();
        }
    });
    connect(m_list, &QListWidget::itemChanged, this, [this](QListWidgetItem *item) {
        if (m_updating)
            return;
        check(item);
        Q_EMIT rulesChanged();
    });
    connect(m_profiles, &QComboBox::activated, this, [this](int index) {
        m_delete->setEnabled(index > 0);
        if (index > 0)
            Q_EMIT profileChosen(m_profiles->itemText(index));
    });
    connect(m_save, &QPushButton::clicked, this, [this] {
        bool ok = false;
        const QString name = QInputDialog::getText(
            this, tr("Save Ignore Profile"), tr("Profile name:"), QLineEdit::Normal, currentProfile(), &ok)
                                 .trimmed();
        if (ok && !name.isEmpty())
            Q_EMIT saveProfileRequested(name);
    });
    connect(m_delete, &QPushButton::clicked, this, [this] {
        if (!currentProfile().isEmpty())
            Q_EMIT deleteProfileRequested(currentProfile());
    });
}

void DiffRulesPanel::check(QListWidgetItem *item)
{
    const QScopedValueRollback<bool> updating(m_updating, true);
    const QString text = item->text().trimmed();
    if (text.isEmpty()) {
        item->setToolTip(tr("An empty rule is left out."));
        item->setForeground(QBrush());
        return;
    }
    const Result<IgnoreRule> rule = IgnoreRule::parseIgnorePath(text);
    if (!rule) {
        item->setForeground(ThemeColors::from(palette()).errorText);
        item->setToolTip(rule.error().message);
        return;
    }
    item->setForeground(QBrush());
    item->setToolTip(rule->readAsRegex()
            ? tr("No path: read as a DeepDiff regex, as DataHub reads --ignore-path.")
            : tr("A path."));
}

QStringList DiffRulesPanel::rules() const
{
    QStringList out;
    for (int i = 0; i < m_list->count(); ++i) {
        const QString text = m_list->item(i)->text().trimmed();
        if (!text.isEmpty())
            out.append(text);
    }
    return out;
}

void DiffRulesPanel::setRules(const QStringList &rules)
{
    const QScopedValueRollback<bool> updating(m_updating, true);
    m_list->clear();
    for (const QString &r : rules) {
        auto *item = new QListWidgetItem(r, m_list);
        item->setFlags(item->flags() | Qt::ItemIsEditable);
        check(item);
    }
}

void DiffRulesPanel::addRule(const QString &rule)
{
    if (rules().contains(rule))
        return;
    {
        const QScopedValueRollback<bool> updating(m_updating, true);
        auto *item = new QListWidgetItem(rule, m_list);
        item->setFlags(item->flags() | Qt::ItemIsEditable);
        check(item);
        m_list->setCurrentItem(item);
    }
    Q_EMIT rulesChanged();
}

void DiffRulesPanel::setUsage(const DiffReport *report)
{
    const QScopedValueRollback<bool> updating(m_updating, true);
    for (int i = 0; i < m_list->count(); ++i) {
        QListWidgetItem *item = m_list->item(i);
        check(item);
        if (!report)
            continue;
        for (const RuleUsage &u : report->rules) {
            if (u.origin != IgnoreRule::Origin::User || u.rule != item->text().trimmed())
                continue;
            if (!u.used()) {
                item->setForeground(ThemeColors::from(palette()).warningText);
                item->setToolTip(tr("This rule matched nothing: is there a typo?"));
            } else {
                item->setToolTip(item->toolTip() + QLatin1Char(' ')
                    + (u.hits == 1 ? tr("It took out 1 place.") : tr("It took out %1 places.").arg(u.hits)));
            }
        }
    }
}

QString DiffRulesPanel::currentProfile() const
{
    return m_profiles->currentIndex() > 0 ? m_profiles->currentText() : QString();
}

void DiffRulesPanel::setProfiles(const QStringList &names, const QString &current)
{
    const QSignalBlocker blocker(m_profiles);
    m_profiles->clear();
    m_profiles->addItem(tr("(none)"));
    m_profiles->addItems(names);
    const int index = current.isEmpty() ? 0 : m_profiles->findText(current);
    m_profiles->setCurrentIndex(std::max(0, index));
    m_delete->setEnabled(m_profiles->currentIndex() > 0);
}

} // namespace tapedeck
