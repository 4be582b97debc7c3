// SPDX-License-Identifier: MIT
// The replay recipe: recipe.yaml read by the recipe parser (its limits apply), rewritten as a tree and
// written with libyaml's emitter.
#include "core/replay/replayrecipe.h"

#include "core/archive/recipe.h"

#include <QUrl>

#include <algorithm>
#include <climits>
#include <memory>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <yaml.h>

namespace tapedeck::replay {

namespace {

const QString StrTag = QStringLiteral("tag:yaml.org,2002:str");
const QString MergeTag = QStringLiteral("tag:yaml.org,2002:merge");

// Sources that speak the PostgreSQL protocol and take `host_port` (and `sqlalchemy_uri`) from
// BasicSQLAlchemyConfig (DataHub's source/sql/sql_config.py): postgres (sql/postgres/source.py), redshift
// (redshift/config.py, through redshift_connector), and the PostgresConfig subclasses cockroachdb and
// risingwave.
const QStringList PostgresSources = { QStringLiteral("postgres"), QStringLiteral("redshift"),
    QStringLiteral("cockroachdb"), QStringLiteral("risingwave") };
// URI schemes of SQLAlchemy dialects that speak the PostgreSQL protocol (the generic `sqlalchemy` source's
// connect_uri): "postgresql", "postgresql+psycopg2", "redshift+redshift_connector", "cockroachdb+psycopg2".
const QStringList PostgresSchemes
    = { QStringLiteral("postgres"), QStringLiteral("redshift"), QStringLiteral("cockroachdb") };

// DatahubClientConfig's TLS settings (DataHub's ingestion/graph/config.py). They name files and trust of
// the recording's machine and GMS; Tapedeck's endpoint needs none of them (its CA, when it speaks TLS,
// comes through REQUESTS_CA_BUNDLE, which a recorded ca_certificate_path would override).
const QStringList TlsKeys
    = { QStringLiteral("ca_certificate_path"), QStringLiteral("client_certificate_path"),
          QStringLiteral("client_key_path"), QStringLiteral("disable_ssl_verification") };

struct Context
{
    QString origin;
    QStringList changes;
    QStringList notes;
    QByteArray privateKey; // made on first use
};

// Whether a key is a Python str equal to name once PyYAML has read it.
bool keyIs(const RecipeNode &node, QStringView name)
{
    return !node.keyComplex && (node.keyTag.isEmpty() || node.keyTag == StrTag) && node.key == name;
}

bool isStringScalar(const RecipeNode &node)
{
    return node.type == RecipeNode::Type::Scalar && (node.tag.isEmpty() || node.tag == StrTag);
}

// The entry PyYAML keeps for a key: the last one written (a later duplicate replaces an earlier one).
RecipeNode *findLast(RecipeNode &mapping, QStringView key)
{
    if (mapping.type != RecipeNode::Type::Mapping)
        return nullptr;
    for (qsizetype i = mapping.children.size() - 1; i >= 0; --i) {
        if (keyIs(mapping.children.at(i), key))
            return &mapping.children[i];
    }
    return nullptr;
}

// Whether PyYAML reads the text, unquoted, as a str: it starts with a letter, holds nothing a plain
// scalar cannot, and is no YAML 1.1 bool or null word (PyYAML's resolver, which DataHub's loader uses).
bool plainIsString(QStringView text)
{
    if (text.isEmpty()
        || !(
            (text.front() >= u'a' && text.front() <= u'z') || (text.front() >= u'A' && text.front() <= u'Z')))
        return false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t u = text.at(i).unicode();
        const bool ok = (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9')
            || u == u'.' || u == u'_' || u == u'-' || u == u'/' || u == u'+' || u == u'@'
            || (u == u':' && i + 1 < text.size()); // "a:" would end in a mapping indicator
        if (!ok)
            return false;
    }
    static const QStringList words = { QStringLiteral("yes"), QStringLiteral("no"), QStringLiteral("true"),
        QStringLiteral("false"), QStringLiteral("on"), QStringLiteral("off"), QStringLiteral("null"),
        QStringLiteral("y"), QStringLiteral("n") };
    return !words.contains(text.toString(), Qt::CaseInsensitive);
}

RecipeNode stringNode(const QString &value)
{
    RecipeNode node;
    node.type = RecipeNode::Type::Scalar;
    node.value = value;
    node.plain = plainIsString(value); // else written quoted, so that it stays a string
    return node;
}

RecipeNode boolNode(bool value)
{
    RecipeNode node;
    node.type = RecipeNode::Type::Scalar;
    node.value = value ? QStringLiteral("true") : QStringLiteral("false");
    return node;
}

RecipeNode entry(const QString &key, RecipeNode value)
{
    value.key = key;
    value.keyTag.clear();
    value.keyPlain = plainIsString(key);
    value.keyComplex = false;
    return value;
}

RecipeNode mappingNode(QList<RecipeNode> entries)
{
    RecipeNode node;
    node.type = RecipeNode::Type::Mapping;
    node.children = std::move(entries);
    return node;
}

// Puts value under key: in place of the entry PyYAML keeps, else first.
void setEntry(RecipeNode &mapping, const QString &key, RecipeNode value)
{
    if (RecipeNode *existing = findLast(mapping, key)) {
        RecipeNode replacement = std::move(value);
        replacement.key = existing->key;
        replacement.keyTag = existing->keyTag;
        replacement.keyPlain = existing->keyPlain;
        replacement.keyComplex = false;
        *existing = std::move(replacement);
    } else {
        mapping.children.prepend(entry(key, std::move(value)));
    }
}

// Removes every entry of the key; whether there was one.
bool removeEntries(RecipeNode &mapping, QStringView key)
{
    return mapping.children.removeIf([&](const RecipeNode &n) { return keyIs(n, key); }) > 0;
}

QString childPath(const QString &path, const RecipeNode &parent, qsizetype index)
{
    if (parent.type == RecipeNode::Type::Sequence)
        return path + QLatin1Char('[') + QString::number(index) + QLatin1Char(']');
    const QString &key = parent.children.at(index).key;
    return path.isEmpty() ? key : path + QLatin1Char('.') + key;
}

// Python's str.lower(), as far as a substring test for ASCII words can tell: Qt's simple case mapping
// lower-cases U+0130 to "i", Python's full mapping to "i" and U+0307, which makes no "private_key".
QString pythonLower(QString text)
{
    text.replace(QChar(0x0130), QStringLiteral("i\u0307"));
    return text.toLower();
}

Result<QByteArray> makePrivateKey()
{
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(EVP_RSA_gen(2048), &EVP_PKEY_free);
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), &BIO_free);
    // PEM_write_bio_PrivateKey writes PKCS#8 ("BEGIN PRIVATE KEY"), as DataHub's key is.
    if (!key || !bio
        || !PEM_write_bio_PrivateKey(bio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr))
        return makeError(ErrorCode::Io,
            ReplayRecipe::tr("OpenSSL could not make the RSA test key for private_key fields"));
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    return QByteArray(data, qsizetype(size));
}

