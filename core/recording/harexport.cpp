// SPDX-License-Identifier: MIT
// HAR export rules.
#include "core/recording/harexport.h"

namespace tapedeck {

QDateTime HarExport::parseRecordingStart(const QString &text)
{
    if (text.isEmpty())
        return {};
    return QDateTime::fromString(text, Qt::ISODateWithMs);
}

HarExport::HarExport(QIODevice &device, Options options)
    : m_writer(device, HarWriter::Options { parseRecordingStart(options.recordingStartTime) })
    , m_filter(std::move(options.filter))
{ }

Status HarExport::begin()
{
    return m_writer.begin();
}

Status HarExport::add(const Timeline &timeline, qsizetype seq)
{
    if (timeline.record(seq).kind != EventKind::Http)
        return success();
    if (!m_filter.isEmpty()) {
        if (!m_subject)
            m_subject = std::make_unique<TimelineSubject>(timeline);
        m_subject->setRow(seq);
        FilterError gaveUp;
        switch (m_filter.match(*m_subject, &gaveUp)) {
        case FilterExpression::Outcome::Match:
            break;
        case FilterExpression::Outcome::NoMatch:
            return success();
        case FilterExpression::Outcome::GaveUp:
            return m_filter.gaveUpError(gaveUp);
        }
    }
    return m_writer.addEvent(timeline, seq);
}

Status HarExport::finish(const Timeline &timeline)
{
    QStringList comments = timeline.warnings();
    for (const Error &fault : timeline.faults())
        comments.append(fault.message);
    return m_writer.finish(comments);
}

Status HarExport::exportTimeline(QIODevice &device, const Timeline &timeline, Options options, ProgressReporter *progress)
{
    HarExport har(device, std::move(options));
    if (Status s = har.begin(); !s)
        return s;
    const qsizetype count = timeline.count();
    for (qsizetype seq = 0; seq < count; ++seq) {
        if (progress && progress->isCancelled())
            return makeError(ErrorCode::Cancelled, QString());
        if (Status s = har.add(timeline, seq); !s)
            return s;
        if (progress && seq % 256 == 0)
            progress->setProgress(seq, count);
    }
    return har.finish(timeline);
}

} // namespace tapedeck
