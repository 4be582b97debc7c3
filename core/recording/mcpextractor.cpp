// SPDX-License-Identifier: MIT
// MCP extraction. JSON is read with a small validating scanner that works on byte spans rather than
// QJsonDocument: aspects must keep their key order and number spelling so that the file sink's output can
// be reproduced byte for byte, and a truncated file must still yield the records before the fault.
#include "core/common/hex.h"
#include "core/common/jsonstring.h"
#include "core/common/nesting.h"
#include "core/common/utf8.h"
#include "core/recording/mcpextractor.h"

#include "core/common/pythonjson.h"

#include <QJsonDocument>
#include <QUrl>
#include <QUrlQuery>

#include <algorithm>
#include <cstring>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace tapedeck {

namespace {

using Form = McpRecord::Form;

constexpr int MaxDepth = Nesting::MaxDepth;

const QString JsonContentType = QStringLiteral("application/json");
const QString JsonPatchContentType = QStringLiteral("application/json-patch+json");

struct Span
{
    qsizetype begin = 0;
    qsizetype end = 0;
};

struct Member
{
    Span key;
    Span value;
};

bool isSpace(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

qsizetype skipSpace(QByteArrayView s, qsizetype pos)
{
    while (pos < s.size() && isSpace(s[pos]))
        ++pos;
    return pos;
}

// The characters after a backslash in a JSON string that stand for one character (besides \u).
bool isSimpleEscape(char c)
{
    switch (c) {
    case '"':
    case '\\':
    case '/':
    case 'b':
    case 'f':
    case 'n':
    case 'r':
    case 't':
        return true;
    default:
        return false;
    }
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// "line L, column C" (1-based, columns in characters) for a byte offset into JSON text.
QString position(QByteArrayView text, qsizetype offset)
{
    const TextPosition at = textPosition(text, offset);
    return McpExtractor::tr("line %1, column %2").arg(at.line).arg(at.column);
}

QString describe(char c)
{
    if (uchar(c) >= 0x20 && uchar(c) < 0x7f)
        return QStringLiteral("'%1'").arg(QChar(QLatin1Char(c)));
    return QStringLiteral("0x%1").arg(uint(uchar(c)), 2, 16, QLatin1Char('0'));
}

// Validating JSON scanner (RFC 8259 plus the NaN/Infinity/-Infinity that Python's json writes). It never
// builds a tree: value() checks a value and reports its span; object()/array() walk one container and let a
// callback consume each member or element, so callers can keep what precedes a fault.
class Scanner
{
public:
    explicit Scanner(QByteArrayView text)
        : m_s(text)
    { }

    QByteArrayView text() const { return m_s; }
    qsizetype errorOffset() const { return m_errorOffset; }
    const QString &errorMessage() const { return m_errorMessage; }
    QString errorText() const
    {
        return McpExtractor::tr("%1: %2").arg(position(m_s, m_errorOffset), m_errorMessage);
    }
    void clearError()
    {
        m_errorOffset = -1;
        m_errorMessage.clear();
    }

    bool value(qsizetype &pos, Span *span = nullptr, int depth = 0)
    {
        pos = skipSpace(m_s, pos);
        if (pos >= m_s.size())
            return fail(pos, JsonSyntax::message(JsonSyntax::Problem::ValueMissing));
        const qsizetype start = pos;
        bool ok = false;
        switch (m_s[pos]) {
        case '{':
        case '[':
            ok = container(pos, depth);
            break;
        case '"':
            ok = string(pos);
            break;
        case 't':
            ok = word(pos, "true");
            break;
        case 'f':
            ok = word(pos, "false");
            break;
        case 'n':
            ok = word(pos, "null");
            break;
        case 'N':
            ok = word(pos, "NaN");
            break;
        case 'I':
            ok = word(pos, "Infinity");
            break;
        default:
            ok = number(pos);
        }
        if (ok && span)
            *span = Span { start, pos };
        return ok;
    }

    // A whole text holding exactly one value.
    bool document(Span *span)
    {
        qsizetype pos = 0;
        return value(pos, span) && atEnd(pos);
    }

    // Only whitespace may follow the value that ended at pos.
    bool atEnd(qsizetype pos)
    {
        pos = skipSpace(m_s, pos);
        if (pos < m_s.size())
            return fail(pos, McpExtractor::tr("unexpected %1 after the JSON value").arg(describe(m_s[pos])));
        return true;
    }

    // m_s[pos] must be '{'. member(Span key, qsizetype &pos) consumes the member's value.
    template<typename F> bool object(qsizetype &pos, F &&member)
    {
        ++pos;
        pos = skipSpace(m_s, pos);
        if (pos < m_s.size() && m_s[pos] == '}') {
            ++pos;
            return true;
        }
        for (;;) {
            pos = skipSpace(m_s, pos);
            if (pos >= m_s.size())
                return fail(pos, JsonSyntax::message(JsonSyntax::Problem::EndInsideObject));
            if (m_s[pos] != '"')
                return fail(pos, McpExtractor::tr("expected a \"key\" but found %1").arg(describe(m_s[pos])));
            const qsizetype keyStart = pos;
            if (!string(pos))
                return false;
            const Span key { keyStart, pos };
            pos = skipSpace(m_s, pos);
            if (pos >= m_s.size())
                return fail(pos, JsonSyntax::message(JsonSyntax::Problem::EndInsideObject));
            if (m_s[pos] != ':')
                return fail(pos, JsonSyntax::message(JsonSyntax::Problem::ExpectedColon, describe(m_s[pos])));
            ++pos;
            if (!member(key, pos))
                return false;
            pos = skipSpace(m_s, pos);
            if (pos >= m_s.size())
                return fail(pos, JsonSyntax::message(JsonSyntax::Problem::EndInsideObject));
            if (m_s[pos] == '}') {
                ++pos;
                return true;
            }
            if (m_s[pos] != ',')
                return fail(
                    pos, JsonSyntax::message(JsonSyntax::Problem::ExpectedCommaOrBrace, describe(m_s[pos])));
            ++pos;
        }
    }

    // m_s[pos] must be '['. element(int index, qsizetype &pos) consumes the element.
    template<typename F> bool array(qsizetype &pos, F &&element)
    {
        ++pos;
        pos = skipSpace(m_s, pos);
        if (pos < m_s.size() && m_s[pos] == ']') {
            ++pos;
            return true;
        }
        for (int index = 0;; ++index) {
            if (!element(index, pos))
                return false;
            pos = skipSpace(m_s, pos);
            if (pos >= m_s.size())
                return fail(pos, JsonSyntax::message(JsonSyntax::Problem::EndInsideArray));
            if (m_s[pos] == ']') {
                ++pos;
                return true;
            }
            if (m_s[pos] != ',')
                return fail(
                    pos, JsonSyntax::message(JsonSyntax::Problem::ExpectedCommaOrBracket, describe(m_s[pos])));
            ++pos;
        }
    }

private:
    bool fail(qsizetype at, const QString &message)
    {
        if (m_errorOffset < 0) {
            m_errorOffset = at;
            m_errorMessage = message;
        }
        return false;
    }

    bool container(qsizetype &pos, int depth)
    {
        if (depth >= MaxDepth)
            return fail(pos, Nesting::tooDeep());
        auto consume = [this, depth](auto &&, qsizetype &p) { return value(p, nullptr, depth + 1); };
        return m_s[pos] == '{' ? object(pos, consume) : array(pos, consume);
    }

    bool word(qsizetype &pos, QByteArrayView word)
    {
        if (m_s.sliced(pos).startsWith(word)) {
            pos += word.size();
            return true;
        }
        return fail(pos, JsonSyntax::message(JsonSyntax::Problem::Unexpected, describe(m_s[pos])));
    }

    bool string(qsizetype &pos)
    {
        const qsizetype start = pos;
        ++pos;
        while (pos < m_s.size()) {
#ifdef __SSE2__
            // Sixteen bytes at a time up to the next that needs a look: a quote, a backslash, a control
            // character (the signed compare also stops at non-ASCII, which is then stepped over below).
            const __m128i quote = _mm_set1_epi8('"');
            const __m128i backslash = _mm_set1_epi8('\\');
            const __m128i space = _mm_set1_epi8(0x20);
            while (pos + 16 <= m_s.size()) {
                const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(m_s.data() + pos));
                const int mask = _mm_movemask_epi8(_mm_or_si128(
                    _mm_cmplt_epi8(v, space), _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash))));
                if (mask != 0) {
                    pos += __builtin_ctz(unsigned(mask));
                    break;
                }
                pos += 16;
            }
            if (pos >= m_s.size())
                break;
#endif
            const char c = m_s[pos];
            if (c == '"') {
                ++pos;
                return true;
            }
            if (c == '\\') {
                if (pos + 1 >= m_s.size())
                    break;
                const char e = m_s[pos + 1];
                if (e == 'u') {
                    for (int i = 2; i < 6; ++i) {
                        if (pos + i >= m_s.size() || hexDigitValue(m_s[pos + i]) < 0)
                            return fail(pos, JsonSyntax::message(JsonSyntax::Problem::InvalidUnicodeEscape));
                    }
                    pos += 6;
                    continue;
                }
                if (!isSimpleEscape(e))
                    return fail(
                        pos, JsonSyntax::message(JsonSyntax::Problem::InvalidEscape, QChar(QLatin1Char(e))));
                pos += 2;
                continue;
            }
            if (uchar(c) < 0x20)
                return fail(pos, JsonSyntax::message(JsonSyntax::Problem::ControlCharacter, describe(c)));
            ++pos;
        }
        return fail(start, JsonSyntax::message(JsonSyntax::Problem::UnterminatedString));
    }

