// SPDX-License-Identifier: MIT
// What the SQL endpoint knows about statements without a recording: splitting a simple Query's string into
// its statements as PostgreSQL's lexer does (quotes, E'' escapes, quoted identifiers, dollar quoting, line
// and nested block comments), and the answers PostgreSQL gives to what drivers send on their own —
// transaction control, SET/RESET/DISCARD, SHOW, version(), current_schema() and the like, and SQLAlchemy's
// hstore lookup (docs/research/pg-facts.md §3) — plus the cursor statements (DECLARE … CURSOR FOR, FETCH,
// MOVE, CLOSE) psycopg2's named cursors send.
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringView>

#include <optional>

namespace tapedeck::replay {

// The statements of a simple Query's string, without their terminating semicolons, trimmed, empty ones
// dropped. A statement whose quote or comment is not closed runs to the end.
QList<QStringView> splitSqlStatements(QStringView text);

// The text with runs of whitespace as one space, trimmed, trailing semicolons removed, lower-cased outside
// quotes: the form the built-in answers are recognised in.
QString canonicalSql(QStringView statement);

// The statement's first word, lower-cased (leading whitespace and comments skipped): "select", "declare", …
QString firstKeyword(QStringView statement);

// A statement a driver sends on its own, answered without a recording.
struct BuiltinStatement
{
    enum class Kind : quint8 {
        Command, // a tag only (SET, BEGIN, COMMIT, …)
        Value, // one row, one text column
        NoRows, // a result with columns and no rows
    };
    Kind kind = Kind::Command;
    QByteArray tag;
    QList<QByteArray> columns; // Value: one; NoRows: the columns
    QList<quint32> types; // type OIDs of columns
    QByteArray value;
    // The setting a SET changes that PostgreSQL reports to the client (application_name, …), if any.
    QByteArray reportedSetting;
    QByteArray reportedValue;
};

struct ServerFacts
{
    QByteArray version; // "PostgreSQL 15.0 …", what version() returns
    QByteArray serverVersion; // "15.0", the server_version setting
    QByteArray timeZone;
    QByteArray user;
    QByteArray database;
};

// The answer for statement (one statement of splitSqlStatements) when it is one drivers send on their own;
// nullopt otherwise. transaction is the connection's status (I, T, E); COMMIT in a failed block answers
// ROLLBACK, as PostgreSQL does.
std::optional<BuiltinStatement> builtinAnswer(QStringView statement, const ServerFacts &facts, char transaction);

// DECLARE name [BINARY] [ASENSITIVE|INSENSITIVE] [[NO] SCROLL] CURSOR [{WITH|WITHOUT} HOLD] FOR query.
struct DeclareCursor
{
    QString name; // as PostgreSQL folds it (quoted names kept, others lower-cased)
    QString query; // the text after FOR, as sent
    bool binary = false;
};
std::optional<DeclareCursor> parseDeclareCursor(QStringView statement);

// FETCH/MOVE [FORWARD|NEXT|ALL|n|FORWARD n|FORWARD ALL|…] [FROM|IN] name. count < 0 means ALL.
struct FetchCursor
{
    QString name;
    qint64 count = 1;
    bool move = false; // MOVE: position only, tag "MOVE n"
    bool backward = false; // BACKWARD, PRIOR, FIRST, LAST, ABSOLUTE, RELATIVE (not supported: error)
};
std::optional<FetchCursor> parseFetchCursor(QStringView statement);

// CLOSE name | CLOSE ALL (name empty).
std::optional<QString> parseCloseCursor(QStringView statement);

} // namespace tapedeck::replay
