// SPDX-License-Identifier: MIT
// manifest.json parsing and writing.
#include "core/archive/manifest.h"

#include "core/common/nesting.h"
#include "core/common/pythonjson.h"
#include "core/common/utf8.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace tapedeck {

namespace {

QString stringField(const QJsonObject &object, const QString &key, QStringList &warnings)
{
    const QJsonValue v = object.value(key);
    if (v.isString())
        return v.toString();
    if (v.isDouble())
        return QString::number(v.toDouble(), 'g', 17);
    if (!v.isUndefined() && !v.isNull())
        warnings.append(Manifest::tr("\"%1\" is not a string").arg(key));
    return {};
}

// Turns a byte offset in JSON text into "line L, column C" (1-based).
QString position(const QByteArray &text, qsizetype offset)
{
    const TextPosition at = textPosition(text, offset);
    return Manifest::tr("line %1, column %2").arg(at.line).arg(at.column);
}

} // namespace

const QStringList &Manifest::knownKeys()
{
    static const QStringList keys { QStringLiteral("format_version"), QStringLiteral("run_id"),
        QStringLiteral("source_type"), QStringLiteral("sink_type"), QStringLiteral("datahub_cli_version"),
        QStringLiteral("python_version"), QStringLiteral("created_at"), QStringLiteral("checksums"),
        QStringLiteral("recording_start_time"), QStringLiteral("exception_info"), QStringLiteral("files"),
        QStringLiteral("has_exception") };
    return keys;
}

std::optional<QString> Manifest::normalizeChecksum(const QString &value)
{
    static const QRegularExpression hex(QStringLiteral("^[0-9a-f]{64}$"));
    QString v = value.trimmed().toLower();
    if (v.startsWith(QLatin1String("sha256:")))
        v = v.mid(7);
    if (!hex.match(v).hasMatch())
        return std::nullopt;
    return v;
}

Result<Manifest> Manifest::parse(const QByteArray &json, const QString &origin)
{
    if (const qsizetype deep = Nesting::jsonTooDeepAt(json); deep >= 0) {
        return makeError(ErrorCode::InvalidInput,
            tr("%1 is not valid JSON (%2: %3)").arg(origin, position(json, deep), Nesting::tooDeep()));
    }
    QJsonParseError parseError;
    const QJsonDocument document = PythonJson::loads(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return makeError(ErrorCode::InvalidInput,
            tr("%1 is not valid JSON (%2: %3)")
                .arg(origin, position(json, parseError.offset), parseError.errorString()));
    }
    if (!document.isObject())
        return makeError(ErrorCode::InvalidInput, tr("%1 does not hold a JSON object").arg(origin));

    Manifest m;
    m.object = document.object();
    const QJsonObject &o = m.object;
    m.formatVersion = stringField(o, QStringLiteral("format_version"), m.warnings);
    m.runId = stringField(o, QStringLiteral("run_id"), m.warnings);
    m.sourceType = stringField(o, QStringLiteral("source_type"), m.warnings);
    m.sinkType = stringField(o, QStringLiteral("sink_type"), m.warnings);
    m.datahubCliVersion = stringField(o, QStringLiteral("datahub_cli_version"), m.warnings);
    m.pythonVersion = stringField(o, QStringLiteral("python_version"), m.warnings);
    m.createdAt = stringField(o, QStringLiteral("created_at"), m.warnings);
    m.recordingStartTime = stringField(o, QStringLiteral("recording_start_time"), m.warnings);
    if (!o.contains(QStringLiteral("run_id")))
        m.warnings.append(tr("the manifest has no run_id"));
    if (!m.formatVersion.isEmpty() && !m.formatVersion.startsWith(QLatin1String("1.")))
        m.warnings.append(
            tr("format_version %1 is newer than this Tapedeck knows (1.x)").arg(m.formatVersion));

    const QJsonValue checksums = o.value(QStringLiteral("checksums"));
    if (checksums.isObject()) {
        const QJsonObject table = checksums.toObject();
        for (auto it = table.begin(); it != table.end(); ++it) {
            const std::optional<QString> digest = normalizeChecksum(it.value().toString());
            if (!digest)
                m.warnings.append(tr("the checksum of %1 is not a SHA-256 digest").arg(it.key()));
            // Anything else is kept as the string it is, or as its JSON text when it is no string (["a"], 12),
            // so that writing the manifest again keeps what it said; messages quote the value from `object`.
            m.checksums.insert(it.key(),
                digest.value_or(it.value().isString() ? it.value().toString()
                                                      : decodeUtf8(PythonJson::dumps(it.value()))));
        }
    } else if (!checksums.isUndefined() && !checksums.isNull()) {
        m.warnings.append(tr("\"checksums\" is not an object"));
    }

    const QJsonValue files = o.value(QStringLiteral("files"));
    if (files.isArray()) {
        for (const QJsonValue &f : files.toArray())
            m.files.append(f.toString());
    } else {
        m.files = m.checksums.keys();
        m.filesDerived = true;
    }

    const QJsonValue exception = o.value(QStringLiteral("exception_info"));
    if (exception.isObject()) {
        const QJsonObject e = exception.toObject();
        m.exception = ExceptionInfo { e.value(QStringLiteral("type")).toString(),
            e.value(QStringLiteral("message")).toString(), e.value(QStringLiteral("traceback")).toString() };
    } else if (exception.isString()) {
        m.exception = ExceptionInfo { QString(), exception.toString(), QString() };
    }
    const QJsonValue hasException = o.value(QStringLiteral("has_exception"));
    if (hasException.isBool()) {
        m.hasException = hasException.toBool();
    } else {
        m.hasException = m.exception.has_value();
        m.hasExceptionDerived = true;
    }
    return m;
}

QStringList Manifest::unknownKeys() const
{
    QStringList keys;
    for (const QString &k : object.keys()) {
        if (!knownKeys().contains(k))
            keys.append(k);
    }
    return keys;
}

QByteArray Manifest::toJson(const QMap<QString, QString> &newChecksums) const
{
    QJsonObject o = object;
    QJsonObject table;
    for (auto it = newChecksums.begin(); it != newChecksums.end(); ++it)
        table.insert(it.key(), it.value());
    o.insert(QStringLiteral("checksums"), table);
    if (o.contains(QStringLiteral("files"))) {
        QJsonArray list;
        for (auto it = newChecksums.begin(); it != newChecksums.end(); ++it)
            list.append(it.key());
        o.insert(QStringLiteral("files"), list);
    }
    // exception_info's keys in the order DataHub's recorder builds the dict.
    static const QStringList order = knownKeys()
        + QStringList { QStringLiteral("type"), QStringLiteral("message"), QStringLiteral("traceback") };
    return PythonJson::dumps(o, 2, order);
}

} // namespace tapedeck
