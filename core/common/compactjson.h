// SPDX-License-Identifier: MIT
// JSON objects written as compact text straight into a buffer, members in QJsonObject's order, so
// `events --jsonl` prints one line per event without building a QJsonObject (which cost more than indexing
// the events). Strings go through the one JSON string writer (appendPythonQuoted, UTF-8, not ASCII-escaped).
#pragma once

#include <QByteArray>
#include <QLatin1StringView>
#include <QStringView>

namespace tapedeck {

class CompactJsonObject
{
public:
    explicit CompactJsonObject(QByteArray &out); // appends '{'
    // Members come in QJsonObject's order: by key (byte order for the ASCII keys used here).
    void string(QLatin1StringView key, QStringView value);
    void integer(QLatin1StringView key, qint64 value);
    void boolean(QLatin1StringView key, bool value);
    void null(QLatin1StringView key);
    void finish(); // appends '}'

private:
    void key(QLatin1StringView key);

    QByteArray &m_out;
    QLatin1StringView m_lastKey;
    bool m_first = true;
};

} // namespace tapedeck
