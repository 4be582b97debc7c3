// SPDX-License-Identifier: MIT
// WireMock stub mappings from recorded HTTP interactions (the rules are in wiremockexport.h).
#include "core/replay/wiremockexport.h"

#include "core/common/jsonvalue.h"
#include "core/common/sha256.h"
#include "core/common/utf8.h"
#include "core/recording/timelineindexer.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <algorithm>
#include <utility>

namespace tapedeck::replay {

namespace {

// Headers WireMock must not replay as recorded: hop-by-hop ones (RFC 9110 §7.6.1 and the customary
// Proxy-Connection and Keep-Alive) and the body framing WireMock decides itself.
bool isDroppedHeader(const QString &name)
{
    static const QStringList dropped
        = { QStringLiteral("connection"), QStringLiteral("keep-alive"), QStringLiteral("proxy-authenticate"),
              QStringLiteral("proxy-authorization"), QStringLiteral("proxy-connection"), QStringLiteral("te"),
              QStringLiteral("trailer"), QStringLiteral("trailers"), QStringLiteral("upgrade"),
              QStringLiteral("transfer-encoding"), QStringLiteral("content-length") };
    return dropped.contains(name.trimmed().toLower());
}

// Whether every coding of a Content-Encoding value is one HttpExchange::decodeContent undoes.
bool decodable(const QString &contentEncoding)
{
    const QStringList codings = contentEncoding.split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString &c : codings) {
        const QString coding = c.trimmed().toLower();
        if (coding != QLatin1String("gzip") && coding != QLatin1String("x-gzip")
            && coding != QLatin1String("deflate") && coding != QLatin1String("br")
            && coding != QLatin1String("identity") && !coding.isEmpty())
            return false;
    }
    return true;
}

bool isIdentity(const QString &contentEncoding)
{
    const QStringList codings = contentEncoding.split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString &c : codings) {
        if (c.trimmed().compare(QLatin1String("identity"), Qt::CaseInsensitive) != 0)
            return false;
    }
    return true;
}

// WireMock writes an inline `body` in the Content-Type's charset; only UTF-8 (or none, its default)
// keeps the recorded bytes.
bool utf8Charset(const QString &contentType)
{
    const qsizetype at = contentType.indexOf(QLatin1String("charset="), 0, Qt::CaseInsensitive);
    if (at < 0)
        return true;
    QString charset = contentType.mid(at + 8);
    charset = charset.section(QLatin1Char(';'), 0, 0).trimmed();
    if (charset.size() >= 2 && charset.startsWith(QLatin1Char('"')) && charset.endsWith(QLatin1Char('"')))
        charset = charset.mid(1, charset.size() - 2);
    charset = charset.toLower();
    return charset == QLatin1String("utf-8") || charset == QLatin1String("utf8");
}

QJsonValue headerValue(const QStringList &values)
{
    if (values.size() == 1)
        return values.constFirst();
    return QJsonArray::fromStringList(values);
}

// Headers as WireMock's `headers` object: recorded order of first appearance, names in their first
// spelling, repeated headers (also differing only in case) as one array of values.
QJsonObject responseHeaders(const QList<HttpHeader> &headers, bool dropContentEncoding)
{
    QList<std::pair<QString, QStringList>> merged;
    for (const HttpHeader &h : headers) {
        if (isDroppedHeader(h.name))
            continue;
        if (dropContentEncoding
            && h.name.trimmed().compare(QLatin1String("content-encoding"), Qt::CaseInsensitive) == 0)
            continue;
        auto it = std::find_if(merged.begin(), merged.end(),
            [&](const auto &m) { return m.first.compare(h.name, Qt::CaseInsensitive) == 0; });
        if (it == merged.end())
            merged.append({ h.name, { h.value } });
        else
            it->second.append(h.value);
    }
    QJsonObject out;
    for (const auto &[name, values] : std::as_const(merged))
        out.insert(name, headerValue(values));
    return out;
}

QString padded(qsizetype index)
{
    return QStringLiteral("%1").arg(index, 6, 10, QLatin1Char('0'));
}

} // namespace

WireMockExport::WireMockExport(QString rootDir)
    : m_root(std::move(rootDir))
{ }

QString WireMockExport::urlOf(const QString &uri)
{
    QString target = uri;
    const qsizetype scheme = uri.indexOf(QLatin1String("://"));
    if (scheme > 0 && !uri.left(scheme).contains(QLatin1Char('/'))) {
        qsizetype rest = scheme + 3;
        while (rest < uri.size() && uri.at(rest) != QLatin1Char('/') && uri.at(rest) != QLatin1Char('?')
            && uri.at(rest) != QLatin1Char('#'))
            ++rest;
        target = uri.mid(rest);
    }
    const qsizetype fragment = target.indexOf(QLatin1Char('#'));
    if (fragment >= 0)
        target.truncate(fragment);
    if (!target.startsWith(QLatin1Char('/')))
        target.prepend(QLatin1Char('/'));
    return target;
}