    bool number(qsizetype &pos)
    {
        const qsizetype start = pos;
        if (m_s[pos] == '-') {
            ++pos;
            if (pos < m_s.size() && m_s[pos] == 'I')
                return word(pos, "Infinity");
        }
        if (pos >= m_s.size() || !isDigit(m_s[pos]))
            return fail(start, JsonSyntax::message(JsonSyntax::Problem::Unexpected, describe(m_s[start])));
        if (m_s[pos] == '0')
            ++pos;
        else
            while (pos < m_s.size() && isDigit(m_s[pos]))
                ++pos;
        if (pos < m_s.size() && m_s[pos] == '.') {
            ++pos;
            if (pos >= m_s.size() || !isDigit(m_s[pos]))
                return fail(pos, JsonSyntax::message(JsonSyntax::Problem::FractionDigits));
            while (pos < m_s.size() && isDigit(m_s[pos]))
                ++pos;
        }
        if (pos < m_s.size() && (m_s[pos] == 'e' || m_s[pos] == 'E')) {
            ++pos;
            if (pos < m_s.size() && (m_s[pos] == '+' || m_s[pos] == '-'))
                ++pos;
            if (pos >= m_s.size() || !isDigit(m_s[pos]))
                return fail(pos, JsonSyntax::message(JsonSyntax::Problem::ExponentDigits));
            while (pos < m_s.size() && isDigit(m_s[pos]))
                ++pos;
        }
        return true;
    }

    QByteArrayView m_s;
    qsizetype m_errorOffset = -1;
    QString m_errorMessage;
};

// --- navigation in text that a Scanner has validated ------------------------------------------------

qsizetype stringEnd(QByteArrayView s, qsizetype pos)
{
    // The closing quote of a validated string: the first quote that is not the second byte of an escape.
    // Sixteen bytes at a time up to the next quote or backslash (aspect values are JSON text, their quotes
    // all escaped); a backslash takes the byte after it along.
    const char *p = s.data();
    const qsizetype n = s.size();
    ++pos;
    for (;;) {
#ifdef __SSE2__
        const __m128i quote = _mm_set1_epi8('"');
        const __m128i backslash = _mm_set1_epi8('\\');
        while (pos + 16 <= n) {
            const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p + pos));
            const int mask = _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)));
            if (mask != 0) {
                pos += __builtin_ctz(unsigned(mask));
                break;
            }
            pos += 16;
        }
#endif
        while (p[pos] != '"' && p[pos] != '\\')
            ++pos;
        if (p[pos] == '"')
            return pos + 1;
        pos += 2;
    }
}

qsizetype valueEnd(QByteArrayView s, qsizetype pos)
{
    const char c = s[pos];
    if (c == '"')
        return stringEnd(s, pos);
    if (c == '{' || c == '[') {
        int depth = 0;
        for (;;) {
#ifdef __SSE2__
            // Sixteen bytes at a time up to the next quote or bracket (the value is validated before, so one
            // follows).
            while (pos + 16 <= s.size()) {
                const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(s.data() + pos));
                const __m128i brackets = _mm_or_si128(
                    _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('{')), _mm_cmpeq_epi8(v, _mm_set1_epi8('}'))),
                    _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('[')), _mm_cmpeq_epi8(v, _mm_set1_epi8(']'))));
                const int mask = _mm_movemask_epi8(_mm_or_si128(brackets, _mm_cmpeq_epi8(v, _mm_set1_epi8('"'))));
                if (mask != 0) {
                    pos += __builtin_ctz(unsigned(mask));
                    break;
                }
                pos += 16;
            }
