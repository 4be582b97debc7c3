// SPDX-License-Identifier: MIT
// One HTTP body in a detail pane: pretty JSON or highlighted text, a hex dump for binary, an image
// preview, with a decoded/raw switch for Content-Encoding and "Copy body".
#pragma once

#include "ui/details/bodypreview.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QScrollArea;
class QStackedWidget;
class QToolButton;

namespace tapedeck {

class CodeView;
class HexView;

class BodyView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BodyView)

public:
    enum class Mode { Message, Pretty, Text, Hex, Image };
    Q_ENUM(Mode)

    explicit BodyView(QWidget *parent = nullptr);

    void setBody(const BodyPreview &body);
    void clear();
    const BodyPreview &body() const { return m_body; }

    // Content-Encoding undone (true by default); only meaningful when the body was encoded.
    bool showsDecoded() const { return m_showDecoded; }
    void setShowDecoded(bool decoded);
    Mode mode() const { return m_mode; }
    void setMode(Mode mode); // ignored when the body cannot be shown that way
    QList<Mode> availableModes() const;

    // The bytes "Copy body" copies: the decoded content, or the recorded bytes in raw view.
    QByteArray shownBytes() const;

    CodeView *codeView() const { return m_code; }
    HexView *hexView() const { return m_hex; }
    QLabel *imageLabel() const { return m_image; }

public Q_SLOTS:
    void copyBody() const;

private:
    void rebuildModes();
    void showMode();

    BodyPreview m_body;
    bool m_showDecoded = true;
    Mode m_mode = Mode::Message;
    QLabel *m_summary = nullptr;
    QToolButton *m_decodedButton = nullptr;
    QComboBox *m_modeCombo = nullptr;
    QToolButton *m_copyButton = nullptr;
    QStackedWidget *m_stack = nullptr;
    QLabel *m_message = nullptr;
    CodeView *m_code = nullptr;
    HexView *m_hex = nullptr;
    QScrollArea *m_imageArea = nullptr;
    QLabel *m_image = nullptr;
};

} // namespace tapedeck