// Checks the keys PyYAML would refuse or merge, and replaces the markers as DataHub's
// prepare_recipe_for_replay does (recording/archive.py, _replace_markers_recursive and
// _get_dummy_value_for_field): a value equal to the marker — not one merely holding it — becomes the
// PKCS#8 test key when its key, lower-cased, contains "private_key" or "private-key", else
// "replay-mode-no-secret-needed"; items of a list take the key of the mapping entry holding the list.
Status rewriteMarkers(RecipeNode &node, const QString &parentKey, const QString &path, Context &ctx)
{
    if (node.type == RecipeNode::Type::Scalar) {
        if (!isStringScalar(node) || node.value != Recipe::ReplayDummyMarker)
            return success();
        const QString lower = pythonLower(parentKey);
        if (lower.contains(QLatin1String("private_key")) || lower.contains(QLatin1String("private-key"))) {
            if (ctx.privateKey.isEmpty()) {
                Result<QByteArray> key = replayTestPrivateKey();
                if (!key)
                    return key.error();
                ctx.privateKey = std::move(key).value();
            }
            node.value = QString::fromLatin1(ctx.privateKey);
            node.plain = false;
            ctx.changes.append(ReplayRecipe::tr("%1: %2 → an RSA test key (PKCS#8 PEM)")
                                   .arg(path, Recipe::ReplayDummyMarker));
        } else {
            node.value = ReplayDummyValue;
            node.plain = true;
            ctx.changes.append(
                ReplayRecipe::tr("%1: %2 → %3").arg(path, Recipe::ReplayDummyMarker, ReplayDummyValue));
        }
        node.tag.clear();
        return success();
    }
    const bool mapping = node.type == RecipeNode::Type::Mapping;
    for (qsizetype i = 0; i < node.children.size(); ++i) {
        RecipeNode &child = node.children[i];
        if (mapping && child.keyComplex) {
            return makeError(ErrorCode::InvalidInput,
                ReplayRecipe::tr(
                    "%1: the key at line %2 is a mapping or a sequence, which DataHub's YAML reader refuses")
                    .arg(ctx.origin)
                    .arg(child.line));
        }
        if (mapping && child.keyPlain && (child.keyTag.isEmpty() || child.keyTag == MergeTag)
            && child.key == QLatin1String("<<")) {
            return makeError(ErrorCode::InvalidInput,
                ReplayRecipe::tr(
                    "%1: line %2 merges a mapping in with \"<<\", which Tapedeck does not rewrite (DataHub "
                    "never writes one)")
                    .arg(ctx.origin)
                    .arg(child.line));
        }
        const QString path2 = childPath(path, node, i);
        if (Status s = rewriteMarkers(child, mapping ? child.key : parentKey, path2, ctx); !s)
            return s;
    }
    return success();
}

