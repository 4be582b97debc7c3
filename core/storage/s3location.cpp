// SPDX-License-Identifier: MIT
// Parsing and printing s3:// addresses, with S3's rules for bucket names and keys checked up front.
#include "core/storage/s3location.h"

#include "core/common/controlchars.h"
#include "core/common/utf8.h"

namespace tapedeck {

namespace {

const QLatin1String Scheme("s3://");
constexpr qsizetype MaxKeyBytes = 1024;

bool isLowerAlnum(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9');
}

bool isAlnum(QChar c)
{
    return isLowerAlnum(c) || (c >= u'A' && c <= u'Z');
}

// Why S3 refuses the bucket name, or an empty string. Legacy names (upper-case letters and '_', up to 255
// characters, as buckets made in us-east-1 before 2018 may have) are accepted, as the AWS CLI and botocore
// (whose check is [a-zA-Z0-9.\-_]{1,255}) accept them.
QString bucketProblem(const QString &bucket)
{
    if (bucket.size() < 3)
        return S3Location::tr("a bucket name has at least 3 characters");
    if (bucket.size() > 255)
        return S3Location::tr("a bucket name has at most 255 characters");
    for (const QChar c : bucket) {
        if (!isAlnum(c) && c != u'.' && c != u'-' && c != u'_')
            return S3Location::tr("a bucket name holds only letters, digits, '.', '-' and '_', not %1")
                .arg(c.unicode() < 0x20 || c.unicode() == 0x7f ? codePointName(c.unicode()) : QString(c));
    }
    if (!isAlnum(bucket.front()) || !isAlnum(bucket.back()))
        return S3Location::tr("a bucket name begins and ends with a letter or a digit");
    if (bucket.contains(QLatin1String("..")))
        return S3Location::tr("a bucket name has no two adjacent periods");
    return {};
}

QString controlProblem(const QString &key)
{
    for (qsizetype i = 0; i < key.size();) {
        const char32_t c = nextCodePoint(key, i);
        if (c < 0x20 || (c >= 0x7f && c < 0xa0))
            return S3Location::tr("the key holds the control character %1").arg(codePointName(c));
        if (c >= 0xd800 && c <= 0xdfff)
            return S3Location::tr("the key holds %1, which is not a character").arg(codePointName(c));
    }
    return {};
}

} // namespace

bool S3Location::isS3Url(QStringView text)
{
    return text.startsWith(Scheme, Qt::CaseInsensitive);
}

Result<S3Location> S3Location::parse(const QString &url)
{
    const auto refuse = [&url](const QString &why) {
        return makeError(ErrorCode::Usage, tr("%1 is not an S3 address: %2.").arg(escapeControls(url), why));
    };
    if (!isS3Url(url))
        return refuse(tr("it does not start with s3://"));
    const QString rest = url.mid(Scheme.size());
    const qsizetype slash = rest.indexOf(u'/');
    S3Location location;
    location.bucket = slash < 0 ? rest : rest.left(slash);
    location.key = slash < 0 ? QString() : rest.mid(slash + 1);
    if (location.bucket.isEmpty())
        return refuse(tr("it names no bucket (s3://bucket/key)"));
    if (const QString why = bucketProblem(location.bucket); !why.isEmpty())
        return refuse(why);
    if (const QString why = controlProblem(location.key); !why.isEmpty())
        return refuse(why);
    if (const qsizetype bytes = toUtf8(location.key).size(); bytes > MaxKeyBytes)
        return refuse(
            tr("the key is %1 bytes long in UTF-8, and S3 allows at most %2").arg(bytes).arg(MaxKeyBytes));
    return location;
}

QString S3Location::toString() const
{
    return Scheme + bucket + u'/' + key;
}

QString S3Location::fileName() const
{
    QStringView name = key;
    if (name.endsWith(u'/'))
        name.chop(1);
    const qsizetype slash = name.lastIndexOf(u'/');
    if (slash >= 0)
        name = name.mid(slash + 1);
    return name.isEmpty() ? bucket : name.toString();
}

} // namespace tapedeck
