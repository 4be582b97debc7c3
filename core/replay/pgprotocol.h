// SPDX-License-Identifier: MIT
// The PostgreSQL frontend/backend protocol, version 3.0, as the replay's SQL endpoint speaks it (DESIGN.md
// §7; message layouts in docs/research/pg-facts.md §1, observed on PostgreSQL 15): framing of what a client
// sends (untyped packets before the StartupMessage, typed messages after it), parsers for every frontend
// message the endpoint understands, and writers for the backend messages it sends.
//
// Written here because Debian 12 has no server-side library for it. Every length is checked before it is
// used: a frame's length must be at least 4 and at most the limit (10,000 bytes for startup packets, as
// PostgreSQL's MAX_STARTUP_PACKET_LENGTH; the caller's limit for messages), a field must lie inside its
// message, counts must fit what is left, and a message must be consumed exactly. Nothing here allocates
// more than the frame it was given.
#pragma once

#include "core/common/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>
#include <utility>
#include <vector>

namespace tapedeck::replay::pg {

inline constexpr qint32 Protocol30 = 196608; // 3 << 16
inline constexpr qint32 SslRequestCode = 80877103;
inline constexpr qint32 GssEncRequestCode = 80877104;
inline constexpr qint32 CancelRequestCode = 80877102;
inline constexpr qint32 MaxStartupPacket = 10000;

// One frame as the client sent it: type is 0 for a startup-phase packet (no type byte), body excludes the
// type and the length.
struct Frame
{
    char type = 0;
    QByteArray body;
};

class FrameReader
{
    Q_DECLARE_TR_FUNCTIONS(PgProtocol)

public:
    enum class Status : quint8 { NeedMore, Ready, Invalid };

    explicit FrameReader(qint64 maxMessageBytes)
        : m_maxMessage(maxMessageBytes)
    { }

    // Until the StartupMessage has been read, frames are untyped (SSLRequest, GSSENCRequest, CancelRequest
    // and the StartupMessage itself).
    void setStartupPhase(bool startup) { m_startup = startup; }
    bool startupPhase() const { return m_startup; }
    void append(QByteArrayView data);
    // Ready: frame holds the next whole frame. Invalid: error says why; the stream cannot be resynchronised.
    Status next(Frame &frame, QString *error);
    qsizetype buffered() const { return m_buffer.size() - m_position; }
    // Whether part of a frame has arrived (a client that disconnects now left mid-message).
    bool midFrame() const { return buffered() > 0; }

private:
    QByteArray m_buffer;
    qsizetype m_position = 0;
    qint64 m_maxMessage;
    bool m_startup = true;
};

// Reads the fields of one message body; every read checks the remaining length. After a failed read every
// later read fails too, and ok() is false.
class FieldReader
{
public:
    explicit FieldReader(QByteArrayView data)
        : m_data(data)
    { }
    quint8 byte();
    qint16 int16();
    qint32 int32();
    QByteArray cstring(); // up to the next NUL, which must lie inside the message
    QByteArrayView bytes(qsizetype count);
    bool ok() const { return m_ok; }
    bool atEnd() const { return m_position == m_data.size(); }
    qsizetype remaining() const { return m_data.size() - m_position; }

private:
    bool fail()
    {
        m_ok = false;
        return false;
    }
    QByteArrayView m_data;
    qsizetype m_position = 0;
    bool m_ok = true;
};

struct StartupRequest
{
    enum class Kind : quint8 { Startup, Ssl, GssEnc, Cancel };
    Kind kind = Kind::Startup;
    qint32 version = 0; // Startup: the requested protocol (major << 16 | minor)
    QList<std::pair<QByteArray, QByteArray>> parameters; // Startup: user, database, options, _pq_.…
    qint32 processId = 0; // Cancel
    qint32 secretKey = 0; // Cancel
    QByteArray parameter(QByteArrayView name) const;
};

struct ParseMessage
{
    QByteArray statement; // empty: the unnamed statement
    QByteArray query;
    QList<quint32> parameterTypes; // 0: unspecified
};

struct BindMessage
{
    QByteArray portal;
    QByteArray statement;
    QList<qint16> parameterFormats; // none: all text; one: all the same; else one per parameter
    std::vector<std::optional<QByteArray>> values; // nullopt: NULL
    QList<qint16> resultFormats;
    qint16 parameterFormat(qsizetype parameter) const;
};

struct DescribeMessage // also Close
{
    char kind = 'S'; // 'S' statement, 'P' portal
    QByteArray name;
};

struct ExecuteMessage
{
    QByteArray portal;
    qint32 maxRows = 0; // 0: no limit
};

struct SaslInitialResponse
{
    QByteArray mechanism;
    std::optional<QByteArray> data; // nullopt: length -1
};

// A backend error or notice. Fields as PostgreSQL sends them: S and V the severity, C the SQLSTATE, M the
// message, D detail, H hint, P position.
struct ServerError
{
    QByteArray severity = QByteArrayLiteral("ERROR");
    QByteArray code; // SQLSTATE, five characters
    QString message;
    QString detail;
    QString hint;
    int position = 0; // 1-based character position in the query; 0: none
    bool fatal() const { return severity == "FATAL" || severity == "PANIC"; }
};

// One column of a RowDescription.
struct FieldDescription
{
    QByteArray name;
    quint32 tableOid = 0;
    qint16 column = 0;
    quint32 typeOid = 25;
    qint16 typeLength = -1;
    qint32 typeModifier = -1;
    qint16 format = 0; // 0 text
};

class PgProtocol
{
    Q_DECLARE_TR_FUNCTIONS(PgProtocol)

public:
    // Frontend messages. Each fails with InvalidInput when the body does not hold exactly that message.
    static Result<StartupRequest> parseStartup(QByteArrayView body);
    static Result<ParseMessage> parseParse(QByteArrayView body);
    static Result<BindMessage> parseBind(QByteArrayView body);
    static Result<DescribeMessage> parseDescribe(QByteArrayView body); // Describe and Close
    static Result<ExecuteMessage> parseExecute(QByteArrayView body);
    static Result<QByteArray> parseQuery(QByteArrayView body);
    static Result<QByteArray> parsePassword(QByteArrayView body); // PasswordMessage: one cstring
    static Result<SaslInitialResponse> parseSaslInitialResponse(QByteArrayView body);
    static QString messageName(char type);

