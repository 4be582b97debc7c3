// SPDX-License-Identifier: MIT
#include "core/replay/pgbuiltin.h"

#include <QHash>

namespace tapedeck::replay {

namespace {

bool isIdentStart(QChar c)
{
    return c.isLetter() || c == QLatin1Char('_') || c.unicode() >= 0x80;
}

bool isIdentChar(QChar c)
{
    return isIdentStart(c) || c.isDigit() || c == QLatin1Char('$');
}

// Where the quoted or commented section that begins at i ends (one past it), or -1 when none begins there.
// Handles '…' ('' doubled; E'…' with backslash escapes), "…", $tag$…$tag$, -- to the end of the line and
// nested /* */ comments. Unterminated sections run to the end.
qsizetype skipSection(QStringView text, qsizetype i)
{
    const qsizetype n = text.size();
    const QChar c = text[i];
    if (c == QLatin1Char('\'')) {
        const bool escapes = i > 0 && (text[i - 1] == QLatin1Char('E') || text[i - 1] == QLatin1Char('e'))
            && (i < 2 || !isIdentChar(text[i - 2]));
        qsizetype j = i + 1;
        while (j < n) {
            if (escapes && text[j] == QLatin1Char('\\')) {
                j += 2;
                continue;
            }
            if (text[j] == QLatin1Char('\'')) {
                if (j + 1 < n && text[j + 1] == QLatin1Char('\'')) {
                    j += 2;
                    continue;
                }
                return j + 1;
            }
            ++j;
        }
        return n;
    }
    if (c == QLatin1Char('"')) {
        qsizetype j = i + 1;
        while (j < n) {
            if (text[j] == QLatin1Char('"')) {
                if (j + 1 < n && text[j + 1] == QLatin1Char('"')) {
                    j += 2;
                    continue;
                }
                return j + 1;
            }
            ++j;
        }
        return n;
    }
    if (c == QLatin1Char('-') && i + 1 < n && text[i + 1] == QLatin1Char('-')) {
        const qsizetype end = text.indexOf(QLatin1Char('\n'), i);
        return end < 0 ? n : end + 1;
    }
    if (c == QLatin1Char('/') && i + 1 < n && text[i + 1] == QLatin1Char('*')) {
        int depth = 1;
        qsizetype j = i + 2;
        while (j < n && depth > 0) {
            if (text[j] == QLatin1Char('/') && j + 1 < n && text[j + 1] == QLatin1Char('*')) {
                ++depth;
                j += 2;
            } else if (text[j] == QLatin1Char('*') && j + 1 < n && text[j + 1] == QLatin1Char('/')) {
                --depth;
                j += 2;
            } else {
                ++j;
            }
        }
        return j;
    }
    if (c == QLatin1Char('$') && (i == 0 || !isIdentChar(text[i - 1]))) {
        // $tag$ where tag is empty or an identifier not starting with a digit.
        qsizetype j = i + 1;
        if (j < n && text[j].isDigit())
            return -1; // $1: a parameter
        while (j < n && text[j] != QLatin1Char('$') && (isIdentStart(text[j]) || text[j].isDigit()))
            ++j;
        if (j >= n || text[j] != QLatin1Char('$'))
            return -1;
        const QStringView tag = text.sliced(i, j - i + 1);
        const qsizetype close = text.indexOf(tag, j + 1);
        return close < 0 ? n : close + tag.size();
    }
    return -1;
}

bool isComment(QStringView text, qsizetype i)
{
    return (text[i] == QLatin1Char('-') && i + 1 < text.size() && text[i + 1] == QLatin1Char('-'))
        || (text[i] == QLatin1Char('/') && i + 1 < text.size() && text[i + 1] == QLatin1Char('*'));
}

// Words of a statement outside quotes and comments, lower-cased, with their positions; quoted identifiers
// as one word with their quotes. Stops after max words.
struct Word
{
    QString text;
    qsizetype begin = 0;
    qsizetype end = 0;
    bool quoted = false;
};

QList<Word> words(QStringView text, int max)
{
    QList<Word> out;
    qsizetype i = 0;
    const qsizetype n = text.size();
    while (i < n && out.size() < max) {
        const QChar c = text[i];
        if (c.isSpace()) {
            ++i;
            continue;
        }
        if (c == QLatin1Char('"')) {
            const qsizetype end = skipSection(text, i);
            QString name = text.sliced(i + 1, std::max<qsizetype>(0, end - i - 2)).toString();
            name.replace(QLatin1String("\"\""), QLatin1String("\""));
            out.append({ name, i, end, true });
            i = end;
            continue;
        }
        if (isComment(text, i)) {
            i = skipSection(text, i);
            continue;
        }
        if (isIdentStart(c) || c.isDigit() || c == QLatin1Char('-') || c == QLatin1Char('+')) {
            qsizetype j = i + 1;
            while (j < n && (isIdentChar(text[j]) || text[j].isDigit()))
                ++j;
            out.append({ text.sliced(i, j - i).toString().toLower(), i, j, false });
            i = j;
            continue;
        }
        const qsizetype end = skipSection(text, i);
        const qsizetype next = end > i ? end : i + 1;
        out.append({ text.sliced(i, next - i).toString(), i, next, false });
        i = next;
    }
    return out;
}

struct Setting
{
    const char *name; // as SHOW names its column
    QByteArray value;
};

} // namespace

QList<QStringView> splitSqlStatements(QStringView text)
{
    QList<QStringView> out;
    qsizetype start = 0;
    qsizetype i = 0;
    const qsizetype n = text.size();
    auto add = [&](qsizetype end) {
        const QStringView statement = text.sliced(start, end - start).trimmed();
        if (!statement.isEmpty())
            out.append(statement);
    };
    while (i < n) {
        const qsizetype skipped = skipSection(text, i);
        if (skipped > i) {
            i = skipped;
            continue;
        }
        if (text[i] == QLatin1Char(';')) {
            add(i);
            start = i + 1;
        }
        ++i;
    }
    add(n);
    return out;
}

QString firstKeyword(QStringView statement)
{
    qsizetype i = 0;
    const qsizetype n = statement.size();
    while (i < n) {
        if (statement[i].isSpace()) {
            ++i;
        } else if (isComment(statement, i)) {
            i = skipSection(statement, i);
        } else {
            break;
        }
    }
    qsizetype j = i;
    while (j < n && (isIdentChar(statement[j]) || statement[j].isDigit()))
        ++j;
    return statement.sliced(i, j - i).toString().toLower();
}

QString canonicalSql(QStringView statement)
{
    QString out;
    out.reserve(statement.size());
    qsizetype i = 0;
    const qsizetype n = statement.size();
    bool space = false;
    auto put = [&](QStringView piece) {
        if (space && !out.isEmpty())
            out += QLatin1Char(' ');
        space = false;
        out += piece;
    };
    while (i < n) {
        const QChar c = statement[i];
        if (c.isSpace()) {
            space = true;
            ++i;
            continue;
        }
        if (isComment(statement, i)) {
            i = skipSection(statement, i);
            space = true;
            continue;
        }
        const qsizetype skipped = skipSection(statement, i);
        if (skipped > i) {
            put(statement.sliced(i, skipped - i));
            i = skipped;
            continue;
        }
        put(QString(c.toLower()));
        ++i;
    }
    while (out.endsWith(QLatin1Char(';')) || out.endsWith(QLatin1Char(' ')))
        out.chop(1);
    return out;
}

std::optional<BuiltinStatement> builtinAnswer(QStringView statement, const ServerFacts &facts, char transaction)
{
    const QString c = canonicalSql(statement);
    const QList<Word> w = words(c, 4);
    if (w.isEmpty())
        return std::nullopt;
    const QString &first = w[0].text;
    auto word = [&](int i) { return i < w.size() ? w[i].text : QString(); };
    BuiltinStatement b;
    auto command = [&](const char *tag) {
        b.kind = BuiltinStatement::Kind::Command;
        b.tag = tag;
        return std::optional<BuiltinStatement>(b);
    };
    auto value = [&](const QByteArray &column, const QByteArray &v, quint32 type = 25) {
        b.kind = BuiltinStatement::Kind::Value;
        b.columns = { column };
        b.types = { type };
        b.value = v;
        b.tag = "SELECT 1";
        return std::optional<BuiltinStatement>(b);
    };

    if (first == u"begin")
        return command("BEGIN");
    if (first == u"start" && word(1) == u"transaction")
        return command("START TRANSACTION");
    if (first == u"commit" || first == u"end") {
        if (word(1) == u"prepared")
            return command("COMMIT PREPARED");
        return command(transaction == 'E' ? "ROLLBACK" : "COMMIT");
    }
    if (first == u"rollback" || first == u"abort") {
        if (word(1) == u"prepared")
            return command("ROLLBACK PREPARED");
        return command("ROLLBACK");
    }
    if (transaction == 'E')
        return std::nullopt; // the caller refuses everything else in a failed block
    if (first == u"savepoint")
        return command("SAVEPOINT");
    if (first == u"release")
        return command("RELEASE");
    if (first == u"set") {
        if (word(1) == u"application_name" && w.size() >= 4) {
            // SET application_name TO 'x' / = 'x' is reported back, as PostgreSQL does.
            const QList<Word> all = words(c, 5);
            if (all.size() >= 4) {
                QString v = all[3].text;
                if (v.size() >= 2 && v.startsWith(QLatin1Char('\'')) && v.endsWith(QLatin1Char('\'')))
                    v = v.mid(1, v.size() - 2).replace(QLatin1String("''"), QLatin1String("'"));
                // canonicalSql lower-cases outside quotes only, so a quoted value keeps its case.
                b.reportedSetting = "application_name";
                b.reportedValue = v.toUtf8();
            }
        }
        return command("SET");
    }
    if (first == u"reset")
        return command("RESET");
    if (first == u"discard")
        return command(word(1) == u"all" ? "DISCARD ALL" : "DISCARD");
    if (first == u"deallocate")
        return command(word(1) == u"all" || word(2) == u"all" ? "DEALLOCATE ALL" : "DEALLOCATE");
    if (first == u"listen")
        return command("LISTEN");
    if (first == u"unlisten")
        return command("UNLISTEN");

    if (first == u"show") {
        static const QHash<QString, Setting> settings = [] {
            QHash<QString, Setting> s;
            s.insert(QStringLiteral("server_encoding"), { "server_encoding", "UTF8" });
            s.insert(QStringLiteral("client_encoding"), { "client_encoding", "UTF8" });
            s.insert(QStringLiteral("datestyle"), { "DateStyle", "ISO, MDY" });
            s.insert(QStringLiteral("intervalstyle"), { "IntervalStyle", "postgres" });
            s.insert(QStringLiteral("integer_datetimes"), { "integer_datetimes", "on" });
            s.insert(QStringLiteral("standard_conforming_strings"), { "standard_conforming_strings", "on" });
            s.insert(QStringLiteral("transaction_isolation"), { "transaction_isolation", "read committed" });
            s.insert(QStringLiteral("default_transaction_isolation"), { "default_transaction_isolation", "read committed" });
            s.insert(QStringLiteral("transaction_read_only"), { "transaction_read_only", "off" });
            s.insert(QStringLiteral("default_transaction_read_only"), { "default_transaction_read_only", "off" });
            s.insert(QStringLiteral("search_path"), { "search_path", "\"$user\", public" });
            s.insert(QStringLiteral("max_identifier_length"), { "max_identifier_length", "63" });
            s.insert(QStringLiteral("is_superuser"), { "is_superuser", "on" });
            s.insert(QStringLiteral("lc_collate"), { "lc_collate", "C.UTF-8" });
            s.insert(QStringLiteral("lc_ctype"), { "lc_ctype", "C.UTF-8" });
            s.insert(QStringLiteral("bytea_output"), { "bytea_output", "hex" });
            s.insert(QStringLiteral("statement_timeout"), { "statement_timeout", "0" });
            s.insert(QStringLiteral("lock_timeout"), { "lock_timeout", "0" });
            return s;
        }();
        QString name = word(1);
        if (name == u"transaction" && word(2) == u"isolation")
            name = QStringLiteral("transaction_isolation");
        else if (name == u"time" && word(2) == u"zone")
            name = QStringLiteral("timezone");
        if (name == u"server_version")
            return value("server_version", facts.serverVersion);
        if (name == u"timezone")
            return value("TimeZone", facts.timeZone);
        const auto it = settings.constFind(name);
        if (it == settings.constEnd())
            return std::nullopt;
        return value(it->name, it->value);
    }

    // Exact queries drivers send (compared in canonical form).
    if (c == u"select version()" || c == u"select pg_catalog.version()")
        return value("version", facts.version);
    if (c == u"select current_schema()" || c == u"select pg_catalog.current_schema()")
        return value("current_schema", "public", 19);
    if (c == u"select current_database()")
        return value("current_database", facts.database, 19);
    if (c == u"select current_user")
        return value("current_user", facts.user, 19);
    if (c == u"select session_user")
        return value("session_user", facts.user, 19);
    if (c == u"select 1")
        return value("?column?", "1", 23);
    // SQLAlchemy's postgresql+psycopg2 dialect looks for hstore at first connect (pg-facts.md §3): no rows.
    if (c == u"select t.oid, typarray from pg_type t join pg_namespace ns on typnamespace = ns.oid where typname = 'hstore'") {
        b.kind = BuiltinStatement::Kind::NoRows;
        b.columns = { "oid", "typarray" };
        b.types = { 26, 26 };
        b.tag = "SELECT 0";
        return b;
    }
    return std::nullopt;
}

std::optional<DeclareCursor> parseDeclareCursor(QStringView statement)
{
    const QList<Word> w = words(statement, 12);
    if (w.size() < 4 || w[0].text != u"declare")
        return std::nullopt;
    DeclareCursor d;
    d.name = w[1].text; // quoted names keep their case (words() does not fold them)
    int i = 2;
    for (; i < w.size(); ++i) {
        const QString &t = w[i].text;
        if (t == u"binary") {
            d.binary = true;
        } else if (t == u"asensitive" || t == u"insensitive" || t == u"no" || t == u"scroll" || t == u"cursor"
            || t == u"with" || t == u"without" || t == u"hold") {
            continue;
        } else if (t == u"for") {
            d.query = statement.sliced(w[i].end).trimmed().toString();
            return d.query.isEmpty() ? std::nullopt : std::optional<DeclareCursor>(d);
        } else {
            return std::nullopt;
        }
    }
    return std::nullopt;
}

std::optional<FetchCursor> parseFetchCursor(QStringView statement)
{
    const QList<Word> w = words(statement, 6);
    if (w.isEmpty() || (w[0].text != u"fetch" && w[0].text != u"move"))
        return std::nullopt;
    FetchCursor f;
    f.move = w[0].text == u"move";
    int i = 1;
    auto number = [](const QString &t, qint64 *out) {
        bool ok = false;
        const qint64 v = t.toLongLong(&ok);
        if (ok)
            *out = v;
        return ok;
    };
    if (i < w.size()) {
        const QString &t = w[i].text;
        qint64 n = 0;
        if (t == u"next") {
            ++i;
        } else if (t == u"all") {
            f.count = -1;
            ++i;
        } else if (t == u"forward") {
            ++i;
            if (i < w.size() && w[i].text == u"all") {
                f.count = -1;
                ++i;
            } else if (i < w.size() && number(w[i].text, &n)) {
                f.count = n;
                f.backward = n < 0;
                ++i;
            }
        } else if (t == u"backward" || t == u"prior" || t == u"first" || t == u"last" || t == u"absolute" || t == u"relative") {
            f.backward = true;
            ++i;
            if (i < w.size() && (w[i].text == u"all" || number(w[i].text, &n)))
                ++i;
        } else if (number(t, &n)) {
            f.count = n;
            f.backward = n < 0;
            ++i;
        }
    }
    if (i < w.size() && (w[i].text == u"from" || w[i].text == u"in"))
        ++i;
    if (i + 1 != w.size())
        return std::nullopt;
    f.name = w[i].text;
    return f;
}

std::optional<QString> parseCloseCursor(QStringView statement)
{
    const QList<Word> w = words(statement, 3);
    if (w.size() != 2 || w[0].text != u"close")
        return std::nullopt;
    return w[1].text == u"all" && !w[1].quoted ? QString() : w[1].text;
}

} // namespace tapedeck::replay