QString shownUrl(const QString &url)
{
    const QUrl u(url);
    return u.isValid() ? u.toString(QUrl::RemoveUserInfo) : url;
}

// The server and TLS settings of a DatahubClientConfig mapping (the sink's config, datahub_api).
void pointClientConfig(RecipeNode &config, const QString &path, const QString &gmsUrl, Context &ctx)
{
    const RecipeNode *server = findLast(config, QStringLiteral("server"));
    if (!server) {
        ctx.changes.append(ReplayRecipe::tr("%1.server: set to %2").arg(path, gmsUrl));
        setEntry(config, QStringLiteral("server"), stringNode(gmsUrl));
    } else if (!isStringScalar(*server) || server->value != gmsUrl) {
        ctx.changes.append(ReplayRecipe::tr("%1.server: %2 → %3").arg(path, shownUrl(server->value), gmsUrl));
        setEntry(config, QStringLiteral("server"), stringNode(gmsUrl));
    }
    for (const QString &key : TlsKeys) {
        if (removeEntries(config, key))
            ctx.changes.append(
                ReplayRecipe::tr("%1.%2: removed (Tapedeck's GMS endpoint needs no certificate settings)")
                    .arg(path, key));
    }
}

// DataHub's air-gapped replay swaps the sink for a file sink (recording/replay.py,
// IngestionReplayer.__enter__) so nothing talks to GMS. Tapedeck keeps a datahub-rest sink and points it at
// its own GMS endpoint instead: the MCPs arrive over HTTP as they did when recording, and the endpoint
// captures them. A datahub-rest sink keeps its settings (mode, batching, token — by now a dummy —,
// headers, retries), which shape the requests the recording holds; any other sink is replaced whole, its
// settings meaning nothing to datahub-rest.
void pointSink(RecipeNode &root, const QString &gmsUrl, Context &ctx)
{
    const QString restType = QStringLiteral("datahub-rest");
    RecipeNode *sink = findLast(root, QStringLiteral("sink"));
    if (!sink) {
        root.children.append(entry(QStringLiteral("sink"),
            mappingNode({ entry(QStringLiteral("type"), stringNode(restType)),
                entry(QStringLiteral("config"),
                    mappingNode({ entry(QStringLiteral("server"), stringNode(gmsUrl)) })) })));
        ctx.changes.append(ReplayRecipe::tr("sink: added (%1 at %2)").arg(restType, gmsUrl));
        return;
    }
    const RecipeNode *type
        = sink->type == RecipeNode::Type::Mapping ? findLast(*sink, QStringLiteral("type")) : nullptr;
    if (!type || !isStringScalar(*type) || type->value != restType) {
        const QString was = type && type->type == RecipeNode::Type::Scalar ? type->value : QString();
        RecipeNode replacement = mappingNode({ entry(QStringLiteral("type"), stringNode(restType)),
            entry(QStringLiteral("config"),
                mappingNode({ entry(QStringLiteral("server"), stringNode(gmsUrl)) })) });
        replacement.key = sink->key;
        replacement.keyTag = sink->keyTag;
        replacement.keyPlain = sink->keyPlain;
        *sink = std::move(replacement);
        ctx.changes.append(was.isEmpty()
                ? ReplayRecipe::tr("sink: replaced by %1 at %2").arg(restType, gmsUrl)
                : ReplayRecipe::tr("sink: %1 replaced by %2 at %3").arg(was, restType, gmsUrl));
        return;
    }
    RecipeNode *config = findLast(*sink, QStringLiteral("config"));
    if (!config || config->type != RecipeNode::Type::Mapping) {
        setEntry(*sink, QStringLiteral("config"), mappingNode({}));
        config = findLast(*sink, QStringLiteral("config"));
    }
    pointClientConfig(*config, QStringLiteral("sink.config"), gmsUrl, ctx);
}

