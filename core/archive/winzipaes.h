// SPDX-License-Identifier: MIT
// WinZip AES (AE-1/AE-2) decryption: PBKDF2-HMAC-SHA1 keys, AES-CTR with WinZip's little-endian counter,
// and the HMAC-SHA1 that authenticates the ciphertext.
#pragma once

#include "core/common/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QCoreApplication>

struct evp_cipher_ctx_st;
struct evp_mac_ctx_st;

namespace tapedeck {

class WinZipAesDecryptor
{
    Q_DECLARE_TR_FUNCTIONS(WinZipAesDecryptor)

public:
    static constexpr qsizetype VerifierLength = 2;
    static constexpr qsizetype MacLength = 10;
    // Salt length for strength 1/2/3 (AES-128/192/256); 0 for an unknown strength.
    static qsizetype saltLength(int strength);

    WinZipAesDecryptor();
    ~WinZipAesDecryptor();
    WinZipAesDecryptor(const WinZipAesDecryptor &) = delete;
    WinZipAesDecryptor &operator=(const WinZipAesDecryptor &) = delete;

    // header = salt followed by the 2-byte password verifier. A Password error when the verifier
    // does not match (the key derivation is the expensive part: 1000 PBKDF2 rounds).
    Status init(QByteArrayView password, int strength, QByteArrayView header);
    // Decrypts in place and feeds the ciphertext to the HMAC.
    void decrypt(char *data, qsizetype length);
    // Compares the stored 10-byte authentication code with the computed one (constant time).
    bool authenticate(QByteArrayView storedMac);

private:
    void refillKeystream(qsizetype blocks);

    evp_cipher_ctx_st *m_cipher = nullptr;
    evp_mac_ctx_st *m_mac = nullptr;
    quint64 m_counterLow
        = 0; // the 128-bit little-endian block counter; the high half never moves in practice
    quint64 m_counterHigh = 0;
    QByteArray m_counters;
    QByteArray m_keystream;
    qsizetype m_keystreamUsed = 0;
};

} // namespace tapedeck
