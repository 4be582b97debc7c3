// SPDX-License-Identifier: MIT
// Incremental SHA-256 over OpenSSL (hardware accelerated where the CPU allows).
#pragma once

#include <QByteArray>
#include <QByteArrayView>

struct evp_md_ctx_st;

namespace tapedeck {

class Sha256
{
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256 &) = delete;
    Sha256 &operator=(const Sha256 &) = delete;

    void addData(QByteArrayView data);
    // Lower-case hex digest; the object must not be used afterwards.
    QByteArray hexResult();

    static QByteArray hex(QByteArrayView data);

private:
    evp_md_ctx_st *m_context;
};

} // namespace tapedeck
