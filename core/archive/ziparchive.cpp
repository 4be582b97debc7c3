// SPDX-License-Identifier: MIT
// ZIP reading over libzip. libzip parses the container and decrypts PKWARE entries; WinZip AES entries are
// read raw (ZIP_FL_ENCRYPTED) and decrypted and authenticated here, and all decompression is ours, because
// Debian's libzip 1.7.3 has no LZMA and checks the zero CRC of AE-2 entries (stored ones even when asked
// for the compressed data), which rejects every 7-Zip archive.
#include "core/archive/ziparchive.h"

#include "core/archive/centraldirectory.h"
#include "core/archive/entryname.h"
#include "core/archive/winzipaes.h"
#include "core/common/regularfile.h"

#include <QBuffer>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <cstring>
#include <limits>
#include <openssl/crypto.h>
#include <zip.h>
#include <zlib.h>

namespace tapedeck {

namespace {

constexpr qsizetype ReadChunk = 256 * 1024;
constexpr qint64 PkwareHeaderLength = 12; // traditional PKWARE encryption header, removed by libzip
constexpr quint64 MaxSaneSize = quint64(1) << 62;
constexpr quint16 StrongEncryptionFlag = 0x0040; // general-purpose flag bits (APPNOTE 4.4.4)
constexpr quint16 EncryptedDirectoryFlag = 0x2000;

int aesStrength(Encryption encryption)
{
    switch (encryption) {
    case Encryption::Aes128:
        return 1;
    case Encryption::Aes192:
        return 2;
    case Encryption::Aes256:
        return 3;
    default:
        return 0;
    }
}

Encryption encryptionFrom(quint16 method)
{
    switch (method) {
    case ZIP_EM_NONE:
        return Encryption::None;
    case ZIP_EM_TRAD_PKWARE:
        return Encryption::ZipCrypto;
    case ZIP_EM_AES_128:
        return Encryption::Aes128;
    case ZIP_EM_AES_192:
        return Encryption::Aes192;
    case ZIP_EM_AES_256:
        return Encryption::Aes256;
    default:
        return Encryption::Unsupported;
    }
}

QString libzipMessage(int code)
{
    zip_error_t error;
    zip_error_init_with_code(&error, code);
    const QString message = QString::fromUtf8(zip_error_strerror(&error));
    zip_error_fini(&error);
    return message;
}

Error openError(const QString &displayName, int code, const QByteArray &head, QIODevice &device)
{
    // libzip says "not a ZIP archive" also when an entry runs into the directory: say which one.
    if (code == ZIP_ER_NOZIP || code == ZIP_ER_INCONS) {
        const Result<CentralDirectory> directory = CentralDirectory::read(device);
        const Status layout = directory ? directory->checkLayout(device) : success();
        if (!layout)
            return makeError(
                layout.error().code, ZipArchive::tr("%1: %2").arg(displayName, layout.error().message));
    }
    switch (code) {
    case ZIP_ER_NOZIP:
        if (head.startsWith("PK\x03\x04"))
            return makeError(ErrorCode::InvalidInput,
                ZipArchive::tr("%1 is truncated or damaged: its ZIP directory is missing").arg(displayName));
        return makeError(ErrorCode::InvalidInput, ZipArchive::tr("%1 is not a ZIP archive").arg(displayName));
    case ZIP_ER_INCONS:
        return makeError(ErrorCode::InvalidInput,
            ZipArchive::tr("%1 is damaged or tampered: its ZIP headers contradict each other")
                .arg(displayName));
    case ZIP_ER_EXISTS: {
        // libzip says only "File already exists": name the entry.
        const Result<CentralDirectory> directory = CentralDirectory::read(device);
        QList<QString> names;
        if (directory) {
            for (const CentralRecord &r : directory->records)
                names.append(QString::fromUtf8(r.rawName));
        }
        const std::optional<QString> clash = EntryName::clash(names);
        return makeError(ErrorCode::InvalidInput,
            ZipArchive::tr("%1 is invalid: %2")
                .arg(displayName, clash.value_or(ZipArchive::tr("duplicate entry names"))));
    }
    case ZIP_ER_OPEN:
    case ZIP_ER_READ:
    case ZIP_ER_SEEK:
    case ZIP_ER_NOENT:
    case ZIP_ER_MEMORY:
        return makeError(
            ErrorCode::Io, ZipArchive::tr("%1 could not be read: %2").arg(displayName, libzipMessage(code)));
    default:
        return makeError(ErrorCode::InvalidInput,
            ZipArchive::tr("%1 could not be opened as a ZIP archive: %2")
                .arg(displayName, libzipMessage(code)));
    }
}

// libzip's view of a random-access QIODevice: a readable, seekable source. Errors are libzip's read and
// seek errors; the device keeps the cause (a RangeDevice its fetch error) for the caller to report.
struct DeviceSource
{
    QIODevice *device = nullptr;
    zip_int64_t position = 0;
    zip_error_t error;
};

zip_int64_t deviceSourceCallback(void *state, void *data, zip_uint64_t length, zip_source_cmd_t command)
{
    auto *source = static_cast<DeviceSource *>(state);
    const zip_int64_t size = source->device->size();
    switch (command) {
    case ZIP_SOURCE_OPEN:
        source->position = 0;
        return 0;
    case ZIP_SOURCE_READ: {
        const qint64 want = qint64(
            std::min<zip_uint64_t>(length, zip_uint64_t(std::max<zip_int64_t>(0, size - source->position))));
        if (want == 0)
            return 0;
        if (!source->device->seek(source->position)) {
            zip_error_set(&source->error, ZIP_ER_SEEK, EIO);
            return -1;
        }
        const qint64 got = source->device->read(static_cast<char *>(data), want);
        if (got < 0) {
            zip_error_set(&source->error, ZIP_ER_READ, EIO);
            return -1;
        }
        source->position += got;
        return got;
    }
    case ZIP_SOURCE_CLOSE:
        return 0;
    case ZIP_SOURCE_STAT: {
        if (length < sizeof(zip_stat_t)) {
            zip_error_set(&source->error, ZIP_ER_INVAL, 0);
            return -1;
        }
        auto *st = static_cast<zip_stat_t *>(data);
        zip_stat_init(st);
        st->size = zip_uint64_t(size);
        st->comp_size = zip_uint64_t(size);
        st->comp_method = ZIP_CM_STORE;
        st->encryption_method = ZIP_EM_NONE;
        st->valid |= ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_COMP_METHOD | ZIP_STAT_ENCRYPTION_METHOD;
        return sizeof(zip_stat_t);
    }
    case ZIP_SOURCE_ERROR:
        return zip_error_to_data(&source->error, data, length);
    case ZIP_SOURCE_FREE:
        zip_error_fini(&source->error);
        delete source;
        return 0;
    case ZIP_SOURCE_SEEK: {
        const zip_int64_t target = zip_source_seek_compute_offset(
            zip_uint64_t(source->position), zip_uint64_t(size), data, length, &source->error);
        if (target < 0)
            return -1;
        source->position = target;
        return 0;
    }
    case ZIP_SOURCE_TELL:
        return source->position;
    case ZIP_SOURCE_SUPPORTS:
        return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE,
            ZIP_SOURCE_STAT, ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, ZIP_SOURCE_SEEK, ZIP_SOURCE_TELL,
            ZIP_SOURCE_SUPPORTS, -1);
    default:
        zip_error_set(&source->error, ZIP_ER_OPNOTSUPP, 0);
        return -1;
    }
}

} // namespace

