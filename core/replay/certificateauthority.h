// SPDX-License-Identifier: MIT
// Tapedeck's own certificate authority for the replay mock layer (DESIGN.md §7): an EC P-256 CA kept as
// ca.pem + ca-key.pem (0600) under $XDG_DATA_HOME/tapedeck/ca, made on first use, and the leaf certificates
// the forward proxy presents when it terminates TLS for a CONNECT host.
#pragma once

#include "core/common/result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QSslCertificate>
#include <QSslKey>
#include <QString>

#include <memory>

namespace tapedeck::replay {

class CertificateAuthority
{
    Q_DECLARE_TR_FUNCTIONS(CertificateAuthority)

public:
    struct Leaf
    {
        QSslCertificate certificate;
        QSslKey key;
    };

    // $XDG_DATA_HOME/tapedeck/ca; ~/.local/share/tapedeck/ca when XDG_DATA_HOME is unset, empty or relative.
    static QString defaultDirectory();

    // Loads ca.pem and ca-key.pem from dir, creating both on first use: the folder 0700 (parents as the
    // umask says), the key 0600 from its first byte on, the certificate 0644, each written to a temporary
    // file and linked into place, never over an existing file. Creation holds an exclusive lock on
    // dir/.ca.lock, so two processes starting at once end with one CA; the loser loads the winner's files.
    // Refused, and never overwritten: a key file with group or other permissions (the message names the file
    // and `chmod 600`), a folder writable by group or others, one file without the other, files that are not
    // PEM, a certificate that is not a CA, has expired or does not belong to the key. Key material is never
    // logged or printed.
    static Result<CertificateAuthority> openOrCreate(const QString &dir = defaultDirectory());

    CertificateAuthority(CertificateAuthority &&) noexcept;
    CertificateAuthority &operator=(CertificateAuthority &&) noexcept;
    CertificateAuthority(const CertificateAuthority &) = delete;
    CertificateAuthority &operator=(const CertificateAuthority &) = delete;
    ~CertificateAuthority();

    QSslCertificate certificate() const;
    QByteArray certificatePem() const;
    // The ca.pem file: what REQUESTS_CA_BUNDLE, SSL_CERT_FILE, NODE_EXTRA_CA_CERTS and the like point at.
    QString certificatePath() const;
    QString directory() const;
    // "AB:CD:…": the SHA-256 of the certificate's DER, upper-case hex pairs.
    QString fingerprintSha256() const;
    // Whether this openOrCreate() made the CA (false when it loaded existing files).
    bool created() const;

    // A leaf certificate for host, a DNS name (ASCII, IDNs in their xn-- form; one trailing dot is dropped)
    // or an IPv4/IPv6 literal (no brackets, no zone): an EC P-256 key, subjectAltName DNS or IP, CN=host when
    // it fits (64 characters), basicConstraints CA:FALSE, keyUsage digitalSignature, extendedKeyUsage
    // serverAuth, subject and authority key identifiers, valid from a day ago for 397 days, a random 128-bit
    // serial, signed by the CA with SHA-256. Cached per host (case-insensitive; an IP literal by its address)
    // for the object's life, up to MaxCachedLeaves hosts (later ones are made anew each time). Thread-safe.
    // Anything else (empty, longer than 253 characters, spaces, control characters, wildcards, empty or
    // over-long labels, a malformed IP literal) is an InvalidInput error, not a certificate.
    static constexpr qsizetype MaxCachedLeaves = 4096;
    Result<Leaf> leafFor(const QString &host);

private:
    struct State;
    explicit CertificateAuthority(std::unique_ptr<State> state);

    // Behind a pointer so that the object moves (into a Result) with its mutex, and OpenSSL's types stay out
    // of this header.
    std::unique_ptr<State> m_state;
};

} // namespace tapedeck::replay
