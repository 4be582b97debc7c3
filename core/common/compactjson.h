// SPDX-License-Identifier: MIT
// JSON objects written as compact text, byte for byte what QJsonDocument::toJson(QJsonDocument::Compact)
// writes for the same QJsonObject, without building one: printing one per event that way cost more than
// indexing the events.
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

// A string as QJsonDocument writes it: in quotes, with \" \\ \b \f \n \r \t, other control characters as
// \u00xx, everything else as UTF-8 (a surrogate without its pair as \uxxxx).
void appendJsonString(QByteArray &out, QStringView text);

} // namespace tapedeck
