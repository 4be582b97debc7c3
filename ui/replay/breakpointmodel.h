// SPDX-License-Identifier: MIT
// The Replay tab's breakpoints: filter expressions (the filter language with its replay terms), each on or
// off; a request or statement any enabled one matches is held. Texts that do not parse are kept, marked,
// and hold nothing.
#pragma once

#include "core/recording/filterexpression.h"

#include <QAbstractListModel>

#include <optional>

namespace tapedeck {

class BreakpointModel final : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BreakpointModel)

public:
    explicit BreakpointModel(QObject *parent = nullptr);

    // Adds an enabled breakpoint (the row), or returns the row of the same text already there.
    int add(const QString &text);
    // Adds it, or removes it when it is there: F9 on a request. True when it is now set.
    bool toggle(const QString &text);
    bool removeRow(int row);
    int rowOf(const QString &text) const;
    QStringList texts() const;
    void setTexts(const QStringList &texts); // all enabled
    // The enabled breakpoints that parse.
    QList<FilterExpression> expressions() const;
    // Whether breakpoint row parses; its error otherwise.
    std::optional<QString> errorAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

Q_SIGNALS:
    // The set of enabled, parsing breakpoints changed.
    void breakpointsChanged();

private:
    struct Breakpoint
    {
        QString text;
        bool enabled = true;
        std::optional<FilterExpression> expression;
        QString error;
    };
    static Breakpoint make(const QString &text);
    QList<Breakpoint> m_breakpoints;
};

} // namespace tapedeck