Status WireMockExport::begin()
{
    const QFileInfo root(m_root);
    if (root.exists() && !root.isDir())
        return makeError(ErrorCode::Io, tr("%1 exists and is not a folder").arg(root.absoluteFilePath()));
    const QString rootPath = root.absoluteFilePath();
    if (!root.exists() && !QDir().mkpath(rootPath))
        return makeError(ErrorCode::Io, tr("the folder %1 could not be created").arg(rootPath));
    m_mappingsDir = rootPath + QLatin1String("/mappings");
    m_filesDir = rootPath + QLatin1String("/__files");
    for (const QString &path : { m_mappingsDir, m_filesDir }) {
        const QFileInfo sub(path);
        if (!sub.exists() && !sub.isSymLink())
            continue;
        // A link would send the export elsewhere; a file is not WireMock's layout.
        if (sub.isSymLink() || !sub.isDir())
            return makeError(ErrorCode::Io, tr("%1 exists and is not a folder").arg(path));
        if (!QDir(path).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System))
            return makeError(ErrorCode::Io,
                tr("%1 already exists and is not empty; export into a new or empty folder").arg(path));
        if (path == m_filesDir)
            m_filesDirMade = true;
    }
    if (!QFileInfo::exists(m_mappingsDir) && !QDir().mkdir(m_mappingsDir))
        return makeError(ErrorCode::Io, tr("the folder %1 could not be created").arg(m_mappingsDir));
    m_begun = true;
    return success();
}

QString WireMockExport::mappingPath(qsizetype index) const
{
    return m_mappingsDir + QLatin1String("/mapping-") + padded(index) + QLatin1String(".json");
}

Status WireMockExport::writeNew(const QString &path, const QByteArray &data)
{
    QFile file(path);
    // NewOnly: O_EXCL, so nothing that appeared meanwhile (a file, a link out of DIR) is written through.
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly))
        return makeError(ErrorCode::Io, tr("%1 could not be written: %2").arg(path, file.errorString()));
    if (file.write(data) != data.size() || !file.flush())
        return makeError(ErrorCode::Io, tr("%1 could not be written: %2").arg(path, file.errorString()));
    file.close();
    return success();
}

Status WireMockExport::chainScenario(const Key &key)
{
    const QString path = mappingPath(key.last);
    QFile in(path);
    if (!in.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::Io, tr("%1 could not be read: %2").arg(path, in.errorString()));
    QJsonParseError parseError;
    QJsonObject mapping = QJsonDocument::fromJson(in.readAll(), &parseError).object();
    in.close();
    if (parseError.error != QJsonParseError::NoError)
        return makeError(ErrorCode::Io, tr("%1 was changed during the export").arg(path));
    if (key.count == 1) {
        mapping.insert(QLatin1String("scenarioName"), QString(QLatin1String("mapping-") + padded(key.first)));
        mapping.insert(QLatin1String("requiredScenarioState"), QLatin1String("Started"));
    }
    mapping.insert(QLatin1String("newScenarioState"), QString::number(key.count + 1));
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly))
        return makeError(ErrorCode::Io, tr("%1 could not be written: %2").arg(path, out.errorString()));
    out.write(QJsonDocument(mapping).toJson(QJsonDocument::Indented));
    if (!out.commit())
        return makeError(ErrorCode::Io, tr("%1 could not be written: %2").arg(path, out.errorString()));
    return success();
}

Status WireMockExport::add(const Timeline &timeline, qsizetype seq)
{
    if (seq < 0 || seq >= timeline.count() || timeline.record(seq).kind != EventKind::Http)
        return success();
    const Result<HttpExchange> exchange = TimelineIndexer::exchange(timeline, seq);
    if (!exchange) {
        m_warnings.append(tr("event %1 (%2 %3) was not exported: %4")
                              .arg(seq)
                              .arg(timeline.field(seq, EventField::Method).toString(),
                                  timeline.field(seq, EventField::Uri).toString(), exchange.error().message));
        return success();
    }
    return addExchange(*exchange, seq);
}