ZipArchive::~ZipArchive()
{
    if (m_zip)
        zip_discard(m_zip);
    if (!m_password.isEmpty())
        OPENSSL_cleanse(m_password.data(), size_t(m_password.size()));
}

Result<std::unique_ptr<ZipArchive>> ZipArchive::open(const QString &path, const QString &name)
{
    const QString displayName = name.isEmpty() ? QFileInfo(path).fileName() : name;
    QFile file;
    if (Status s = RegularFile::open(file, path); !s)
        return s.error();
    if (file.size() == 0)
        return makeError(ErrorCode::InvalidInput, tr("%1 is empty, not a ZIP archive").arg(displayName));
    const QByteArray head = file.peek(4);

    int code = ZIP_ER_OK;
    zip *handle = zip_open(QFile::encodeName(path).constData(), ZIP_RDONLY | ZIP_CHECKCONS, &code);
    if (!handle)
        return openError(displayName, code, head, file);
    std::unique_ptr<ZipArchive> archive(new ZipArchive);
    archive->m_zip = handle;
    archive->m_displayName = displayName;
    return finishOpen(std::move(archive), file);
}

Result<std::unique_ptr<ZipArchive>> ZipArchive::fromData(const QByteArray &data, const QString &displayName)
{
    std::unique_ptr<ZipArchive> archive(new ZipArchive);
    archive->m_data = data;
    archive->m_displayName = displayName;
    QBuffer buffer(&archive->m_data);
    buffer.open(QIODevice::ReadOnly);
    const QByteArray head = data.first(std::min<qsizetype>(4, data.size()));
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t *source = zip_source_buffer_create(
        archive->m_data.constData(), zip_uint64_t(archive->m_data.size()), 0, &error);
    if (!source) {
        const int code = zip_error_code_zip(&error);
        zip_error_fini(&error);
        return openError(displayName, code, head, buffer);
    }
    zip *handle = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
    if (!handle) {
        zip_source_free(source);
        const int code = zip_error_code_zip(&error);
        zip_error_fini(&error);
        return openError(displayName, code, head, buffer);
    }
    zip_error_fini(&error);
    archive->m_zip = handle;
    return finishOpen(std::move(archive), buffer);
}

