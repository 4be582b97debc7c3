// SPDX-License-Identifier: MIT
// An event for the filter's tests and its fuzz harness: fields as given, handed out as UTF-16, Latin-1 or
// UTF-8, as the timeline's columns may hold them, and what a replay did with it.
#pragma once

#include "core/recording/filterexpression.h"

#include <array>

namespace tapedeck::test {

struct FieldEvent : FilterSubject
{
    enum class Encoding { Utf16, Latin1, Utf8 };

    EventKind eventKind = EventKind::Http;
    qint64 seq = 0;
    int code = 0;
    bool error = false;
    bool warning = false;
    ReplayState replay = ReplayState::None;
    qint64 servedCount = -1;
    Encoding encoding = Encoding::Utf16;
    std::array<QString, FilterFieldCount> fields;
    std::array<QByteArray, FilterFieldCount> bytes; // the fields in encoding, when it is not UTF-16

    EventKind kind() const override { return eventKind; }
    qint64 sequence() const override { return seq; }
    int status() const override { return code; }
    bool hasError() const override { return error; }
    bool hasWarning() const override { return warning; }
    ReplayState replayState() const override { return replay; }
    qint64 served() const override { return servedCount; }
    QAnyStringView text(FilterField field) const override
    {
        const size_t i = size_t(field);
        switch (encoding) {
        case Encoding::Utf16:
            return fields[i];
        case Encoding::Latin1:
            return QLatin1StringView(bytes[i]);
        case Encoding::Utf8:
            return QUtf8StringView(bytes[i]);
        }
        return {};
    }

    FieldEvent &set(FilterField field, const QString &value)
    {
        fields[size_t(field)] = value;
        return *this;
    }
    // Hands the fields out in another encoding from now on (Latin-1 only when fitsLatin1()).
    FieldEvent &encode(Encoding how)
    {
        encoding = how;
        for (size_t i = 0; i < fields.size(); ++i)
            bytes[i] = how == Encoding::Latin1 ? fields[i].toLatin1() : fields[i].toUtf8();
        return *this;
    }
    bool fitsLatin1() const
    {
        for (const QString &f : fields) {
            for (const QChar c : f) {
                if (c.unicode() > 0xff)
                    return false;
            }
        }
        return true;
    }
};

} // namespace tapedeck::test
