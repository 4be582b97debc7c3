// SPDX-License-Identifier: MIT
// Reading a cassette whole into memory, for the cassette reader's tests and its fuzz harness.
#pragma once

#include "core/recording/cassetteparser.h"

namespace tapedeck::test {

struct ParsedCassette
{
    QList<CassetteInteraction> interactions;
    CassetteSummary summary;
};

inline ParsedCassette parseCassette(
    const QByteArray &yaml, CassetteParser::Mode mode, const QString &origin = QStringLiteral("cassette.yaml"))
{
    ParsedCassette p;
    p.summary = CassetteParser::parse(
        yaml, origin,
        [&](CassetteInteraction &&i) {
            p.interactions.append(std::move(i));
            return true;
        },
        nullptr, mode);
    return p;
}

inline bool sameHeaders(const QList<HttpHeader> &a, const QList<HttpHeader> &b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype k = 0; k < a.size(); ++k) {
        if (a.at(k).name != b.at(k).name || a.at(k).value != b.at(k).value)
            return false;
    }
    return true;
}

} // namespace tapedeck::test