bool isDisabledStatefulIngestion(const RecipeNode &node)
{
    static const QStringList falseWords = { QStringLiteral("false"), QStringLiteral("False"),
        QStringLiteral("FALSE"), QStringLiteral("no"), QStringLiteral("No"), QStringLiteral("NO"),
        QStringLiteral("off"), QStringLiteral("Off"), QStringLiteral("OFF") };
    return node.type == RecipeNode::Type::Mapping && node.children.size() == 1
        && keyIs(node.children.first(), QStringLiteral("enabled"))
        && node.children.first().type == RecipeNode::Type::Scalar && node.children.first().plain
        && node.children.first().tag.isEmpty() && falseWords.contains(node.children.first().value);
}

// host_port as BasicSQLAlchemyConfig reads it: "host:port", split at the last ':' (make_sqlalchemy_uri),
// so an IPv6 address goes in brackets.
QString hostPort(const QString &host, quint16 port)
{
    const QString h = host.contains(QLatin1Char(':')) && !host.startsWith(QLatin1Char('['))
        ? QLatin1Char('[') + host + QLatin1Char(']')
        : host;
    return h + QLatin1Char(':') + QString::number(port);
}

// A URI with its host and port (all of them, for libpq's "h1:p1,h2:p2") replaced, user, password, path
// and query kept byte for byte; nullopt when it has no "scheme://" authority.
std::optional<QString> withHostPort(const QString &uri, const QString &hostPortText)
{
    const qsizetype scheme = uri.indexOf(QLatin1String("://"));
    if (scheme <= 0)
        return std::nullopt;
    const qsizetype start = scheme + 3;
    qsizetype end = start;
    while (end < uri.size() && uri.at(end) != u'/' && uri.at(end) != u'?' && uri.at(end) != u'#')
        ++end;
    const qsizetype at = uri.mid(start, end - start).lastIndexOf(QLatin1Char('@'));
    const qsizetype hostStart = at < 0 ? start : start + at + 1;
    return uri.left(hostStart) + hostPortText + uri.mid(end);
}

bool hasPostgresScheme(const QString &uri)
{
    const QString scheme = uri.section(QLatin1String("://"), 0, 0).toLower();
    return std::any_of(PostgresSchemes.cbegin(), PostgresSchemes.cend(), [&](const QString &s) {
        return scheme == s || scheme.startsWith(s + QLatin1Char('+')) || scheme == s + QLatin1String("ql");
    });
}

void rewriteUri(RecipeNode &config, const QString &key, const QString &hostPortText, Context &ctx)
{
    RecipeNode *uri = findLast(config, key);
    if (!uri || !isStringScalar(*uri))
        return;
    const QString path = QLatin1String("source.config.") + key;
    if (const std::optional<QString> rewritten = withHostPort(uri->value, hostPortText)) {
        if (*rewritten != uri->value) {
            uri->value = *rewritten;
            uri->plain = uri->plain && plainIsString(*rewritten);
            // The URI may hold a real password (DataHub does not redact sqlalchemy_uri): it is not shown.
            ctx.changes.append(ReplayRecipe::tr("%1: host and port → %2").arg(path, hostPortText));
        }
    } else {
        ctx.notes.append(
            ReplayRecipe::tr("%1 is no URI with a host Tapedeck could replace; it stays as recorded")
                .arg(path));
    }
}