Result<std::unique_ptr<ZipArchive>> ZipArchive::fromDevice(
    std::shared_ptr<QIODevice> device, const QString &displayName)
{
    if (!device || !device->isOpen() || !device->isReadable() || device->isSequential())
        return makeError(ErrorCode::Io, tr("%1 cannot be read at random").arg(displayName));
    if (device->size() == 0)
        return makeError(ErrorCode::InvalidInput, tr("%1 is empty, not a ZIP archive").arg(displayName));
    QByteArray head;
    if (device->seek(0))
        head = device->read(4);

    std::unique_ptr<ZipArchive> archive(new ZipArchive);
    archive->m_device = device;
    archive->m_displayName = displayName;
    zip_error_t error;
    zip_error_init(&error);
    auto *state = new DeviceSource;
    state->device = device.get();
    zip_error_init(&state->error);
    zip_source_t *source = zip_source_function_create(deviceSourceCallback, state, &error);
    if (!source) {
        zip_error_fini(&state->error);
        delete state;
        const int code = zip_error_code_zip(&error);
        zip_error_fini(&error);
        return openError(displayName, code, head, *device);
    }
    zip *handle = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
    if (!handle) {
        zip_source_free(source); // frees state through ZIP_SOURCE_FREE
        const int code = zip_error_code_zip(&error);
        zip_error_fini(&error);
        return openError(displayName, code, head, *device);
    }
    zip_error_fini(&error);
    archive->m_zip = handle;
    return finishOpen(std::move(archive), *device);
}

