// SPDX-License-Identifier: MIT
// Timeline events as filter subjects.
#include "core/recording/timelinesubject.h"

namespace tapedeck {

void TimelineSubject::setRow(qsizetype seq)
{
    m_seq = seq;
}

EventKind TimelineSubject::kind() const
{
    return m_timeline.record(m_seq).kind;
}

qsizetype TimelineSubject::httpRow() const
{
    const EventRecord &r = m_timeline.record(m_seq);
    if (r.kind == EventKind::Http)
        return m_seq;
    if (r.kind == EventKind::Mcp && r.related < quint32(m_timeline.count())
        && m_timeline.record(r.related).kind == EventKind::Http)
        return qsizetype(r.related);
    return -1;
}

int TimelineSubject::status() const
{
    const EventRecord &r = m_timeline.record(m_seq);
    return r.kind == EventKind::Http && !(r.flags & NoNumberFlag) ? r.number : 0;
}

bool TimelineSubject::hasError() const
{
    const EventRecord &r = m_timeline.record(m_seq);
    if (r.kind == EventKind::Mcp) {
        const qsizetype carrier = httpRow();
        return carrier >= 0 && (m_timeline.record(carrier).flags & ErrorFlag);
    }
    return r.flags & ErrorFlag;
}

bool TimelineSubject::hasWarning() const
{
    return m_timeline.record(m_seq).flags & WarningFlag;
}

QStringView TimelineSubject::hostOf(QStringView uri)
{
    const qsizetype scheme = uri.indexOf(u"://");
    QStringView rest = scheme >= 0 ? uri.sliced(scheme + 3) : uri;
    const qsizetype end = rest.indexOf(u'/');
    QStringView authority = end >= 0 ? rest.first(end) : rest;
    if (const qsizetype q = authority.indexOf(u'?'); q >= 0)
        authority = authority.first(q);
    if (const qsizetype at = authority.lastIndexOf(u'@'); at >= 0)
        authority = authority.sliced(at + 1);
    if (authority.startsWith(u'[')) // IPv6 literal
        return authority.sliced(1, std::max<qsizetype>(authority.indexOf(u']') - 1, 0));
    if (const qsizetype colon = authority.lastIndexOf(u':'); colon >= 0)
        authority = authority.first(colon);
    return authority;
}

QStringView TimelineSubject::pathOf(QStringView uri)
{
    const qsizetype scheme = uri.indexOf(u"://");
    QStringView rest = scheme >= 0 ? uri.sliced(scheme + 3) : uri;
    const qsizetype slash = scheme >= 0 ? rest.indexOf(u'/') : 0;
    if (slash < 0)
        return QStringView(u"/");
    rest = rest.sliced(slash);
    const qsizetype end = rest.indexOf(u'?') >= 0 ? rest.indexOf(u'?') : rest.indexOf(u'#');
    return end >= 0 ? rest.first(end) : rest;
}

QAnyStringView TimelineSubject::text(FilterField field) const
{
    const EventRecord &r = m_timeline.record(m_seq);
    switch (field) {
    case FilterField::Method:
    case FilterField::Url:
    case FilterField::Host:
    case FilterField::Path: {
        const qsizetype row = httpRow();
        if (row < 0)
            return {};
        if (field == FilterField::Method)
            return m_timeline.field(row, EventField::Method);
        const QStringView uri = m_timeline.field(row, EventField::Uri);
        return field == FilterField::Url ? uri : field == FilterField::Host ? hostOf(uri) : pathOf(uri);
    }
    case FilterField::Sql:
        return r.kind == EventKind::Sql ? m_timeline.field(m_seq, EventField::Query) : QStringView();
    case FilterField::Urn:
        return r.kind == EventKind::Mcp ? m_timeline.field(m_seq, EventField::EntityUrn) : QStringView();
    case FilterField::Aspect:
        return r.kind == EventKind::Mcp ? m_timeline.field(m_seq, EventField::AspectName) : QStringView();
    case FilterField::Entity:
        return r.kind == EventKind::Mcp ? m_timeline.field(m_seq, EventField::EntityType) : QStringView();
    case FilterField::Change:
        return r.kind == EventKind::Mcp ? m_timeline.field(m_seq, EventField::ChangeType) : QStringView();
    case FilterField::Message:
        switch (r.kind) {
        case EventKind::Http:
            return m_timeline.field(m_seq, EventField::HttpMessage);
        case EventKind::Sql:
            return m_timeline.field(m_seq, EventField::SqlError);
        case EventKind::Mcp:
            return m_timeline.field(m_seq, EventField::McpMessage);
        }
    }
    return {};
}

} // namespace tapedeck
