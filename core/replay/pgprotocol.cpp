// SPDX-License-Identifier: MIT
#include "core/replay/pgprotocol.h"

#include <QtEndian>

namespace tapedeck::replay::pg {

namespace {

qint32 readInt32(const char *data)
{
    return qFromBigEndian<qint32>(data);
}

Error invalid(const QString &message)
{
    return makeError(ErrorCode::InvalidInput, message);
}

} // namespace

void FrameReader::append(QByteArrayView data)
{
    // Drop what has been consumed before the buffer grows (amortised: only when it is most of the buffer).
    if (m_position > 0 && m_position >= m_buffer.size() / 2) {
        m_buffer.remove(0, m_position);
        m_position = 0;
    }
    m_buffer.append(data.data(), data.size());
}

FrameReader::Status FrameReader::next(Frame &frame, QString *error)
{
    const qsizetype header = m_startup ? 4 : 5;
    if (buffered() < header)
        return Status::NeedMore;
    const char *start = m_buffer.constData() + m_position;
    const char type = m_startup ? char(0) : start[0];
    const qint32 length = readInt32(start + (m_startup ? 0 : 1));
    const qint64 limit = m_startup ? MaxStartupPacket : m_maxMessage;
    if (length < 4 || qint64(length) > limit) {
        if (error) {
            *error = m_startup ? tr("invalid length of startup packet: %1 bytes (at most %2)").arg(length).arg(limit)
                               : tr("invalid length of message %1: %2 bytes (at most %3)")
                                     .arg(PgProtocol::messageName(type))
                                     .arg(length)
                                     .arg(limit);
        }
        return Status::Invalid;
    }
    const qsizetype total = (m_startup ? 0 : 1) + qsizetype(length);
    if (buffered() < total)
        return Status::NeedMore;
    frame.type = type;
    frame.body = QByteArray(start + header, total - header);
    m_position += total;
    if (m_position == m_buffer.size()) {
        m_buffer.clear();
        m_position = 0;
    }
    return Status::Ready;
}

quint8 FieldReader::byte()
{
    if (!m_ok || remaining() < 1)
        return fail(), 0;
    return quint8(m_data[m_position++]);
}

qint16 FieldReader::int16()
{
    if (!m_ok || remaining() < 2)
        return fail(), 0;
    const qint16 value = qFromBigEndian<qint16>(m_data.data() + m_position);
    m_position += 2;
    return value;
}

qint32 FieldReader::int32()
{
    if (!m_ok || remaining() < 4)
        return fail(), 0;
    const qint32 value = readInt32(m_data.data() + m_position);
    m_position += 4;
    return value;
}

QByteArray FieldReader::cstring()
{
    if (!m_ok)
        return {};
    const qsizetype end = m_data.indexOf('\0', m_position);
    if (end < 0)
        return fail(), QByteArray();
    QByteArray text(m_data.data() + m_position, end - m_position);
    m_position = end + 1;
    return text;
}

QByteArrayView FieldReader::bytes(qsizetype count)
{
    if (!m_ok || count < 0 || remaining() < count)
        return fail(), QByteArrayView();
    const QByteArrayView view = m_data.sliced(m_position, count);
    m_position += count;
    return view;
}

QByteArray StartupRequest::parameter(QByteArrayView name) const
{
    for (const auto &[key, value] : parameters) {
        if (key == name)
            return value;
    }
    return {};
}

qint16 BindMessage::parameterFormat(qsizetype parameter) const
{
    if (parameterFormats.isEmpty())
        return 0;
    if (parameterFormats.size() == 1)
        return parameterFormats.front();
    return parameter < parameterFormats.size() ? parameterFormats[parameter] : 0;
}

Result<StartupRequest> PgProtocol::parseStartup(QByteArrayView body)
{
    FieldReader r(body);
    const qint32 code = r.int32();
    if (!r.ok())
        return invalid(tr("the startup packet is too short"));
    StartupRequest request;
    if (code == SslRequestCode || code == GssEncRequestCode) {
        if (!r.atEnd())
            return invalid(tr("an encryption request with %n extra byte(s)", nullptr, int(r.remaining())));
        request.kind = code == SslRequestCode ? StartupRequest::Kind::Ssl : StartupRequest::Kind::GssEnc;
        return request;
    }
    if (code == CancelRequestCode) {
        request.kind = StartupRequest::Kind::Cancel;
        request.processId = r.int32();
        request.secretKey = r.int32();
        if (!r.ok() || !r.atEnd())
            return invalid(tr("a cancel request must be 16 bytes long"));
        return request;
    }
    request.kind = StartupRequest::Kind::Startup;
    request.version = code;
    if ((code >> 16) != 3)
        return request; // the caller refuses the version, with a message naming it
    // Pairs of cstrings, then one NUL.
    while (true) {
        if (r.remaining() == 1) {
            if (r.byte() != 0)
                return invalid(tr("the startup packet does not end with a NUL byte"));
            break;
        }
        QByteArray name = r.cstring();
        QByteArray value = r.cstring();
        if (!r.ok())
            return invalid(tr("the startup packet's parameters are not terminated"));
        if (name.isEmpty())
            return invalid(tr("the startup packet holds a parameter without a name"));
        request.parameters.append({ std::move(name), std::move(value) });
    }
    return request;
}

Result<ParseMessage> PgProtocol::parseParse(QByteArrayView body)
{
    FieldReader r(body);
    ParseMessage parse;
    parse.statement = r.cstring();
    parse.query = r.cstring();
    const qint16 count = r.int16();
    if (!r.ok() || count < 0 || r.remaining() != qsizetype(count) * 4)
        return invalid(tr("malformed Parse message"));
    parse.parameterTypes.reserve(count);
    for (int i = 0; i < count; ++i)
        parse.parameterTypes.append(quint32(r.int32()));
    return parse;
}

Result<BindMessage> PgProtocol::parseBind(QByteArrayView body)
{
    FieldReader r(body);
    BindMessage bind;
    bind.portal = r.cstring();
    bind.statement = r.cstring();
    const qint16 formats = r.int16();
    if (!r.ok() || formats < 0 || r.remaining() < qsizetype(formats) * 2)
        return invalid(tr("malformed Bind message (parameter formats)"));
    for (int i = 0; i < formats; ++i) {
        const qint16 format = r.int16();
        if (format != 0 && format != 1)
            return invalid(tr("unsupported format code: %1").arg(format));
        bind.parameterFormats.append(format);
    }
    const qint16 values = r.int16();
    // Each value takes at least its 4-byte length.
    if (!r.ok() || values < 0 || r.remaining() < qsizetype(values) * 4)
        return invalid(tr("malformed Bind message (parameter values)"));
    if (formats > 1 && formats != values)
        return invalid(tr("bind message has %1 parameter formats but %2 parameters").arg(formats).arg(values));
    bind.values.reserve(size_t(values));
    for (int i = 0; i < values; ++i) {
        const qint32 length = r.int32();
        if (length == -1) {
            bind.values.emplace_back(std::nullopt);
            continue;
        }
        const QByteArrayView data = r.bytes(length);
        if (!r.ok() || length < -1)
            return invalid(tr("malformed Bind message (value %1 of %2)").arg(i + 1).arg(values));
        bind.values.emplace_back(data.toByteArray());
    }
    const qint16 results = r.int16();
    if (!r.ok() || results < 0 || r.remaining() != qsizetype(results) * 2)
        return invalid(tr("malformed Bind message (result formats)"));
    for (int i = 0; i < results; ++i) {
        const qint16 format = r.int16();
        if (format != 0 && format != 1)
            return invalid(tr("unsupported format code: %1").arg(format));
        bind.resultFormats.append(format);
    }
    return bind;
}

Result<DescribeMessage> PgProtocol::parseDescribe(QByteArrayView body)
{
    FieldReader r(body);
    DescribeMessage describe;
    describe.kind = char(r.byte());
    describe.name = r.cstring();
    if (!r.ok() || !r.atEnd() || (describe.kind != 'S' && describe.kind != 'P'))
        return invalid(tr("malformed Describe or Close message"));
    return describe;
}

Result<ExecuteMessage> PgProtocol::parseExecute(QByteArrayView body)
{
    FieldReader r(body);
    ExecuteMessage execute;
    execute.portal = r.cstring();
    execute.maxRows = r.int32();
    if (!r.ok() || !r.atEnd())
        return invalid(tr("malformed Execute message"));
    return execute;
}

Result<QByteArray> PgProtocol::parseQuery(QByteArrayView body)
{
    FieldReader r(body);
    QByteArray query = r.cstring();
    if (!r.ok() || !r.atEnd())
        return invalid(tr("malformed Query message"));
    return query;
}

Result<QByteArray> PgProtocol::parsePassword(QByteArrayView body)
{
    FieldReader r(body);
    QByteArray password = r.cstring();
    if (!r.ok() || !r.atEnd())
        return invalid(tr("malformed password message"));
    return password;
}

Result<SaslInitialResponse> PgProtocol::parseSaslInitialResponse(QByteArrayView body)
{
    FieldReader r(body);
    SaslInitialResponse sasl;
    sasl.mechanism = r.cstring();
    const qint32 length = r.int32();
    if (r.ok() && length >= 0)
        sasl.data = r.bytes(length).toByteArray();
    if (!r.ok() || length < -1 || !r.atEnd())
        return invalid(tr("malformed SASLInitialResponse message"));
    return sasl;
}

QString PgProtocol::messageName(char type)
{
    switch (type) {
    case 'Q': return QStringLiteral("Query");
    case 'P': return QStringLiteral("Parse");
    case 'B': return QStringLiteral("Bind");
    case 'D': return QStringLiteral("Describe");
    case 'E': return QStringLiteral("Execute");
    case 'C': return QStringLiteral("Close");
    case 'S': return QStringLiteral("Sync");
    case 'H': return QStringLiteral("Flush");
    case 'X': return QStringLiteral("Terminate");
    case 'p': return QStringLiteral("PasswordMessage");
    case 'F': return QStringLiteral("FunctionCall");
    case 'd': return QStringLiteral("CopyData");
    case 'c': return QStringLiteral("CopyDone");
    case 'f': return QStringLiteral("CopyFail");
    case 0: return QStringLiteral("startup packet");
    default: break;
    }
    const uchar c = uchar(type);
    return c >= 0x20 && c < 0x7f ? QStringLiteral("'%1'").arg(QChar(char16_t(c))) : QStringLiteral("0x%1").arg(c, 2, 16, QLatin1Char('0'));
}

MessageWriter::MessageWriter(QByteArray &out, char type)
    : m_out(out)
    , m_start(out.size() + 1)
{
    m_out.append(type);
    m_out.append(4, '\0');
}

MessageWriter::~MessageWriter()
{
    qToBigEndian<qint32>(qint32(m_out.size() - m_start), m_out.data() + m_start);
}

MessageWriter &MessageWriter::int16(qint16 value)
{
    char bytes[2];
    qToBigEndian<qint16>(value, bytes);
    m_out.append(bytes, 2);
    return *this;
}

MessageWriter &MessageWriter::int32(qint32 value)
{
    char bytes[4];
    qToBigEndian<qint32>(value, bytes);
    m_out.append(bytes, 4);
    return *this;
}

MessageWriter &MessageWriter::byte(char value)
{
    m_out.append(value);
    return *this;
}

MessageWriter &MessageWriter::cstring(QByteArrayView text)
{
    if (text.contains('\0')) {
        for (const char c : text) {
            if (c != '\0')
                m_out.append(c);
        }
    } else {
        m_out.append(text.data(), text.size());
    }
    m_out.append('\0');
    return *this;
}

MessageWriter &MessageWriter::bytes(QByteArrayView data)
{
    m_out.append(data.data(), data.size());
    return *this;
}

void PgProtocol::authentication(QByteArray &out, qint32 code, QByteArrayView extra)
{
    MessageWriter(out, 'R').int32(code).bytes(extra);
}

void PgProtocol::parameterStatus(QByteArray &out, QByteArrayView name, QByteArrayView value)
{
    MessageWriter(out, 'S').cstring(name).cstring(value);
}

void PgProtocol::backendKeyData(QByteArray &out, qint32 processId, qint32 secretKey)
{
    MessageWriter(out, 'K').int32(processId).int32(secretKey);
}

void PgProtocol::readyForQuery(QByteArray &out, char status)
{
    MessageWriter(out, 'Z').byte(status);
}

void PgProtocol::rowDescription(QByteArray &out, const QList<FieldDescription> &fields)
{
    MessageWriter w(out, 'T');
    w.int16(qint16(fields.size()));
    for (const FieldDescription &f : fields) {
        w.cstring(f.name)
            .int32(qint32(f.tableOid))
            .int16(f.column)
            .int32(qint32(f.typeOid))
            .int16(f.typeLength)
            .int32(f.typeModifier)
            .int16(f.format);
    }
}

void PgProtocol::dataRow(QByteArray &out, const std::vector<std::optional<QByteArray>> &values)
{
    MessageWriter w(out, 'D');
    w.int16(qint16(values.size()));
    for (const std::optional<QByteArray> &value : values) {
        if (!value) {
            w.int32(-1);
            continue;
        }
        w.int32(qint32(value->size())).bytes(*value);
    }
}

void PgProtocol::commandComplete(QByteArray &out, QByteArrayView tag)
{
    MessageWriter(out, 'C').cstring(tag);
}

void PgProtocol::emptyQueryResponse(QByteArray &out)
{
    MessageWriter(out, 'I');
}

void PgProtocol::errorResponse(QByteArray &out, const ServerError &error, char type)
{
    MessageWriter w(out, type);
    w.byte('S').cstring(error.severity);
    w.byte('V').cstring(error.severity);
    w.byte('C').cstring(error.code.isEmpty() ? QByteArrayLiteral("XX000") : error.code);
    w.byte('M').cstring(error.message.toUtf8());
    if (!error.detail.isEmpty())
        w.byte('D').cstring(error.detail.toUtf8());
    if (!error.hint.isEmpty())
        w.byte('H').cstring(error.hint.toUtf8());
    if (error.position > 0)
        w.byte('P').cstring(QByteArray::number(error.position));
    w.byte('\0');
}

void PgProtocol::parameterDescription(QByteArray &out, const QList<quint32> &types)
{
    MessageWriter w(out, 't');
    w.int16(qint16(types.size()));
    for (const quint32 type : types)
        w.int32(qint32(type));
}

void PgProtocol::negotiateProtocolVersion(QByteArray &out, qint32 newestMinor, const QList<QByteArray> &unrecognized)
{
    MessageWriter w(out, 'v');
    w.int32(newestMinor).int32(qint32(unrecognized.size()));
    for (const QByteArray &name : unrecognized)
        w.cstring(name);
}

void PgProtocol::simple(QByteArray &out, char type)
{
    MessageWriter(out, type);
}

} // namespace tapedeck::replay::pg