Status WireMockExport::addExchange(const HttpExchange &exchange, qint64 seq)
{
    if (!m_begun)
        return makeError(ErrorCode::Usage, tr("mappings can only be added after begin()"));
    const qsizetype index = m_mappings;
    const QString url = urlOf(exchange.uri);
    QJsonArray notes = QJsonArray::fromStringList(exchange.warnings);

    // The request pattern, and the key under which WireMock would answer it.
    QJsonObject request;
    request.insert(QLatin1String("method"), exchange.method);
    request.insert(QLatin1String("url"), url);
    QByteArray bodyKind = "none";
    QByteArray bodyKey;
    if (exchange.requestBody && !exchange.requestBody->isEmpty()) {
        const QByteArray &body = *exchange.requestBody;
        QJsonObject pattern;
        if (const std::optional<QString> text = strictUtf8(body)) {
            if (Result<JsonValue> json = JsonValue::parse(body)) {
                bodyKind = "json";
                bodyKey = pythonDumps(*json, true, false);
                pattern.insert(QLatin1String("equalToJson"), *text);
                pattern.insert(QLatin1String("ignoreArrayOrder"), false);
                pattern.insert(QLatin1String("ignoreExtraElements"), false);
            } else {
                bodyKind = "text";
                bodyKey = body;
                pattern.insert(QLatin1String("equalTo"), *text);
            }
        } else {
            bodyKind = "binary";
            bodyKey = body;
            pattern.insert(QLatin1String("binaryEqualTo"), QString::fromLatin1(body.toBase64()));
        }
        request.insert(QLatin1String("bodyPatterns"), QJsonArray { pattern });
    }

    // The response: decoded body, headers WireMock can serve as they are.
    QJsonObject response;
    if (exchange.hasStatus()) {
        response.insert(QLatin1String("status"), exchange.status);
        if (!exchange.statusMessage.isEmpty())
            response.insert(QLatin1String("statusMessage"), exchange.statusMessage);
    } else {
        notes.append(tr("no status was recorded; WireMock answers 200"));
    }
    const QString encoding = HttpExchange::contentEncoding(exchange.responseHeaders);
    bool dropEncoding = false;
    std::optional<QByteArray> body = exchange.responseBody;
    if (!encoding.isEmpty() && decodable(encoding)) {
        dropEncoding = true;
        if (body && !body->isEmpty() && !isIdentity(encoding)) {
            if (Result<QByteArray> decoded = HttpExchange::decodeContent(*body, encoding))
                body = std::move(decoded).value();
            else
                notes.append(tr("the body does not decode as %1 (%2): served as recorded, without the "
                                "Content-Encoding header")
                                 .arg(encoding, decoded.error().message));
        }
    }
    const QJsonObject headers = responseHeaders(exchange.responseHeaders, dropEncoding);
    if (!headers.isEmpty())
        response.insert(QLatin1String("headers"), headers);
    if (body && !body->isEmpty()) {
        const QString contentType = HttpExchange::headerValue(exchange.responseHeaders, u"Content-Type");
        const std::optional<QString> text = strictUtf8(*body);
        if (text && body->size() <= InlineBodyLimit && utf8Charset(contentType)) {
            response.insert(QLatin1String("body"), *text);
        } else {
            const QLatin1String extension = !text                                  ? QLatin1String("bin")
                : contentType.contains(QLatin1String("json"), Qt::CaseInsensitive) ? QLatin1String("json")
                                                                                   : QLatin1String("txt");
            const QString name = QLatin1String("body-") + padded(index) + QLatin1Char('.') + extension;
            if (!m_filesDirMade) {
                if (!QFileInfo::exists(m_filesDir) && !QDir().mkdir(m_filesDir))
                    return makeError(ErrorCode::Io, tr("the folder %1 could not be created").arg(m_filesDir));
                m_filesDirMade = true;
            }
            if (Status s = writeNew(m_filesDir + QLatin1Char('/') + name, *body); !s)
                return s;
            ++m_bodyFiles;
            response.insert(QLatin1String("bodyFileName"), name);
        }
    }

    QJsonObject mapping;
    mapping.insert(
        QLatin1String("name"), QStringLiteral("#%1 %2 %3").arg(seq).arg(exchange.method, exchange.uri));
    mapping.insert(QLatin1String("priority"), bodyKind == "none" ? 2 : 1);
    mapping.insert(QLatin1String("request"), request);
    mapping.insert(QLatin1String("response"), response);
    QJsonObject tapedeck { { QLatin1String("seq"), seq }, { QLatin1String("uri"), exchange.uri } };
    if (!notes.isEmpty())
        tapedeck.insert(QLatin1String("notes"), notes);
    mapping.insert(QLatin1String("metadata"), QJsonObject { { QLatin1String("tapedeck"), tapedeck } });

    // Repeats: the earlier mapping of the key hands over to this one (see the header).
    Sha256 hash;
    for (const QByteArray &part : { exchange.method.toUtf8(), url.toUtf8(), bodyKind, bodyKey }) {
        hash.addData(QByteArray::number(part.size()));
        hash.addData(":");
        hash.addData(part);
    }
    Key &key = m_keys[hash.hexResult()];
    if (key.count == 0) {
        key.first = index;
    } else {
        if (Status s = chainScenario(key); !s)
            return s;
        if (key.count == 1)
            ++m_scenarios;
        mapping.insert(QLatin1String("scenarioName"), QString(QLatin1String("mapping-") + padded(key.first)));
        mapping.insert(QLatin1String("requiredScenarioState"), QString::number(key.count + 1));
    }
    if (Status s = writeNew(mappingPath(index), QJsonDocument(mapping).toJson(QJsonDocument::Indented)); !s)
        return s;
    ++key.count;
    key.last = index;
    ++m_mappings;
    return success();
}

Status WireMockExport::finish()
{
    if (!m_begun)
        return makeError(ErrorCode::Usage, tr("finish() needs begin()"));
    return success();
}

} // namespace tapedeck::replay
