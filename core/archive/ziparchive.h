// SPDX-License-Identifier: MIT
// A ZIP archive opened through libzip: WinZip AES (AE-1/AE-2) or plain, methods store/deflate/bzip2/LZMA.
#pragma once

#include "core/archive/streamdecoder.h"
#include "core/archive/zipentry.h"
#include "core/common/progress.h"
#include "core/common/result.h"

#include <QByteArray>
#include <QList>

#include <memory>

struct zip;
struct zip_file;

namespace tapedeck {

class WinZipAesDecryptor;

class ZipArchive
{
    Q_DECLARE_TR_FUNCTIONS(ZipArchive)

public:
    // displayName names the archive in messages (its file name when empty): a download from S3 sits in the
    // cache under another name than the one its user knows.
    static Result<std::unique_ptr<ZipArchive>> open(const QString &path, const QString &displayName = {});
    // For archives already in memory (downloads); data is shared, not copied.
    static Result<std::unique_ptr<ZipArchive>> fromData(const QByteArray &data, const QString &displayName);
    // For archives read through an open random-access device (a RangeDevice over ranged S3 reads): libzip
    // reads through it, with every check open() makes. The archive keeps the device and uses it from the
    // calling thread only.
    static Result<std::unique_ptr<ZipArchive>> fromDevice(
        std::shared_ptr<QIODevice> device, const QString &displayName);

    ~ZipArchive(); // wipes the password
    ZipArchive(const ZipArchive &) = delete;
    ZipArchive &operator=(const ZipArchive &) = delete;

    const QString &displayName() const { return m_displayName; }
    const QList<ZipEntry> &entries() const { return m_entries; }
    const ZipEntry *find(const QString &name) const;
    bool isEncrypted() const;

    // The password stays in memory only (here and inside libzip, for ZipCrypto) until the archive closes.
    void setPassword(const QString &password);
    // Derives the key of the first encrypted entry and checks its password verifier: a cheap answer to
    // "is this the right password" without decrypting anything.
    Status verifyPassword();

    // Streams the decoded content of an entry into sink, verifying the HMAC (AES), the CRC (where the
    // format stores one) and that the entry produces exactly the size it declares.
    Status read(const ZipEntry &entry, const ChunkSink &sink, ProgressReporter *progress = nullptr);
    Result<QByteArray> readAll(const ZipEntry &entry, ProgressReporter *progress = nullptr);

private:
    struct FileCloser
    {
        void operator()(zip_file *file) const;
    };
    using FilePtr = std::unique_ptr<zip_file, FileCloser>;

    ZipArchive() = default;
    // Opens an entry's data: raw ciphertext for WinZip AES (decrypted here), libzip-decrypted otherwise.
    Result<FilePtr> openData(const ZipEntry &entry);
    // Reads the WinZip AES salt and password verifier and derives the keys (a Password error when wrong).
    Result<std::unique_ptr<WinZipAesDecryptor>> startAes(const ZipEntry &entry, zip_file *file) const;
    static Result<std::unique_ptr<ZipArchive>> finishOpen(
        std::unique_ptr<ZipArchive> archive, QIODevice &device);
    Error entryError(const ZipEntry &entry, ErrorCode code, const QString &detail) const;
    Error libzipError(const ZipEntry &entry, int zipErrorCode) const;
    Status readRaw(zip_file *file, char *data, qsizetype length, qsizetype *got) const;

    zip *m_zip = nullptr;
    QByteArray m_data; // keeps in-memory archives alive while libzip reads them
    std::shared_ptr<QIODevice> m_device; // the same for archives read through a device
    QString m_displayName;
    QByteArray m_password; // UTF-8, as DataHub derives its keys
    QList<ZipEntry> m_entries;
};

} // namespace tapedeck
