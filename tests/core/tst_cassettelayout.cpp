// SPDX-License-Identifier: MIT
// The cassette layout scanner that lets summary reading skip whole interactions and large response bodies:
// its scalar measurements and values, and the interaction reader's trees, must agree with libyaml's parser on
// what libyaml's emitter (VCR.py's writer) produces, and a summary read with elisions must equal a full read
// on every shape, including the ones built to fool it.
#include "core/recording/cassettelayout.h"
#include "core/recording/cassetteparser.h"
#include "core/recording/interactionreader.h"
#include "cassettesupport.h"
#include "testsupport.h"

#include <QScopeGuard>
#include <QTest>

#include <random>
#include <yaml.h>

using namespace tapedeck;
using namespace tapedeck::cassettelayout;

namespace {

// {string: value} written by libyaml's emitter in the given style (as PyYAML's CDumper writes it).
QByteArray emitted(const QByteArray &value, yaml_scalar_style_t style, bool unicode)
{
    yaml_emitter_t emitter;
    yaml_event_t event;
    QByteArray out;
    yaml_emitter_initialize(&emitter);
    yaml_emitter_set_output(
        &emitter,
        [](void *data, unsigned char *buffer, size_t size) {
            static_cast<QByteArray *>(data)->append(reinterpret_cast<const char *>(buffer), qsizetype(size));
            return 1;
        },
        &out);
    yaml_emitter_set_unicode(&emitter, unicode ? 1 : 0);
    yaml_emitter_set_width(&emitter, 80);
    const auto scalar = [&](const QByteArray &text, yaml_scalar_style_t s) {
        yaml_scalar_event_initialize(&event, nullptr, nullptr,
            reinterpret_cast<yaml_char_t *>(const_cast<char *>(text.constData())), int(text.size()), 1, 1, s);
        yaml_emitter_emit(&emitter, &event);
    };
    yaml_stream_start_event_initialize(&event, YAML_UTF8_ENCODING);
    yaml_emitter_emit(&emitter, &event);
    yaml_document_start_event_initialize(&event, nullptr, nullptr, nullptr, 1);
    yaml_emitter_emit(&emitter, &event);
    yaml_mapping_start_event_initialize(&event, nullptr, nullptr, 1, YAML_BLOCK_MAPPING_STYLE);
    yaml_emitter_emit(&emitter, &event);
    scalar("string", YAML_PLAIN_SCALAR_STYLE);
    scalar(value, style);
    yaml_mapping_end_event_initialize(&event);
    yaml_emitter_emit(&emitter, &event);
    yaml_document_end_event_initialize(&event, 1);
    yaml_emitter_emit(&emitter, &event);
    yaml_stream_end_event_initialize(&event);
    yaml_emitter_emit(&emitter, &event);
    yaml_emitter_delete(&emitter);
    return out;
}

// What libyaml's parser reads as the value of the mapping's only key; nullopt on a parse error.
std::optional<QByteArray> parsedValue(const QByteArray &yaml)
{
    yaml_parser_t parser;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_string(
        &parser, reinterpret_cast<const unsigned char *>(yaml.constData()), size_t(yaml.size()));
    std::optional<QByteArray> value;
    int scalars = 0;
    for (;;) {
        yaml_event_t event;
        if (!yaml_parser_parse(&parser, &event)) {
            value.reset();
            break;
        }
        const yaml_event_type_t type = event.type;
        if (type == YAML_SCALAR_EVENT && ++scalars == 2)
            value = QByteArray(
                reinterpret_cast<const char *>(event.data.scalar.value), qsizetype(event.data.scalar.length));
        yaml_event_delete(&event);
        if (type == YAML_STREAM_END_EVENT)
            break;
    }
    yaml_parser_delete(&parser);
    return value;
}

QByteArray randomText(std::mt19937 &rng, int length)
{
    static const QList<QByteArray> pieces = { "a", "Z", "0", "{", "}", ":", ",", "\"", "'", "\\", " ", " ",
        "  ", "   ", "\t", "\n", "\n\n", "\r\n", "\xc3\xa9", "\xe5\xa3\xb2", "\xf0\x9f\x98\x80", "\xc2\x85",
        "\xe2\x80\xa8", "\xe2\x80\xa9", "\xef\xbb\xbf", "\x01", "\x1b", "\x7f", "\xc2\xa0", "---", "...", "#",
        "- ", ": ", "word ", "longerword ", "\xe2\x80\x8b" };
    QByteArray out;
    std::uniform_int_distribution<int> pick(0, int(pieces.size()) - 1);
    while (out.size() < length)
        out += pieces.at(pick(rng));
    return out;
}

using Parsed = test::ParsedCassette;
using test::sameHeaders;

Parsed parse(const QByteArray &yaml, CassetteParser::Mode mode)
{
    return test::parseCassette(yaml, mode, QStringLiteral("c.yaml"));
}

// A summary read (with elisions) must report what a full read reports.
void compareModes(const QByteArray &yaml)
{
    const Parsed full = parse(yaml, CassetteParser::Mode::Full);
    const Parsed quick = parse(yaml, CassetteParser::Mode::Summary);
    QCOMPARE(quick.summary.fault.has_value(), full.summary.fault.has_value());
    if (full.summary.fault)
        QCOMPARE(quick.summary.fault->message, full.summary.fault->message);
    QCOMPARE(quick.summary.version, full.summary.version);
    QCOMPARE(quick.summary.warnings, full.summary.warnings);
    QCOMPARE(quick.interactions.size(), full.interactions.size());
    for (qsizetype k = 0; k < full.interactions.size(); ++k) {
        const CassetteInteraction &a = full.interactions.at(k);
        const CassetteInteraction &b = quick.interactions.at(k);
        QCOMPARE(b.index, a.index);
        QCOMPARE(b.begin, a.begin);
        QCOMPARE(b.end, a.end);
        QCOMPARE(b.line, a.line);
        QCOMPARE(b.exchange.method, a.exchange.method);
        QCOMPARE(b.exchange.uri, a.exchange.uri);
        QCOMPARE(b.exchange.status, a.exchange.status);
        QCOMPARE(b.exchange.warnings, a.exchange.warnings);
        QCOMPARE(b.exchange.statusMessage, a.exchange.statusMessage);
        QCOMPARE(b.exchange.httpVersion, a.exchange.httpVersion);
        QVERIFY(sameHeaders(b.exchange.requestHeaders, a.exchange.requestHeaders));
        QVERIFY(sameHeaders(b.exchange.responseHeaders, a.exchange.responseHeaders));
        QVERIFY(b.exchange.requestBody == a.exchange.requestBody);
        QCOMPARE(b.requestBodySize, a.exchange.requestBody ? a.exchange.requestBody->size() : -1);
        QCOMPARE(b.responseBodySize, a.exchange.responseBody ? a.exchange.responseBody->size() : -1);
        // Summary reading keeps the response bodies it did not elide.
        QCOMPARE(b.exchange.responseBody.has_value(), a.exchange.responseBody.has_value());
        if (b.exchange.responseBody && (!b.exchange.responseBody->isEmpty() || b.responseBodySize == 0))
            QCOMPARE(*b.exchange.responseBody, *a.exchange.responseBody);
    }
}

QByteArray interaction(const QByteArray &requestBody, const QByteArray &responseBody, int status = 200)
{
    return "- request:\n    body: " + requestBody
        + "\n    headers:\n      Accept:\n      - application/json\n    method: GET\n"
          "    uri: http://example.test/a\n  response:\n    body:\n      string: "
        + responseBody
        + "\n    headers:\n      Content-Type:\n      - application/json\n    status:\n      code: "
        + QByteArray::number(status) + "\n      message: OK\n";
}

QByteArray cassette(const QList<QByteArray> &interactions)
{
    return "interactions:\n" + interactions.join() + "version: 1\n";
}

QByteArray large(char c = 'x', int size = 3000)
{
    return "'" + QByteArray(size, c) + "'";
}

// One interactions-list item as libyaml's parser reads it, in the interaction reader's terms: node lines
// counted from the item's first line, where the item starts and where libyaml ends it (byte offsets).
struct LibyamlItem
{
    CassetteNode node;
    qint64 begin = 0;
    qint64 end = 0;
    int breaks = 0; // line breaks as libyaml counts them (NEL, LS and PS too) up to its last line
};

class LibyamlItems
{
public:
    explicit LibyamlItems(const QByteArray &yaml)
        : m_yaml(yaml)
    {
        // libyaml's marks count characters; the reader works in bytes.
        for (qsizetype i = 0; i < yaml.size(); ++i) {
            if ((quint8(yaml.at(i)) & 0xc0) != 0x80)
                m_byteOfChar.push_back(i);
        }
        m_byteOfChar.push_back(yaml.size());
        yaml_parser_initialize(&m_parser);
        yaml_parser_set_input_string(
            &m_parser, reinterpret_cast<const unsigned char *>(yaml.constData()), size_t(yaml.size()));
    }
    ~LibyamlItems()
    {
        if (m_have)
            yaml_event_delete(&m_event);
        yaml_parser_delete(&m_parser);
    }

