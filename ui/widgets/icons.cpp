// SPDX-License-Identifier: MIT
// The application's own icons, loaded once from the embedded resources.
#include "ui/widgets/icons.h"

namespace tapedeck::icons {

namespace {

// No global cache on purpose: an icon engine that outlives QApplication (and its plugins) crashes at
// exit. Callers that paint often (item models) keep the QIcon they got as a member instead.
QIcon load(const QString &name)
{
    return QIcon(QStringLiteral(":/icons/") + name + QStringLiteral(".svg"));
}

} // namespace

QIcon application()
{
    return load(QStringLiteral("tapedeck"));
}

QIcon checksum(ChecksumState state)
{
    switch (state) {
    case ChecksumState::Ok:
        return load(QStringLiteral("checksum-ok"));
    case ChecksumState::Mismatch:
        return load(QStringLiteral("checksum-mismatch"));
    case ChecksumState::Missing:
        return load(QStringLiteral("checksum-missing"));
    case ChecksumState::Unlisted:
        return load(QStringLiteral("checksum-unlisted"));
    case ChecksumState::Unreadable:
        return load(QStringLiteral("checksum-unreadable"));
    }
    return {};
}

QIcon error()
{
    return load(QStringLiteral("error"));
}

QIcon warning()
{
    return load(QStringLiteral("warning"));
}

QIcon information()
{
    return load(QStringLiteral("information"));
}

QIcon locked()
{
    return load(QStringLiteral("lock"));
}

QIcon unlocked()
{
    return load(QStringLiteral("lock-open"));
}

QIcon redacted()
{
    return load(QStringLiteral("redacted"));
}

QIcon showPassword()
{
    return load(QStringLiteral("eye"));
}

QIcon hidePassword()
{
    return load(QStringLiteral("eye-off"));
}

QIcon eventKind(EventKind kind)
{
    switch (kind) {
    case EventKind::Http:
        return load(QStringLiteral("kind-http"));
    case EventKind::Sql:
        return load(QStringLiteral("kind-sql"));
    case EventKind::Mcp:
        return load(QStringLiteral("kind-mcp"));
    }
    return {};
}

} // namespace tapedeck::icons
