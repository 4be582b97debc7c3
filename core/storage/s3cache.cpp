// SPDX-License-Identifier: MIT
// The download cache under $XDG_CACHE_HOME/tapedeck/s3/: names, the folder's checks, LRU eviction.
#include "core/storage/s3cache.h"

#include "core/common/bytesize.h"
#include "core/common/sha256.h"

#include <QDir>
#include <QFile>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace tapedeck {

namespace {

constexpr qint64 DefaultMaxBytes = qint64(10) * 1024 * 1024 * 1024;
constexpr qint64 StalePartialSeconds = 7 * 24 * 3600;
constexpr qsizetype MaxReadableName = 64;

QString defaultFolder()
{
    QString base = qEnvironmentVariable("XDG_CACHE_HOME");
    // The XDG spec: a relative path is invalid and ignored.
    if (base.isEmpty() || !QDir::isAbsolutePath(base))
        base = QDir::homePath() + QStringLiteral("/.cache");
    return QDir::cleanPath(base + QStringLiteral("/tapedeck/s3"));
}

bool isPartialName(QStringView name)
{
    return name.endsWith(u".part") || name.endsWith(u".part.state") || name.endsWith(u".part.state.tmp")
        || name.endsWith(u".part.lock");
}

struct Entry
{
    QString name;
    qint64 size = 0;
    timespec used {};
};

bool olderThan(const timespec &a, const timespec &b)
{
    return a.tv_sec != b.tv_sec ? a.tv_sec < b.tv_sec : a.tv_nsec < b.tv_nsec;
}

} // namespace

S3Cache::S3Cache()
    : m_folder(defaultFolder())
    , m_maxBytes(DefaultMaxBytes)
{
    const QString limit = qEnvironmentVariable("TAPEDECK_S3_CACHE_MAX").trimmed();
    if (!limit.isEmpty()) {
        if (const std::optional<qint64> bytes = parseByteSize(limit))
            m_maxBytes = *bytes;
        else
            m_warning = tr("TAPEDECK_S3_CACHE_MAX is \"%1\", not a size such as 500M or 20G; the S3 cache "
                           "keeps up to %2.")
                            .arg(limit.left(40), formatByteSize(DefaultMaxBytes));
    }
}

S3Cache::S3Cache(QString folder, qint64 maxBytes)
    : m_folder(QDir::cleanPath(folder))
    , m_maxBytes(std::max<qint64>(0, maxBytes))
{ }

namespace {

// hex SHA-256 of the parts joined by '|', then '-' and the readable name. '|' never occurs in a bucket name,
// an encoded URL or an ETag, so the key is unambiguous in between.
QString hashedName(const QUrl &endpoint, const S3Location &location, const QString *etag)
{
    QUrl normalized
        = endpoint.adjusted(QUrl::StripTrailingSlash | QUrl::NormalizePathSegments | QUrl::RemoveUserInfo);
    if (normalized.path() == u"/")
        normalized.setPath({});
    QString identity = normalized.toString(QUrl::FullyEncoded) + QLatin1Char('|') + location.bucket
        + QLatin1Char('|') + location.key;
    if (etag)
        identity += QLatin1Char('|') + *etag;
    const QString name = S3Cache::readableName(location);
    const QString hash = QString::fromLatin1(Sha256::hex(identity.toUtf8()));
    return name.isEmpty() ? hash : hash + QLatin1Char('-') + name;
}

} // namespace

QString S3Cache::baseName(const QUrl &endpoint, const S3Location &location, const S3Object &object)
{
    return hashedName(endpoint, location, &object.etag);
}

QString S3Cache::readableName(const S3Location &location)
{
    QString name;
    const QString fileName = location.fileName();
    for (QChar c : fileName) {
        const bool plain = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9')
            || c == u'.' || c == u'-' || c == u'_';
        const QChar keep = plain ? c : QLatin1Char('_');
        if (keep == u'_' && name.endsWith(u'_'))
            continue;
        name.append(keep);
    }
    while (name.startsWith(u'.'))
        name.remove(0, 1);
    if (name.size() > MaxReadableName)
        name = name.right(MaxReadableName); // the end keeps the extension
    // A complete file must never look like a partial download ("x.part" is a fine key).
    if (isPartialName(name))
        name.append(u'_');
    return name;
}

QString S3Cache::finalPath(const QUrl &endpoint, const S3Location &location, const S3Object &object) const
{
    return m_folder + QLatin1Char('/') + baseName(endpoint, location, object);
}

QString S3Cache::partialPath(const QUrl &endpoint, const S3Location &location, const S3Object &) const
{
    // One partial download per object, whatever its version: the state beside it names the version, and a
    // download of another version discards it instead of leaving it to go stale.
    return m_folder + QLatin1Char('/') + hashedName(endpoint, location, nullptr) + QStringLiteral(".part");
}

QString S3Cache::lookup(const QUrl &endpoint, const S3Location &location, const S3Object &object) const
{
    const QString path = finalPath(endpoint, location, object);
    const QByteArray native = QFile::encodeName(path);
    struct stat st
    {
    };
    if (::lstat(native.constData(), &st) != 0 || !S_ISREG(st.st_mode) || st.st_uid != ::geteuid())
        return {};
    if (st.st_size != object.size) {
        // Not what this version is: never hand it out, and make room.
        ::unlink(native.constData());
        return {};
    }
    // The use time of least-recently-used eviction is the modification time (access times are often off).
    ::utimensat(AT_FDCWD, native.constData(), nullptr, AT_SYMLINK_NOFOLLOW);
    return path;
}