#endif
            const char d = s[pos];
            if (d == '"') {
                pos = stringEnd(s, pos);
                continue;
            }
            if (d == '{' || d == '[') {
                ++depth;
            } else if (d == '}' || d == ']') {
                if (--depth == 0)
                    return pos + 1;
            }
            ++pos;
        }
    }
    while (pos < s.size() && !isSpace(s[pos]) && s[pos] != ',' && s[pos] != ']' && s[pos] != '}')
        ++pos;
    return pos;
}

char kindOf(QByteArrayView s, Span v)
{
    const char c = s[v.begin];
    if (c == '{' || c == '[' || c == '"' || c == 'n' || c == 't' || c == 'f')
        return c;
    return '0'; // a number, NaN or ±Infinity
}

QList<Member> membersOf(QByteArrayView s, Span object)
{
    QList<Member> members;
    qsizetype pos = skipSpace(s, object.begin + 1);
    if (s[pos] == '}')
        return members;
    for (;;) {
        Member m;
        m.key = { pos, stringEnd(s, pos) };
        pos = skipSpace(s, m.key.end) + 1; // ':'
        pos = skipSpace(s, pos);
        m.value = { pos, valueEnd(s, pos) };
        members.append(m);
        pos = skipSpace(s, m.value.end);
        if (s[pos] == '}')
            return members;
        pos = skipSpace(s, pos + 1); // ','
    }
}

QList<Span> elementsOf(QByteArrayView s, Span array)
{
    QList<Span> elements;
    qsizetype pos = skipSpace(s, array.begin + 1);
    if (s[pos] == ']')
        return elements;
    for (;;) {
        const Span e { pos, valueEnd(s, pos) };
        elements.append(e);
        pos = skipSpace(s, e.end);
        if (s[pos] == ']')
            return elements;
        pos = skipSpace(s, pos + 1);
    }
}

QString decodeString(QByteArrayView s, Span span)
{
    return unescapeJsonString(s.sliced(span.begin + 1, span.end - span.begin - 2));
}

// --- Python-style writing --------------------------------------------------------------------------

const QString PegasusPrefix = QStringLiteral("com.linkedin.pegasus2avro.");
const QString RestliPrefix = QStringLiteral("com.linkedin.");

// Writes a validated value as Python's json.dumps writes what json.loads made of it. With pegasus set it
// also applies DataHub's pre_json_transform (serialization_helper.py): a single-key object whose key holds
// "com.linkedin.pegasus2avro." gets that replaced by "com.linkedin.", other objects lose null members.
class PythonWriter
{
public:
    PythonWriter(QByteArrayView s, int indent, bool pegasus)
        : m_s(s)
        , m_indent(indent)
        , m_pegasus(pegasus)
    { }

    // Writes the value starting at pos in one pass and returns where it ends.
    qsizetype write(QByteArray &out, qsizetype pos, int level) const
    {
        switch (m_s[pos]) {
        case '{':
            return m_pegasus ? writeTransformedObject(out, pos, level) : writeContainer(out, pos, level, '}');
        case '[':
            return writeContainer(out, pos, level, ']');
        case '"': {
            const qsizetype end = stringEnd(m_s, pos);
            writeString(out, Span { pos, end });
            return end;
        }
        default: {
            const qsizetype end = valueEnd(m_s, pos);
            out += m_s.sliced(pos, end - pos);
            return end;
        }
        }
    }

private:
    void newline(QByteArray &out, int level) const
    {
        if (m_indent < 0)
            return;
        out += '\n';
        out += QByteArray(qsizetype(m_indent) * level, ' ');
    }

    void separator(QByteArray &out, int level) const
    {
        out += m_indent < 0 ? ", " : ",";
        newline(out, level);
    }

    void writeString(QByteArray &out, Span v) const
    {
        const QByteArrayView raw = m_s.sliced(v.begin, v.end - v.begin);
        const bool plain = std::all_of(raw.begin() + 1, raw.end() - 1,
            [](char c) { return c != '\\' && uchar(c) >= 0x20 && uchar(c) <= 0x7e; });
        if (plain)
            out += raw;
        else
            out += PythonJson::quote(decodeString(m_s, v));
    }

    qsizetype writeContainer(QByteArray &out, qsizetype pos, int level, char close) const
    {
        pos = skipSpace(m_s, pos + 1);
        if (m_s[pos] == close) {
            out += close == '}' ? "{}" : "[]";
            return pos + 1;
        }
        out += close == '}' ? '{' : '[';
        newline(out, level + 1);
        for (bool first = true;; first = false) {
            if (!first)
                separator(out, level + 1);
            if (close == '}') {
                const qsizetype keyEnd = stringEnd(m_s, pos);
                writeString(out, Span { pos, keyEnd });
                out += ": ";
                pos = skipSpace(m_s, skipSpace(m_s, keyEnd) + 1); // past ':'
            }
            pos = skipSpace(m_s, write(out, pos, level + 1));
            if (m_s[pos] == close)
                break;
            pos = skipSpace(m_s, pos + 1); // past ','
        }
        newline(out, level);
        out += close;
        return pos + 1;
    }

    // pre_json_transform needs to see an object's members before writing it.
    qsizetype writeTransformedObject(QByteArray &out, qsizetype pos, int level) const
    {
        const Span v { pos, valueEnd(m_s, pos) };
        QList<Member> members = membersOf(m_s, v);
        QString renamed;
        if (members.size() == 1) {
            const QString key = decodeString(m_s, members.first().key);
            if (key.contains(PegasusPrefix))
                renamed = QString(key).replace(PegasusPrefix, RestliPrefix);
        }
        if (renamed.isNull())
            members.removeIf([this](const Member &m) { return kindOf(m_s, m.value) == 'n'; });
        if (members.isEmpty()) {
            out += "{}";
            return v.end;
        }
        out += '{';
        newline(out, level + 1);
        for (qsizetype i = 0; i < members.size(); ++i) {
            if (i > 0)
                separator(out, level + 1);
            if (renamed.isNull())
                writeString(out, members.at(i).key);
            else
                out += PythonJson::quote(renamed);
            out += ": ";
            write(out, members.at(i).value.begin, level + 1);
        }
        newline(out, level);
        out += '}';
        return v.end;
    }

    QByteArrayView m_s;
    int m_indent;
    bool m_pegasus;
};