void pointPostgres(RecipeNode &source, const ReplayRecipeOptions &options, Context &ctx)
{
    const RecipeNode *typeNode = findLast(source, QStringLiteral("type"));
    const QString type = typeNode && isStringScalar(*typeNode) ? typeNode->value : QString();
    RecipeNode *config = findLast(source, QStringLiteral("config"));
    const QString target = hostPort(options.postgresHost.value_or(QStringLiteral("127.0.0.1")),
        options.postgresPort.value_or(quint16(5432)));

    if (PostgresSources.contains(type)) {
        if (!config || config->type != RecipeNode::Type::Mapping) {
            setEntry(source, QStringLiteral("config"), mappingNode({}));
            config = findLast(source, QStringLiteral("config"));
        }
        // database stays: the URNs are made from it. username and password stay too: the endpoint takes any.
        const RecipeNode *old = findLast(*config, QStringLiteral("host_port"));
        if (!old)
            ctx.changes.append(ReplayRecipe::tr("source.config.host_port: set to %1").arg(target));
        else if (!isStringScalar(*old) || old->value != target)
            ctx.changes.append(ReplayRecipe::tr("source.config.host_port: %1 → %2").arg(old->value, target));
        setEntry(*config, QStringLiteral("host_port"), stringNode(target));
        // It takes precedence over host_port (SQLAlchemyConnectionConfig.get_sql_alchemy_url).
        rewriteUri(*config, QStringLiteral("sqlalchemy_uri"), target, ctx);
        return;
    }
    if (!config || config->type != RecipeNode::Type::Mapping)
        return;
    if (type == QLatin1String("sqlalchemy")) {
        const RecipeNode *uri = findLast(*config, QStringLiteral("connect_uri"));
        if (uri && isStringScalar(*uri) && hasPostgresScheme(uri->value)) {
            rewriteUri(*config, QStringLiteral("connect_uri"), target, ctx);
            return;
        }
    }
    for (const QString &key :
        { QStringLiteral("host_port"), QStringLiteral("connect_uri"), QStringLiteral("sqlalchemy_uri") }) {
        if (findLast(*config, key)) {
            ctx.notes.append(
                ReplayRecipe::tr("source.config.%1 stays as recorded: source type \"%2\" does not "
                                 "speak the PostgreSQL protocol of Tapedeck's SQL endpoint")
                    .arg(key, type));
        }
    }
}

// libyaml's emitter over the tree. Block style throughout (libyaml writes empty collections as {} and []);
// a scalar read unquoted is written unquoted, so a reader resolves it as before (123 stays an int, true a
// bool, ~ null), and a quoted one quoted, so it stays a string; explicit tags are kept.
class Writer
{
public:
    Writer()
    {
        m_ok = yaml_emitter_initialize(&m_emitter);
        if (!m_ok)
            return;
        yaml_emitter_set_output(&m_emitter, &Writer::append, &m_out);
        yaml_emitter_set_unicode(&m_emitter, 1);
        yaml_emitter_set_width(&m_emitter, -1); // no folding of long lines
        yaml_emitter_set_indent(&m_emitter, 2);
        yaml_emitter_set_break(&m_emitter, YAML_LN_BREAK);
    }
    ~Writer()
    {
        if (m_ok)
            yaml_emitter_delete(&m_emitter);
    }
    Q_DISABLE_COPY_MOVE(Writer)

    Result<QByteArray> write(const RecipeNode &root)
    {
        if (!m_ok)
            return makeError(ErrorCode::Io, ReplayRecipe::tr("the YAML writer could not be initialised"));
        yaml_event_t event;
        yaml_stream_start_event_initialize(&event, YAML_UTF8_ENCODING);
        bool ok = put(event);
        ok = ok && yaml_document_start_event_initialize(&event, nullptr, nullptr, nullptr, 1) && put(event);
        ok = ok && node(root);
        ok = ok && yaml_document_end_event_initialize(&event, 1) && put(event);
        ok = ok && yaml_stream_end_event_initialize(&event) && put(event);
        ok = ok && yaml_emitter_flush(&m_emitter);
        if (!ok) {
            return makeError(ErrorCode::Io,
                ReplayRecipe::tr("the YAML writer failed: %1")
                    .arg(QString::fromUtf8(m_emitter.problem ? m_emitter.problem : "out of memory")));
        }
        return m_out;
    }

private:
    static int append(void *data, unsigned char *buffer, size_t size)
    {
        static_cast<QByteArray *>(data)->append(reinterpret_cast<const char *>(buffer), qsizetype(size));
        return 1;
    }

    bool put(yaml_event_t &event) { return yaml_emitter_emit(&m_emitter, &event); }

