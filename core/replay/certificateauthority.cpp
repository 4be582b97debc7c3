// SPDX-License-Identifier: MIT
// The replay CA over OpenSSL 3: key and certificate files made safely, leaves made and signed on demand.
#include "core/replay/certificateauthority.h"

#include "core/common/regularfile.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QSysInfo>
#include <QThread>

#include <arpa/inet.h>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fcntl.h>
#include <mutex>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <pwd.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace tapedeck::replay {

namespace {

template<typename T, void (*Free)(T *)> struct Deleter
{
    void operator()(T *p) const { Free(p); }
};
using X509Ptr = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using PkeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using PkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, Deleter<EVP_PKEY_CTX, EVP_PKEY_CTX_free>>;
using BioPtr = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;
using BnPtr = std::unique_ptr<BIGNUM, Deleter<BIGNUM, BN_free>>;
using ExtPtr = std::unique_ptr<X509_EXTENSION, Deleter<X509_EXTENSION, X509_EXTENSION_free>>;
using GeneralNamePtr = std::unique_ptr<GENERAL_NAME, Deleter<GENERAL_NAME, GENERAL_NAME_free>>;
using GeneralNamesPtr = std::unique_ptr<GENERAL_NAMES, Deleter<GENERAL_NAMES, GENERAL_NAMES_free>>;
using OctetStringPtr = std::unique_ptr<ASN1_OCTET_STRING, Deleter<ASN1_OCTET_STRING, ASN1_OCTET_STRING_free>>;
using Ia5StringPtr = std::unique_ptr<ASN1_IA5STRING, Deleter<ASN1_IA5STRING, ASN1_IA5STRING_free>>;

const QString CertificateName = QStringLiteral("ca.pem");
const QString KeyName = QStringLiteral("ca-key.pem");
const QString LockName = QStringLiteral(".ca.lock");
constexpr qint64 MaxPemSize = 1 << 20;
constexpr long CaValidityDays = 3652;
constexpr long LeafValidityDays = 397;
constexpr long OneDay = 24 * 60 * 60;
// How long a process waits for another one creating the CA (the lock, or the partner file without a lock).
constexpr auto CreationWait = std::chrono::seconds(10);

QString systemError(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

// The reason of OpenSSL's last error; the thread's error queue is left empty, so nothing stale reaches
// Qt's TLS backend, which reads the same queue.
QString openSslError()
{
    unsigned long last = 0;
    while (const unsigned long e = ERR_get_error())
        last = e;
    if (last == 0)
        return CertificateAuthority::tr("unknown OpenSSL error");
    const char *reason = ERR_reason_error_string(last);
    return reason ? QString::fromUtf8(reason) : CertificateAuthority::tr("OpenSSL error %1").arg(last, 0, 16);
}

Error cryptoError(const QString &what)
{
    return makeError(ErrorCode::Io, CertificateAuthority::tr("%1 failed: %2").arg(what, openSslError()));
}

// Key bytes wiped when they go out of scope.
class SecretBytes
{
public:
    SecretBytes() = default;
    SecretBytes(const SecretBytes &) = delete;
    SecretBytes &operator=(const SecretBytes &) = delete;
    ~SecretBytes()
    {
        if (!m_data.isEmpty())
            OPENSSL_cleanse(m_data.data(), size_t(m_data.size()));
    }
    QByteArray &bytes() { return m_data; }

private:
    QByteArray m_data;
};

// A memory BIO's contents (for PEM written by OpenSSL).
QByteArray bioBytes(BIO *bio)
{
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return size > 0 && data ? QByteArray(data, qsizetype(size)) : QByteArray();
}

Result<PkeyPtr> generateKey()
{
    PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
    EVP_PKEY *raw = nullptr;
    if (!ctx || EVP_PKEY_keygen_init(ctx.get()) != 1 || EVP_PKEY_CTX_set_group_name(ctx.get(), "P-256") != 1
        || EVP_PKEY_generate(ctx.get(), &raw) != 1)
        return cryptoError(CertificateAuthority::tr("generating an EC P-256 key"));
    return PkeyPtr(raw);
}

Status setRandomSerial(X509 *cert)
{
    unsigned char bytes[16];
    if (RAND_bytes(bytes, sizeof bytes) != 1)
        return cryptoError(CertificateAuthority::tr("generating a serial number"));
    bytes[0] |= 0x01; // never zero (RFC 5280 wants a positive serial)
    BnPtr bn(BN_bin2bn(bytes, sizeof bytes, nullptr));
    if (!bn || !BN_to_ASN1_INTEGER(bn.get(), X509_get_serialNumber(cert)))
        return cryptoError(CertificateAuthority::tr("setting a serial number"));
    return success();
}

Status addExtension(X509 *cert, X509V3_CTX *ctx, int nid, const char *value)
{
    ExtPtr ext(X509V3_EXT_nconf_nid(nullptr, ctx, nid, value));
    if (!ext || X509_add_ext(cert, ext.get(), -1) != 1)
        return cryptoError(
            CertificateAuthority::tr("adding the %1 extension").arg(QString::fromLatin1(OBJ_nid2sn(nid))));
    return success();
}

Status addNameEntry(X509_NAME *name, const char *field, const QString &value)
{
    const QByteArray utf8 = value.toUtf8();
    if (X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8,
            reinterpret_cast<const unsigned char *>(utf8.constData()), int(utf8.size()), -1, 0)
        != 1)
        return cryptoError(
            CertificateAuthority::tr("setting the certificate's %1").arg(QString::fromLatin1(field)));
    return success();
}

// The CA's subject: who made it shows in trust stores and certificate viewers.
QString caCommonName()
{
    QString user = qEnvironmentVariable("USER");
    if (user.isEmpty()) {
        if (const passwd *pw = ::getpwuid(::geteuid()))
            user = QString::fromLocal8Bit(pw->pw_name);
    }
    const QString base = QStringLiteral("Tapedeck Replay CA");
    const QString full = base + QStringLiteral(" (") + user + QLatin1Char('@') + QSysInfo::machineHostName()
        + QLatin1Char(')');
    return user.isEmpty() || full.size() > 64 ? base : full; // 64: the upper bound of a commonName
}

Result<X509Ptr> makeCaCertificate(EVP_PKEY *key)
{
    X509Ptr cert(X509_new());
    if (!cert || X509_set_version(cert.get(), X509_VERSION_3) != 1)
        return cryptoError(CertificateAuthority::tr("creating the CA certificate"));
    if (Status s = setRandomSerial(cert.get()); !s)
        return s.error();
    X509_NAME *name = X509_get_subject_name(cert.get());
    if (Status s = addNameEntry(name, "O", QStringLiteral("Tapedeck")); !s)
        return s.error();
    if (Status s = addNameEntry(name, "CN", caCommonName()); !s)
        return s.error();
    if (X509_set_issuer_name(cert.get(), name) != 1
        || !X509_gmtime_adj(X509_getm_notBefore(cert.get()), -OneDay)
        || !X509_time_adj_ex(X509_getm_notAfter(cert.get()), CaValidityDays, 0, nullptr)
        || X509_set_pubkey(cert.get(), key) != 1)
        return cryptoError(CertificateAuthority::tr("creating the CA certificate"));
    X509V3_CTX ctx;
    X509V3_set_ctx(&ctx, cert.get(), cert.get(), nullptr, nullptr, 0);
    // The subject key identifier first: the authority key identifier is taken from it.
    for (const auto &[nid, value] : { std::pair { NID_basic_constraints, "critical,CA:TRUE,pathlen:0" },
             std::pair { NID_key_usage, "critical,keyCertSign,cRLSign" },
             std::pair { NID_subject_key_identifier, "hash" },
             std::pair { NID_authority_key_identifier, "keyid:always" } }) {
        if (Status s = addExtension(cert.get(), &ctx, nid, value); !s)
            return s.error();
    }
    if (X509_sign(cert.get(), key, EVP_sha256()) <= 0)
        return cryptoError(CertificateAuthority::tr("signing the CA certificate"));
    return cert;
}

// A host name or address as a leaf carries it.
struct LeafHost
{
    QString cacheKey; // lower-cased name, or the address in its canonical text form
    QString commonName;
    QByteArray dnsName; // empty for an address
    QByteArray address; // 4 or 16 bytes for an address
};

Result<LeafHost> parseHost(const QString &host)
{
    const QString shown = host.size() > 80 ? host.left(80) + QStringLiteral("…") : host;
    const auto invalid = [&](const QString &reason) {
        return makeError(ErrorCode::InvalidInput,
            CertificateAuthority::tr("\"%1\" is not a valid host name: %2").arg(shown, reason));
    };
    if (host.isEmpty())
        return makeError(ErrorCode::InvalidInput, CertificateAuthority::tr("the host name is empty"));
    if (host.size() > 254)
        return invalid(CertificateAuthority::tr("longer than 253 characters"));
    for (const QChar c : host) {
        if (c.unicode() < 0x21 || c.unicode() > 0x7e)
            return invalid(CertificateAuthority::tr(
                "it holds spaces, control or non-ASCII characters (give an IDN in its "
                "xn-- form)"));
    }
    const QByteArray ascii = host.toLatin1();
    LeafHost result;
    unsigned char address[sizeof(in6_addr)];
    char text[INET6_ADDRSTRLEN];
    const int family = host.contains(QLatin1Char(':')) ? AF_INET6 : AF_INET;
    if (::inet_pton(family, ascii.constData(), address) == 1) {
        result.address = QByteArray(reinterpret_cast<const char *>(address), family == AF_INET6 ? 16 : 4);
        if (!::inet_ntop(family, address, text, sizeof text))
            return invalid(systemError(errno));
        result.cacheKey = QString::fromLatin1(text);
        result.commonName = result.cacheKey;
        return result;
    }
    if (family == AF_INET6)
        return invalid(CertificateAuthority::tr("not an IPv6 address (give it without brackets or zone)"));

    QString name = host.toLower();
    if (name.endsWith(QLatin1Char('.')))
        name.chop(1);
    if (name.isEmpty() || name.size() > 253)
        return invalid(CertificateAuthority::tr("longer than 253 characters"));
    const QStringList labels = name.split(QLatin1Char('.'));
    for (const QString &label : labels) {
        if (label.isEmpty())
            return invalid(CertificateAuthority::tr("it has an empty label"));
        if (label.size() > 63)
            return invalid(CertificateAuthority::tr("a label is longer than 63 characters"));
        if (label.startsWith(QLatin1Char('-')) || label.endsWith(QLatin1Char('-')))
            return invalid(CertificateAuthority::tr("a label starts or ends with a hyphen"));
        for (const QChar c : label) {
            const char16_t u = c.unicode();
            if (!((u >= u'a' && u <= u'z') || (u >= u'0' && u <= u'9') || u == u'-' || u == u'_'))
                return invalid(CertificateAuthority::tr("'%1' is not allowed in a host name").arg(c));
        }
    }
    bool numeric = true;
    for (const QChar c : labels.constLast())
        numeric = numeric && c.isDigit();
    if (numeric)
        return invalid(CertificateAuthority::tr("not a valid IPv4 address"));
    result.cacheKey = name;
    result.commonName = name;
    result.dnsName = name.toLatin1();
    return result;
}

Status addSubjectAltName(X509 *cert, const LeafHost &host)
{
    GeneralNamesPtr names(sk_GENERAL_NAME_new_null());
    GeneralNamePtr entry(GENERAL_NAME_new());
    if (!names || !entry)
        return cryptoError(CertificateAuthority::tr("adding the subjectAltName extension"));
    if (!host.address.isEmpty()) {
        OctetStringPtr ip(ASN1_OCTET_STRING_new());
        if (!ip
            || ASN1_OCTET_STRING_set(ip.get(),
                   reinterpret_cast<const unsigned char *>(host.address.constData()),
                   int(host.address.size()))
                != 1)
            return cryptoError(CertificateAuthority::tr("adding the subjectAltName extension"));
        GENERAL_NAME_set0_value(entry.get(), GEN_IPADD, ip.release());
    } else {
        Ia5StringPtr dns(ASN1_IA5STRING_new());
        if (!dns || ASN1_STRING_set(dns.get(), host.dnsName.constData(), int(host.dnsName.size())) != 1)
            return cryptoError(CertificateAuthority::tr("adding the subjectAltName extension"));
        GENERAL_NAME_set0_value(entry.get(), GEN_DNS, dns.release());
    }
    if (sk_GENERAL_NAME_push(names.get(), entry.get()) <= 0)
        return cryptoError(CertificateAuthority::tr("adding the subjectAltName extension"));
    entry.release(); // names owns it now
    if (X509_add1_ext_i2d(cert, NID_subject_alt_name, names.get(), 0, X509V3_ADD_DEFAULT) != 1)
        return cryptoError(CertificateAuthority::tr("adding the subjectAltName extension"));
    return success();
}

Result<X509Ptr> makeLeafCertificate(const LeafHost &host, EVP_PKEY *leafKey, X509 *caCert, EVP_PKEY *caKey)
{
    X509Ptr cert(X509_new());
    if (!cert || X509_set_version(cert.get(), X509_VERSION_3) != 1)
        return cryptoError(CertificateAuthority::tr("creating a leaf certificate"));
    if (Status s = setRandomSerial(cert.get()); !s)
        return s.error();
    X509_NAME *name = X509_get_subject_name(cert.get());
    if (Status s = addNameEntry(name, "O", QStringLiteral("Tapedeck replay")); !s)
        return s.error();
    if (host.commonName.size() <= 64) { // longer names live in the subjectAltName only
        if (Status s = addNameEntry(name, "CN", host.commonName); !s)
            return s.error();
    }
    if (X509_set_issuer_name(cert.get(), X509_get_subject_name(caCert)) != 1
        || !X509_gmtime_adj(X509_getm_notBefore(cert.get()), -OneDay)
        || !X509_time_adj_ex(X509_getm_notAfter(cert.get()), LeafValidityDays, 0, nullptr)
        || X509_set_pubkey(cert.get(), leafKey) != 1)
        return cryptoError(CertificateAuthority::tr("creating a leaf certificate"));
    X509V3_CTX ctx;
    X509V3_set_ctx(&ctx, caCert, cert.get(), nullptr, nullptr, 0);
    for (const auto &[nid, value] : { std::pair { NID_basic_constraints, "critical,CA:FALSE" },
             std::pair { NID_key_usage, "critical,digitalSignature" },
             std::pair { NID_ext_key_usage, "serverAuth" }, std::pair { NID_subject_key_identifier, "hash" },
             std::pair { NID_authority_key_identifier, "keyid:always" } }) {
        if (Status s = addExtension(cert.get(), &ctx, nid, value); !s)
            return s.error();
    }
    if (Status s = addSubjectAltName(cert.get(), host); !s)
        return s.error();
    if (X509_sign(cert.get(), caKey, EVP_sha256()) <= 0)
        return cryptoError(CertificateAuthority::tr("signing a leaf certificate"));
    return cert;
}

Result<QByteArray> certificateToPem(X509 *cert)
{
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_X509(bio.get(), cert) != 1)
        return cryptoError(CertificateAuthority::tr("encoding a certificate"));
    return bioBytes(bio.get());
}