QByteArray pythonText(QByteArrayView s, Span v, int indent = -1, int level = 0, bool pegasus = false)
{
    QByteArray out;
    out.reserve((v.end - v.begin) * (indent < 0 ? 1 : 2) + 16);
    PythonWriter(s, indent, pegasus).write(out, v.begin, level);
    return out;
}

// --- GMS endpoints ---------------------------------------------------------------------------------

enum class Endpoint {
    None,
    Proposal,
    ProposalBatch,
    EntityIngest,
    EntityDelete,
    Usage,
    OpenApiWrite,
    OpenApiDelete,
};

struct Route
{
    Endpoint endpoint = Endpoint::None;
    bool patch = false;
    QString entityType; // OpenAPI: from the path
    QString urn; // OpenAPI DELETE
    QString aspectName; // OpenAPI DELETE of one aspect
};

// "urn:li:dataset:(…)/status" → the URN and the aspect name, when the last path part can only be an aspect.
void splitUrnAndAspect(const QString &rest, Route &route)
{
    route.urn = rest;
    const qsizetype slash = rest.lastIndexOf(QLatin1Char('/'));
    if (slash <= 0)
        return;
    const QString tail = rest.mid(slash + 1);
    const QString head = rest.left(slash);
    const bool identifier = !tail.isEmpty() && tail.front().isLetter()
        && std::all_of(tail.begin(), tail.end(), [](QChar c) { return c.isLetterOrNumber(); });
    if (identifier && head.startsWith(QLatin1String("urn:"))
        && head.count(QLatin1Char('(')) == head.count(QLatin1Char(')'))) {
        route.urn = head;
        route.aspectName = tail;
    }
}

// False only when route() finds no endpoint: every endpoint needs one of these verbs and, as a path segment
// (percent-decoded, so this looks only at URIs without '%'), one of these words. Most requests of a
// recording are not GMS calls, and parsing their URL is most of what checking them costs.
bool mayRoute(const QString &method, const QString &uri)
{
    const QStringView verb = QStringView(method).trimmed();
    if (verb.compare(u"POST", Qt::CaseInsensitive) != 0 && verb.compare(u"PATCH", Qt::CaseInsensitive) != 0
        && verb.compare(u"DELETE", Qt::CaseInsensitive) != 0)
        return false;
    if (uri.contains(QLatin1Char('%')))
        return true;
    return uri.contains(QLatin1String("aspects")) || uri.contains(QLatin1String("entities"))
        || uri.contains(QLatin1String("usageStats")) || uri.contains(QLatin1String("openapi"));
}

Route route(const QString &method, const QString &uri)
{
    Route r;
    if (!mayRoute(method, uri))
        return r;
    const QUrl url(uri.trimmed(), QUrl::TolerantMode);
    if (!url.isValid())
        return r;
    const QString verb = method.trimmed().toUpper();
    QStringList segments = url.path(QUrl::FullyEncoded).split(QLatin1Char('/'), Qt::SkipEmptyParts);
    for (QString &segment : segments)
        segment = QUrl::fromPercentEncoding(segment.toUtf8());
    if (segments.isEmpty())
        return r;
    const QString action = QUrlQuery(url).queryItemValue(QStringLiteral("action"), QUrl::FullyDecoded);
    const QString &last = segments.last();

    if (verb == QLatin1String("POST")) {
        if (last == QLatin1String("aspects")) {
            if (action == QLatin1String("ingestProposal"))
                r.endpoint = Endpoint::Proposal;
            else if (action == QLatin1String("ingestProposalBatch"))
                r.endpoint = Endpoint::ProposalBatch;
            return r;
        }
        if (last == QLatin1String("entities")) {
            if (action == QLatin1String("ingest"))
                r.endpoint = Endpoint::EntityIngest;
            else if (action == QLatin1String("delete"))
                r.endpoint = Endpoint::EntityDelete;
            return r;
        }
        if (last == QLatin1String("usageStats")) {
            if (action == QLatin1String("batchIngest"))
                r.endpoint = Endpoint::Usage;
            return r;
        }
    }
    for (qsizetype i = 0; i + 3 < segments.size(); ++i) {
        if (segments.at(i) != QLatin1String("openapi") || segments.at(i + 1) != QLatin1String("v3")
            || segments.at(i + 2) != QLatin1String("entity"))
            continue;
        const QStringList rest = segments.mid(i + 3);
        r.entityType = rest.first();
        if (rest.size() == 1 && (verb == QLatin1String("POST") || verb == QLatin1String("PATCH"))) {
            r.endpoint = Endpoint::OpenApiWrite;
            r.patch = verb == QLatin1String("PATCH");
        } else if (rest.size() >= 2 && verb == QLatin1String("DELETE")) {
            r.endpoint = Endpoint::OpenApiDelete;
            splitUrnAndAspect(rest.mid(1).join(QLatin1Char('/')), r);
        }
        break;
    }
    return r;
}

QString lowerFirst(const QString &name)
{
    return name.isEmpty() ? name : name.front().toLower() + name.mid(1);
}

// --- extraction ------------------------------------------------------------------------------------

// The members of a validated object by key, as json.loads keeps them: a repeated key keeps its last value.
// A short list looked through from its end: objects here have a handful of members, and their keys (ASCII,
// without escapes as a rule) are compared as written instead of each being decoded and hashed.
class Fields
{
public:
    Fields() = default;
    Fields(QByteArrayView s, QList<Member> members)
        : m_s(s)
        , m_members(std::move(members))
    { }

    const Span *constFind(QStringView key) const
    {
        for (qsizetype k = m_members.size() - 1; k >= 0; --k) {
            if (keyEquals(m_members.at(k).key, key))
                return &m_members.at(k).value;
        }
        return nullptr;
    }
    const Span *constEnd() const { return nullptr; }
    bool contains(QStringView key) const { return constFind(key) != nullptr; }

private:
    bool keyEquals(Span span, QStringView key) const
    {
        const QByteArrayView written = m_s.sliced(span.begin + 1, span.end - span.begin - 2);
        for (const char c : written) {
            if (c == '\\' || uchar(c) >= 0x80)
                return decodeString(m_s, span) == key;
        }
        if (written.size() != key.size())
            return false;
        for (qsizetype i = 0; i < written.size(); ++i) {
            if (char16_t(uchar(written[i])) != key[i].unicode())
                return false;
        }
        return true;
    }

    QByteArrayView m_s;
    QList<Member> m_members;
};

class Extraction
{
public:
    Extraction(QByteArrayView text, QStringList &warnings, bool summary = false)
        : m_s(text)
        , m_warnings(warnings)
        , m_summary(summary)
    { }