Result<std::unique_ptr<ZipArchive>> ZipArchive::finishOpen(
    std::unique_ptr<ZipArchive> archive, QIODevice &device)
{
    const QString &name = archive->m_displayName;
    const zip_int64_t count = zip_get_num_entries(archive->m_zip, 0);
    // libzip hides the WinZip AES extra field and where entries lie; read them ourselves. libzip accepted
    // the directory, so ours must read the same one.
    const Result<CentralDirectory> directory = CentralDirectory::read(device);
    Status layout = directory ? directory->checkLayout(device) : Status(directory.error());
    if (layout && directory->records.size() != count)
        layout = makeError(ErrorCode::InvalidInput,
            tr("libzip reads %1 entries, the ZIP directory %2").arg(count).arg(directory->records.size()));
    if (!layout)
        return makeError(layout.error().code, tr("%1: %2").arg(name, layout.error().message));
    const QList<CentralRecord> &records = directory->records;

    archive->m_entries.reserve(qsizetype(count));
    for (zip_int64_t i = 0; i < count; ++i) {
        zip_stat_t st;
        zip_stat_init(&st);
        if (zip_stat_index(archive->m_zip, zip_uint64_t(i), 0, &st) != 0)
            return makeError(ErrorCode::InvalidInput,
                tr("%1: entry %2 cannot be read from the ZIP directory").arg(name).arg(i));
        if (st.size > MaxSaneSize || st.comp_size > MaxSaneSize)
            return makeError(
                ErrorCode::InvalidInput, tr("%1: entry %2 declares an impossible size").arg(name).arg(i));
        ZipEntry e;
        e.index = i;
        e.name = QString::fromUtf8(st.name);
        e.size = qint64(st.size);
        e.compressedSize = qint64(st.comp_size);
        e.method = st.comp_method;
        e.encryption = encryptionFrom(st.encryption_method);
        e.crc = st.crc;
        e.isDirectory = e.name.endsWith(QLatin1Char('/'));
        e.flags = 0x0002; // assume an LZMA end marker unless the central directory says otherwise
        zip_uint8_t opsys = 0;
        zip_uint32_t attributes = 0;
        if (zip_file_get_external_attributes(archive->m_zip, zip_uint64_t(i), 0, &opsys, &attributes) == 0)
            e.isSymlink = opsys == ZIP_OPSYS_UNIX && ((attributes >> 16) & 0170000) == 0120000;
        const CentralRecord &r = records.at(qsizetype(i));
        const char *rawName = zip_get_name(archive->m_zip, zip_uint64_t(i), ZIP_FL_ENC_RAW);
        if (rawName && r.rawName == QByteArrayView(rawName)) {
            e.aesVendorVersion = r.aesVendorVersion;
            e.flags = r.flags;
        }
        // PKWARE's Strong Encryption (flag bit 6) and its encrypted central directory (bit 13): no writer of
        // recordings uses them, and libzip 1.7 leaks when asked to open such an entry.
        if (e.flags & (StrongEncryptionFlag | EncryptedDirectoryFlag))
            return makeError(ErrorCode::InvalidInput,
                tr("%1: entry \"%2\" uses PKWARE Strong Encryption, which Tapedeck does not read")
                    .arg(name, e.name));
        const bool aes = aesStrength(e.encryption) != 0;
        // AE-2 stores CRC 0 and readers must not check it; some writers (libzip) still store the real
        // CRC with AE-2. Like pyzipper, check every CRC except an AE-2 zero.
        if (aes)
            e.verifiesCrc = e.aesVendorVersion == 1 || e.crc != 0;
        archive->m_entries.append(e);
    }
    // Names that cannot all become paths make the archive invalid everywhere, not only when extracting.
    QList<QString> names;
    names.reserve(archive->m_entries.size());
    for (const ZipEntry &e : std::as_const(archive->m_entries))
        names.append(e.name);
    if (const std::optional<QString> clash = EntryName::clash(names))
        return makeError(ErrorCode::InvalidInput, tr("%1 is invalid: %2").arg(name, *clash));
    return archive;
}

const ZipEntry *ZipArchive::find(const QString &name) const
{
    const auto it = std::find_if(
        m_entries.cbegin(), m_entries.cend(), [&](const ZipEntry &e) { return e.name == name; });
    return it == m_entries.cend() ? nullptr : &*it;
}

bool ZipArchive::isEncrypted() const
{
    return std::any_of(
        m_entries.cbegin(), m_entries.cend(), [](const ZipEntry &e) { return e.isEncrypted(); });
}

void ZipArchive::setPassword(const QString &password)
{
    if (!m_password.isEmpty())
        OPENSSL_cleanse(m_password.data(), size_t(m_password.size()));
    m_password = password.toUtf8();
    zip_set_default_password(m_zip, m_password.constData());
}

void ZipArchive::FileCloser::operator()(zip_file *file) const
{
    zip_fclose(file);
}

Result<ZipArchive::FilePtr> ZipArchive::openData(const ZipEntry &entry)
{
    FilePtr file(zip_fopen_index(m_zip, zip_uint64_t(entry.index),
        aesStrength(entry.encryption) ? ZIP_FL_ENCRYPTED : ZIP_FL_COMPRESSED));
    if (!file) {
        const int code = zip_error_code_zip(zip_get_error(m_zip));
        zip_error_clear(m_zip);
        return libzipError(entry, code);
    }
    return file;
}

Result<std::unique_ptr<WinZipAesDecryptor>> ZipArchive::startAes(const ZipEntry &entry, zip_file *file) const
{
    if (m_password.isEmpty())
        return libzipError(entry, ZIP_ER_NOPASSWD);
    const int strength = aesStrength(entry.encryption);
    QByteArray header(
        WinZipAesDecryptor::saltLength(strength) + WinZipAesDecryptor::VerifierLength, Qt::Uninitialized);
    qsizetype got = 0;
    if (Status s = readRaw(file, header.data(), header.size(), &got); !s)
        return entryError(entry, s.error().code, s.error().message);
    if (got != header.size())
        return entryError(entry, ErrorCode::InvalidInput, tr("the encrypted data is truncated"));
    auto aes = std::make_unique<WinZipAesDecryptor>();
    if (Status s = aes->init(m_password, strength, header); !s)
        return s.error().code == ErrorCode::Password ? libzipError(entry, ZIP_ER_WRONGPASSWD)
                                                     : entryError(entry, s.error().code, s.error().message);
    return aes;
}