    bool scalar(const QString &text, const QString &tag, bool plain, bool key)
    {
        QByteArray value = text.toUtf8();
        if (key && plain && value.isEmpty())
            value = "~"; // an empty unquoted key is null; libyaml would quote it empty
        if (value.size() > INT_MAX)
            return false;
        const QByteArray tagBytes = tag.toUtf8();
        const auto *tagData
            = tag.isEmpty() ? nullptr : reinterpret_cast<const yaml_char_t *>(tagBytes.constData());
        // "\n" reads best in a literal block. YAML 1.1 (PyYAML, libyaml) also breaks lines at "\r", U+0085,
        // U+2028 and U+2029 and YAML 1.2 does not: text holding them goes in double quotes, escaped, which
        // every reader reads alike. An unquoted scalar holding a break was folded from several lines and is
        // a string, so quoting it keeps its type. libyaml itself falls back to double quotes wherever a
        // block or single quotes could not hold the text exactly.
        static const QString otherBreaks = QStringLiteral("\r\u0085\u2028\u2029");
        const bool lineFeed = text.contains(QLatin1Char('\n'));
        const bool otherBreak
            = std::any_of(text.cbegin(), text.cend(), [](QChar c) { return otherBreaks.contains(c); });
        if (lineFeed || otherBreak)
            plain = false;
        yaml_scalar_style_t style = YAML_PLAIN_SCALAR_STYLE;
        int plainImplicit = tag.isEmpty();
        if (!plain) {
            style = otherBreak ? YAML_DOUBLE_QUOTED_SCALAR_STYLE
                : lineFeed     ? YAML_LITERAL_SCALAR_STYLE
                               : YAML_SINGLE_QUOTED_SCALAR_STYLE;
            plainImplicit = 0;
        }
        yaml_event_t event;
        return yaml_scalar_event_initialize(&event, nullptr, tagData,
                   reinterpret_cast<const yaml_char_t *>(value.constData()), int(value.size()), plainImplicit,
                   tag.isEmpty(), style)
            && put(event);
    }

    bool node(const RecipeNode &n)
    {
        const QByteArray tagBytes = n.tag.toUtf8();
        const auto *tag
            = n.tag.isEmpty() ? nullptr : reinterpret_cast<const yaml_char_t *>(tagBytes.constData());
        yaml_event_t event;
        switch (n.type) {
        case RecipeNode::Type::Scalar:
            return scalar(n.value, n.tag, n.plain, false);
        case RecipeNode::Type::Mapping:
            if (!yaml_mapping_start_event_initialize(
                    &event, nullptr, tag, n.tag.isEmpty(), YAML_BLOCK_MAPPING_STYLE)
                || !put(event))
                return false;
            for (const RecipeNode &child : n.children) {
                if (!scalar(child.key, child.keyTag, child.keyPlain, true) || !node(child))
                    return false;
            }
            return yaml_mapping_end_event_initialize(&event) && put(event);
        case RecipeNode::Type::Sequence:
            if (!yaml_sequence_start_event_initialize(
                    &event, nullptr, tag, n.tag.isEmpty(), YAML_BLOCK_SEQUENCE_STYLE)
                || !put(event))
                return false;
            for (const RecipeNode &child : n.children) {
                if (!node(child))
                    return false;
            }
            return yaml_sequence_end_event_initialize(&event) && put(event);
        }
        return false;
    }

    yaml_emitter_t m_emitter;
    QByteArray m_out;
    bool m_ok = false;
};

} // namespace

Result<QByteArray> replayTestPrivateKey()
{
    // Made once per process (thread-safe static initialisation). Should OpenSSL fail that first time, each
    // later call tries again, uncached.
    static const Result<QByteArray> made = makePrivateKey();
    if (made)
        return made;
    return makePrivateKey();
}

