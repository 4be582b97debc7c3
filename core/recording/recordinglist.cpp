// SPDX-License-Identifier: MIT
// Listing recordings in a folder and reading their summaries.
#include "core/recording/recordinglist.h"

#include "core/archive/manifest.h"
#include "core/archive/recipe.h"
#include "core/archive/ziparchive.h"
#include "core/common/regularfile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>

#include <algorithm>
#include <cmath>

namespace tapedeck {

namespace {

// A recipe is a few KiB; one claiming more is not read for a summary.
constexpr qint64 MaxRecipeSize = qint64(4) << 20;

void addField(RecordingSummary &s, const QString &name, const QString &value)
{
    if (s.fields.size() >= RecordingSummary::MaxFields && !s.fields.contains(name))
        return;
    s.fields.insert(name, value.left(RecordingSummary::MaxFieldLength));
}

QString jsonScalar(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double: {
        const double d = value.toDouble();
        if (d == double(qint64(d)) && std::abs(d) < 9.0e15)
            return QString::number(qint64(d));
        return QString::number(d, 'g', 17);
    }
    case QJsonValue::String:
        return value.toString();
    default:
        return QString();
    }
}

void flattenJson(RecordingSummary &s, const QString &path, const QJsonValue &value)
{
    if (value.isObject()) {
        const QJsonObject o = value.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            flattenJson(s, path.isEmpty() ? it.key() : path + QLatin1Char('.') + it.key(), it.value());
    } else if (value.isArray()) {
        const QJsonArray a = value.toArray();
        for (qsizetype i = 0; i < a.size(); ++i)
            flattenJson(s, path + QLatin1Char('[') + QString::number(i) + QLatin1Char(']'), a.at(i));
    } else if (!value.isNull() && !value.isUndefined()) {
        addField(s, path, jsonScalar(value));
    }
}

void flattenRecipe(RecordingSummary &s, const QString &path, const RecipeNode &node)
{
    if (node.type == RecipeNode::Type::Scalar) {
        addField(s, path, node.isNull() ? QString() : node.value);
        return;
    }
    for (qsizetype i = 0; i < node.children.size(); ++i) {
        const RecipeNode &child = node.children.at(i);
        const QString childPath = node.type == RecipeNode::Type::Sequence
            ? QString(path + QLatin1Char('[') + QString::number(i) + QLatin1Char(']'))
            : QString(path + QLatin1Char('.') + child.key);
        flattenRecipe(s, childPath, child);
    }
}

void applyManifest(RecordingSummary &s, const QByteArray &json, const QString &origin)
{
    Result<Manifest> manifest = Manifest::parse(json, origin);
    if (!manifest) {
        s.problem = manifest.error();
        return;
    }
    s.manifestRead = true;
    if (!manifest->runId.isEmpty())
        s.runId = manifest->runId;
    s.sourceType = manifest->sourceType;
    s.sinkType = manifest->sinkType;
    s.createdAt = manifest->createdAt;
    s.hasException = manifest->hasException;
    if (manifest->exception) {
        s.exceptionType = manifest->exception->type;
        s.exceptionMessage = manifest->exception->message;
    }
    // The checksum table and the file list say nothing to search by.
    for (auto it = manifest->object.begin(); it != manifest->object.end(); ++it) {
        if (it.key() != QLatin1String("checksums") && it.key() != QLatin1String("files"))
            flattenJson(s, it.key(), it.value());
    }
}

void applyRecipe(RecordingSummary &s, const QByteArray &yaml, const QString &origin)
{
    Result<Recipe> recipe = Recipe::parse(yaml, origin);
    if (!recipe) {
        s.recipeProblem = recipe.error();
        return;
    }
    s.recipeRead = true;
    flattenRecipe(s, QStringLiteral("recipe"), recipe->root);
}

// A file of an extracted recording folder, or nullopt (with the problem noted) when it cannot be read.
std::optional<QByteArray> readSmallFile(const QString &path, qint64 maxSize, std::optional<Error> &problem)
{
    QFile file;
    if (Status opened = RegularFile::open(file, path); !opened) {
        problem = opened.error();
        return std::nullopt;
    }
    if (file.size() > maxSize) {
        problem = makeError(ErrorCode::InvalidInput, RecordingList::tr("%1 is implausibly large").arg(path));
        return std::nullopt;
    }
    return file.readAll();
}

void readFolder(RecordingSummary &s)
{
    const QDir dir(s.path);
    if (const std::optional<QByteArray> json
        = readSmallFile(dir.filePath(Manifest::FileName), Manifest::MaxSize, s.problem))
        applyManifest(s, *json, dir.filePath(Manifest::FileName));
    if (!s.manifestRead)
        return;
    const QString recipePath = dir.filePath(Recipe::FileName);
    if (!QFileInfo::exists(recipePath) && !QFileInfo(recipePath).isSymLink())
        return;
    if (const std::optional<QByteArray> yaml = readSmallFile(recipePath, MaxRecipeSize, s.recipeProblem))
        applyRecipe(s, *yaml, recipePath);
}

} // namespace

