// SPDX-License-Identifier: MIT
// Two JSON values side by side, aligned as the diff view aligns them (SideBySide: members of one key and items
// of one index on the same line), lines that differ highlighted, both sides scrolling together.
#pragma once

#include "core/common/jsonvalue.h"

#include <QWidget>

#include <optional>

class QLabel;
class QPlainTextEdit;

namespace tapedeck {

class SideBySideText final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SideBySideText)

public:
    explicit SideBySideText(QWidget *parent = nullptr);

    void setTitles(const QString &left, const QString &right);
    // nullopt: that side has nothing (all its lines blank).
    void setValues(const std::optional<JsonValue> &left, const std::optional<JsonValue> &right);
    int differingLines() const { return m_differing; }
    QString leftText() const;
    QString rightText() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void highlight();

    QLabel *m_leftTitle;
    QLabel *m_rightTitle;
    QPlainTextEdit *m_left;
    QPlainTextEdit *m_right;
    struct Mark
    {
        int line;
        bool leftPresent;
        bool rightPresent;
    };
    QList<Mark> m_marks;
    int m_differing = 0;
};

} // namespace tapedeck
