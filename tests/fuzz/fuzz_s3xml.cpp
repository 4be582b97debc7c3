// SPDX-License-Identifier: MIT
// S3's XML answers: a ListObjectsV2 page and an error body (S3Xml), as a server or a middlebox might send
// them.
//
// Input: the response body's bytes.
// Invariants:
// - a listing that fails is an InvalidInput error with a message;
// - a parsed page has no empty key, no negative size, no ETag in quotes, and a continuation token only when
//   the page said it was truncated (an empty token ends paging: a loop cannot come from here);
// - a parsed page written back as S3 writes it (once plain, once with EncodingType url and the keys and
//   prefixes encoded as S3 encodes them) parses to the same page: keys, sizes, ETags, dates, prefixes, token;
// - an error body's fields are at most 1,000 characters each.
#include "core/storage/s3xml.h"
#include "fuzzsupport.h"

#include <QXmlStreamWriter>

using namespace tapedeck;
using namespace tapedeck::fuzz;

namespace {

// application/x-www-form-urlencoded as S3 encodes keys with encoding-type=url (space as '+').
QString urlEncode(const QString &text)
{
    QByteArray out;
    for (const char c : text.toUtf8()) {
        const auto u = static_cast<unsigned char>(c);
        if ((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || c == '-' || c == '_'
            || c == '.' || c == '~' || c == '/')
            out.append(c);
        else if (c == ' ')
            out.append('+');
        else
            out.append('%').append(QByteArray::number(u, 16).rightJustified(2, '0').toUpper());
    }
    return QString::fromLatin1(out);
}

QByteArray write(const S3ListPage &page, bool encoded)
{
    QByteArray xml;
    QXmlStreamWriter writer(&xml);
    writer.writeStartDocument();
    writer.writeStartElement(QStringLiteral("ListBucketResult"));
    writer.writeDefaultNamespace(QStringLiteral("http://s3.amazonaws.com/doc/2006-03-01/"));
    writer.writeTextElement(QStringLiteral("Name"), QStringLiteral("bucket"));
    if (encoded)
        writer.writeTextElement(QStringLiteral("EncodingType"), QStringLiteral("url"));
    writer.writeTextElement(QStringLiteral("IsTruncated"),
        page.nextContinuationToken.isEmpty() ? QStringLiteral("false") : QStringLiteral("true"));
    if (!page.nextContinuationToken.isEmpty())
        writer.writeTextElement(QStringLiteral("NextContinuationToken"), page.nextContinuationToken);
    for (const S3Object &object : page.objects) {
        writer.writeStartElement(QStringLiteral("Contents"));
        writer.writeTextElement(QStringLiteral("Key"), encoded ? urlEncode(object.key) : object.key);
        if (object.lastModified.isValid())
            writer.writeTextElement(
                QStringLiteral("LastModified"), object.lastModified.toString(Qt::ISODateWithMs));
        writer.writeTextElement(QStringLiteral("ETag"), QLatin1Char('"') + object.etag + QLatin1Char('"'));
        writer.writeTextElement(QStringLiteral("Size"), QString::number(object.size));
        writer.writeEndElement();
    }
    for (const QString &prefix : page.commonPrefixes) {
        writer.writeStartElement(QStringLiteral("CommonPrefixes"));
        writer.writeTextElement(QStringLiteral("Prefix"), encoded ? urlEncode(prefix) : prefix);
        writer.writeEndElement();
    }
    writer.writeEndElement();
    writer.writeEndDocument();
    return xml;
}

// The first difference between two pages; empty when they agree.
QString difference(const S3ListPage &a, const S3ListPage &b)
{
    if (a.objects.size() != b.objects.size())
        return QStringLiteral("%1 objects, then %2").arg(a.objects.size()).arg(b.objects.size());
    for (qsizetype i = 0; i < a.objects.size(); ++i) {
        const S3Object &x = a.objects.at(i);
        const S3Object &y = b.objects.at(i);
        if (x.key != y.key)
            return QStringLiteral("key %1: \"%2\", then \"%3\"").arg(i).arg(x.key, y.key);
        if (x.size != y.size || x.etag != y.etag)
            return QStringLiteral("size or ETag of \"%1\"").arg(x.key);
        if (x.lastModified != y.lastModified)
            return QStringLiteral("date of \"%1\": %2, then %3")
                .arg(x.key, x.lastModified.toString(Qt::ISODateWithMs),
                    y.lastModified.toString(Qt::ISODateWithMs));
    }
    if (a.commonPrefixes != b.commonPrefixes)
        return QStringLiteral("common prefixes");
    if (a.nextContinuationToken != b.nextContinuationToken)
        return QStringLiteral("continuation token");
    return {};
}

// Characters XML 1.0 can carry as text (what a plain page can hold after a round trip).
bool xmlSafe(const QString &text)
{
    if (!text.isValidUtf16())
        return false;
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if ((u < 0x20 && u != 0x9 && u != 0xA && u != 0xD) || u == 0xFFFE || u == 0xFFFF)
            return false;
        if (u == 0xD) // a carriage return comes back as a line feed from any XML parser
            return false;
    }
    return true;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *bytes, std::size_t size)
{
    const QByteArray data(reinterpret_cast<const char *>(bytes), qsizetype(size));

    if (const std::optional<S3ErrorBody> error = S3Xml::parseError(data)) {
        for (const QString *field :
            { &error->code, &error->message, &error->region, &error->endpoint, &error->bucket, &error->key })
            FUZZ_CHECK(
                field->size() <= 1000, QStringLiteral("an error field of %1 characters").arg(field->size()));
    }

    const Result<S3ListPage> page = S3Xml::parseListObjectsV2(data);
    if (!page) {
        FUZZ_CHECK_ERROR(page.error());
        FUZZ_CHECK(page.error().code == ErrorCode::InvalidInput, page.error().message);
        return 0;
    }
    bool plainSafe = xmlSafe(page->nextContinuationToken);
    for (const S3Object &object : page->objects) {
        FUZZ_CHECK(!object.key.isEmpty(), QStringLiteral("an object without a key"));
        FUZZ_CHECK(object.size >= 0, QStringLiteral("size %1 of \"%2\"").arg(object.size).arg(object.key));
        FUZZ_CHECK(!object.etag.startsWith(QLatin1Char('"')) || !object.etag.endsWith(QLatin1Char('"'))
                || object.etag.size() < 2,
            QStringLiteral("ETag still quoted: %1").arg(object.etag));
        FUZZ_CHECK(!object.lastModified.isValid() || object.lastModified.timeSpec() == Qt::UTC,
            QStringLiteral("a date that is not UTC"));
        plainSafe = plainSafe && xmlSafe(object.key) && xmlSafe(object.etag);
    }
    for (const QString &prefix : page->commonPrefixes)
        plainSafe = plainSafe && xmlSafe(prefix);
    // ETags whose quotes or spaces would be trimmed again, and dates outside what ISO 8601 writes back, do
    // not survive a round trip by design; the rest must.
    bool roundTrips = xmlSafe(page->nextContinuationToken);
    for (const S3Object &object : page->objects) {
        roundTrips = roundTrips
            && S3Xml::normalizeEtag(QString(QLatin1Char('"') + object.etag + QLatin1Char('"'))) == object.etag
            && xmlSafe(object.etag)
            && (!object.lastModified.isValid()
                || QDateTime::fromString(object.lastModified.toString(Qt::ISODateWithMs), Qt::ISODateWithMs)
                        .toUTC()
                    == object.lastModified);
    }
    if (!roundTrips)
        return 0;
    for (const bool encoded : { false, true }) {
        if (!encoded && !plainSafe)
            continue;
        const QByteArray written = write(*page, encoded);
        const Result<S3ListPage> again = S3Xml::parseListObjectsV2(written);
        FUZZ_CHECK(again.ok(),
            QStringLiteral("the page written back does not parse: %1\n%2")
                .arg(again.ok() ? QString() : again.error().message, QString::fromUtf8(written)));
        const QString different = difference(*page, *again);
        FUZZ_CHECK(different.isEmpty(),
            QStringLiteral("the page written back (%1) reads differently: %2\n%3")
                .arg(encoded ? QStringLiteral("url-encoded") : QStringLiteral("plain"), different,
                    QString::fromUtf8(written)));
    }
    return 0;
}