    // The items of the top-level "interactions" list; nullopt when libyaml fails or there is none.
    std::optional<std::vector<LibyamlItem>> read()
    {
        for (int k = 0; k < 3; ++k) { // stream, document, mapping start
            if (!next())
                return std::nullopt;
        }
        if (m_event.type != YAML_MAPPING_START_EVENT)
            return std::nullopt;
        for (;;) {
            if (!next() || m_event.type != YAML_SCALAR_EVENT)
                return std::nullopt;
            const bool interactions = scalarValue() == "interactions";
            if (!next())
                return std::nullopt;
            if (!interactions) {
                if (!build(0))
                    return std::nullopt;
                continue;
            }
            if (m_event.type != YAML_SEQUENCE_START_EVENT)
                return std::nullopt;
            std::vector<LibyamlItem> items;
            for (;;) {
                if (!next())
                    return std::nullopt;
                if (m_event.type == YAML_SEQUENCE_END_EVENT)
                    return items;
                LibyamlItem item;
                item.begin = byteOf(m_event.start_mark);
                const int firstLine = int(m_event.start_mark.line);
                std::optional<CassetteNode> node = build(firstLine);
                if (!node)
                    return std::nullopt;
                item.node = std::move(*node);
                item.end = m_lastEnd;
                item.breaks = m_lastEndLine - firstLine - 1; // the item ends where the next token's line starts
                items.push_back(std::move(item));
            }
        }
    }

private:
    bool next()
    {
        if (m_have)
            yaml_event_delete(&m_event);
        m_have = yaml_parser_parse(&m_parser, &m_event) != 0;
        return m_have;
    }
    QByteArray scalarValue() const
    {
        return QByteArray(
            reinterpret_cast<const char *>(m_event.data.scalar.value), qsizetype(m_event.data.scalar.length));
    }
    qint64 byteOf(const yaml_mark_t &mark) const { return m_byteOfChar.at(size_t(mark.index)); }

    // The node whose first event is the current one; leaves its last event current.
    std::optional<CassetteNode> build(int firstLine)
    {
        CassetteNode n;
        n.line = int(m_event.start_mark.line) - firstLine;
        switch (m_event.type) {
        case YAML_SCALAR_EVENT:
            if (m_event.data.scalar.anchor)
                return std::nullopt;
            n.value = scalarValue();
            if (m_event.data.scalar.tag)
                n.tag = QByteArray(reinterpret_cast<const char *>(m_event.data.scalar.tag));
            n.plain = m_event.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
            m_lastEnd = byteOf(m_event.end_mark);
            return n;
        case YAML_MAPPING_START_EVENT:
        case YAML_SEQUENCE_START_EVENT: {
            const bool mapping = m_event.type == YAML_MAPPING_START_EVENT;
            n.type = mapping ? CassetteNode::Type::Mapping : CassetteNode::Type::Sequence;
            for (;;) {
                if (!next())
                    return std::nullopt;
                if (m_event.type == (mapping ? YAML_MAPPING_END_EVENT : YAML_SEQUENCE_END_EVENT)) {
                    m_lastEnd = byteOf(m_event.end_mark);
                    m_lastEndLine = int(m_event.end_mark.line);
                    return n;
                }
                std::optional<CassetteNode> child = build(firstLine);
                if (!child)
                    return std::nullopt;
                n.items.push_back(std::move(*child));
            }
        }
        default:
            return std::nullopt; // aliases: not compared here
        }
    }

