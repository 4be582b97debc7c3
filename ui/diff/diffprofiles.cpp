// SPDX-License-Identifier: MIT
// Diff profiles as a QSettings array (names may hold any character, which group keys could not).
#include "ui/diff/diffprofiles.h"

#include <QSettings>

#include <algorithm>

namespace tapedeck {

namespace {

const QString Array = QStringLiteral("diff/profiles");

QList<DiffProfile> readAll()
{
    QSettings settings;
    QList<DiffProfile> out;
    const int n = settings.beginReadArray(Array);
    for (int i = 0; i < n; ++i) {
        settings.setArrayIndex(i);
        DiffProfile p;
        p.name = settings.value(QStringLiteral("name")).toString();
        p.preset = DiffPresets::fromName(settings.value(QStringLiteral("preset")).toString())
                       .value_or(DiffPreset::DataHub);
        p.rules = settings.value(QStringLiteral("rules")).toStringList();
        p.strictCounts = settings.value(QStringLiteral("strictCounts")).toBool();
        p.compareSystemMetadata = settings.value(QStringLiteral("compareSystemMetadata")).toBool();
        if (!p.name.isEmpty())
            out.append(p);
    }
    settings.endArray();
    return out;
}

void writeAll(const QList<DiffProfile> &profiles)
{
    QSettings settings;
    settings.remove(Array);
    settings.beginWriteArray(Array, int(profiles.size()));
    for (int i = 0; i < profiles.size(); ++i) {
        settings.setArrayIndex(i);
        const DiffProfile &p = profiles.at(i);
        settings.setValue(QStringLiteral("name"), p.name);
        settings.setValue(QStringLiteral("preset"), DiffPresets::name(p.preset));
        settings.setValue(QStringLiteral("rules"), p.rules);
        settings.setValue(QStringLiteral("strictCounts"), p.strictCounts);
        settings.setValue(QStringLiteral("compareSystemMetadata"), p.compareSystemMetadata);
    }
    settings.endArray();
}

} // namespace

QStringList DiffProfiles::names()
{
    QStringList out;
    for (const DiffProfile &p : readAll())
        out.append(p.name);
    out.sort(Qt::CaseInsensitive);
    return out;
}

std::optional<DiffProfile> DiffProfiles::load(const QString &name)
{
    for (const DiffProfile &p : readAll()) {
        if (p.name == name)
            return p;
    }
    return std::nullopt;
}

void DiffProfiles::save(const DiffProfile &profile)
{
    QList<DiffProfile> all = readAll();
    const auto it
        = std::find_if(all.begin(), all.end(), [&](const DiffProfile &p) { return p.name == profile.name; });
    if (it != all.end())
        *it = profile;
    else
        all.append(profile);
    writeAll(all);
}

void DiffProfiles::remove(const QString &name)
{
    QList<DiffProfile> all = readAll();
    all.removeIf([&](const DiffProfile &p) { return p.name == name; });
    writeAll(all);
}

} // namespace tapedeck