    QList<McpRecord> records;

    void warn(const QString &message) { m_warnings.append(message); }

    QString string(Span v) const { return decodeString(m_s, v); }
    char kind(Span v) const { return kindOf(m_s, v); }

    // The members of a validated object by key; a repeated key keeps its last value, as json.loads does.
    Fields fields(Span object) const { return Fields(m_s, membersOf(m_s, object)); }

    QJsonObject jsonObject(Span v, const QString &what, QStringList &warnings) const
    {
        if (kind(v) == 'n')
            return {};
        if (kind(v) != '{') {
            warnings.append(McpExtractor::tr("%1 is not a JSON object").arg(what));
            return {};
        }
        QJsonParseError error;
        const QJsonDocument document
            = PythonJson::loads(m_s.sliced(v.begin, v.end - v.begin), &error);
        if (error.error != QJsonParseError::NoError)
            warnings.append(McpExtractor::tr("%1 could not be read (%2)").arg(what, error.errorString()));
        return document.object();
    }

    // A string member; a warning when present with another type.
    QString text(const Fields &f, const QString &key, QStringList &warnings) const
    {
        const auto it = f.constFind(key);
        if (it == f.constEnd() || kind(*it) == 'n')
            return {};
        if (kind(*it) != '"') {
            warnings.append(McpExtractor::tr("\"%1\" is not a string").arg(key));
            return {};
        }
        return string(*it);
    }

    // An MCP object: RESTli wire form or file-sink form.
    void proposal(
        Span v, Form form, int index, const QString &what, const Fields *known = nullptr)
    {
        if (kind(v) != '{') {
            warn(McpExtractor::tr("%1 is not a JSON object").arg(what));
            return;
        }
        McpRecord r;
        r.form = form;
        r.carrierIndex = index;
        const Fields f = known ? *known : fields(v);
        r.entityType = text(f, QStringLiteral("entityType"), r.warnings);
        r.entityUrn = text(f, QStringLiteral("entityUrn"), r.warnings);
        r.changeType = text(f, QStringLiteral("changeType"), r.warnings);
        r.aspectName = text(f, QStringLiteral("aspectName"), r.warnings);
        if (r.entityUrn.isEmpty()) {
            r.warnings.append(f.contains(QStringLiteral("entityKeyAspect"))
                    ? McpExtractor::tr("the entity is identified by its key aspect only, not by an entityUrn")
                    : McpExtractor::tr("there is no entityUrn"));
        }
        if (r.entityType.isEmpty()) {
            r.entityType = McpExtractor::entityTypeFromUrn(r.entityUrn);
            r.warnings.append(McpExtractor::tr("there is no entityType"));
        }
        if (r.changeType.isEmpty())
            r.warnings.append(McpExtractor::tr("there is no changeType"));
        if (const auto it = f.constFind(QStringLiteral("aspect")); it != f.constEnd() && kind(*it) != 'n') {
            if (m_summary)
                r.aspectWrittenSize = it->end - it->begin;
            else
                r.aspectJson = genericAspect(*it, r.warnings);
        }
        if (const auto it = f.constFind(QStringLiteral("systemMetadata")); it != f.constEnd() && !m_summary)
            r.systemMetadata = jsonObject(*it, QStringLiteral("systemMetadata"), r.warnings);
        if ((!r.aspectJson.isEmpty() || r.aspectWrittenSize > 0) && r.aspectName.isEmpty())
            r.warnings.append(McpExtractor::tr("there is an aspect but no aspectName"));
        records.append(r);
    }

    // GenericAspect {value: "<JSON text>", contentType} or the file sink's {json: …}.
    QByteArray genericAspect(Span v, QStringList &warnings) const
    {
        if (kind(v) != '{') {
            warnings.append(McpExtractor::tr("the aspect is not a JSON object"));
            return {};
        }
        const Fields f = fields(v);
        if (const auto it = f.constFind(QStringLiteral("json")); it != f.constEnd())
            return pythonText(m_s, *it);
        const auto value = f.constFind(QStringLiteral("value"));
        if (value == f.constEnd()) {
            warnings.append(McpExtractor::tr("the aspect has neither \"value\" nor \"json\""));
            return {};
        }
        const QString contentType = text(f, QStringLiteral("contentType"), warnings);
        if (!contentType.isEmpty() && contentType != JsonContentType && contentType != JsonPatchContentType)
            warnings.append(McpExtractor::tr("the aspect's content type is %1, not JSON").arg(contentType));
        if (kind(*value) != '"') {
            warnings.append(McpExtractor::tr("the aspect value is JSON, not a string holding JSON text"));
            return pythonText(m_s, *value);
        }
        return aspectFromText(string(*value), warnings);
    }

    static QByteArray aspectFromText(const QString &valueText, QStringList &warnings)
    {
        const QByteArray bytes = valueText.toUtf8();
        Scanner scanner(bytes);
        Span span;
        if (!scanner.document(&span)) {
            warnings.append(McpExtractor::tr("the aspect value is not valid JSON (%1); it is kept as text")
                                .arg(scanner.errorText()));
            return bytes;
        }
        return pythonText(bytes, span);
    }