    QByteArray m_yaml;
    std::vector<qint64> m_byteOfChar;
    yaml_parser_t m_parser;
    yaml_event_t m_event {};
    bool m_have = false;
    qint64 m_lastEnd = 0;
    int m_lastEndLine = 0;
};

// Where mine (the interaction reader's tree, read with elideAbove) differs from theirs (libyaml's); empty
// when they agree. The response body text (item/response/body/string), when longer than elideAbove, must be
// measured instead of read; every other scalar is read.
QString treeDifference(const CassetteNode &mine, const CassetteNode &theirs, qint64 elideAbove,
    const QString &path = QStringLiteral("item"))
{
    if (mine.type != theirs.type)
        return path + QStringLiteral(": type");
    if (mine.line != theirs.line)
        return path + QStringLiteral(": line %1, libyaml %2").arg(mine.line).arg(theirs.line);
    if (mine.tag != theirs.tag)
        return path + QStringLiteral(": tag ") + QString::fromUtf8(mine.tag);
    if (mine.type == CassetteNode::Type::Scalar) {
        if (mine.plain != theirs.plain)
            return path + QStringLiteral(": style");
        if (path == u"item/response/body/string" && theirs.value.size() > elideAbove) {
            const qint64 size = theirs.hasTag(CassetteTagBinary) ? QByteArray::fromBase64(theirs.value).size()
                                                                 : theirs.value.size();
            if (mine.elidedSize != size || !mine.value.isEmpty())
                return path + QStringLiteral(": elided size %1, expected %2").arg(mine.elidedSize).arg(size);
        } else if (mine.elidedSize >= 0 || mine.value != theirs.value) {
            return path + QStringLiteral(": value «%1», libyaml «%2»")
                              .arg(QString::fromUtf8(mine.value.left(200)), QString::fromUtf8(theirs.value.left(200)));
        }
        return {};
    }
    if (mine.items.size() != theirs.items.size())
        return path + QStringLiteral(": %1 items, libyaml %2").arg(mine.items.size()).arg(theirs.items.size());
    const bool mapping = mine.type == CassetteNode::Type::Mapping;
    for (size_t k = 0; k < mine.items.size(); ++k) {
        const QString where = path + QLatin1Char('/')
            + (mapping && k % 2 == 1 ? QString::fromUtf8(theirs.items[k - 1].value) : QString::number(k));
        const QString d = treeDifference(mine.items[k], theirs.items[k], elideAbove, where);
        if (!d.isEmpty())
            return d;
    }
    return {};
}

// Reads every item of the cassette with the interaction reader and holds what it accepts against libyaml's
// reading; returns how many it accepted (-1 on a difference, reported through QTest).
int compareReader(const QByteArray &yaml, qint64 elideAbove)
{
    std::optional<std::vector<LibyamlItem>> items = LibyamlItems(yaml).read();
    if (!items) {
        QTest::qFail("libyaml does not read the cassette", __FILE__, __LINE__);
        return -1;
    }
    int accepted = 0;
    InteractionReader reader(yaml, elideAbove);
    // One node for every item, as the parser recycles them: each reading must leave nothing of the one
    // before (of another shape, or declined halfway).
    CassetteNode node;
    for (const LibyamlItem &item : *items) {
        qint64 lineStart = item.begin;
        while (lineStart > 0 && yaml.at(lineStart - 1) != '\n')
            --lineStart;
        const std::optional<ReadInteraction> r = reader.read(lineStart, node);
        if (!r)
            continue;
        ++accepted;
        const QString difference = treeDifference(node, item.node, elideAbove);
        const QByteArray context = yaml.mid(item.begin, 300);
        if (!difference.isEmpty()) {
            QTest::qFail(qPrintable(difference + QStringLiteral(" in\n") + QString::fromUtf8(context)), __FILE__,
                __LINE__);
            return -1;
        }
        if (r->begin != item.begin || r->next != item.end || r->breaks != item.breaks
            || (r->end < yaml.size() && yaml.at(r->end) != '\n')) {
            QTest::qFail(qPrintable(QStringLiteral("item bounds %1..%2 (next %3), libyaml %4..%5 in\n")
                                        .arg(r->begin)
                                        .arg(r->end)
                                        .arg(r->next)
                                        .arg(item.begin)
                                        .arg(item.end)
                    + QString::fromUtf8(context)),
                __FILE__, __LINE__);
            return -1;
        }
    }
    return accepted;
}

// libyaml's emitter, as PyYAML's CDumper drives it: a block-style document written event by event.
class EmitterWriter
{
public:
    EmitterWriter(bool unicode, int indent, int width)
    {
        yaml_emitter_initialize(&m_emitter);
        yaml_emitter_set_output(
            &m_emitter,
            [](void *data, unsigned char *buffer, size_t size) {
                static_cast<QByteArray *>(data)->append(reinterpret_cast<const char *>(buffer), qsizetype(size));
                return 1;
            },
            &m_out);
        yaml_emitter_set_unicode(&m_emitter, unicode ? 1 : 0);
        yaml_emitter_set_indent(&m_emitter, indent);
        yaml_emitter_set_width(&m_emitter, width);
        yaml_event_t event;
        yaml_stream_start_event_initialize(&event, YAML_UTF8_ENCODING);
        write(event);
        yaml_document_start_event_initialize(&event, nullptr, nullptr, nullptr, 1);
        write(event);
    }
    ~EmitterWriter() { yaml_emitter_delete(&m_emitter); }