Result<ReplayRecipe> makeReplayRecipe(const QByteArray &recordedYaml, const ReplayRecipeOptions &options)
{
    const QUrl gms(options.gmsUrl);
    if (options.gmsUrl.isEmpty() || !gms.isValid() || gms.host().isEmpty()
        || (gms.scheme() != QLatin1String("http") && gms.scheme() != QLatin1String("https"))) {
        return makeError(ErrorCode::Usage,
            ReplayRecipe::tr(
                "the replay recipe needs Tapedeck's GMS endpoint as an http or https URL, not \"%1\"")
                .arg(options.gmsUrl));
    }
    if (options.postgresHost
        && (options.postgresHost->isEmpty()
            || std::any_of(options.postgresHost->cbegin(), options.postgresHost->cend(), [](QChar c) {
                   return c.isSpace() || c == u'/' || c == u'@' || c == u'?' || c == u'#' || c == u',';
               }))) {
        return makeError(ErrorCode::Usage,
            ReplayRecipe::tr("\"%1\" is no PostgreSQL host name or address").arg(*options.postgresHost));
    }

    Result<Recipe> parsed = Recipe::parse(recordedYaml, options.origin);
    if (!parsed)
        return parsed.error();
    RecipeNode root = std::move(parsed->root);
    Context ctx;
    ctx.origin = options.origin;

    if (root.type != RecipeNode::Type::Mapping) {
        return makeError(ErrorCode::InvalidInput,
            (root.type == RecipeNode::Type::Sequence
                    ? ReplayRecipe::tr("%1 is not a recipe: its document is a sequence, not a mapping")
                    : ReplayRecipe::tr("%1 is not a recipe: its document is a scalar, not a mapping"))
                .arg(options.origin));
    }
    // DataHub's get_recipe() pops it (recording/replay.py): a replay records nothing. Gone first, so the
    // report does not list its password's marker.
    if (removeEntries(root, QStringLiteral("recording")))
        ctx.changes.append(ReplayRecipe::tr("recording: removed"));
    if (Status s = rewriteMarkers(root, QString(), QString(), ctx); !s)
        return s.error();
    RecipeNode *source = findLast(root, QStringLiteral("source"));
    if (!source)
        return makeError(ErrorCode::InvalidInput, ReplayRecipe::tr("%1 has no source").arg(options.origin));
    if (source->type != RecipeNode::Type::Mapping) {
        return makeError(ErrorCode::InvalidInput,
            ReplayRecipe::tr("%1: source is not a mapping (line %2)").arg(options.origin).arg(source->line));
    }

    pointSink(root, options.gmsUrl, ctx);

    // datahub_api (PipelineConfig, ingestion/run/pipeline_config.py) is the graph's GMS when set, used by
    // stateful ingestion and by sources that look things up: the same endpoint.
    if (RecipeNode *api = findLast(root, QStringLiteral("datahub_api"));
        api && api->type == RecipeNode::Type::Mapping)
        pointClientConfig(*api, QStringLiteral("datahub_api"), options.gmsUrl, ctx);

    // DataHub's air-gapped replay sets source.config.stateful_ingestion to {enabled: False} whole, whether
    // or not the recipe had one (recording/replay.py). Tapedeck does the same where the recipe has one, and
    // adds none: ConfigModel forbids unknown fields, so a source without stateful ingestion would refuse
    // it. (Without one, a stateful source with pipeline_name and a datahub-rest sink turns it on by itself —
    // StateProviderWrapper in source/state/stateful_ingestion_base.py — as it did when recording with such a
    // sink.)
    source = findLast(root, QStringLiteral("source")); // pointSink may have moved root's entries
    RecipeNode *config = findLast(*source, QStringLiteral("config"));
    if (config && config->type == RecipeNode::Type::Mapping) {
        if (RecipeNode *stateful = findLast(*config, QStringLiteral("stateful_ingestion"))) {
            if (!isDisabledStatefulIngestion(*stateful)) {
                setEntry(*config, QStringLiteral("stateful_ingestion"),
                    mappingNode({ entry(QStringLiteral("enabled"), boolNode(false)) }));
                ctx.changes.append(
                    ReplayRecipe::tr("source.config.stateful_ingestion: replaced by {enabled: false}"));
            }
        } else if (findLast(root, QStringLiteral("pipeline_name"))) {
            ctx.notes.append(ReplayRecipe::tr("source.config has no stateful_ingestion: with pipeline_name "
                                              "and the datahub-rest sink, DataHub "
                                              "turns stateful ingestion on for sources that support it"));
        }
    }

    if (options.postgresHost || options.postgresPort)
        pointPostgres(*source, options, ctx);

    Writer writer;
    Result<QByteArray> yaml = writer.write(root);
    if (!yaml)
        return yaml.error();
    ReplayRecipe recipe;
    recipe.yaml = "# Tapedeck's replay recipe: " + options.origin.toUtf8().replace('\n', ' ')
        + " with the changes its replay report lists.\n" + std::move(yaml).value();
    recipe.changes = std::move(ctx.changes);
    recipe.notes = std::move(ctx.notes);
    return recipe;
}

} // namespace tapedeck::replay