    // {"<…snapshot.XSnapshot>": {urn, aspects: [{"<…Aspect class>": {…}}, …]}} — one record per aspect.
    void snapshot(Span v, const QJsonObject &systemMetadata, const QStringList &sharedWarnings, Form form,
        int index, bool indexByAspect, const QString &what)
    {
        if (kind(v) != '{') {
            warn(McpExtractor::tr("%1: the snapshot is not a JSON object").arg(what));
            return;
        }
        const QList<Member> union_ = membersOf(m_s, v);
        if (union_.isEmpty()) {
            warn(McpExtractor::tr("%1: the snapshot is empty").arg(what));
            return;
        }
        if (union_.size() > 1)
            warn(McpExtractor::tr("%1: the snapshot holds %2 snapshot types; only the first is read")
                     .arg(what)
                     .arg(union_.size()));
        const QString snapshotClass = string(union_.first().key);
        const Span body = union_.first().value;
        if (kind(body) != '{') {
            warn(McpExtractor::tr("%1: %2 is not a JSON object").arg(what, snapshotClass));
            return;
        }
        QStringList common = sharedWarnings;
        const Fields f = fields(body);
        const QString urn = text(f, QStringLiteral("urn"), common);
        QString entityType = McpExtractor::entityTypeFromUrn(urn);
        if (urn.isEmpty())
            common.append(McpExtractor::tr("the snapshot has no urn"));
        if (entityType.isEmpty()) {
            QString name = snapshotClass.mid(snapshotClass.lastIndexOf(QLatin1Char('.')) + 1);
            if (name.endsWith(QLatin1String("Snapshot")))
                name.chop(8);
            entityType = lowerFirst(name);
        }
        const auto aspects = f.constFind(QStringLiteral("aspects"));
        if (aspects == f.constEnd() || kind(*aspects) != '[') {
            warn(McpExtractor::tr("%1: the snapshot of %2 has no \"aspects\" list").arg(what, urn));
            return;
        }
        const QList<Span> elements = elementsOf(m_s, *aspects);
        for (qsizetype i = 0; i < elements.size(); ++i) {
            const Span a = elements.at(i);
            const QList<Member> aspectUnion = kind(a) == '{' ? membersOf(m_s, a) : QList<Member> {};
            if (aspectUnion.size() != 1) {
                warn(McpExtractor::tr("%1: aspect %2 of %3 is not an object with one aspect type")
                         .arg(what)
                         .arg(i)
                         .arg(urn));
                continue;
            }
            McpRecord r;
            r.form = form;
            r.carrierIndex = indexByAspect ? int(i) : index;
            r.entityType = entityType;
            r.entityUrn = urn;
            r.changeType = QStringLiteral("UPSERT");
            r.aspectName = McpExtractor::aspectNameFromClass(string(aspectUnion.first().key));
            r.aspectJson = pythonText(m_s, aspectUnion.first().value, -1, 0, true);
            r.systemMetadata = systemMetadata;
            r.warnings = common;
            records.append(r);
        }
    }

    // An MCE object: the file sink's {proposedSnapshot, systemMetadata} or the wire's
    // {entity: {value: <snapshot>}, systemMetadata}.
    void mce(Span v, Form form, int index, const QString &what, const Fields *known = nullptr)
    {
        const Fields f = known ? *known : fields(v);
        QStringList warnings;
        QJsonObject systemMetadata;
        if (const auto it = f.constFind(QStringLiteral("systemMetadata")); it != f.constEnd())
            systemMetadata = jsonObject(*it, QStringLiteral("systemMetadata"), warnings);
        if (const auto it = f.constFind(QStringLiteral("proposedSnapshot")); it != f.constEnd()) {
            snapshot(*it, systemMetadata, warnings, form, index, false, what);
            return;
        }
        const auto entity = f.constFind(QStringLiteral("entity"));
        if (entity == f.constEnd() || kind(*entity) != '{') {
            warn(McpExtractor::tr("%1 has no \"entity\" object").arg(what));
            return;
        }
        const Fields e = fields(*entity);
        const auto value = e.constFind(QStringLiteral("value"));
        if (value == e.constEnd()) {
            warn(McpExtractor::tr("%1: the entity has no \"value\"").arg(what));
            return;
        }
        snapshot(*value, systemMetadata, warnings, form, index, true, what);
    }

    // A UsageAggregation {bucket, duration, resource, metrics}.
    void usage(Span v, int index, const QString &what)
    {
        if (kind(v) != '{') {
            warn(McpExtractor::tr("%1 is not a JSON object").arg(what));
            return;
        }
        McpRecord r;
        r.form = Form::Usage;
        r.carrierIndex = index;
        const Fields f = fields(v);
        r.entityUrn = text(f, QStringLiteral("resource"), r.warnings);
        if (r.entityUrn.isEmpty())
            r.warnings.append(McpExtractor::tr("the usage bucket has no resource"));
        r.entityType = McpExtractor::entityTypeFromUrn(r.entityUrn);
        r.changeType = QStringLiteral("UPSERT");
        r.aspectName = McpExtractor::UsageAspectName;
        r.aspectJson = pythonText(m_s, v);
        records.append(r);
    }

    // [{"urn": …, "<aspectName>": {"value": {…}, "systemMetadata": {…}|null, "headers": {…}}, …}, …]
    void openApiItem(Span v, const Route &route, int index, const QString &what)
    {
        if (kind(v) != '{') {
            warn(McpExtractor::tr("%1 is not a JSON object").arg(what));
            return;
        }
        const QList<Member> members = membersOf(m_s, v);
        QString urn;
        QStringList common;
        for (const Member &m : members) {
            if (string(m.key) == QLatin1String("urn"))
                urn = kind(m.value) == '"' ? string(m.value) : QString();
        }
        if (urn.isEmpty())
            common.append(McpExtractor::tr("there is no urn"));
        int aspects = 0;
        for (const Member &m : members) {
            const QString key = string(m.key);
            if (key == QLatin1String("urn"))
                continue;
            ++aspects;
            McpRecord r;
            r.form = Form::OpenApi;
            r.carrierIndex = index;
            r.entityType = route.entityType;
            r.entityUrn = urn;
            r.changeType = route.patch ? QStringLiteral("PATCH") : QStringLiteral("UPSERT");
            r.aspectName = key;
            r.warnings = common;
            if (kind(m.value) != '{') {
                r.warnings.append(McpExtractor::tr("the aspect entry is not a JSON object"));
            } else {
                const Fields f = fields(m.value);
                const auto value = f.constFind(QStringLiteral("value"));
                if (value == f.constEnd())
                    r.warnings.append(McpExtractor::tr("the aspect entry has no \"value\""));
                else
                    r.aspectJson = pythonText(m_s, *value);
                if (const auto it = f.constFind(QStringLiteral("systemMetadata")); it != f.constEnd())
                    r.systemMetadata = jsonObject(*it, QStringLiteral("systemMetadata"), r.warnings);
            }
            records.append(r);
        }
        if (aspects == 0)
            warn(McpExtractor::tr("%1 carries no aspect").arg(what));
    }

    // One record of a file-sink file.
    void fileElement(Span v, int index, const QString &what)
    {
        if (kind(v) != '{') {
            warn(McpExtractor::tr("%1 is not a JSON object").arg(what));
            return;
        }
        const Fields f = fields(v);
        if (f.contains(QStringLiteral("proposedSnapshot"))) {
            mce(v, Form::FileMce, index, what, &f);
        } else if (f.contains(QStringLiteral("entityType")) || f.contains(QStringLiteral("entityUrn"))
            || f.contains(QStringLiteral("aspectName")) || f.contains(QStringLiteral("changeType"))) {
            proposal(v, Form::FileMcp, index, what, &f);
        } else if (f.contains(QStringLiteral("resource")) && f.contains(QStringLiteral("bucket"))) {
            usage(v, index, what);
        } else {
            warn(McpExtractor::tr("%1 is neither an MCP nor an MCE").arg(what));
        }
    }

private:
    QByteArrayView m_s;
    QStringList &m_warnings;
    bool m_summary = false;
};

