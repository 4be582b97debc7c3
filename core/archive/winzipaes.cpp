// SPDX-License-Identifier: MIT
// WinZip AES decryption over OpenSSL. The counter blocks of a whole chunk are encrypted in one ECB call,
// which lets OpenSSL use AES-NI across blocks instead of one call per 16 bytes.
#include "core/archive/winzipaes.h"

#include <QScopeGuard>
#include <QtEndian>

#include <cstring>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>

namespace tapedeck {

namespace {

constexpr int Iterations = 1000;
constexpr qsizetype BlockSize = 16;
constexpr qsizetype KeystreamBlocks = 4096; // 64 KiB of keystream per refill

} // namespace

qsizetype WinZipAesDecryptor::saltLength(int strength)
{
    switch (strength) {
    case 1:
        return 8;
    case 2:
        return 12;
    case 3:
        return 16;
    default:
        return 0;
    }
}

WinZipAesDecryptor::WinZipAesDecryptor() = default;

WinZipAesDecryptor::~WinZipAesDecryptor()
{
    EVP_CIPHER_CTX_free(m_cipher);
    EVP_MAC_CTX_free(m_mac);
    if (!m_keystream.isEmpty())
        OPENSSL_cleanse(m_keystream.data(), size_t(m_keystream.size()));
}

Status WinZipAesDecryptor::init(QByteArrayView password, int strength, QByteArrayView header)
{
    const qsizetype saltSize = saltLength(strength);
    if (saltSize == 0)
        return makeError(ErrorCode::InvalidInput, tr("unknown WinZip AES strength %1").arg(strength));
    if (header.size() != saltSize + VerifierLength)
        return makeError(ErrorCode::InvalidInput, tr("the WinZip AES header is truncated"));
    const qsizetype keySize = saltSize * 2; // 16/24/32 bytes
    QByteArray keys(2 * keySize + VerifierLength, Qt::Uninitialized);
    if (PKCS5_PBKDF2_HMAC_SHA1(password.data(), int(password.size()),
            reinterpret_cast<const unsigned char *>(header.data()), int(saltSize), Iterations,
            int(keys.size()), reinterpret_cast<unsigned char *>(keys.data()))
        != 1)
        return makeError(ErrorCode::Io, tr("key derivation failed"));
    const auto cleanse = qScopeGuard([&keys] { OPENSSL_cleanse(keys.data(), size_t(keys.size())); });
    if (CRYPTO_memcmp(keys.constData() + 2 * keySize, header.data() + saltSize, VerifierLength) != 0)
        return makeError(ErrorCode::Password, tr("wrong password"));

    const EVP_CIPHER *cipher = keySize == 16 ? EVP_aes_128_ecb()
        : keySize == 24                      ? EVP_aes_192_ecb()
                                             : EVP_aes_256_ecb();
    m_cipher = EVP_CIPHER_CTX_new();
    if (!m_cipher
        || EVP_EncryptInit_ex(
               m_cipher, cipher, nullptr, reinterpret_cast<const unsigned char *>(keys.constData()), nullptr)
            != 1)
        return makeError(ErrorCode::Io, tr("AES could not be initialised"));
    EVP_CIPHER_CTX_set_padding(m_cipher, 0);

    EVP_MAC *hmac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
    m_mac = hmac ? EVP_MAC_CTX_new(hmac) : nullptr;
    EVP_MAC_free(hmac);
    char digest[] = "SHA1";
    const OSSL_PARAM params[]
        = { OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0), OSSL_PARAM_construct_end() };
    if (!m_mac
        || EVP_MAC_init(m_mac, reinterpret_cast<const unsigned char *>(keys.constData()) + keySize,
               size_t(keySize), params)
            != 1)
        return makeError(ErrorCode::Io, tr("HMAC-SHA1 could not be initialised"));

    m_counterLow = 0;
    m_counterHigh = 0;
    m_keystreamUsed = 0;
    m_keystream.clear();
    return success();
}

void WinZipAesDecryptor::refillKeystream(qsizetype blocks)
{
    m_counters.resize(blocks * BlockSize);
    for (qsizetype i = 0; i < blocks; ++i) {
        if (++m_counterLow == 0)
            ++m_counterHigh;
        qToLittleEndian(m_counterLow, m_counters.data() + i * BlockSize);
        qToLittleEndian(m_counterHigh, m_counters.data() + i * BlockSize + 8);
    }
    m_keystream.resize(m_counters.size());
    int produced = 0;
    EVP_EncryptUpdate(m_cipher, reinterpret_cast<unsigned char *>(m_keystream.data()), &produced,
        reinterpret_cast<const unsigned char *>(m_counters.constData()), int(m_counters.size()));
    m_keystreamUsed = 0;
}

void WinZipAesDecryptor::decrypt(char *data, qsizetype length)
{
    EVP_MAC_update(m_mac, reinterpret_cast<const unsigned char *>(data), size_t(length));
    qsizetype done = 0;
    while (done < length) {
        if (m_keystreamUsed == m_keystream.size())
            refillKeystream(std::min(KeystreamBlocks, (length - done + BlockSize - 1) / BlockSize));
        const qsizetype n = std::min(length - done, m_keystream.size() - m_keystreamUsed);
        const char *key = m_keystream.constData() + m_keystreamUsed;
        for (qsizetype i = 0; i < n; ++i)
            data[done + i] ^= key[i];
        done += n;
        m_keystreamUsed += n;
    }
}

bool WinZipAesDecryptor::authenticate(QByteArrayView storedMac)
{
    unsigned char mac[EVP_MAX_MD_SIZE];
    size_t length = 0;
    if (EVP_MAC_final(m_mac, mac, &length, sizeof mac) != 1 || length < size_t(MacLength)
        || storedMac.size() != MacLength)
        return false;
    return CRYPTO_memcmp(mac, storedMac.data(), size_t(MacLength)) == 0;
}

} // namespace tapedeck
