// SPDX-License-Identifier: MIT
// Writing recording archives through libzip (WinZip AES-256, deflate or store).
#include "core/archive/packer.h"

#include "core/archive/entryname.h"
#include "core/archive/manifest.h"
#include "core/archive/recipe.h"
#include "core/common/regularfile.h"
#include "core/common/sha256.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

#include <sys/stat.h>
#include <zip.h>

namespace tapedeck {

namespace {

struct Callbacks
{
    ProgressReporter *progress = nullptr;
};

void onProgress(zip_t *, double fraction, void *state)
{
    auto *callbacks = static_cast<Callbacks *>(state);
    if (callbacks->progress)
        callbacks->progress->setProgress(qint64(fraction * 1000.0), 1000);
}

int onCancel(zip_t *, void *state)
{
    auto *callbacks = static_cast<Callbacks *>(state);
    return callbacks->progress && callbacks->progress->isCancelled() ? 1 : 0;
}

Result<QByteArray> hashFile(const QString &path)
{
    QFile file;
    if (Status s = RegularFile::open(file, path, RegularFile::Links::Refuse); !s)
        return s.error();
    Sha256 hash;
    QByteArray buffer(256 * 1024, Qt::Uninitialized);
    for (;;) {
        const qint64 n = file.read(buffer.data(), buffer.size());
        if (n < 0)
            return makeError(
                ErrorCode::Io, Packer::tr("%1 could not be read: %2").arg(path, file.errorString()));
        if (n == 0)
            break;
        hash.addData(QByteArrayView(buffer.constData(), qsizetype(n)));
    }
    return hash.hexResult();
}

} // namespace

Result<PackReport> Packer::pack(const PackOptions &options, ProgressReporter *progress)
{
    const QFileInfo sourceInfo(options.sourceDir);
    if (!sourceInfo.isDir())
        return makeError(ErrorCode::Io, tr("%1 is not a folder").arg(options.sourceDir));
    const QDir root(sourceInfo.absoluteFilePath());
    if (options.password.isEmpty())
        return makeError(ErrorCode::Password, tr("a password is needed to create an encrypted archive"));

    QStringList others;
    QDirIterator it(root.path(), QDir::Files | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
        QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        const QString relative = root.relativeFilePath(it.filePath());
        if (it.fileInfo().isSymLink())
            return makeError(ErrorCode::InvalidInput,
                tr("%1 is a symbolic link; recordings hold regular files only").arg(it.filePath()));
        struct stat st
        {
        };
        if (::lstat(QFile::encodeName(it.filePath()).constData(), &st) == 0 && !S_ISREG(st.st_mode))
            return makeError(ErrorCode::InvalidInput,
                tr("%1 is %2; recordings hold regular files only")
                    .arg(it.filePath(), RegularFile::kindOf(st.st_mode)));
        if (const std::optional<QString> reason = EntryName::unsafeReason(relative))
            return makeError(ErrorCode::InvalidInput, tr("%1 cannot be stored: %2").arg(relative, *reason));
        if (relative != Manifest::FileName && relative != Recipe::FileName)
            others.append(relative);
    }
    others.sort();

    const QString manifestPath = root.filePath(Manifest::FileName);
    if (!QFileInfo::exists(manifestPath))
        return makeError(ErrorCode::InvalidInput,
            tr("%1 has no manifest.json; pack expects an extracted recording").arg(root.path()));
    QFile manifestFile;
    if (Status s = RegularFile::open(manifestFile, manifestPath, RegularFile::Links::Refuse); !s)
        return s.error();
    if (manifestFile.size() > Manifest::MaxSize)
        return makeError(ErrorCode::InvalidInput, tr("%1 is implausibly large").arg(manifestPath));
    Result<Manifest> manifest = Manifest::parse(manifestFile.readAll(), manifestPath);
    if (!manifest)
        return manifest.error();

    PackReport report;
    for (const QString &file : std::as_const(others)) {
        Result<QByteArray> digest = hashFile(root.filePath(file));
        if (!digest)
            return digest.error();
        report.checksums.insert(file, QString::fromLatin1(*digest));
        report.bytes += QFileInfo(root.filePath(file)).size();
    }
    const QByteArray manifestJson = manifest->toJson(report.checksums);

    const QFileInfo outputInfo(options.output);
    if (outputInfo.exists() && !options.force)
        return makeError(ErrorCode::Io,
            tr("%1 already exists; use --force to replace it").arg(outputInfo.absoluteFilePath()));
    if (outputInfo.isDir())
        return makeError(ErrorCode::Io, tr("%1 is a folder").arg(outputInfo.absoluteFilePath()));

    int code = ZIP_ER_OK;
    zip_t *z = zip_open(
        QFile::encodeName(outputInfo.absoluteFilePath()).constData(), ZIP_CREATE | ZIP_TRUNCATE, &code);
    if (!z) {
        zip_error_t error;
        zip_error_init_with_code(&error, code);
        const QString message = QString::fromUtf8(zip_error_strerror(&error));
        zip_error_fini(&error);
        return makeError(
            ErrorCode::Io, tr("%1 could not be created: %2").arg(outputInfo.absoluteFilePath(), message));
    }
    const auto fail = [&](const QString &what) -> Error {
        const QString message
            = tr("%1 could not be written (%2): %3")
                  .arg(outputInfo.absoluteFilePath(), what, QString::fromUtf8(zip_strerror(z)));
        zip_discard(z);
        return makeError(ErrorCode::Io, message);
    };
    const QByteArray password = options.password.toUtf8();
    const auto add = [&](const QString &name, zip_source_t *source) -> bool {
        if (!source)
            return false;
        const zip_int64_t index = zip_file_add(z, name.toUtf8().constData(), source, ZIP_FL_ENC_UTF_8);
        if (index < 0) {
            zip_source_free(source);
            return false;
        }
        return zip_set_file_compression(
                   z, zip_uint64_t(index), options.store ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 0)
            == 0
            && zip_file_set_encryption(z, zip_uint64_t(index), ZIP_EM_AES_256, password.constData()) == 0
            // Regular file, mode 0600: tools that honour Unix attributes extract it private.
            && zip_file_set_external_attributes(z, zip_uint64_t(index), 0, ZIP_OPSYS_UNIX, (0100600u) << 16)
            == 0;
    };

    if (!add(Manifest::FileName,
            zip_source_buffer(z, manifestJson.constData(), zip_uint64_t(manifestJson.size()), 0)))
        return fail(Manifest::FileName);
    report.files.append(Manifest::FileName);
    if (root.exists(Recipe::FileName)) {
        if (!add(Recipe::FileName,
                zip_source_file(z, QFile::encodeName(root.filePath(Recipe::FileName)).constData(), 0, -1)))
            return fail(Recipe::FileName);
        report.files.append(Recipe::FileName);
    }
    for (const QString &file : std::as_const(others)) {
        if (!add(file, zip_source_file(z, QFile::encodeName(root.filePath(file)).constData(), 0, -1)))
            return fail(file);
        report.files.append(file);
    }

    Callbacks callbacks { progress };
    zip_register_progress_callback_with_state(z, 0.01, onProgress, nullptr, &callbacks);
    zip_register_cancel_callback_with_state(z, onCancel, nullptr, &callbacks);
    if (zip_close(z) != 0) {
        if (progress && progress->isCancelled()) {
            zip_discard(z);
            return makeError(ErrorCode::Cancelled, tr("cancelled"));
        }
        return fail(tr("closing"));
    }
    report.archiveSize = QFileInfo(outputInfo.absoluteFilePath()).size();
    return report;
}

} // namespace tapedeck