// The top-level object of a request body, with the one list member that carries the records walked element
// by element, so that a fault in the middle keeps the elements before it.
template<typename F> bool walkListMember(Scanner &scanner, const QString &listKey, bool &found, F &&element)
{
    qsizetype pos = skipSpace(scanner.text(), 0);
    const QByteArrayView s = scanner.text();
    const bool ok = scanner.object(pos, [&](Span key, qsizetype &p) {
        p = skipSpace(s, p);
        if (decodeString(s, key) != listKey || p >= s.size() || s[p] != '[')
            return scanner.value(p);
        found = true;
        return scanner.array(p, [&](int index, qsizetype &q) {
            Span span;
            if (!scanner.value(q, &span, 2)) // inside the object and its list: the nesting counts from the body
                return false;
            element(index, span);
            return true;
        });
    });
    return ok && scanner.atEnd(pos);
}

const QStringList &systemMetadataOrder()
{
    // SystemMetadata.pdl field order, then AuditStamp's (aspectCreated, aspectModified).
    static const QStringList order { QStringLiteral("lastObserved"), QStringLiteral("runId"),
        QStringLiteral("lastRunId"), QStringLiteral("pipelineName"), QStringLiteral("registryName"),
        QStringLiteral("registryVersion"), QStringLiteral("properties"), QStringLiteral("version"),
        QStringLiteral("aspectCreated"), QStringLiteral("aspectModified"), QStringLiteral("time"),
        QStringLiteral("actor"), QStringLiteral("impersonator"), QStringLiteral("message") };
    return order;
}

// The aspect JSON re-indented for the file sink; nullopt when it is not valid JSON.
std::optional<QByteArray> indentedAspect(const QByteArray &aspectJson, int level)
{
    Scanner scanner(aspectJson);
    Span span;
    if (!scanner.document(&span))
        return std::nullopt;
    return pythonText(aspectJson, span, 4, level);
}

QByteArray fileSinkRecord(const McpRecord &r)
{
    if (r.form == Form::Usage) {
        if (const auto bucket = indentedAspect(r.aspectJson, 0))
            return *bucket;
    }
    QByteArray out = "{";
    bool first = true;
    auto field = [&](const char *key, const QByteArray &value) {
        out += first ? "\n    \"" : ",\n    \"";
        first = false;
        out += key;
        out += "\": ";
        out += value;
    };
    field("entityType", PythonJson::quote(r.entityType));
    if (!r.entityUrn.isEmpty())
        field("entityUrn", PythonJson::quote(r.entityUrn));
    if (!r.changeType.isEmpty())
        field("changeType", PythonJson::quote(r.changeType));
    if (!r.aspectName.isEmpty())
        field("aspectName", PythonJson::quote(r.aspectName));
    if (!r.aspectJson.isEmpty()) {
        if (const auto json = indentedAspect(r.aspectJson, 2)) {
            field("aspect", "{\n        \"json\": " + *json + "\n    }");
        } else {
            // What the legacy file sink writes (legacy_nested_json_string): the text as it came.
            field("aspect",
                "{\n        \"value\": " + PythonJson::quote(decodeUtf8(r.aspectJson))
                    + ",\n        \"contentType\": \"application/json\"\n    }");
        }
    }
    if (!r.systemMetadata.isEmpty()) {
        QByteArray metadata = PythonJson::dumps(r.systemMetadata, 4, systemMetadataOrder());
        metadata.replace('\n', "\n    "); // JSON strings hold no raw newlines
        field("systemMetadata", metadata);
    }
    out += "\n}";
    return out;
}

// Appended to a syntax error: how much was read before it.
QString keptRecords(qsizetype count)
{
    if (count == 0)
        return {};
    return count == 1 ? McpExtractor::tr("; the record before the fault was read")
                      : McpExtractor::tr("; the %n records before the fault were read", nullptr, int(count));
}

} // namespace

QString McpExtractor::entityTypeFromUrn(const QString &urn)
{
    if (!urn.startsWith(QLatin1String("urn:li:")))
        return {};
    return urn.section(QLatin1Char(':'), 2, 2);
}

QString McpExtractor::aspectNameFromClass(const QString &className)
{
    const QString name = className.mid(className.lastIndexOf(QLatin1Char('.')) + 1);
    qsizetype upper = 0;
    while (upper < name.size() && name.at(upper).isUpper())
        ++upper;
    // An acronym at the start ("MLModelProperties") keeps its last capital for the next word.
    const qsizetype lower = upper > 1 && upper < name.size() ? upper - 1 : upper;
    return name.left(lower).toLower() + name.mid(lower);
}

bool McpExtractor::isGmsIngest(const QString &method, const QString &uri)
{
    return route(method, uri).endpoint != Endpoint::None;
}

