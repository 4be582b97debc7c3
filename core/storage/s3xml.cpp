// SPDX-License-Identifier: MIT
// S3's XML answers read with QXmlStreamReader.
#include "core/storage/s3xml.h"

#include <QXmlStreamReader>

namespace tapedeck {

namespace {

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// The text of the current element, which must hold no elements.
QString text(QXmlStreamReader &xml)
{
    return xml.readElementText(QXmlStreamReader::ErrorOnUnexpectedElement);
}

} // namespace

QString S3Xml::normalizeEtag(QStringView etag)
{
    QStringView e = etag.trimmed();
    if (e.startsWith(u"W/"))
        e = e.mid(2);
    if (e.size() >= 2 && e.startsWith(u'"') && e.endsWith(u'"'))
        e = e.mid(1, e.size() - 2);
    return e.toString();
}

QString S3Xml::urlDecode(QStringView encoded)
{
    if (!encoded.contains(u'%') && !encoded.contains(u'+'))
        return encoded.toString();
    QByteArray bytes;
    bytes.reserve(encoded.size());
    const QByteArray utf8 = encoded.toUtf8();
    for (qsizetype i = 0; i < utf8.size(); ++i) {
        const char c = utf8.at(i);
        if (c == '+') {
            bytes.append(' ');
        } else if (c == '%' && i + 2 < utf8.size() && hexValue(utf8.at(i + 1)) >= 0
            && hexValue(utf8.at(i + 2)) >= 0) {
            bytes.append(char(hexValue(utf8.at(i + 1)) * 16 + hexValue(utf8.at(i + 2))));
            i += 2;
        } else {
            bytes.append(c);
        }
    }
    return QString::fromUtf8(bytes);
}

Result<S3ListPage> S3Xml::parseListObjectsV2(QByteArrayView data)
{
    // S3 speaks UTF-8 only: decoded here, so that an encoding declaration in the document cannot pick
    // another decoder (a reader given text ignores it).
    const QString decoded = QString::fromUtf8(data);
    QXmlStreamReader xml(decoded);
    S3ListPage page;
    bool truncated = false;
    bool urlEncoded = false;
    bool sawRoot = false;
    QString problem;

    const auto fail = [&](const QString &why) {
        if (problem.isEmpty())
            problem = why;
        xml.raiseError(why);
    };

    while (!xml.atEnd() && !xml.hasError()) {
        const QXmlStreamReader::TokenType token = xml.readNext();
        if (token == QXmlStreamReader::DTD) {
            fail(tr("it has a document type declaration"));
            break;
        }
        if (token != QXmlStreamReader::StartElement)
            continue;
        if (sawRoot || xml.name() != u"ListBucketResult") {
            fail(tr("its root element is <%1>, not <ListBucketResult>").arg(xml.name()));
            break;
        }
        sawRoot = true;
        while (xml.readNextStartElement()) {
            const QStringView name = xml.name();
            if (name == u"Contents") {
                S3Object object;
                bool hasKey = false;
                bool hasSize = false;
                while (xml.readNextStartElement()) {
                    const QStringView field = xml.name();
                    if (field == u"Key") {
                        object.key = text(xml);
                        hasKey = true;
                    } else if (field == u"Size") {
                        const QString size = text(xml);
                        bool ok = false;
                        object.size = size.toLongLong(&ok);
                        if (!ok || object.size < 0 || size.startsWith(u'+')) {
                            fail(tr("an object's size is \"%1\"").arg(size.left(40)));
                            break;
                        }
                        hasSize = true;
                    } else if (field == u"ETag") {
                        object.etag = normalizeEtag(text(xml));
                    } else if (field == u"LastModified") {
                        object.lastModified = QDateTime::fromString(text(xml), Qt::ISODateWithMs).toUTC();
                    } else {
                        xml.skipCurrentElement();
                    }
                }
                if (xml.hasError())
                    break;
                if (!hasKey || object.key.isEmpty()) {
                    fail(tr("an object has no key"));
                    break;
                }
                if (!hasSize) {
                    fail(tr("the object %1 has no size").arg(object.key.left(200)));
                    break;
                }
                page.objects.append(std::move(object));
            } else if (name == u"CommonPrefixes") {
                while (xml.readNextStartElement()) {
                    if (xml.name() == u"Prefix")
                        page.commonPrefixes.append(text(xml));
                    else
                        xml.skipCurrentElement();
                }
            } else if (name == u"IsTruncated") {
                const QString value = text(xml);
                if (value == u"true") {
                    truncated = true;
                } else if (value != u"false") {
                    fail(tr("IsTruncated is \"%1\"").arg(value.left(40)));
                    break;
                }
            } else if (name == u"NextContinuationToken") {
                page.nextContinuationToken = text(xml);
            } else if (name == u"EncodingType") {
                urlEncoded = text(xml).compare(u"url", Qt::CaseInsensitive) == 0;
            } else {
                xml.skipCurrentElement();
            }
        }
    }
    if (!xml.hasError() && !sawRoot)
        fail(tr("it holds no element"));
    if (xml.hasError()) {
        const QString why = problem.isEmpty() ? xml.errorString() : problem;
        return makeError(ErrorCode::InvalidInput,
            tr("The S3 listing is not what S3 sends (%1, line %2).").arg(why).arg(xml.lineNumber()));
    }
    if (!truncated) {
        page.nextContinuationToken.clear();
    } else if (page.nextContinuationToken.isEmpty()) {
        return makeError(ErrorCode::InvalidInput,
            tr("The S3 listing is not what S3 sends (it is truncated but has no continuation token)."));
    }
    if (urlEncoded) {
        for (S3Object &object : page.objects)
            object.key = urlDecode(object.key);
        for (QString &prefix : page.commonPrefixes)
            prefix = urlDecode(prefix);
        for (const S3Object &object : std::as_const(page.objects)) {
            if (object.key.isEmpty())
                return makeError(ErrorCode::InvalidInput,
                    tr("The S3 listing is not what S3 sends (an object has no key)."));
        }
    }
    return page;
}

std::optional<S3ErrorBody> S3Xml::parseError(QByteArrayView data)
{
    // S3 speaks UTF-8 only: decoded here, so that an encoding declaration in the document cannot pick
    // another decoder (a reader given text ignores it).
    const QString decoded = QString::fromUtf8(data);
    QXmlStreamReader xml(decoded);
    S3ErrorBody error;
    bool sawRoot = false;
    while (!xml.atEnd() && !xml.hasError()) {
        const QXmlStreamReader::TokenType token = xml.readNext();
        if (token == QXmlStreamReader::DTD)
            return std::nullopt;
        if (token != QXmlStreamReader::StartElement)
            continue;
        if (sawRoot || xml.name() != u"Error")
            return std::nullopt;
        sawRoot = true;
        while (xml.readNextStartElement()) {
            const QStringView name = xml.name();
            QString *field = name == u"Code" ? &error.code
                : name == u"Message"         ? &error.message
                : name == u"Region"          ? &error.region
                : name == u"Endpoint"        ? &error.endpoint
                : name == u"BucketName"      ? &error.bucket
                : name == u"Key"             ? &error.key
                                             : nullptr;
            if (field)
                *field = xml.readElementText(QXmlStreamReader::SkipChildElements).left(1000);
            else
                xml.skipCurrentElement();
        }
    }
    if (xml.hasError() || !sawRoot)
        return std::nullopt;
    return error;
}

} // namespace tapedeck
