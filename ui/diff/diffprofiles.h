// SPDX-License-Identifier: MIT
// Named sets of diff settings (preset, ignore rules, counting options) kept in QSettings: rules are not
// secrets, and a team's profile is worth keeping between sessions.
#pragma once

#include "core/diff/diffpreset.h"

#include <QCoreApplication>
#include <QStringList>

#include <optional>

namespace tapedeck {

struct DiffProfile
{
    QString name;
    DiffPreset preset = DiffPreset::DataHub;
    QStringList rules; // as --ignore-path takes them
    bool strictCounts = false;
    bool compareSystemMetadata = false;
};

class DiffProfiles
{
    Q_DECLARE_TR_FUNCTIONS(DiffProfiles)

public:
    static QStringList names(); // sorted
    static std::optional<DiffProfile> load(const QString &name);
    // Adds the profile or replaces the one of the same name.
    static void save(const DiffProfile &profile);
    static void remove(const QString &name);
};

} // namespace tapedeck
