// SPDX-License-Identifier: MIT
// The built-in ignore rule sets: DataHub's default exclusions, those plus what always differs between a
// recording and its replay, or nothing.
#pragma once

#include "core/diff/ignorerule.h"

#include <QCoreApplication>
#include <QList>
#include <QStringList>

#include <optional>

namespace tapedeck {

enum class DiffPreset { DataHub, Replay, None };

class DiffPresets
{
    Q_DECLARE_TR_FUNCTIONS(DiffPresets)

public:
    static QString name(DiffPreset preset); // "datahub", "replay", "none"
    static std::optional<DiffPreset> fromName(const QString &name);
    static QStringList names();
    static QString description(DiffPreset preset); // one sentence for help texts and the GUI
    // The preset's rules (Origin::Preset), in the path syntax.
    static QList<IgnoreRule> rules(DiffPreset preset);
    static QStringList ruleTexts(DiffPreset preset);
};

} // namespace tapedeck
