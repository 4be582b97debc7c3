// SPDX-License-Identifier: MIT
// The overview of one loaded recording: problem and exception banners, manifest, entries and recipe.
#pragma once

#include "core/recording/recording.h"

#include <QWidget>

#include <memory>

class QGroupBox;
class QLabel;
class QStackedWidget;
class QTableView;
class QTreeView;

namespace tapedeck {

class Banner;
class EntriesModel;
class ManifestPanel;
class RecipeModel;

class RecordingView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RecordingView)

public:
    explicit RecordingView(QWidget *parent = nullptr);

    void setRecording(const std::shared_ptr<const Recording> &recording);
    const std::shared_ptr<const Recording> &recording() const { return m_recording; }

    EntriesModel *entriesModel() const { return m_entriesModel; }
    RecipeModel *recipeModel() const { return m_recipeModel; }

private:
    void showProblems(const Recording &recording);
    void showException(const Recording &recording);

    std::shared_ptr<const Recording> m_recording;
    Banner *m_problems;
    Banner *m_exception;
    ManifestPanel *m_manifest;
    QGroupBox *m_entriesBox;
    QTableView *m_entriesView;
    EntriesModel *m_entriesModel;
    QGroupBox *m_recipeBox;
    QStackedWidget *m_recipeStack;
    QTreeView *m_recipeView;
    QLabel *m_recipePlaceholder;
    RecipeModel *m_recipeModel;
};

} // namespace tapedeck