    // Backend messages, appended to out.
    static void authentication(QByteArray &out, qint32 code, QByteArrayView extra = {});
    static void parameterStatus(QByteArray &out, QByteArrayView name, QByteArrayView value);
    static void backendKeyData(QByteArray &out, qint32 processId, qint32 secretKey);
    static void readyForQuery(QByteArray &out, char status);
    static void rowDescription(QByteArray &out, const QList<FieldDescription> &fields);
    static void dataRow(QByteArray &out, const std::vector<std::optional<QByteArray>> &values);
    static void commandComplete(QByteArray &out, QByteArrayView tag);
    static void emptyQueryResponse(QByteArray &out);
    static void errorResponse(QByteArray &out, const ServerError &error, char type = 'E'); // 'N': notice
    static void parameterDescription(QByteArray &out, const QList<quint32> &types);
    static void negotiateProtocolVersion(QByteArray &out, qint32 newestMinor, const QList<QByteArray> &unrecognized);
    static void simple(QByteArray &out, char type); // ParseComplete '1', BindComplete '2', CloseComplete '3',
                                                    // NoData 'n', PortalSuspended 's'
};

// Appends one backend message: begin() writes the type and a length placeholder, end() fills the length.
class MessageWriter
{
public:
    MessageWriter(QByteArray &out, char type);
    ~MessageWriter();
    MessageWriter(const MessageWriter &) = delete;
    MessageWriter &operator=(const MessageWriter &) = delete;
    MessageWriter &int16(qint16 value);
    MessageWriter &int32(qint32 value);
    MessageWriter &byte(char value);
    MessageWriter &cstring(QByteArrayView text); // NUL bytes inside text are dropped (a cstring cannot hold one)
    MessageWriter &bytes(QByteArrayView data);

private:
    QByteArray &m_out;
    qsizetype m_start;
};

} // namespace tapedeck::replay::pg
