// SPDX-License-Identifier: MIT
// DataHub's replay body normalisation.
#include "core/replay/bodymatch.h"

#include "core/common/jsonvalue.h"
#include "core/common/utf8.h"
#include "core/diff/ignorematcher.h"

#include <QStringList>

#include <algorithm>
#include <array>

namespace tapedeck::replay {

namespace {

// ",".join(sorted(value.split(","))): Python sorts str by code point.
QString sortCommaList(const QString &value)
{
    QStringList parts = value.split(QLatin1Char(','));
    std::sort(parts.begin(), parts.end(),
        [](const QString &a, const QString &b) { return compareCodePoints(a, b) < 0; });
    return parts.join(QLatin1Char(','));
}

// value without the places the matcher takes out (the matcher stands at value's place).
JsonValue withoutIgnored(const JsonValue &value, IgnoreMatcher &matcher)
{
    if (!matcher.alive() || (!value.isArray() && !value.isObject()))
        return value;
    if (value.isArray()) {
        JsonValue out = JsonValue::array();
        const JsonArray &items = value.toArray();
        for (size_t i = 0; i < items.size(); ++i) {
            if (matcher.enterIndex(qint64(i)) < 0)
                out.append(withoutIgnored(items[i], matcher));
            matcher.leave();
        }
        return out;
    }
    JsonValue out = JsonValue::object();
    for (const JsonMember &m : value.toObject()) {
        if (matcher.enterKey(m.key.toUtf8()) < 0)
            out.insert(m.key, withoutIgnored(m.value, matcher));
        matcher.leave();
    }
    return out;
}

} // namespace

NormalizedBody normalizeBody(const std::optional<QByteArray> &body, IgnoreMatcher *ignore)
{
    NormalizedBody n;
    if (!body)
        return n;
    if (body->isEmpty()) {
        n.kind = NormalizedBody::Kind::Bytes;
        return n;
    }
    const std::optional<QString> text = strictUtf8(*body);
    if (!text) {
        n.kind = NormalizedBody::Kind::Bytes;
        n.data = *body;
        return n;
    }
    n.kind = NormalizedBody::Kind::Text;
    Result<JsonValue> parsed = JsonValue::parse(*body);
    if (!parsed) {
        n.data = *body; // valid UTF-8: the decoded text, as it is
        return n;
    }
    JsonValue data = std::move(*parsed);
    if (data.isObject()) {
        if (const JsonValue *filters = data.find(u"filters")) {
            if (!filters->isObject()) {
                n.data = *body; // filters.items() fails: the decoded text, as it is
                return n;
            }
            JsonValue sorted = JsonValue::object();
            for (const JsonMember &m : filters->toObject()) {
                const bool list = m.value.isString() && m.value.toString().contains(QLatin1Char(','));
                sorted.insert(m.key, list ? JsonValue::string(sortCommaList(m.value.toString())) : m.value);
            }
            data.insert(QStringLiteral("filters"), std::move(sorted));
        }
    }
    if (ignore && !ignore->isEmpty() && ignore->beginRecord(0) < 0)
        data = withoutIgnored(data, *ignore);
    n.data = pythonDumps(data, true, true);
    n.json = true;
    return n;
}

bool isAuthUri(QStringView uri)
{
    static constexpr std::array<QStringView, 4> Markers { u"/login", u"/oauth", u"/token", u"/auth" };
    const QString lower = uri.toString().toLower();
    return std::any_of(Markers.begin(), Markers.end(),
        [&lower](QStringView marker) { return lower.contains(marker); });
}

} // namespace tapedeck::replay
