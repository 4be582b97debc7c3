// SPDX-License-Identifier: MIT
// The diff window's ignore list: rules to add, edit and remove (the --ignore-path syntax), each marked
// when it is invalid or matched nothing, and named profiles to keep and reload them.
#pragma once

#include <QWidget>

class QComboBox;
class QListWidget;
class QListWidgetItem;
class QPushButton;

namespace tapedeck {

class DiffReport;

class DiffRulesPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DiffRulesPanel)

public:
    explicit DiffRulesPanel(QWidget *parent = nullptr);

    QStringList rules() const; // as entered, empty ones left out
    // Replaces the list; emits nothing (loading a profile, say).
    void setRules(const QStringList &rules);
    // Appends a rule unless it is there already; emits rulesChanged when it was added.
    void addRule(const QString &rule);
    // After a comparison: which rules matched nothing, and how much each took out.
    void setUsage(const DiffReport *report);

    QString currentProfile() const; // empty for none
    void setProfiles(const QStringList &names, const QString &current = {});

Q_SIGNALS:
    void rulesChanged();
    void profileChosen(const QString &name);
    void saveProfileRequested(const QString &name);
    void deleteProfileRequested(const QString &name);

private:
    void check(QListWidgetItem *item);

    QListWidget *m_list;
    QPushButton *m_add;
    QPushButton *m_remove;
    QComboBox *m_profiles;
    QPushButton *m_save;
    QPushButton *m_delete;
    bool m_updating = false;
};

} // namespace tapedeck