    void scalar(const QByteArray &text, yaml_scalar_style_t style = YAML_ANY_SCALAR_STYLE, const char *tag = nullptr)
    {
        yaml_event_t event;
        yaml_scalar_event_initialize(&event, nullptr, reinterpret_cast<const yaml_char_t *>(tag),
            reinterpret_cast<const yaml_char_t *>(text.constData()), int(text.size()), tag ? 0 : 1, tag ? 0 : 1,
            style);
        write(event);
    }
    void binary(const QByteArray &bytes)
    {
        // PyYAML's represent_binary: base64 in lines of 76 (base64.encodebytes), literal style.
        const QByteArray base64 = bytes.toBase64();
        QByteArray text;
        for (qsizetype at = 0; at < base64.size(); at += 76)
            text += base64.mid(at, 76) + '\n';
        scalar(text, YAML_LITERAL_SCALAR_STYLE, "tag:yaml.org,2002:binary");
    }
    void mapping()
    {
        yaml_event_t event;
        yaml_mapping_start_event_initialize(&event, nullptr, nullptr, 1, YAML_BLOCK_MAPPING_STYLE);
        write(event);
    }
    void sequence()
    {
        yaml_event_t event;
        yaml_sequence_start_event_initialize(&event, nullptr, nullptr, 1, YAML_BLOCK_SEQUENCE_STYLE);
        write(event);
    }
    void endMapping()
    {
        yaml_event_t event;
        yaml_mapping_end_event_initialize(&event);
        write(event);
    }
    void endSequence()
    {
        yaml_event_t event;
        yaml_sequence_end_event_initialize(&event);
        write(event);
    }
    QByteArray finish()
    {
        yaml_event_t event;
        yaml_document_end_event_initialize(&event, 1);
        write(event);
        yaml_stream_end_event_initialize(&event);
        write(event);
        return m_out;
    }

private:
    void write(yaml_event_t &event)
    {
        if (!yaml_emitter_emit(&m_emitter, &event))
            qFatal("libyaml's emitter refused an event: %s", m_emitter.problem);
    }
    yaml_emitter_t m_emitter;
    QByteArray m_out;
};

// Text for header values, URIs and bodies: words (so long values fold), JSON, every character class the
// emitter treats differently, and values that read as something else when plain.
QByteArray randomValue(std::mt19937 &rng, int length)
{
    static const QList<QByteArray> pieces = { "word ", "word ", "longerword ", "x", "Z9", "{\"a\": 1}, ", "'", "''",
        "\"", "\\", ": ", " #", "#", "- ", "-", "?", "[", "]", "{", "}", ",", "&a", "*b", "!t", "|", ">", "%", "@",
        "`", "\t", "\n", "\n\n", " \n", "\r\n", "  ", "\xc3\xa9", "\xe5\xa3\xb2", "\xf0\x9f\x98\x80", "\xc2\x85",
        "\xe2\x80\xa8", "\xef\xbb\xbf", "\x01", "\x1b", "\x7f", "\xc2\xa0", "---", "...", "null", "~", "123",
        "true", "http://a.test/p?q=1#f" };
    if (rng() % 6 == 0) { // a whole value that resolves to something else when plain
        static const QList<QByteArray> special = { "null", "~", "", "123", "-5", "1.5e3", "yes", "off", "0x1f", "---",
            " lead", "trail ", "a:b", "a: b", "#c", "- d", "'", "\"" };
        return special.at(int(rng() % special.size()));
    }
    QByteArray out;
    std::uniform_int_distribution<int> pick(0, int(pieces.size()) - 1);
    const bool wordy = rng() % 2;
    while (out.size() < length)
        out += wordy && rng() % 4 ? QByteArray("word ") : pieces.at(pick(rng));
    return out;
}

yaml_scalar_style_t randomStyle(std::mt19937 &rng)
{
    switch (rng() % 10) {
    case 0:
        return YAML_SINGLE_QUOTED_SCALAR_STYLE;
    case 1:
        return YAML_DOUBLE_QUOTED_SCALAR_STYLE;
    case 2:
        return YAML_PLAIN_SCALAR_STYLE;
    case 3:
        return rng() % 3 ? YAML_ANY_SCALAR_STYLE : YAML_LITERAL_SCALAR_STYLE;
    default:
        return YAML_ANY_SCALAR_STYLE; // the emitter's own choice, as PyYAML leaves it
    }
}

void randomBody(EmitterWriter &w, std::mt19937 &rng)
{
    switch (rng() % 6) {
    case 0:
        w.scalar("null", YAML_PLAIN_SCALAR_STYLE);
        break;
    case 1:
        w.binary(test::pseudoRandom(1 + int(rng() % 1500), rng()));
        break;
    case 2:
        w.scalar(randomValue(rng, 1 + int(rng() % 60)), randomStyle(rng));
        break;
    default:
        w.scalar(randomValue(rng, 200 + int(rng() % 2500)), randomStyle(rng));
        break;
    }
}

void randomHeaders(EmitterWriter &w, std::mt19937 &rng)
{
    static const QList<QByteArray> names = { "Accept", "Content-Type", "Content-Length", "X-Request-Id", "Vary",
        "x.dotted", "under_score", "Set-Cookie" };
    w.mapping();
    const int count = int(rng() % 6);
    for (int k = 0; k < count; ++k) {
        w.scalar(rng() % 12 == 0 ? randomValue(rng, 8) : names.at(int(rng() % names.size())));
        w.sequence();
        const int values = int(rng() % 3);
        for (int v = 0; v < values; ++v)
            w.scalar(randomValue(rng, 1 + int(rng() % 120)), randomStyle(rng));
        w.endSequence();
    }
    w.endMapping();
}

// A VCR.py-shaped interaction with random contents.
void randomInteraction(EmitterWriter &w, std::mt19937 &rng)
{
    w.mapping();
    w.scalar("request");
    w.mapping();
    w.scalar("body");
    randomBody(w, rng);
    w.scalar("headers");
    randomHeaders(w, rng);
    w.scalar("method");
    w.scalar(rng() % 3 ? "GET" : "POST");
    w.scalar("uri");
    w.scalar("http://example.test/" + randomValue(rng, int(rng() % 150)), randomStyle(rng));
    w.endMapping();
    w.scalar("response");
    w.mapping();
    w.scalar("body");
    w.mapping();
    w.scalar("string");
    randomBody(w, rng);
    w.endMapping();
    w.scalar("headers");
    randomHeaders(w, rng);
    w.scalar("status");
    w.mapping();
    w.scalar("code");
    w.scalar(QByteArray::number(rng() % 5 ? 200 : 404));
    w.scalar("message");
    w.scalar(randomValue(rng, int(rng() % 40)), randomStyle(rng));
    w.endMapping();
    w.endMapping();
    w.endMapping();
}

QByteArray randomCassette(quint32 seed, int count, bool unicode, int indent, int width)
{
    std::mt19937 rng(seed);
    EmitterWriter w(unicode, indent, width);
    w.mapping();
    w.scalar("interactions");
    w.sequence();
    for (int k = 0; k < count; ++k)
        randomInteraction(w, rng);
    w.endSequence();
    w.scalar("version");
    w.scalar("1");
    w.endMapping();
    return w.finish();
}

} // namespace

class TestCassetteLayout : public QObject
{
    Q_OBJECT

private slots:
    void quotedScalarsAgreeWithLibyaml_data()
    {
        QTest::addColumn<bool>("wide");
        QTest::newRow("AVX2 masks (where the processor has them)") << true;
        QTest::newRow("SSE2 masks") << false;
    }

    void quotedScalarsAgreeWithLibyaml()
    {
        QFETCH(bool, wide);
        setWideMasks(wide);
        const auto restore = qScopeGuard([] { setWideMasks(true); });
        std::mt19937 rng(20261121);
        int measured = 0;
        int refused = 0;
        for (int round = 0; round < 3000; ++round) {
            const QByteArray value = randomText(rng, 1 + int(rng() % 400));
            const yaml_scalar_style_t style
                = round % 2 ? YAML_SINGLE_QUOTED_SCALAR_STYLE : YAML_DOUBLE_QUOTED_SCALAR_STYLE;
            const QByteArray yaml = emitted(value, style, round % 3 == 0);
            const std::optional<QByteArray> parsed = parsedValue(yaml);
            const qsizetype at = yaml.indexOf("string: ") + 8;
            if (yaml.at(at) != '\'' && yaml.at(at) != '"')
                continue; // the emitter chose another style (plain or literal)
            const std::optional<Measured> m = measureQuoted(yaml, at);
            if (!parsed) {
                QVERIFY2(!m, yaml.constData()); // libyaml refuses: so must we
                continue;
            }
            if (!m) {
                ++refused; // allowed (we leave it to libyaml), but must stay rare
                continue;
            }
            ++measured;
            QVERIFY2(m->size == parsed->size(), yaml.constData());
            QCOMPARE(m->valueLength, m->size);
            QByteArray decodedValue;
            const std::optional<Measured> decoded = decodeQuoted(yaml, at, decodedValue);
            QVERIFY(decoded);
            QVERIFY2(decodedValue == *parsed, yaml.constData());
            QCOMPARE(decoded->end, m->end);
            QCOMPARE(yaml.at(m->end - 1), yaml.at(at));
            QCOMPARE(yaml.mid(m->end).trimmed(), QByteArray());
            QCOMPARE(m->breaks, int(yaml.mid(at, m->end - at).count('\n')));
        }
        QVERIFY(measured > 1500);
        QVERIFY2(refused < measured / 20, qPrintable(QString::number(refused)));
    }