Status ZipArchive::verifyPassword()
{
    // The first encrypted entry decides: libzip checks a PKWARE header when opening, the WinZip AES
    // verifier is checked here. Nothing is decrypted.
    const auto encrypted = std::find_if(
        m_entries.cbegin(), m_entries.cend(), [](const ZipEntry &e) { return e.isEncrypted(); });
    if (encrypted == m_entries.cend())
        return success();
    Result<FilePtr> file = openData(*encrypted);
    if (!file)
        return file.error();
    if (aesStrength(encrypted->encryption) == 0)
        return success();
    const auto aes = startAes(*encrypted, file->get());
    return aes ? success() : Status(aes.error());
}

Status ZipArchive::readRaw(zip_file *file, char *data, qsizetype length, qsizetype *got) const
{
    *got = 0;
    while (*got < length) {
        const zip_int64_t n = zip_fread(file, data + *got, zip_uint64_t(length - *got));
        if (n < 0)
            return makeError(
                ErrorCode::InvalidInput, libzipMessage(zip_error_code_zip(zip_file_get_error(file))));
        if (n == 0)
            break;
        *got += qsizetype(n);
    }
    return success();
}

Error ZipArchive::entryError(const ZipEntry &entry, ErrorCode code, const QString &detail) const
{
    return makeError(code, tr("%1: entry \"%2\": %3").arg(m_displayName, entry.name, detail));
}

Error ZipArchive::libzipError(const ZipEntry &entry, int zipErrorCode) const
{
    switch (zipErrorCode) {
    case ZIP_ER_WRONGPASSWD:
        return makeError(ErrorCode::Password, tr("%1: wrong password").arg(m_displayName));
    case ZIP_ER_NOPASSWD:
        return makeError(
            ErrorCode::Password, tr("%1 is encrypted and no password was given").arg(m_displayName));
    case ZIP_ER_CRC:
        return entryError(
            entry, ErrorCode::InvalidInput, tr("CRC-32 mismatch: the data was modified or damaged"));
    case ZIP_ER_ENCRNOTSUPP:
        return entryError(entry, ErrorCode::InvalidInput, tr("the encryption method is not supported"));
    case ZIP_ER_READ:
    case ZIP_ER_MEMORY:
        return entryError(entry, ErrorCode::Io, libzipMessage(zipErrorCode));
    case ZIP_ER_EOF:
    case ZIP_ER_SEEK:
    case ZIP_ER_INCONS:
        return entryError(entry, ErrorCode::InvalidInput,
            tr("the archive is truncated or damaged (%1)").arg(libzipMessage(zipErrorCode)));
    default:
        return entryError(entry, ErrorCode::InvalidInput, libzipMessage(zipErrorCode));
    }
}

