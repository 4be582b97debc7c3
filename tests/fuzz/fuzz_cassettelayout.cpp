// SPDX-License-Identifier: MIT
// The cassette layout scanner's own readings, held against libyaml: quoted scalars (measureQuoted,
// decodeQuoted, with the AVX2 and the SSE2 walks), "!!binary |" literals, and the scanner's proposals.
//
// Input: a mode byte, an indentation byte, then the text. Modes 0 and 1 put the text after
// "<indent>string: " (a quoted scalar, a binary literal); mode 2 scans the text as a whole cassette.
// Invariants:
// - a quoted scalar measured or decoded is one libyaml reads, to the same end, with the same value: the
//   document cut right after it parses, and its value has the measured size and the decoded bytes
//   (layout.h: nullopt whenever libyaml would reject it; invalid UTF-8 is left to the parser's own check);
//   the wide and the narrow walks agree exactly;
// - a binary literal measured is one libyaml reads as the same lines, and its size is what the full
//   reading decodes from them;
// - the scanner's proposals lie inside the text, in order, without overlapping; a body proposal starts
//   at a quote or a !!binary tag, an interaction run's items start at "- " at the start of a line, in order.
#include "core/recording/cassettelayout.h"
#include "fuzzsupport.h"

#include <optional>
#include <yaml.h>

using namespace tapedeck;
using namespace tapedeck::cassettelayout;
using namespace tapedeck::fuzz;