    void quotedEdgeCases_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::newRow("folded line") << QByteArray("k: 'a\n  b'\n");
        QTest::newRow("trailing blanks before break") << QByteArray("k: 'a   \n  b'\n");
        QTest::newRow("blank lines") << QByteArray("k: 'a\n\n\n  b'\n");
        QTest::newRow("crlf") << QByteArray("k: 'a\r\n  b\r\n\r\n  c'\r\n");
        QTest::newRow("escaped break") << QByteArray("k: \"a\\\n  b\"\n");
        QTest::newRow("escaped break then blank line") << QByteArray("k: \"a\\\n\n  b\"\n");
        QTest::newRow("escaped space") << QByteArray("k: \"a\n  \\ b\"\n");
        QTest::newRow("escapes") << QByteArray(
            "k: \"\\0\\a\\b\\t\\\t\\n\\v\\f\\r\\e\\ \\\"\\\\\\N\\_\\L\\P\"\n");
        QTest::newRow("hex escapes") << QByteArray("k: \"\\x41\\xe9\\u58F2\\U0001F600\"\n");
        QTest::newRow("quote pairs") << QByteArray("k: 'it''s '''\n");
        QTest::newRow("nel and ls breaks") << QByteArray("k: 'a\xc2\x85  b\xe2\x80\xa8 c'\n");
        QTest::newRow("tabs") << QByteArray("k: 'a\t\tb\t\n\tc'\n");
        QTest::newRow("leading and trailing spaces") << QByteArray("k: '  a  '\n");
        QTest::newRow("document marker") << QByteArray("k: 'a\n--- b'\n");
        QTest::newRow("document end marker") << QByteArray("k: 'a\n...\n'\n");
        QTest::newRow("control character") << QByteArray("k: 'a\x01'\n");
        QTest::newRow("C1 control") << QByteArray("k: 'a\xc2\x9a'\n");
        QTest::newRow("unknown escape") << QByteArray("k: \"a\\q\"\n");
        QTest::newRow("surrogate escape") << QByteArray("k: \"\\uD800\"\n");
        QTest::newRow("unterminated") << QByteArray("k: 'abc\n");
        QTest::newRow("empty") << QByteArray("k: ''\n");
    }

    void quotedEdgeCases()
    {
        QFETCH(QByteArray, yaml);
        const std::optional<QByteArray> parsed = parsedValue(yaml);
        const std::optional<Measured> m = measureQuoted(yaml, 3);
        if (!parsed) {
            QVERIFY(!m);
            return;
        }
        QVERIFY(m);
        QCOMPARE(m->size, parsed->size());
        QCOMPARE(yaml.at(m->end - 1), yaml.at(3));
        QByteArray value;
        QVERIFY(decodeQuoted(yaml, 3, value));
        QCOMPARE(value, *parsed);
    }

    void quotedEdgeCasesInBlocks_data() { quotedEdgeCases_data(); }

    void quotedEdgeCasesInBlocks()
    {
        // The same cases moved through every position of the 64-byte blocks the measurement takes at a time,
        // with enough text after them that the blocks (not the byte-by-byte tail) see them.
        QFETCH(QByteArray, yaml);
        const QByteArray after = "z: " + QByteArray(200, 'z') + "\n";
        for (const bool wide : { true, false }) {
            setWideMasks(wide);
            const auto restore = qScopeGuard([] { setWideMasks(true); });
            for (int pad = 0; pad < 70; ++pad) {
                const QByteArray padded = yaml.left(4) + QByteArray(pad, 'x') + yaml.mid(4) + after;
                const std::optional<QByteArray> parsed = parsedValue(padded);
                const std::optional<Measured> m = measureQuoted(padded, 3);
                QByteArray value;
                const std::optional<Measured> d = decodeQuoted(padded, 3, value);
                QCOMPARE(m.has_value(), d.has_value());
                if (!parsed) {
                    QVERIFY2(!m, padded.constData());
                    continue;
                }
                QVERIFY2(m, padded.constData());
                QVERIFY2(m->size == parsed->size(), padded.constData());
                QVERIFY2(value == *parsed, padded.constData());
                QCOMPARE(padded.at(m->end - 1), padded.at(3));
            }
        }
    }

    void longQuotedScalarsAgreeWithLibyaml_data() { quotedScalarsAgreeWithLibyaml_data(); }

    void longQuotedScalarsAgreeWithLibyaml()
    {
        QFETCH(bool, wide);
        setWideMasks(wide);
        const auto restore = qScopeGuard([] { setWideMasks(true); });
        // Long scalars as the emitter folds them at 80 columns, so that every construct also falls inside
        // the 64-byte blocks the measurement takes at a time, and at their edges.
        std::mt19937 rng(20261202);
        int measured = 0;
        for (int round = 0; round < 1500; ++round) {
            const QByteArray value = round % 3 ? randomValue(rng, 100 + int(rng() % 3000))
                                               : randomText(rng, 100 + int(rng() % 3000));
            const yaml_scalar_style_t style
                = round % 2 ? YAML_SINGLE_QUOTED_SCALAR_STYLE : YAML_DOUBLE_QUOTED_SCALAR_STYLE;
            const QByteArray yaml = emitted(value, style, round % 4 == 0);
            const qsizetype at = yaml.indexOf("string: ") + 8;
            if (yaml.at(at) != '\'' && yaml.at(at) != '"')
                continue;
            const std::optional<QByteArray> parsed = parsedValue(yaml);
            QByteArray decoded;
            const std::optional<Measured> m = measureQuoted(yaml, at);
            const std::optional<Measured> d = decodeQuoted(yaml, at, decoded);
            QCOMPARE(m.has_value(), d.has_value());
            if (!parsed) {
                QVERIFY2(!m, yaml.constData());
                continue;
            }
            if (!m)
                continue;
            ++measured;
            QVERIFY2(decoded == *parsed, yaml.constData());
            QCOMPARE(m->size, parsed->size());
            QCOMPARE(m->end, d->end);
            QCOMPARE(m->breaks, int(yaml.mid(at, m->end - at).count('\n')));
        }
        QVERIFY(measured > 1000);
    }

    void binaryLiteralText()
    {
        const QByteArray bytes = test::pseudoRandom(700, 3);
        const QByteArray base64 = bytes.toBase64();
        QByteArray yaml = "string: !!binary |\n";
        for (qsizetype at = 0; at < base64.size(); at += 76)
            yaml += "  " + base64.mid(at, 76) + "\n";
        yaml += "x: 1\n";
        const std::optional<Measured> m = measureBinaryLiteral(yaml, 8, 0);
        QVERIFY(m);
        const std::optional<QByteArray> parsed = parsedValue(yaml);
        QVERIFY(parsed);
        QCOMPARE(cassettelayout::binaryLiteralText(yaml, 8, *m), *parsed);
        QCOMPARE(QByteArray::fromBase64(*parsed), bytes);
    }

    void binaryLiteralsAgreeWithLibyaml()
    {
        for (const int size : { 1, 2, 3, 56, 57, 58, 3000 }) {
            const QByteArray bytes = test::pseudoRandom(size, quint64(size));
            QByteArray base64 = bytes.toBase64();
            QByteArray yaml = "    body:\n      string: !!binary |\n";
            for (qsizetype at = 0; at < base64.size(); at += 76)
                yaml += "        " + base64.mid(at, 76) + "\n";
            yaml += "    headers: {}\n";
            const qsizetype tag = yaml.indexOf("!!binary");
            const std::optional<Measured> m = measureBinaryLiteral(yaml, tag, 6);
            QVERIFY(m);
            QCOMPARE(m->size, qint64(size));
            QByteArray block = "string: !!binary |\n";
            for (qsizetype at = 0; at < base64.size(); at += 76)
                block += "  " + base64.mid(at, 76) + "\n";
            const std::optional<QByteArray> parsed = parsedValue(block + "x: 1\n");
            QVERIFY(parsed);
            QCOMPARE(m->valueLength, parsed->size());
            QCOMPARE(yaml.at(m->end), '\n');
            QVERIFY(yaml.mid(m->end).startsWith("\n    headers"));
        }
        // Not what PyYAML writes: left to libyaml.
        QVERIFY(!measureBinaryLiteral("!!binary |\n        QUJD\n\n        QUJD\n", 0, 6)); // blank line
        QVERIFY(!measureBinaryLiteral("!!binary |\n        QUJD\n          QUJD\n", 0, 6)); // deeper line
        QVERIFY(!measureBinaryLiteral("!!binary |\n        QU*D\n", 0, 6)); // not base64
        QVERIFY(!measureBinaryLiteral("!!binary |\n      QUJD\n", 0, 6)); // not indented below the key
        QVERIFY(!measureBinaryLiteral("!!binary |-\n        QUJD\n", 0, 6)); // a chomping indicator
    }

    void scannerProposesResponseBodiesOnly()
    {
        const QByteArray yaml
            = cassette({ interaction(large('r'), large('a')), interaction("null", "'small'"),
                interaction("null", large('b', 1024)), interaction("null", large('c', 1025)) });
        LayoutScanner scanner(yaml, 1024, false); // bodies only
        scanner.advanceTo(yaml.size());
        QVERIFY(!scanner.gaveUp());
        QCOMPARE(scanner.elisions().size(), size_t(2)); // not the request body, not the small ones
        const Elision &first = scanner.elisions().front();
        QCOMPARE(yaml.mid(first.begin, first.end - first.begin), large('a'));
        QCOMPARE(first.size, 3000);
        QCOMPARE(scanner.elisions().back().size, 1025);
    }

    void summaryEqualsFullRead_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        const QByteArray body = large();
        QTest::newRow("plain") << cassette({ interaction("null", body), interaction("'{}'", body, 404) });
        // The response pattern inside a request body: a scalar PyYAML would never indent like this.
        QTest::newRow("pattern inside a request body") << cassette(
            { interaction(
                  "'start\n  response:\n    body:\n      string: " + QByteArray(3000, 'q') + " end'", body),
                interaction("null", body) });
        QTest::newRow("pattern inside a request body, quoted")
            << cassette({ interaction("\"start\n  response:\n    body:\n      string: '"
                                  + QByteArray(3000, 'q') + "' end\"",
                              body),
                   interaction("null", body) });
        QTest::newRow("deeper line after the body") << cassette(
            { "- request:\n    body: null\n    method: GET\n    uri: http://a\n  response:\n    body:\n"
              "      string: "
                + body + "\n        more\n    status:\n      code: 200\n" });
        QTest::newRow("our placeholder spelled out")
            << cassette({ interaction("null", "!tapedeck/elided 0"), interaction("null", body) });
        QTest::newRow("our placeholder spelled out with a number in use")
            << cassette({ interaction("null", body), interaction("null", "!tapedeck/elided 0") });
        QTest::newRow("truncated inside a body") << QByteArray("interactions:\n") + interaction("null", body)
                + interaction("null", body).left(400);
        QTest::newRow("fault after elided bodies")
            << cassette({ interaction("null", body), interaction("null", body), "- request: [unclosed\n" });
        QTest::newRow("multi-line bodies shift lines") << cassette(
            { interaction("null", "'" + QByteArray(500, 'a') + "\n\n        " + QByteArray(800, 'b') + "'"),
                interaction("null", body), "- request:\n    body: !!python/weird 1\n" });
        QTest::newRow("anchored body")
            << cassette({ interaction("null", "&b " + body), interaction("null", "*b") });
        QTest::newRow("binary body") << cassette({ interaction("null",
            "!!binary |\n        " + QByteArray(76, 'A') + "\n        " + QByteArray(76, 'B') + "\n        "
                + QByteArray(76, 'C') + "\n        " + QByteArray(76, 'D') + "\n        "
                + QByteArray(76, 'E') + "\n        " + QByteArray(76, 'F') + "\n        "
                + QByteArray(76, 'G') + "\n        " + QByteArray(76, 'H') + "\n        "
                + QByteArray(76, 'I') + "\n        " + QByteArray(76, 'J') + "\n        "
                + QByteArray(76, 'K') + "\n        " + QByteArray(76, 'L') + "\n        "
                + QByteArray(76, 'M') + "\n        " + QByteArray(76, 'N') + "\n        "
                + QByteArray(8, 'O')) });
        QTest::newRow("flow collection gives up") << cassette({ interaction("null", body),
            "- {request: {method: GET}, response: {status: 200}}\n", interaction("null", body) });
        QTest::newRow("comments give up")
            << cassette({ interaction("null", body) + "# note\n", interaction("null", body) });
        QTest::newRow("invalid utf-8 in a body") << cassette(
            { interaction("null", "'" + QByteArray(2000, 'a') + "\xff\xfe" + QByteArray(2000, 'b') + "'"),
                interaction("null", body) });
        QTest::newRow("crlf")
            << cassette({ interaction("null", body), interaction("null", body) }).replace("\n", "\r\n");
    }

    void summaryEqualsFullRead()
    {
        QFETCH(QByteArray, yaml);
        compareModes(yaml);
    }

    void scannerProposesWholeInteractions()
    {
        const QByteArray yaml = cassette({ interaction("null", large('a')), interaction("null", "&anchor 'x'"),
            interaction("'{}'", "'small'") });
        LayoutScanner scanner(yaml, 1024);
        scanner.advanceTo(yaml.size());
        QVERIFY(!scanner.gaveUp());
        // The first and the last as wholes; the one with an anchor is left to libyaml (nothing in it is large).
        QCOMPARE(scanner.elisions().size(), size_t(2));
        for (const Elision &e : scanner.elisions()) {
            QVERIFY(e.kind == Elision::Kind::Interaction);
            QCOMPARE(e.items.size(), size_t(1));
            QVERIFY(e.items.front().node);
            QCOMPARE(yaml.mid(e.begin, 8), QByteArray("request:"));
            QCOMPARE(yaml.at(e.end), '\n');
        }
        QCOMPARE(scanner.elisions().back().next, yaml.indexOf("version: 1"));
        // Its response body above the size was measured, not read.
        const CassetteNode *body
            = scanner.elisions().front().items.front().node->get("response")->get("body")->get("string");
        QCOMPARE(body->elidedSize, 3000);
        QVERIFY(body->value.isEmpty());
    }

    void scannerJoinsConsecutiveInteractions()
    {
        // Five in a row make one run (libyaml reads one placeholder for them), an anchored one breaks it.
        QList<QByteArray> items;
        for (int k = 0; k < 5; ++k)
            items.append(interaction("null", k % 2 ? large() : QByteArray("'small'")));
        items.append(interaction("null", "&a 'x'"));
        items.append(interaction("null", large()));
        const QByteArray yaml = cassette(items);
        LayoutScanner scanner(yaml, 1024);
        scanner.advanceTo(0);
        scanner.growRun(0);
        scanner.advanceTo(yaml.size());
        QCOMPARE(scanner.elisions().size(), size_t(2));
        const Elision &run = scanner.elisions().front();
        QCOMPARE(run.items.size(), size_t(5));
        qsizetype at = yaml.indexOf("- request");
        for (size_t k = 0; k < run.items.size(); ++k) {
            QCOMPARE(run.items[k].lineStart, at);
            QCOMPARE(run.items[k].line, int(yaml.first(at).count('\n') - yaml.first(run.begin).count('\n')));
            at = yaml.indexOf("- request", at + 1);
            QCOMPARE(run.items[k].next, at);
        }
        QCOMPARE(run.breaks, int(yaml.mid(run.begin, run.end - run.begin).count('\n')));
        QCOMPARE(scanner.elisions().back().items.size(), size_t(1));
        compareModes(yaml);
    }

    void readerAgreesWithLibyaml_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<int>("minimumAccepted"); // of 100 interactions
        // What PyYAML's CDumper writes for VCR.py (indent 2, width 80, no raw non-ASCII), and variations.
        QTest::newRow("cdumper") << randomCassette(1, 100, false, 2, 80) << 60;
        QTest::newRow("cdumper, another seed") << randomCassette(2, 100, false, 2, 80) << 60;
        QTest::newRow("allow_unicode") << randomCassette(3, 100, true, 2, 80) << 50;
        QTest::newRow("indent 4") << randomCassette(4, 100, false, 4, 80) << 60;
        QTest::newRow("narrow") << randomCassette(5, 100, false, 2, 30) << 50;
        QTest::newRow("unlimited width") << randomCassette(6, 100, false, 2, -1) << 60;
    }

    void readerAgreesWithLibyaml()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(int, minimumAccepted);
        // With nothing elided every value is compared; with a small limit the measured sizes are.
        const int accepted = compareReader(yaml, qint64(1) << 40);
        QVERIFY(accepted >= minimumAccepted);
        QCOMPARE(compareReader(yaml, 64), accepted);
        compareModes(yaml);
    }

    void readerDeclines_data()
    {
        QTest::addColumn<QByteArray>("item");
        const QByteArray tail = "    method: GET\n    uri: http://a\n  response:\n    status:\n      code: 200\n";
        QTest::newRow("anchor") << "- request:\n    body: &b 'x'\n" + tail;
        QTest::newRow("alias") << "- request:\n    body: *b\n" + tail;
        QTest::newRow("other tag") << "- request:\n    body: !!python/str 'x'\n" + tail;
        QTest::newRow("comment") << "- request:\n    body: x # note\n" + tail;
        QTest::newRow("comment line") << "- request:\n    # note\n    body: x\n" + tail;
        QTest::newRow("blank line") << "- request:\n\n    body: x\n" + tail;
        QTest::newRow("blank line in a plain scalar") << "- request:\n    body: a\n\n      b\n" + tail;
        QTest::newRow("tab") << "- request:\n    body:\ta\n" + tail;
        QTest::newRow("tab indentation") << "- request:\n\t  body: a\n" + tail;
        QTest::newRow("crlf") << QByteArray("- request:\r\n    body: a\r\n") + tail;
        QTest::newRow("flow mapping") << "- request:\n    body: {a: 1}\n" + tail;
        QTest::newRow("flow sequence") << "- request:\n    body: [1]\n" + tail;
        QTest::newRow("quoted key") << "- request:\n    'body': x\n" + tail;
        QTest::newRow("complex key") << "- request:\n    ? body\n    : x\n" + tail;
        QTest::newRow("literal block") << "- request:\n    body: |\n      x\n" + tail;
        QTest::newRow("folded block") << "- request:\n    body: >\n      x\n" + tail;
        QTest::newRow("binary with chomping") << "- request:\n    body: !!binary |-\n      QUJD\n" + tail;
        QTest::newRow("key: value: value") << "- request:\n    body: a: b\n" + tail;
        QTest::newRow("colon continuation") << "- request:\n    body: a\n      b: c\n" + tail;
        QTest::newRow("comment after a plain scalar") << "- request:\n    body: a #c\n" + tail;
        QTest::newRow("deeper after a quoted scalar") << "- request:\n    body: 'a'\n      x: y\n" + tail;
        QTest::newRow("text after a quoted scalar") << "- request:\n    body: 'a' b\n" + tail;
        QTest::newRow("nested sequence") << "- request:\n    body:\n    - - a\n" + tail;
        QTest::newRow("mapping in a sequence") << "- request:\n    body:\n    - a: b\n" + tail;
        QTest::newRow("non-ASCII plain") << "- request:\n    body: caf\xc3\xa9\n" + tail;
        QTest::newRow("column 1 after the item") << "- request:\n    body: a\n" + tail + " x\n";
        QTest::newRow("key at a sequence's column") << "- request:\n    body:\n      - a\n      b: c\n" + tail;
        QTest::newRow("sequence entry at a mapping's column")
            << "- request:\n    body: a\n    - b\n" + tail;
        QTest::newRow("a line between two levels") << "-  request:\n     body: a\n" + tail;
        QTest::newRow("document marker inside quotes") << "- request:\n    body: 'a\n---\n  b'\n" + tail;
        QTest::newRow("unknown escape") << "- request:\n    body: \"a\\qb\"\n" + tail;
        QTest::newRow("control character") << "- request:\n    body: 'a\x01b'\n" + tail;
    }

    void readerDeclines()
    {
        QFETCH(QByteArray, item);
        const QByteArray yaml = "interactions:\n" + item + interaction("null", large()) + "version: 1\n";
        InteractionReader reader(yaml, 1024);
        CassetteNode node;
        QVERIFY(!reader.read(yaml.indexOf("- "), node));
        QVERIFY(reader.read(yaml.lastIndexOf("\n- ") + 1, node)); // the next one is read
        compareModes(yaml);
    }

    void readerAcceptsWhatItModels()
    {
        // Shapes the emitter writes and some it does not, all with one meaning: read, and as libyaml reads them.
        const QByteArray yaml = "interactions:\n"
                                "- request:\n"
                                "    body: plain text folded\n"
                                "      over two lines\n"
                                "    empty:\n"
                                "    headers:\n"
                                "        indented:\n"
                                "          - a\n"
                                "          - 'b'\n"
                                "        indentless:\n"
                                "        - \"c\\u00e9\"\n"
                                "        none: []\n"
                                "        also: {}\n"
                                "    method: GET\n"
                                "    uri: http://a.test/p?q=1#frag\n"
                                "  response:\n"
                                "    body:\n"
                                "      string: !!binary |\n"
                                "        QUJD\n"
                                "    status:\n"
                                "      code: 200\n"
                                "      message:    spaced   out   \n"
                                "- request:\n"
                                "    uri: http://b\n"
                                "version: 1\n";
        QCOMPARE(compareReader(yaml, qint64(1) << 40), 2);
        compareModes(yaml);
    }

    void summaryEqualsFullReadOnCdumperShapes_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        // Interactions read whole next to ones read by libyaml, with warnings that carry line numbers.
        QTest::newRow("no response, then a python tag")
            << cassette({ interaction("null", large()),
                   "- request:\n    body: 'a\n\n      b'\n    method: GET\n    uri: http://x\n",
                   interaction("!!python/weird 1", "'x'"), interaction("null", large()) });
        QTest::newRow("no method, folded uri")
            << cassette({ "- request:\n    body: null\n    uri: http://x/a\n      b\n  response:\n    status:\n"
                          "      code: 500\n      message: Internal\n        Error\n",
                interaction("null", "'a'") });
        QTest::newRow("no trailing newline") << QByteArray("interactions:\n") + interaction("null", large()).chopped(1);
        QTest::newRow("last item then another key")
            << "interactions:\n" + interaction("null", large()) + "other:\n- request:\n    body: x\n";
        QTest::newRow("items of another list") << "interactions:\n" + interaction("null", large()) + "version: 1\n"
                + "extra:\n" + interaction("null", large());
        QTest::newRow("bare list") << interaction("null", large()) + interaction("'a'", "'b'");
        // Read by libyaml, in many short lines, far more than the scanner looks ahead of what libyaml is fed.
        QByteArray manyHeaders = "- request:\n    body: &a null\n    headers:\n";
        for (int k = 0; k < 400; ++k)
            manyHeaders += "      X-Header-" + QByteArray::number(k) + ":\n      - value " + QByteArray::number(k) + "\n";
        manyHeaders += "    method: GET\n    uri: http://a\n";
        // Bytes that are not UTF-8, found while the fast path feeds libyaml: read again from there on a repaired
        // copy, with the same warnings (per interaction and for the whole cassette).
        QList<QByteArray> run;
        for (int k = 0; k < 6; ++k)
            run.append(interaction("null", large()));
        QList<QByteArray> withInvalid = run;
        withInvalid[3] = interaction("null", "'bad \xff byte " + QByteArray(2000, 'b') + "'");
        QTest::newRow("invalid UTF-8 inside a run") << cassette(withInvalid);
        withInvalid = run;
        withInvalid[0] = interaction("'\xc3'", large());
        QTest::newRow("invalid UTF-8 in the first interaction") << cassette(withInvalid);
        withInvalid = run;
        withInvalid[4] = interaction("null", "\"cut \xe5\xa3 sequence " + QByteArray(3000, 'c') + "\"");
        QTest::newRow("truncated sequence") << cassette(withInvalid);
        withInvalid = run;
        withInvalid[2] = "- request: [unclosed\n";
        withInvalid[4] = interaction("null", "'after the fault \xfe'");
        QTest::newRow("invalid UTF-8 after a fault") << cassette(withInvalid);
        QTest::newRow("long declined interaction before proposals")
            << cassette({ interaction("null", large()), manyHeaders, interaction("null", large('z', 9000)),
                   interaction("'x'", "*a"), interaction("null", large('w', 5000)) });
    }

    void summaryEqualsFullReadOnCdumperShapes()
    {
        QFETCH(QByteArray, yaml);
        compareModes(yaml);
    }

    void summaryEqualsFullReadOnTwoThreads()
    {
        // Above the size where summary reading splits the cassette in two.
        QByteArray yaml = randomCassette(11, 400, false, 2, 80);
        const QByteArray items = yaml.mid(yaml.indexOf("\n- ") + 1, yaml.indexOf("\nversion:") - yaml.indexOf("\n- "));
        QByteArray all = "interactions:\n";
        while (all.size() < (qsizetype(17) << 20))
            all += items;
        all += "version: 1\n";
        compareModes(all);
        // A warning that quotes a line in the second half (its lines are only known once the first half
        // is read), and one in the first.
        for (const qsizetype at : { all.size() / 3, all.size() * 2 / 3 }) {
            const qsizetype body = all.indexOf("\n    body: null\n", at);
            QVERIFY(body > 0);
            all.replace(body, 16, "\n    body: !!python/weird 1\n");
        }
        compareModes(all);
        // With bytes that are not UTF-8 in both halves (inside interactions the fast path reads).
        for (const qsizetype at : { all.size() / 5, all.size() * 4 / 5 }) {
            const qsizetype string = all.indexOf("      string: ", at);
            QVERIFY(string > 0);
            all[string + 15] = '\xff';
        }
        compareModes(all);
    }

    void summaryEqualsFullReadOnRandomBodies_data() { quotedScalarsAgreeWithLibyaml_data(); }

    void summaryEqualsFullReadOnRandomBodies()
    {
        QFETCH(bool, wide);
        setWideMasks(wide);
        const auto restore = qScopeGuard([] { setWideMasks(true); });
        // Bodies as libyaml's emitter writes them, in both quoting styles, with every awkward character.
        std::mt19937 rng(7);
        QList<QByteArray> items;
        for (int k = 0; k < 200; ++k) {
            const QByteArray text = randomText(rng, 900 + int(rng() % 2000));
            QByteArray scalar = emitted(
                text, k % 2 ? YAML_SINGLE_QUOTED_SCALAR_STYLE : YAML_DOUBLE_QUOTED_SCALAR_STYLE, k % 3 == 0);
            scalar = scalar.mid(scalar.indexOf("string: ") + 8).trimmed();
            scalar.replace("\n", "\n      "); // indented below "string:" as in a cassette
            items.append(interaction("null", scalar));
        }
        compareModes(cassette(items));
    }
};

QTEST_GUILESS_MAIN(TestCassetteLayout)
#include "tst_cassettelayout.moc"