Status ZipArchive::read(const ZipEntry &entry, const ChunkSink &sink, ProgressReporter *progress)
{
    if (entry.encryption == Encryption::Unsupported)
        return entryError(entry, ErrorCode::InvalidInput, tr("the encryption method is not supported"));
    auto decoder = StreamDecoder::create(entry.method, entry.size, (entry.flags & 0x0002) != 0);
    if (!decoder)
        return entryError(entry, ErrorCode::InvalidInput, decoder.error().message);

    Result<FilePtr> file = openData(entry);
    if (!file)
        return file.error();
    // WinZip AES: salt + verifier, then ciphertext, then a 10-byte HMAC that is held back until the end.
    const int strength = aesStrength(entry.encryption);
    std::unique_ptr<WinZipAesDecryptor> aes;
    QByteArray macTail;
    if (strength) {
        auto started = startAes(entry, file->get());
        if (!started)
            return started.error();
        aes = std::move(started).value();
    }

    qint64 produced = 0;
    uLong crc = crc32_z(0, nullptr, 0);
    bool sinkFailed = false;
    const ChunkSink checked = [&](QByteArrayView chunk) -> Status {
        produced += chunk.size();
        if (produced > entry.size) {
            sinkFailed = true;
            return entryError(entry, ErrorCode::InvalidInput,
                tr("it produces more data than the %1 bytes it declares").arg(entry.size));
        }
        if (entry.verifiesCrc)
            crc = crc32_z(crc, reinterpret_cast<const Bytef *>(chunk.data()), size_t(chunk.size()));
        Status s = sink(chunk);
        sinkFailed = !s;
        return s;
    };
    const Error hmacFailure = entryError(entry, ErrorCode::InvalidInput,
        tr("authentication failed (HMAC mismatch): the encrypted data was modified or damaged"));

    // Never read past the entry's last byte: at EOF libzip checks the CRC of stored entries even when
    // reading raw ciphertext (ZIP_FL_ENCRYPTED), which fails every encrypted stored entry. Our own CRC
    // and HMAC checks cover the data instead.
    const qint64 rawSize
        = entry.compressedSize - (entry.encryption == Encryption::ZipCrypto ? PkwareHeaderLength : 0);
    qint64 rawRead = aes ? WinZipAesDecryptor::saltLength(strength) + WinZipAesDecryptor::VerifierLength : 0;
    QByteArray buffer(ReadChunk + WinZipAesDecryptor::MacLength, Qt::Uninitialized);
    // Reads the next piece of plaintext (still compressed); *end once the raw data is exhausted.
    const auto nextPiece = [&](qsizetype *length, bool *end) -> Status {
        const qsizetype carried = macTail.size();
        std::memcpy(buffer.data(), macTail.constData(), size_t(carried));
        const qint64 want = std::min<qint64>(ReadChunk, rawSize - rawRead);
        const zip_int64_t n
            = want > 0 ? zip_fread(file->get(), buffer.data() + carried, zip_uint64_t(want)) : 0;
        if (n < 0)
            return libzipError(entry, zip_error_code_zip(zip_file_get_error(file->get())));
        if (n == 0 && want > 0)
            return entryError(
                entry, ErrorCode::InvalidInput, tr("the archive is truncated inside this entry"));
        rawRead += n;
        qsizetype available = carried + qsizetype(n);
        if (aes) {
            const qsizetype keep = std::min(available, WinZipAesDecryptor::MacLength);
            macTail = QByteArray(buffer.constData() + available - keep, keep);
            available -= keep;
            aes->decrypt(buffer.data(), available);
        }
        *length = available;
        *end = rawRead >= rawSize;
        return success();
    };
    // Called when decoding failed: tampering shows as garbage, so report the HMAC verdict if it fails.
    const auto explain = [&](Status s) -> Status {
        if (s || sinkFailed)
            return s;
        if (aes) {
            qsizetype length = 0;
            bool end = false;
            while (!end && nextPiece(&length, &end).ok()) { }
            if (!aes->authenticate(macTail))
                return hmacFailure;
        }
        return entryError(entry, s.error().code, s.error().message);
    };

    qint64 consumed = 0;
    for (bool end = false; !end;) {
        qsizetype length = 0;
        if (Status s = nextPiece(&length, &end); !s)
            return s;
        consumed += length;
        if (Status s = explain((*decoder)->feed(QByteArrayView(buffer.constData(), length), checked)); !s)
            return s;
        if (progress) {
            progress->setProgress(consumed, entry.compressedSize);
            if (progress->isCancelled())
                return makeError(ErrorCode::Cancelled, tr("cancelled"));
        }
    }
    if (aes) {
        if (macTail.size() != WinZipAesDecryptor::MacLength)
            return entryError(entry, ErrorCode::InvalidInput, tr("the encrypted data is truncated"));
        if (!aes->authenticate(macTail))
            return hmacFailure;
    }
    if (Status s = explain((*decoder)->finish(checked)); !s)
        return s;
    if (produced != entry.size)
        return entryError(entry, ErrorCode::InvalidInput,
            tr("it ends after %1 of the %2 bytes it declares").arg(produced).arg(entry.size));
    if (entry.verifiesCrc && quint32(crc) != entry.crc)
        return entryError(entry, ErrorCode::InvalidInput,
            tr("CRC-32 mismatch (stored %1, computed %2)")
                .arg(entry.crc, 8, 16, QLatin1Char('0'))
                .arg(quint32(crc), 8, 16, QLatin1Char('0')));
    return success();
}

Result<QByteArray> ZipArchive::readAll(const ZipEntry &entry, ProgressReporter *progress)
{
    QByteArray data;
    data.reserve(qsizetype(std::min<qint64>(entry.size, qint64(1) << 30)));
    const Status s = read(
        entry,
        [&](QByteArrayView chunk) {
            data.append(chunk);
            return success();
        },
        progress);
    if (!s)
        return s.error();
    return data;
}

} // namespace tapedeck
