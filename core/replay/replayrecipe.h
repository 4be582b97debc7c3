// SPDX-License-Identifier: MIT
// The replay recipe (DESIGN.md §7): the recording's recipe.yaml rewritten so the user's ingestion runs
// against Tapedeck's mock layer — secrets' __REPLAY_DUMMY__ markers replaced as DataHub's replay replaces
// them, the sink pointed at Tapedeck's GMS endpoint, stateful ingestion off, the `recording` key gone, a
// PostgreSQL-protocol source pointed at Tapedeck's PostgreSQL endpoint. Everything else is written back as
// it was: key order, and every scalar with the type and value a YAML reader gave it.
#pragma once

#include "core/common/result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <optional>

namespace tapedeck::replay {

struct ReplayRecipeOptions
{
    QString gmsUrl; // Tapedeck's GMS endpoint, e.g. "http://127.0.0.1:43117" (required)
    // Tapedeck's PostgreSQL endpoint; when either is set, PostgreSQL-protocol sources are pointed at it
    // (the host defaults to 127.0.0.1, the port to 5432).
    std::optional<QString> postgresHost;
    std::optional<quint16> postgresPort;
    QString origin = QStringLiteral("recipe.yaml"); // where the recipe came from, for error messages
};

struct ReplayRecipe
{
    Q_DECLARE_TR_FUNCTIONS(ReplayRecipe)

public:
    QByteArray yaml; // UTF-8 YAML, block style, as PyYAML's safe_load reads it
    // What was changed, one line each, for the replay report: "source.config.client_secret:
    // __REPLAY_DUMMY__ → replay-mode-no-secret-needed". Values a recording may hold for real (a
    // sqlalchemy_uri's password) are never shown.
    QStringList changes;
    // What was left as recorded although the replay may trip over it (a MySQL source's host_port when a
    // PostgreSQL endpoint was given, a URI that could not be rewritten).
    QStringList notes;
};

// The value DataHub's replay puts in place of a marker (recording/config.py REPLAY_DUMMY_VALUE).
inline constexpr QLatin1String ReplayDummyValue { "replay-mode-no-secret-needed" };

// recordedYaml: the recording's recipe.yaml. Refused with ErrorCode::InvalidInput: YAML that does not
// parse or exceeds the recipe parser's limits (nesting, aliases, nodes), a document that is not a mapping,
// no `source` mapping, keys that are mappings or sequences (PyYAML refuses them too), merge keys ("<<").
// ErrorCode::Usage: options without a usable GMS URL or PostgreSQL host.
Result<ReplayRecipe> makeReplayRecipe(const QByteArray &recordedYaml, const ReplayRecipeOptions &options);

// The PKCS#8 PEM RSA-2048 key put where a private key was redacted ("-----BEGIN PRIVATE KEY-----…\n").
// DataHub's replay hard-codes a published test key (archive.py TEST_RSA_PRIVATE_KEY); Tapedeck makes a
// fresh one with OpenSSL the first time a process needs one and uses it for every recipe after that: it
// only has to pass the sources' validation, since every connection it could sign for is mocked.
Result<QByteArray> replayTestPrivateKey();

} // namespace tapedeck::replay