QDateTime RecordingSummary::created() const
{
    if (createdAt.isEmpty())
        return {};
    const QDateTime t = QDateTime::fromString(createdAt, Qt::ISODateWithMs);
    return t.isValid() ? t.toUTC() : QDateTime();
}

void RecordingList::readArchive(
    ZipArchive &archive, const std::optional<QString> &password, RecordingSummary &s)
{
    s.archiveOpened = true;
    s.encrypted = archive.isEncrypted();
    const ZipEntry *entry = archive.find(Manifest::FileName);
    if (!entry) {
        s.problem = makeError(
            ErrorCode::InvalidInput, RecordingList::tr("%1 has no manifest.json").arg(archive.displayName()));
        return;
    }
    if (archive.isEncrypted() && password)
        archive.setPassword(*password);
    if (entry->isEncrypted() && !password) {
        s.problem = makeError(ErrorCode::Password, RecordingList::tr("locked (no password given)"));
        return;
    }
    if (entry->size > Manifest::MaxSize) {
        s.problem
            = makeError(ErrorCode::InvalidInput, RecordingList::tr("manifest.json is implausibly large"));
        return;
    }
    Result<QByteArray> json = archive.readAll(*entry);
    if (!json) {
        s.problem = json.error();
        return;
    }
    applyManifest(s, *json, s.path + QLatin1String("/manifest.json"));
    if (!s.manifestRead)
        return;

    const ZipEntry *recipe = archive.find(Recipe::FileName);
    if (!recipe)
        return;
    if (recipe->isEncrypted() && !password) {
        s.recipeProblem = makeError(ErrorCode::Password, RecordingList::tr("locked (no password given)"));
        return;
    }
    if (recipe->size > MaxRecipeSize) {
        s.recipeProblem
            = makeError(ErrorCode::InvalidInput, RecordingList::tr("recipe.yaml is implausibly large"));
        return;
    }
    Result<QByteArray> yaml = archive.readAll(*recipe);
    if (!yaml) {
        s.recipeProblem = yaml.error();
        return;
    }
    applyRecipe(s, *yaml, s.path + QLatin1String("/recipe.yaml"));
}

QString RecordingList::runIdFromFileName(const QString &fileName)
{
    const QString base = QFileInfo(fileName).completeBaseName();
    return base.startsWith(QLatin1String("recording-")) ? base.mid(10) : QString();
}

Result<QFileInfoList> RecordingList::find(const QString &folder)
{
    const QFileInfo folderInfo(folder);
    if (!folderInfo.exists())
        return makeError(ErrorCode::Io, tr("the folder %1 does not exist").arg(folder));
    if (!folderInfo.isDir())
        return makeError(ErrorCode::Io, tr("%1 is not a folder").arg(folder));
    const QDir dir(folder);

    QFileInfoList found;
    // System: a FIFO, socket or device named *.zip is listed as unreadable (and never opened), not hidden.
    const QFileInfoList infos
        = dir.entryInfoList(QDir::Files | QDir::Dirs | QDir::System | QDir::NoDotAndDotDot | QDir::Readable);
    for (const QFileInfo &info : infos) {
        if (info.isDir()) {
            const QString manifestPath = QDir(info.absoluteFilePath()).filePath(Manifest::FileName);
            if (QFileInfo::exists(manifestPath) || QFileInfo(manifestPath).isSymLink())
                found.append(info);
        } else if (info.suffix().compare(QLatin1String("zip"), Qt::CaseInsensitive) == 0) {
            found.append(info);
        }
    }
    return found;
}

RecordingSummary RecordingList::read(const QFileInfo &info, const std::optional<QString> &password)
{
    RecordingSummary s;
    s.path = info.absoluteFilePath();
    s.modified = info.lastModified();
    if (info.isDir()) {
        s.isDirectory = true;
        readFolder(s);
        return s;
    }
    s.size = info.size();
    // A run id even for locked archives.
    s.runId = runIdFromFileName(info.fileName());
    auto archive = ZipArchive::open(s.path);
    if (!archive) {
        s.problem = archive.error();
        return s;
    }
    readArchive(**archive, password, s);
    return s;
}

Result<QList<RecordingSummary>> RecordingList::scan(
    const QString &folder, const std::optional<QString> &password)
{
    const Result<QFileInfoList> found = find(folder);
    if (!found)
        return found.error();
    QList<RecordingSummary> list;
    list.reserve(found->size());
    for (const QFileInfo &info : *found)
        list.append(read(info, password));
    std::stable_sort(list.begin(), list.end(), [](const RecordingSummary &a, const RecordingSummary &b) {
        const QDateTime ta
            = a.createdAt.isEmpty() ? a.modified : QDateTime::fromString(a.createdAt, Qt::ISODateWithMs);
        const QDateTime tb
            = b.createdAt.isEmpty() ? b.modified : QDateTime::fromString(b.createdAt, Qt::ISODateWithMs);
        return ta > tb;
    });
    return list;
}

} // namespace tapedeck
