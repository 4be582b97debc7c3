// SPDX-License-Identifier: MIT
// The side-by-side layout: a walk over both values at once that emits line pairs.
#include "core/diff/sidebyside.h"

#include "core/common/utf8.h"

#include <algorithm>

namespace tapedeck {

namespace {

QString quoted(const QString &text)
{
    return decodeUtf8(pythonQuote(text, false));
}

QString scalar(const JsonValue &v)
{
    return decodeUtf8(pythonDumps(v, false, false));
}

// One side's value printed on its own: the lines (first one without the key prefix's indent).
void printValue(const JsonValue &v, const QString &indentUnit, int depth, QStringList &out, QString prefix,
    const QString &suffix)
{
    const QString pad = indentUnit.repeated(depth);
    if (v.isObject() && v.size() > 0) {
        out.append(pad + prefix + QLatin1Char('{'));
        const JsonObject &members = v.toObject();
        for (size_t i = 0; i < members.size(); ++i)
            printValue(members[i].value, indentUnit, depth + 1, out,
                quoted(members[i].key) + QLatin1String(": "),
                i + 1 < members.size() ? QStringLiteral(",") : QString());
        out.append(pad + QLatin1Char('}') + suffix);
        return;
    }
    if (v.isArray() && v.size() > 0) {
        out.append(pad + prefix + QLatin1Char('['));
        const JsonArray &items = v.toArray();
        for (size_t i = 0; i < items.size(); ++i)
            printValue(items[i], indentUnit, depth + 1, out, QString(),
                i + 1 < items.size() ? QStringLiteral(",") : QString());
        out.append(pad + QLatin1Char(']') + suffix);
        return;
    }
    out.append(pad + prefix + scalar(v) + suffix);
}

class Layout
{
public:
    explicit Layout(int indent)
        : m_unit(QString(std::max(0, indent), QLatin1Char(' ')))
    { }

    QList<SideBySideLine> lines;

    // A pair of values (either may be absent) at path, each preceded by its key prefix and followed by
    // its comma.
    void pair(const JsonValue *l, const JsonValue *r, DiffPath &path, int depth, const QString &lPrefix,
        const QString &rPrefix, const QString &lSuffix, const QString &rSuffix)
    {
        const QString pad = m_unit.repeated(depth);
        if (l && r && l->isObject() && r->isObject() && l->size() > 0 && r->size() > 0) {
            add(pad + lPrefix + QLatin1Char('{'), pad + rPrefix + QLatin1Char('{'), true, true, path);
            const JsonObject &left = l->toObject();
            const JsonObject &right = r->toObject();
            QStringList keys;
            for (const JsonMember &m : left)
                keys.append(m.key);
            for (const JsonMember &m : right) {
                if (!l->contains(m.key))
                    keys.append(m.key);
            }
            const QString lastLeft = left.back().key;
            const QString lastRight = right.back().key;
            for (const QString &key : keys) {
                const JsonValue *a = l->find(key);
                const JsonValue *b = r->find(key);
                const QString prefix = quoted(key) + QLatin1String(": ");
                path.append(PathSegment::ofKey(key.toUtf8()));
                pair(a, b, path, depth + 1, prefix, prefix, key == lastLeft ? QString() : QStringLiteral(","),
                    key == lastRight ? QString() : QStringLiteral(","));
                path.removeLast();
            }
            add(pad + QLatin1Char('}') + lSuffix, pad + QLatin1Char('}') + rSuffix, true, true, path);
            return;
        }
        if (l && r && l->isArray() && r->isArray() && l->size() > 0 && r->size() > 0) {
            add(pad + lPrefix + QLatin1Char('['), pad + rPrefix + QLatin1Char('['), true, true, path);
            const JsonArray &left = l->toArray();
            const JsonArray &right = r->toArray();
            const size_t n = std::max(left.size(), right.size());
            for (size_t i = 0; i < n; ++i) {
                path.append(PathSegment::ofIndex(qint64(i)));
                pair(i < left.size() ? &left[i] : nullptr, i < right.size() ? &right[i] : nullptr, path,
                    depth + 1, QString(), QString(), i + 1 < left.size() ? QStringLiteral(",") : QString(),
                    i + 1 < right.size() ? QStringLiteral(",") : QString());
                path.removeLast();
            }
            add(pad + QLatin1Char(']') + lSuffix, pad + QLatin1Char(']') + rSuffix, true, true, path);
            return;
        }
        QStringList a, b;
        if (l)
            printValue(*l, m_unit, depth, a, lPrefix, lSuffix);
        if (r)
            printValue(*r, m_unit, depth, b, rPrefix, rSuffix);
        for (qsizetype i = 0; i < std::max(a.size(), b.size()); ++i)
            add(i < a.size() ? a.at(i) : QString(), i < b.size() ? b.at(i) : QString(), i < a.size(),
                i < b.size(), path);
    }

private:
    void add(const QString &left, const QString &right, bool lp, bool rp, const DiffPath &path)
    {
        lines.append({ left, right, lp, rp, path });
    }

    QString m_unit;
};

} // namespace

QList<SideBySideLine> SideBySide::layout(const std::optional<JsonValue> &left,
    const std::optional<JsonValue> &right, const DiffPath &root, int indent)
{
    Layout layout(indent);
    DiffPath path = root;
    layout.pair(left ? &*left : nullptr, right ? &*right : nullptr, path, 0, QString(), QString(), QString(),
        QString());
    return layout.lines;
}

bool SideBySide::isWithin(const DiffPath &line, const DiffPath &path)
{
    return line.size() >= path.size() && std::equal(path.begin(), path.end(), line.begin());
}

} // namespace tapedeck