Status S3Cache::prepare() const
{
    if (m_folder.isEmpty() || !QDir::isAbsolutePath(m_folder))
        return makeError(
            ErrorCode::Io, tr("The S3 cache folder \"%1\" is not an absolute path.").arg(m_folder));
    // Every missing folder on the way is made private, as the XDG spec asks of the cache home.
    const QStringList parts = m_folder.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    QString path;
    for (const QString &part : parts) {
        path += QLatin1Char('/') + part;
        const QByteArray native = QFile::encodeName(path);
        if (::mkdir(native.constData(), 0700) != 0 && errno != EEXIST)
            return makeError(ErrorCode::Io,
                tr("Cannot create the S3 cache folder %1: %2.")
                    .arg(path, QString::fromLocal8Bit(std::strerror(errno))));
    }
    // The folders that are Tapedeck's own (…/tapedeck and …/tapedeck/s3 by default) must be the user's,
    // private, and not links elsewhere; what lies above them (~/.cache on another disk, say) is the user's.
    QStringList own { m_folder };
    if (QFileInfo(QFileInfo(m_folder).path()).fileName() == u"tapedeck")
        own.prepend(QFileInfo(m_folder).path());
    for (const QString &folder : std::as_const(own)) {
        const QByteArray native = QFile::encodeName(folder);
        struct stat st
        {
        };
        if (::lstat(native.constData(), &st) != 0)
            return makeError(ErrorCode::Io,
                tr("Cannot use the S3 cache folder %1: %2.")
                    .arg(folder, QString::fromLocal8Bit(std::strerror(errno))));
        if (S_ISLNK(st.st_mode))
            return makeError(ErrorCode::Io,
                tr("The S3 cache folder %1 is a symbolic link; Tapedeck does not follow it. Remove it or "
                   "point "
                   "XDG_CACHE_HOME elsewhere.")
                    .arg(folder));
        if (!S_ISDIR(st.st_mode))
            return makeError(ErrorCode::Io, tr("The S3 cache folder %1 is not a folder.").arg(folder));
        if (st.st_uid != ::geteuid())
            return makeError(ErrorCode::Io,
                tr("The S3 cache folder %1 belongs to another user (uid %2); Tapedeck does not use it.")
                    .arg(folder)
                    .arg(st.st_uid));
        if ((st.st_mode & 077) != 0 && ::chmod(native.constData(), 0700) != 0)
            return makeError(ErrorCode::Io,
                tr("Cannot make the S3 cache folder %1 private: %2.")
                    .arg(folder, QString::fromLocal8Bit(std::strerror(errno))));
    }
    return success();
}

void S3Cache::evict(qint64 incoming, const QString &keep) const
{
    const QByteArray folder = QFile::encodeName(m_folder);
    DIR *dir = ::opendir(folder.constData());
    if (!dir)
        return;
    const int dirFd = ::dirfd(dir);
    timespec now {};
    ::clock_gettime(CLOCK_REALTIME, &now);
    const QString keepName = keep.isEmpty() ? QString() : QFileInfo(keep).fileName();

    std::vector<Entry> complete;
    qint64 total = 0;
    QStringList partials;
    while (dirent *d = ::readdir(dir)) {
        const QByteArray nativeName(d->d_name);
        if (nativeName == "." || nativeName == "..")
            continue;
        struct stat st
        {
        };
        if (::fstatat(dirFd, d->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode))
            continue;
        const QString name = QFile::decodeName(nativeName);
        // Partial downloads are not counted: one per object at most, and what `incoming` stands for.
        if (isPartialName(name)) {
            if (now.tv_sec - st.st_mtim.tv_sec > StalePartialSeconds)
                partials.append(name);
            continue;
        }
        total += st.st_size;
        if (name != keepName)
            complete.push_back(Entry { name, st.st_size, st.st_mtim });
    }
    ::closedir(dir);

    // A partial download untouched for a week is abandoned: its data, state and lock go together, but only
    // when the data itself (the newest of the three while it downloads) is stale too.
    for (const QString &name : std::as_const(partials)) {
        QString base = name;
        for (const char *suffix : { ".part.state.tmp", ".part.state", ".part.lock", ".part" }) {
            if (base.endsWith(QLatin1String(suffix))) {
                base.chop(qsizetype(std::strlen(suffix)));
                break;
            }
        }
        const QByteArray data
            = QFile::encodeName(m_folder + QLatin1Char('/') + base + QStringLiteral(".part"));
        struct stat st
        {
        };
        const bool dataFresh
            = ::lstat(data.constData(), &st) == 0 && now.tv_sec - st.st_mtim.tv_sec <= StalePartialSeconds;
        if (dataFresh)
            continue;
        ::unlink(QFile::encodeName(m_folder + QLatin1Char('/') + name).constData());
    }

    std::sort(complete.begin(), complete.end(),
        [](const Entry &a, const Entry &b) { return olderThan(a.used, b.used); });
    const qint64 room = std::max<qint64>(0, m_maxBytes - std::max<qint64>(0, incoming));
    for (const Entry &entry : complete) {
        if (total <= room)
            break;
        if (::unlink(QFile::encodeName(m_folder + QLatin1Char('/') + entry.name).constData()) == 0)
            total -= entry.size;
    }
}

} // namespace tapedeck