// PKCS#8, unencrypted: the caller wipes it.
Status keyToPem(EVP_PKEY *key, QByteArray *pem)
{
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1)
        return cryptoError(CertificateAuthority::tr("encoding a private key"));
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    *pem = QByteArray(data, qsizetype(size));
    OPENSSL_cleanse(data, size_t(size));
    return success();
}

QString fingerprintOf(X509 *cert)
{
    unsigned char *der = nullptr;
    const int size = i2d_X509(cert, &der);
    if (size <= 0)
        return {};
    const QByteArray digest = QCryptographicHash::hash(
        QByteArrayView(reinterpret_cast<const char *>(der), size), QCryptographicHash::Sha256);
    OPENSSL_free(der);
    return QString::fromLatin1(digest.toHex(':').toUpper());
}

// Never prompts on the terminal for an encrypted key (OpenSSL's default when no callback is given).
int noPassphrase(char *, int, int, void *)
{
    return -1;
}

// Reads a small file; with ownerOnly, a file that group or others may access is refused before it is read.
Status readPemFile(const QString &path, bool ownerOnly, QByteArray *data)
{
    const Result<int> fd = RegularFile::open(path);
    if (!fd)
        return fd.error();
    struct stat st
    {
    };
    if (::fstat(*fd, &st) != 0) {
        const int error = errno;
        ::close(*fd);
        return makeError(ErrorCode::Io,
            CertificateAuthority::tr("%1 could not be read: %2").arg(path, systemError(error)));
    }
    if (ownerOnly && (st.st_mode & 077) != 0) {
        ::close(*fd);
        return makeError(ErrorCode::Io,
            CertificateAuthority::tr(
                "%1 holds the replay CA's private key but group or others may access it (mode %2); it "
                "was not used: run chmod 600 %1")
                .arg(path, QString::number(st.st_mode & 0777, 8).rightJustified(4, QLatin1Char('0'))));
    }
    if (st.st_size > MaxPemSize) {
        ::close(*fd);
        return makeError(ErrorCode::InvalidInput,
            CertificateAuthority::tr("%1 is too large (%2 bytes) to be a PEM file of the replay CA")
                .arg(path)
                .arg(st.st_size));
    }
    data->resize(qsizetype(st.st_size));
    qsizetype done = 0;
    while (done < data->size()) {
        const ssize_t n = ::read(*fd, data->data() + done, size_t(data->size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            const int error = n < 0 ? errno : EIO;
            ::close(*fd);
            return makeError(ErrorCode::Io,
                CertificateAuthority::tr("%1 could not be read: %2").arg(path, systemError(error)));
        }
        done += n;
    }
    ::close(*fd);
    return success();
}

enum class Presence : quint8 { None, KeyOnly, CertificateOnly, Both };

Result<Presence> presence(const QString &dir)
{
    const auto exists = [&](const QString &name) -> Result<bool> {
        struct stat st
        {
        };
        const QString path = dir + QLatin1Char('/') + name;
        if (::lstat(QFile::encodeName(path).constData(), &st) == 0)
            return true;
        if (errno == ENOENT)
            return false;
        return makeError(ErrorCode::Io,
            CertificateAuthority::tr("%1 could not be read: %2").arg(path, systemError(errno)));
    };
    const Result<bool> key = exists(KeyName);
    if (!key)
        return key.error();
    const Result<bool> cert = exists(CertificateName);
    if (!cert)
        return cert.error();
    return *key ? (*cert ? Presence::Both : Presence::KeyOnly)
                : (*cert ? Presence::CertificateOnly : Presence::None);
}

// The CA folder, created 0700 (its parents as the umask says); one that group or others may write to is
// refused, since whoever can replace ca.pem there decides what the replayed clients trust.
Result<QString> prepareDirectory(const QString &dir)
{
    if (dir.isEmpty())
        return makeError(ErrorCode::Usage, CertificateAuthority::tr("no folder given for the replay CA"));
    const QString path = QDir::cleanPath(QDir(dir).absolutePath());
    const QString parent = QFileInfo(path).path();
    if (!QDir().mkpath(parent))
        return makeError(
            ErrorCode::Io, CertificateAuthority::tr("the folder %1 could not be created").arg(parent));
    const QByteArray native = QFile::encodeName(path);
    if (::mkdir(native.constData(), 0700) != 0 && errno != EEXIST)
        return makeError(ErrorCode::Io,
            CertificateAuthority::tr("the folder %1 could not be created: %2").arg(path, systemError(errno)));
    struct stat st
    {
    };
    if (::stat(native.constData(), &st) != 0)
        return makeError(ErrorCode::Io,
            CertificateAuthority::tr("%1 could not be read: %2").arg(path, systemError(errno)));
    if (!S_ISDIR(st.st_mode))
        return makeError(ErrorCode::Io, CertificateAuthority::tr("%1 exists and is not a folder").arg(path));
    if ((st.st_mode & 022) != 0)
        return makeError(ErrorCode::Io,
            CertificateAuthority::tr(
                "the replay CA's folder %1 may be written by group or others; run chmod 700 %1")
                .arg(path));
    return path;
}

// An exclusive lock on dir/.ca.lock while the CA is created. Where the file system has no locks (some
// network mounts), held() is false and creation relies on link() never replacing a file.
class CreationLock
{
public:
    CreationLock() = default;
    CreationLock(const CreationLock &) = delete;
    CreationLock &operator=(const CreationLock &) = delete;
    ~CreationLock()
    {
        if (m_fd >= 0)
            ::close(m_fd); // releases the lock
    }
    bool held() const { return m_held; }

    Status acquire(const QString &dir)
    {
        const QString path = dir + QLatin1Char('/') + LockName;
        m_fd = ::open(QFile::encodeName(path).constData(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
        if (m_fd < 0)
            return makeError(ErrorCode::Io,
                CertificateAuthority::tr("%1 could not be opened: %2").arg(path, systemError(errno)));
        const auto deadline = std::chrono::steady_clock::now() + CreationWait;
        while (::flock(m_fd, LOCK_EX | LOCK_NB) != 0) {
            if (errno == ENOLCK || errno == EOPNOTSUPP || errno == EINVAL)
                return success();
            if (errno != EWOULDBLOCK && errno != EINTR)
                return makeError(ErrorCode::Io,
                    CertificateAuthority::tr("%1 could not be locked: %2").arg(path, systemError(errno)));
            if (std::chrono::steady_clock::now() > deadline)
                return makeError(ErrorCode::Io,
                    CertificateAuthority::tr(
                        "another process has been holding %1 for over %2 seconds while creating the replay "
                        "CA")
                        .arg(path)
                        .arg(std::chrono::seconds(CreationWait).count()));
            QThread::msleep(20);
        }
        m_held = true;
        return success();
    }

private:
    int m_fd = -1;
    bool m_held = false;
};

// Writes data to a new file `name` in dir with exactly mode: a temporary file (0600 from the start) linked
// into place, so that the file never exists with other permissions or part of its contents, and an existing
// file is never replaced. *lost is set when the name already exists (another process made it first).
Status writeNewFile(const QString &dir, const QString &name, QByteArrayView data, mode_t mode, bool *lost)
{
    *lost = false;
    const QString target = dir + QLatin1Char('/') + name;
    QByteArray temporary = QFile::encodeName(dir + QStringLiteral("/.") + name + QStringLiteral(".XXXXXX"));
    const int fd = ::mkostemp(temporary.data(), O_CLOEXEC);
    if (fd < 0)
        return makeError(ErrorCode::Io,
            CertificateAuthority::tr("a file could not be created in %1: %2").arg(dir, systemError(errno)));
    const auto failed = [&](int error) {
        ::close(fd);
        ::unlink(temporary.constData());
        return makeError(ErrorCode::Io,
            CertificateAuthority::tr("%1 could not be written: %2").arg(target, systemError(error)));
    };
    if (::fchmod(fd, mode) != 0)
        return failed(errno);
    qsizetype done = 0;
    while (done < data.size()) {
        const ssize_t n = ::write(fd, data.data() + done, size_t(data.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return failed(n < 0 ? errno : EIO);
        done += n;
    }
    if (::fsync(fd) != 0)
        return failed(errno);
    if (::close(fd) != 0) {
        const int error = errno;
        ::unlink(temporary.constData());
        return makeError(ErrorCode::Io,
            CertificateAuthority::tr("%1 could not be written: %2").arg(target, systemError(error)));
    }
    const int linked = ::link(temporary.constData(), QFile::encodeName(target).constData());
    const int error = errno;
    ::unlink(temporary.constData());
    if (linked == 0)
        return success();
    if (error == EEXIST) {
        *lost = true;
        return success();
    }
    return makeError(ErrorCode::Io,
        CertificateAuthority::tr("%1 could not be created: %2").arg(target, systemError(error)));
}

void syncDirectory(const QString &dir)
{
    const int fd = ::open(QFile::encodeName(dir).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

Error incompletePair(const QString &dir, Presence p)
{
    const QString present = dir + QLatin1Char('/') + (p == Presence::KeyOnly ? KeyName : CertificateName);
    const QString missing = dir + QLatin1Char('/') + (p == Presence::KeyOnly ? CertificateName : KeyName);
    return makeError(ErrorCode::InvalidInput,
        CertificateAuthority::tr(
            "%1 exists but %2 is missing; restore %2, or move %1 away to have a new replay CA made "
            "(clients trusting the old one must then trust the new one)")
            .arg(present, missing));
}

// A CA's certificate and key, as read or made.
struct Material
{
    X509Ptr certificate;
    PkeyPtr key;
    bool created = false;
};

Result<Material> loadFiles(const QString &dir)
{
    const QString keyPath = dir + QLatin1Char('/') + KeyName;
    const QString certPath = dir + QLatin1Char('/') + CertificateName;

    SecretBytes keyPem;
    if (Status s = readPemFile(keyPath, true, &keyPem.bytes()); !s)
        return s.error();
    PkeyPtr key;
    {
        BioPtr bio(BIO_new_mem_buf(keyPem.bytes().constData(), int(keyPem.bytes().size())));
        if (!bio)
            return cryptoError(CertificateAuthority::tr("reading %1").arg(keyPath));
        key.reset(PEM_read_bio_PrivateKey(bio.get(), nullptr, noPassphrase, nullptr));
    }
    if (!key) {
        const QString reason = openSslError();
        return makeError(ErrorCode::InvalidInput,
            CertificateAuthority::tr("%1 is not an unencrypted PEM private key (%2); it was left as it is")
                .arg(keyPath, reason));
    }
    const int type = EVP_PKEY_get_base_id(key.get());
    if (type != EVP_PKEY_EC && type != EVP_PKEY_RSA)
        return makeError(ErrorCode::InvalidInput,
            CertificateAuthority::tr(
                "%1 holds a key of a type the replay CA cannot sign with (EC or RSA keys only)")
                .arg(keyPath));

    QByteArray certPem;
    if (Status s = readPemFile(certPath, false, &certPem); !s)
        return s.error();
    X509Ptr cert;
    {
        BioPtr bio(BIO_new_mem_buf(certPem.constData(), int(certPem.size())));
        if (!bio)
            return cryptoError(CertificateAuthority::tr("reading %1").arg(certPath));
        cert.reset(PEM_read_bio_X509(bio.get(), nullptr, noPassphrase, nullptr));
    }
    if (!cert) {
        const QString reason = openSslError();
        return makeError(ErrorCode::InvalidInput,
            CertificateAuthority::tr("%1 is not a PEM certificate (%2); it was left as it is")
                .arg(certPath, reason));
    }
    if (X509_check_private_key(cert.get(), key.get()) != 1) {
        ERR_clear_error();
        return makeError(ErrorCode::InvalidInput,
            CertificateAuthority::tr(
                "%1 does not belong to the key in %2; the files were left as they are (restore the "
                "matching pair, or move both away to have a new replay CA made)")
                .arg(certPath, keyPath));
    }
    if (X509_check_ca(cert.get()) < 1)
        return makeError(
            ErrorCode::InvalidInput, CertificateAuthority::tr("%1 is not a CA certificate").arg(certPath));
    if (X509_cmp_current_time(X509_get0_notAfter(cert.get())) <= 0)
        return makeError(ErrorCode::InvalidInput,
            CertificateAuthority::tr(
                "the replay CA in %1 has expired; move %2 and %3 away to have a new one made")
                .arg(certPath, certPath, keyPath));
    if (X509_cmp_current_time(X509_get0_notBefore(cert.get())) >= 0)
        return makeError(ErrorCode::InvalidInput,
            CertificateAuthority::tr("the replay CA in %1 is not valid yet (is the clock right?)")
                .arg(certPath));
    return Material { std::move(cert), std::move(key), false };
}

// Waits (without a lock) for the process that made one file of the pair to make the other.
Result<Material> loadWhenComplete(const QString &dir)
{
    const auto deadline = std::chrono::steady_clock::now() + CreationWait;
    for (;;) {
        const Result<Presence> p = presence(dir);
        if (!p)
            return p.error();
        if (*p == Presence::Both)
            return loadFiles(dir);
        if (std::chrono::steady_clock::now() > deadline)
            return incompletePair(dir, *p);
        QThread::msleep(20);
    }
}

Result<Material> createFiles(const QString &dir, bool locked)
{
    Result<PkeyPtr> key = generateKey();
    if (!key)
        return key.error();
    Result<X509Ptr> cert = makeCaCertificate(key->get());
    if (!cert)
        return cert.error();
    const Result<QByteArray> certPem = certificateToPem(cert->get());
    if (!certPem)
        return certPem.error();

    bool lost = false;
    {
        SecretBytes keyPem;
        if (Status s = keyToPem(key->get(), &keyPem.bytes()); !s)
            return s.error();
        if (Status s = writeNewFile(dir, KeyName, keyPem.bytes(), 0600, &lost); !s)
            return s.error();
    }
    if (lost) // another process made its key first (only possible without the lock); its certificate follows
        return locked ? loadFiles(dir) : loadWhenComplete(dir);
    if (Status s = writeNewFile(dir, CertificateName, *certPem, 0644, &lost); !s || lost) {
        // The key just linked has no certificate: it goes, so the folder is as it was.
        ::unlink(QFile::encodeName(dir + QLatin1Char('/') + KeyName).constData());
        if (!s)
            return s.error();
        return makeError(ErrorCode::Io,
            CertificateAuthority::tr("%1 appeared while the replay CA was being created; nothing was changed")
                .arg(dir + QLatin1Char('/') + CertificateName));
    }
    syncDirectory(dir);
    return Material { std::move(*cert), std::move(*key), true };
}

} // namespace

struct CertificateAuthority::State
{
    X509Ptr certificate;
    PkeyPtr key;
    QString directory;
    QString certificatePath;
    QByteArray certificatePem;
    QSslCertificate qtCertificate;
    QString fingerprint;
    bool created = false;

    std::mutex mutex; // guards leaves, and the CA's key and certificate while a leaf is signed
    QHash<QString, Leaf> leaves;
};

QString CertificateAuthority::defaultDirectory()
{
    QString base = qEnvironmentVariable("XDG_DATA_HOME");
    if (base.isEmpty() || QDir::isRelativePath(base))
        base = QDir::homePath() + QStringLiteral("/.local/share");
    return base + QStringLiteral("/tapedeck/ca");
}

Result<CertificateAuthority> CertificateAuthority::openOrCreate(const QString &dir)
{
    const Result<QString> path = prepareDirectory(dir);
    if (!path)
        return path.error();
    const auto finish = [&](Result<Material> material) -> Result<CertificateAuthority> {
        if (!material)
            return material.error();
        const Result<QByteArray> pem = certificateToPem(material->certificate.get());
        if (!pem)
            return pem.error();
        auto state = std::make_unique<State>();
        state->certificatePem = *pem;
        state->qtCertificate = QSslCertificate(*pem, QSsl::Pem);
        state->fingerprint = fingerprintOf(material->certificate.get());
        state->certificate = std::move(material->certificate);
        state->key = std::move(material->key);
        state->directory = *path;
        state->certificatePath = *path + QLatin1Char('/') + CertificateName;
        state->created = material->created;
        return CertificateAuthority(std::move(state));
    };

    Result<Presence> p = presence(*path);
    if (!p)
        return p.error();
    if (*p == Presence::Both)
        return finish(loadFiles(*path));

    CreationLock lock;
    if (Status s = lock.acquire(*path); !s)
        return s.error();
    p = presence(*path);
    if (!p)
        return p.error();
    switch (*p) {
    case Presence::Both:
        return finish(loadFiles(*path));
    case Presence::None:
        return finish(createFiles(*path, lock.held()));
    case Presence::KeyOnly:
    case Presence::CertificateOnly:
        // Under the lock nobody is half-way through creating; without one, someone may be.
        return lock.held() ? Result<CertificateAuthority>(incompletePair(*path, *p))
                           : finish(loadWhenComplete(*path));
    }
    return incompletePair(*path, *p);
}

CertificateAuthority::CertificateAuthority(std::unique_ptr<State> state)
    : m_state(std::move(state))
{ }

CertificateAuthority::CertificateAuthority(CertificateAuthority &&) noexcept = default;
CertificateAuthority &CertificateAuthority::operator=(CertificateAuthority &&) noexcept = default;
CertificateAuthority::~CertificateAuthority() = default;

QSslCertificate CertificateAuthority::certificate() const
{
    return m_state->qtCertificate;
}

QByteArray CertificateAuthority::certificatePem() const
{
    return m_state->certificatePem;
}

QString CertificateAuthority::certificatePath() const
{
    return m_state->certificatePath;
}

QString CertificateAuthority::directory() const
{
    return m_state->directory;
}

QString CertificateAuthority::fingerprintSha256() const
{
    return m_state->fingerprint;
}

bool CertificateAuthority::created() const
{
    return m_state->created;
}

Result<CertificateAuthority::Leaf> CertificateAuthority::leafFor(const QString &host)
{
    const Result<LeafHost> parsed = parseHost(host);
    if (!parsed)
        return parsed.error();
    {
        const std::lock_guard guard(m_state->mutex);
        const auto found = m_state->leaves.constFind(parsed->cacheKey);
        if (found != m_state->leaves.cend())
            return *found;
    }

    // The key is made outside the lock (the slow part); signing reads the CA's key and certificate under it.
    Result<PkeyPtr> key = generateKey();
    if (!key)
        return key.error();
    const Result<X509Ptr> cert = [&] {
        const std::lock_guard guard(m_state->mutex);
        return makeLeafCertificate(*parsed, key->get(), m_state->certificate.get(), m_state->key.get());
    }();
    if (!cert)
        return cert.error();
    const Result<QByteArray> certPem = certificateToPem(cert->get());
    if (!certPem)
        return certPem.error();
    Leaf leaf;
    leaf.certificate = QSslCertificate(*certPem, QSsl::Pem);
    {
        SecretBytes keyPem;
        if (Status s = keyToPem(key->get(), &keyPem.bytes()); !s)
            return s.error();
        leaf.key = QSslKey(keyPem.bytes(), QSsl::Ec, QSsl::Pem, QSsl::PrivateKey);
    }
    if (leaf.certificate.isNull() || leaf.key.isNull())
        return makeError(ErrorCode::Io,
            tr("Qt could not read the certificate made for %1; is Qt's OpenSSL TLS backend installed?")
                .arg(parsed->cacheKey));

    const std::lock_guard guard(m_state->mutex);
    const auto found = m_state->leaves.constFind(parsed->cacheKey);
    if (found != m_state->leaves.cend()) // another thread made one meanwhile: everyone gets the same
        return *found;
    if (m_state->leaves.size() < MaxCachedLeaves)
        m_state->leaves.insert(parsed->cacheKey, leaf);
    return leaf;
}

} // namespace tapedeck::replay