namespace {

struct LibyamlScalar
{
    QByteArray value;
    QByteArray tag;
};

// The value of the document's second scalar (the value of "string") as libyaml reads it; nullopt when
// libyaml rejects the document or it is not a one-key mapping.
std::optional<LibyamlScalar> libyamlValue(QByteArrayView yaml)
{
    yaml_parser_t parser;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_string(
        &parser, reinterpret_cast<const unsigned char *>(yaml.data()), size_t(yaml.size()));
    std::optional<LibyamlScalar> value;
    int scalars = 0;
    bool ok = true;
    for (;;) {
        yaml_event_t event;
        if (!yaml_parser_parse(&parser, &event)) {
            ok = false;
            break;
        }
        const yaml_event_type_t type = event.type;
        if (type == YAML_SCALAR_EVENT && ++scalars == 2) {
            value = LibyamlScalar { QByteArray(reinterpret_cast<const char *>(event.data.scalar.value),
                                        qsizetype(event.data.scalar.length)),
                event.data.scalar.tag ? QByteArray(reinterpret_cast<const char *>(event.data.scalar.tag))
                                      : QByteArray() };
        }
        if (type == YAML_SEQUENCE_START_EVENT || type == YAML_ALIAS_EVENT)
            ok = false;
        yaml_event_delete(&event);
        if (type == YAML_STREAM_END_EVENT || !ok)
            break;
    }
    yaml_parser_delete(&parser);
    if (!ok || scalars != 2)
        return std::nullopt;
    return value;
}

QString show(QByteArrayView text)
{
    return QString::fromUtf8(
        text.first(std::min<qsizetype>(text.size(), 400)).toByteArray().toPercentEncoding(" "));
}

void checkQuoted(const QByteArray &yaml, qint64 at)
{
    const bool hasWide = setWideMasks(true);
    const std::optional<Measured> wide = measureQuoted(yaml, at);
    QByteArray wideValue;
    const std::optional<Measured> wideDecoded = decodeQuoted(yaml, at, wideValue);
    setWideMasks(false);
    const std::optional<Measured> narrow = measureQuoted(yaml, at);
    QByteArray narrowValue;
    const std::optional<Measured> narrowDecoded = decodeQuoted(yaml, at, narrowValue);
    setWideMasks(true);
    if (hasWide) {
        FUZZ_CHECK(wide.has_value() == narrow.has_value()
                && (!wide
                    || (wide->end == narrow->end && wide->size == narrow->size
                        && wide->valueLength == narrow->valueLength && wide->breaks == narrow->breaks)),
            QStringLiteral("the AVX2 and SSE2 walks measure differently: %1").arg(show(yaml)));
        FUZZ_CHECK(wideDecoded.has_value() == narrowDecoded.has_value() && wideValue == narrowValue,
            QStringLiteral("the AVX2 and SSE2 walks decode differently: %1").arg(show(yaml)));
    }
    FUZZ_CHECK(narrow.has_value() == narrowDecoded.has_value(),
        QStringLiteral("measureQuoted and decodeQuoted disagree on accepting: %1").arg(show(yaml)));
    if (!narrow)
        return;
    FUZZ_CHECK(narrowDecoded->end == narrow->end && narrowDecoded->size == narrow->size
            && narrowValue.size() == narrow->valueLength && narrow->end > at && narrow->end <= yaml.size()
            && yaml.at(narrow->end - 1) == yaml.at(at),
        QStringLiteral("measured end %1 size %2 length %3, decoded end %4 size %5 value %6 bytes: %7")
            .arg(narrow->end)
            .arg(narrow->size)
            .arg(narrow->valueLength)
            .arg(narrowDecoded->end)
            .arg(narrowDecoded->size)
            .arg(narrowValue.size())
            .arg(show(yaml)));
    const QByteArray cut = yaml.first(narrow->end) + '\n';
    // Encoding errors are the UTF-8 check's to find (EventStream::validate()), not the layout's.
    if (!QByteArrayView(cut).isValidUtf8())
        return;
    const std::optional<LibyamlScalar> libyaml = libyamlValue(cut);
    FUZZ_CHECK(libyaml.has_value(),
        QStringLiteral("measured a scalar libyaml rejects (or reads as something else): %1").arg(show(cut)));
    FUZZ_CHECK(libyaml->value.size() == narrow->size && libyaml->value == narrowValue,
        QStringLiteral("libyaml reads %1 bytes \"%2\", the layout %3 bytes \"%4\": %5")
            .arg(libyaml->value.size())
            .arg(show(libyaml->value))
            .arg(narrow->size)
            .arg(show(narrowValue), show(cut)));
}

void checkBinary(const QByteArray &yaml, qint64 at, int parentIndent)
{
    const std::optional<Measured> m = measureBinaryLiteral(yaml, at, parentIndent);
    if (!m)
        return;
    FUZZ_CHECK(m->end > at && m->end <= yaml.size(),
        QStringLiteral("a binary literal measured to %1 of %2").arg(m->end).arg(yaml.size()));
    const QByteArray lines = binaryLiteralText(yaml, at, *m);
    if (!QByteArrayView(yaml).first(m->end).isValidUtf8())
        return;
    const std::optional<LibyamlScalar> libyaml = libyamlValue(QByteArray(yaml.first(m->end) + '\n'));
    FUZZ_CHECK(libyaml.has_value() && libyaml->tag == "tag:yaml.org,2002:binary",
        QStringLiteral("measured a binary literal libyaml does not read as one: %1").arg(show(yaml)));
    FUZZ_CHECK(libyaml->value == lines,
        QStringLiteral("libyaml reads \"%1\", the layout \"%2\"").arg(show(libyaml->value), show(lines)));
    FUZZ_CHECK(m->valueLength == lines.size(),
        QStringLiteral("value length %1 for %2 bytes of lines").arg(m->valueLength).arg(lines.size()));
    FUZZ_CHECK(m->size == QByteArray::fromBase64(lines).size(),
        QStringLiteral("measured %1 decoded bytes, the full reading decodes %2")
            .arg(m->size)
            .arg(QByteArray::fromBase64(lines).size()));
}

void checkScanner(const QByteArray &yaml, qint64 elideAbove, bool interactions)
{
    LayoutScanner scanner(yaml, elideAbove, interactions);
    scanner.advanceTo(yaml.size());
    for (size_t k = 0; k < scanner.elisions().size(); ++k)
        scanner.growRun(k);
    qint64 previousEnd = 0;
    for (const Elision &e : scanner.elisions()) {
        FUZZ_CHECK(e.begin >= previousEnd && e.begin <= e.end && e.end <= yaml.size(),
            QStringLiteral("a proposal at %1..%2 after %3 in %4 bytes")
                .arg(e.begin)
                .arg(e.end)
                .arg(previousEnd)
                .arg(yaml.size()));
        previousEnd = e.end;
        if (e.kind == Elision::Kind::Body) {
            FUZZ_CHECK(e.begin < yaml.size()
                    && (yaml.at(e.begin) == '\'' || yaml.at(e.begin) == '"'
                        || yaml.sliced(e.begin).startsWith("!!binary")),
                QStringLiteral("a body proposal at %1 starts with %2")
                    .arg(e.begin)
                    .arg(show(yaml.sliced(e.begin))));
            FUZZ_CHECK(e.size >= 0, QStringLiteral("a body proposal of %1 bytes").arg(e.size));
            continue;
        }
        FUZZ_CHECK(interactions && !e.items.empty(), QStringLiteral("an empty run of interactions"));
        qint64 previousLine = -1;
        for (const Elision::Item &item : e.items) {
            FUZZ_CHECK(item.lineStart > previousLine && item.lineStart < yaml.size()
                    && (item.lineStart == 0 || yaml.at(item.lineStart - 1) == '\n')
                    && yaml.sliced(item.lineStart).startsWith("- ") && item.node && item.next > item.lineStart
                    && item.next <= yaml.size(),
                QStringLiteral("an interaction item at %1 (next %2) after %3: %4")
                    .arg(item.lineStart)
                    .arg(item.next)
                    .arg(previousLine)
                    .arg(show(yaml.sliced(std::min<qint64>(item.lineStart, yaml.size())))));
            previousLine = item.lineStart;
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *bytes, std::size_t size)
{
    FuzzInput in(bytes, size);
    const quint8 mode = in.byte() % 3;
    const int indent = in.byte() % 9;
    const QByteArrayView text = in.rest();
    if (mode == 2) {
        const QByteArray yaml = text.toByteArray();
        checkScanner(yaml, 1 + indent * 16, indent % 2 == 0);
        return 0;
    }
    const QByteArray prefix = QByteArray(indent, ' ') + "string: ";
    const QByteArray yaml = prefix + text.toByteArray();
    if (mode == 0)
        checkQuoted(yaml, prefix.size());
    else
        checkBinary(yaml, prefix.size(), indent);
    return 0;
}
