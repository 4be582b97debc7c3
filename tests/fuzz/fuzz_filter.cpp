// SPDX-License-Identifier: MIT
// The event filter language (`events --filter`, the GUI's filter bar): parsing, the canonical spelling and
// matching.
//
// Input: the expression (UTF-8) up to a NUL byte, then up to four events: kind, status, flags (bit 0 error,
// bit 1 warning, bits 2-5 the replay state, bits 6-7 the served count + 1), sequence number and the text
// fields, each field up to a \x01 byte.
// Invariants:
// - parsing fails only with a Usage error whose message is set and whose position and length lie inside
//   the expression;
// - the canonical spelling parses again, is its own canonical spelling, and matches exactly the events the
//   expression matches;
// - matching does not depend on how an event hands out its text: UTF-16, UTF-8 or Latin-1 (when the text
//   is Latin-1) give the same answers;
// - text() is the expression given; a blank expression is empty and matches everything.
#include "core/recording/filterexpression.h"
#include "filtersubject.h"
#include "fuzzsupport.h"

using namespace tapedeck;
using namespace tapedeck::fuzz;

namespace {

using Event = test::FieldEvent;

Event readEvent(FuzzInput &in)
{
    Event e;
    e.eventKind = EventKind(in.byte() % EventKindCount);
    e.code = int(in.number(999));
    const quint8 flags = in.byte();
    e.error = flags & 1;
    e.warning = flags & 2;
    e.replay = ReplayState(((flags >> 2) & 0xf) % ReplayStateCount);
    e.servedCount = qint64(flags >> 6) - 1; // -1 (no replay information) to 2
    e.seq = qint64(in.number(0xffff));
    for (int f = 0; f < FilterFieldCount; ++f) {
        e.fields[size_t(f)] = QString::fromUtf8(in.until('\x01'));
    }
    return e;
}

QString answers(const FilterExpression &filter, std::vector<Event> &events)
{
    QString out;
    for (Event &e : events) {
        e.encode(Event::Encoding::Utf16);
        const FilterExpression::Outcome utf16 = filter.match(e);
        e.encode(Event::Encoding::Utf8);
        const FilterExpression::Outcome utf8 = filter.match(e);
        FUZZ_CHECK(utf8 == utf16,
            QStringLiteral("\"%1\" matches an event as UTF-16 %2, as UTF-8 %3")
                .arg(filter.text())
                .arg(int(utf16))
                .arg(int(utf8)));
        if (e.fitsLatin1()) {
            e.encode(Event::Encoding::Latin1);
            const FilterExpression::Outcome latin1 = filter.match(e);
            FUZZ_CHECK(latin1 == utf16,
                QStringLiteral("\"%1\" matches an event as UTF-16 %2, as Latin-1 %3")
                    .arg(filter.text())
                    .arg(int(utf16))
                    .arg(int(latin1)));
        }
        // 0 no match, 1 match, 2 gave up (the regex match limit): the same answer in every encoding.
        out += QChar(u'0' + int(utf16 == FilterExpression::Outcome::Match) + 2 * int(utf16 == FilterExpression::Outcome::GaveUp));
    }
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *bytes, std::size_t size)
{
    FuzzInput in(bytes, size);
    const QString expression = QString::fromUtf8(in.until('\0'));
    std::vector<Event> events;
    while (!in.isEmpty() && events.size() < 4)
        events.push_back(readEvent(in));

    FilterError detail;
    const Result<FilterExpression> filter = FilterExpression::parse(expression, &detail);
    if (!filter) {
        FUZZ_CHECK_ERROR(filter.error());
        FUZZ_CHECK(filter.error().code == ErrorCode::Usage && !detail.message.isEmpty()
                && detail.position >= 0 && detail.length >= 0
                && detail.position + detail.length <= expression.size(),
            QStringLiteral("error code %1 at %2+%3 of %4: %5")
                .arg(int(filter.error().code))
                .arg(detail.position)
                .arg(detail.length)
                .arg(expression.size())
                .arg(detail.message));
        return 0;
    }
    FUZZ_CHECK(filter->text() == expression, QStringLiteral("text() is \"%1\"").arg(filter->text()));
    FUZZ_CHECK(filter->isEmpty() == expression.trimmed().isEmpty(),
        QStringLiteral("isEmpty() is %1 for \"%2\"").arg(filter->isEmpty()).arg(expression));
    const QString matched = answers(*filter, events);
    if (filter->isEmpty())
        FUZZ_CHECK(!matched.contains(u'0'), QStringLiteral("the empty filter refuses an event"));

    const QString normalized = filter->normalized();
    FilterError againDetail;
    const Result<FilterExpression> again = FilterExpression::parse(normalized, &againDetail);
    FUZZ_CHECK(again.ok(),
        QStringLiteral("the canonical spelling of \"%1\" does not parse:\n%2")
            .arg(expression, again.ok() ? QString() : again.error().message));
    FUZZ_CHECK(again->normalized() == normalized,
        QStringLiteral("\"%1\" is canonically \"%2\", which is canonically \"%3\"")
            .arg(expression, normalized, again->normalized()));
    FUZZ_CHECK(answers(*again, events) == matched,
        QStringLiteral("\"%1\" and its canonical spelling \"%2\" match different events")
            .arg(expression, normalized));
    return 0;
}