QList<McpRecord> McpExtractor::fromRequest(
    const QString &method, const QString &uri, const QByteArray &body, QStringList *warnings, Detail detail)
{
    const Route r = route(method, uri);
    if (r.endpoint == Endpoint::None)
        return {};
    if (r.endpoint == Endpoint::OpenApiDelete) {
        McpRecord record;
        record.form = Form::OpenApi;
        record.entityType = r.entityType;
        record.entityUrn = r.urn;
        record.changeType = QStringLiteral("DELETE");
        record.aspectName = r.aspectName;
        return { record };
    }

    QStringList local;
    QStringList &w = warnings ? *warnings : local;
    const qsizetype start = skipSpace(body, 0);
    if (start >= body.size()) {
        w.append(tr("the request has an empty body"));
        return {};
    }
    Extraction ex(body, w, detail == Detail::Summary);
    Scanner scanner(body);
    const char first = body.at(start);
    bool ok = true;
    bool found = false;

    switch (r.endpoint) {
    case Endpoint::ProposalBatch:
    case Endpoint::Usage: {
        const bool batch = r.endpoint == Endpoint::ProposalBatch;
        const QString listKey = batch ? QStringLiteral("proposals") : QStringLiteral("buckets");
        if (first != '{') {
            Span span;
            if ((ok = scanner.document(&span)))
                w.append(tr("the request body is not a JSON object"));
            break;
        }
        ok = walkListMember(scanner, listKey, found, [&](int index, Span span) {
            if (batch)
                ex.proposal(span, Form::Proposal, index, tr("proposal %1").arg(index));
            else
                ex.usage(span, index, tr("usage bucket %1").arg(index));
        });
        if (ok && !found)
            w.append(tr("the request body has no \"%1\" list").arg(listKey));
        break;
    }
    case Endpoint::OpenApiWrite: {
        Span span;
        if (first == '[') {
            qsizetype pos = start;
            ok = scanner.array(pos, [&](int index, qsizetype &q) {
                Span item;
                if (!scanner.value(q, &item, 1)) // inside the body's list
                    return false;
                ex.openApiItem(item, r, index, tr("item %1").arg(index));
                return true;
            });
            ok = ok && scanner.atEnd(pos);
        } else if ((ok = scanner.document(&span))) {
            if (ex.kind(span) == '{')
                ex.openApiItem(span, r, 0, tr("the request body"));
            else
                w.append(tr("the request body is neither a JSON array nor an object"));
        }
        break;
    }
    case Endpoint::Proposal:
    case Endpoint::EntityIngest:
    case Endpoint::EntityDelete: {
        Span span;
        if (!(ok = scanner.document(&span)))
            break;
        if (ex.kind(span) != '{') {
            w.append(tr("the request body is not a JSON object"));
            break;
        }
        if (r.endpoint == Endpoint::EntityIngest) {
            ex.mce(span, Form::Snapshot, 0, tr("the request body"));
            break;
        }
        const Fields f = ex.fields(span);
        const QString key
            = r.endpoint == Endpoint::Proposal ? QStringLiteral("proposal") : QStringLiteral("urn");
        const auto it = f.constFind(key);
        if (it == f.constEnd()) {
            w.append(tr("the request body has no \"%1\"").arg(key));
            break;
        }
        if (r.endpoint == Endpoint::Proposal) {
            ex.proposal(*it, Form::Proposal, 0, tr("the proposal"));
        } else {
            McpRecord record;
            record.entityUrn = ex.kind(*it) == '"' ? ex.string(*it) : QString();
            record.entityType = entityTypeFromUrn(record.entityUrn);
            record.changeType = QStringLiteral("DELETE");
            if (record.entityUrn.isEmpty())
                record.warnings.append(tr("\"urn\" is not a string"));
            ex.records.append(record);
        }
        break;
    }
    case Endpoint::None:
    case Endpoint::OpenApiDelete:
        break;
    }
    if (!ok)
        w.append(tr("the request body is not valid JSON (%1)").arg(scanner.errorText())
            + keptRecords(ex.records.size()));
    return ex.records;
}

Result<QList<McpRecord>> McpExtractor::fromFile(
    const QByteArray &json, const QString &origin, QStringList *warnings, std::optional<Error> *fault)
{
    QStringList local;
    QStringList &w = warnings ? *warnings : local;
    const auto corrupt = [&](const QString &message) {
        if (fault)
            *fault = makeError(ErrorCode::InvalidInput, message);
        else
            w.append(message);
    };
    qsizetype pos = json.startsWith("\xEF\xBB\xBF") ? 3 : 0;
    pos = skipSpace(json, pos);
    if (pos >= json.size())
        return QList<McpRecord> {};
    Extraction ex(json, w);
    Scanner scanner(json);

    if (json.at(pos) == '[') {
        const bool ok = scanner.array(pos, [&](int index, qsizetype &q) {
            Span span;
            if (!scanner.value(q, &span, 1)) // inside the file's list: the nesting counts from the file
                return false;
            ex.fileElement(span, index, tr("%1: record %2").arg(origin).arg(index));
            return true;
        });
        if (!ok) {
            const QString problem = tr("%1 is not valid JSON (%2)").arg(origin, scanner.errorText());
            if (ex.records.isEmpty())
                return makeError(ErrorCode::InvalidInput, problem);
            corrupt(problem + keptRecords(ex.records.size()));
        } else if (const qsizetype rest = skipSpace(json, pos); rest < json.size()) {
            w.append(
                tr("%1: data after the closing ']' at %2 was ignored").arg(origin, position(json, rest)));
        }
        return ex.records;
    }
    if (json.at(pos) != '{') {
        return makeError(ErrorCode::InvalidInput,
            tr("%1 is neither a JSON array nor JSON lines (%2: unexpected %3)")
                .arg(origin, position(json, pos), describe(json.at(pos))));
    }

    // JSON lines: each line is read on its own first, so that a line cut short cannot swallow the next one;
    // a value spread over several lines (pretty-printed objects one after another) is read as a whole. A
    // line that is neither is skipped with a warning.
    int index = 0;
    int skipped = 0;
    QString firstFault;
    while ((pos = skipSpace(json, pos)) < json.size()) {
        const qsizetype start = pos;
        qsizetype lineEnd = json.indexOf('\n', start);
        if (lineEnd < 0)
            lineEnd = json.size();
        Scanner line(QByteArrayView(json).first(lineEnd));
        Span span;
        bool ok = line.value(pos, &span);
        if (!ok) {
            pos = start;
            scanner.clearError();
            ok = scanner.value(pos, &span);
        }
        if (ok) {
            if (ex.kind(span) == '{')
                ex.fileElement(
                    span, index, tr("%1: record %2 (%3)").arg(origin).arg(index).arg(position(json, start)));
            else
                w.append(tr("%1: %2 holds no JSON object").arg(origin, position(json, start)));
            ++index;
            continue;
        }
        ++skipped;
        const QString problem = tr("%1: %2; the line was skipped").arg(origin, line.errorText());
        if (firstFault.isEmpty())
            firstFault = problem;
        w.append(problem);
        pos = lineEnd + 1;
    }
    if (skipped > 0 && ex.records.isEmpty())
        return makeError(ErrorCode::InvalidInput, firstFault);
    if (skipped > 0)
        corrupt(skipped == 1 ? tr("%1: 1 line could not be read").arg(origin)
                             : tr("%1: %n lines could not be read", nullptr, skipped).arg(origin));
    return ex.records;
}

QByteArray McpExtractor::toFileSinkJson(const QList<McpRecord> &records)
{
    if (records.isEmpty())
        return QByteArrayLiteral("[]");
    QByteArray out = "[\n";
    for (qsizetype i = 0; i < records.size(); ++i) {
        if (i > 0)
            out += ",\n";
        out += fileSinkRecord(records.at(i));
    }
    out += "\n]";
    return out;
}

Result<QByteArray> McpExtractor::reformat(QByteArrayView json, int indent)
{
    Scanner scanner(json);
    Span span;
    if (!scanner.document(&span))
        return makeError(ErrorCode::InvalidInput, tr("not valid JSON (%1)").arg(scanner.errorText()));
    return pythonText(json, span, indent);
}

} // namespace tapedeck
