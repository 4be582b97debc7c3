// SPDX-License-Identifier: MIT
// The diff's three phases: both sides read and hashed in parallel, a merge of the two sorted sides group by
// group, then the few values without an identical counterpart compared field by field on all cores.
#include "core/diff/metadatadiff.h"

#include "core/common/utf8.h"
#include "core/diff/diffhash.h"
#include "core/diff/ignorematcher.h"
#include "core/diff/mcpscanner.h"
#include "core/diff/structuraldiff.h"

#include <QThread>
#include <QtConcurrent>

#include <algorithm>
#include <mutex>
#include <numeric>

namespace tapedeck {

namespace {

// Values kept in the report for showing them (the comparison itself keeps nothing): bounded, so that
// comparing two unrelated files of millions of MCPs does not hold both as trees.
constexpr qsizetype MaxKeptValues = 50000;

// Both sides report into one progress, reading taking the first 90 %.
class SharedProgress
{
public:
    explicit SharedProgress(ProgressReporter *parent)
        : m_parent(parent)
    { }

    void set(int side, qint64 done, qint64 total)
    {
        if (!m_parent)
            return;
        const std::lock_guard lock(m_mutex);
        m_done[side] = done;
        m_total[side] = total;
        const qint64 all = m_total[0] + m_total[1];
        if (all > 0)
            m_parent->setProgress((m_done[0] + m_done[1]) * 9 / 10, all);
    }
    void finish(qint64 done, qint64 total)
    {
        if (!m_parent || total <= 0)
            return;
        const std::lock_guard lock(m_mutex);
        m_parent->setProgress(900 + done * 100 / total, 1000);
    }
    bool isCancelled() const { return m_parent && m_parent->isCancelled(); }

private:
    ProgressReporter *m_parent;
    std::mutex m_mutex;
    qint64 m_done[2] = { 0, 0 };
    qint64 m_total[2] = { 0, 0 };
};

class SideProgress final : public ProgressReporter
{
public:
    SideProgress(SharedProgress &shared, int side)
        : m_shared(shared)
        , m_side(side)
    { }
    void setProgress(qint64 done, qint64 total) override { m_shared.set(m_side, done, total); }
    bool isCancelled() const override { return m_shared.isCancelled(); }

private:
    SharedProgress &m_shared;
    int m_side;
};

// An entry as grouping and matching see it: integers only, in one compact array.
struct Key
{
    quint64 urn;
    quint64 urn2;
    quint64 name;
    quint64 name2;
    quint64 value;
    quint32 record;
    quint32 entry;
    bool excluded;

    bool sameUrn(const Key &o) const { return urn == o.urn && urn2 == o.urn2; }
    bool sameGroup(const Key &o) const { return sameUrn(o) && name == o.name && name2 == o.name2; }
    // By URN, then aspect name, then the record's position (file order within a group).
    bool operator<(const Key &o) const
    {
        return std::tie(urn, urn2, name, name2, record, entry)
            < std::tie(o.urn, o.urn2, o.name, o.name2, o.record, o.entry);
    }
};

int compareUrn(const Key &a, const Key &b)
{
    if (a.sameUrn(b))
        return 0;
    return std::tie(a.urn, a.urn2) < std::tie(b.urn, b.urn2) ? -1 : 1;
}

int compareName(const Key &a, const Key &b)
{
    if (a.name == b.name && a.name2 == b.name2)
        return 0;
    return std::tie(a.name, a.name2) < std::tie(b.name, b.name2) ? -1 : 1;
}

struct LoadedSide
{
    DiffSide side;
    std::vector<Key> keys; // sorted
    Status status = success();
};

void loadSide(const DiffInput &input, const QList<IgnoreRule> &rules, bool compareSystemMetadata,
    ProgressReporter *progress, LoadedSide &out)
{
    IgnoreMatcher matcher(rules);
    McpScanner scanner(matcher, compareSystemMetadata);
    out.status = input.load(out.side, scanner, progress);
    out.side.hits = matcher.hits();
    out.side.shadowHits = matcher.shadowHits();
    if (out.status && matcher.gaveUp())
        out.status = *matcher.gaveUp();
    if (!out.status)
        return;
    std::vector<DiffEntry> &e = out.side.entries;
    out.keys.resize(e.size());
    for (quint32 x = 0; x < e.size(); ++x) {
        const DiffEntry &d = e[x];
        out.keys[x] = { d.urnHash, d.urnHash2, d.nameHash, d.nameHash2, d.valueHash, quint32(d.recordIndex),
            x, d.excluded };
    }
    std::sort(out.keys.begin(), out.keys.end());
    // Positions within each group, in file order (what DeepDiff's root[i] counts).
    qint32 position = 0;
    for (size_t i = 0; i < out.keys.size(); ++i) {
        position = i > 0 && out.keys[i].sameGroup(out.keys[i - 1]) ? position + 1 : 0;
        e[out.keys[i].entry].groupIndex = position;
    }
}

// A value of one side as the comparison sees it.
struct RecordValue
{
    QString changeType;
    JsonValue aspect;
    std::optional<JsonValue> systemMetadata;
};

JsonValue parseSpan(const DiffSide &side, qint32 textIndex, qint64 begin, qint64 end)
{
    if (begin < 0)
        return JsonValue();
    const Result<QByteArray> span = side.span(textIndex, begin, end);
    if (!span)
        return JsonValue::string(span.error().message); // a read error after the scan: shown as the value
    Result<JsonValue> parsed = JsonValue::parse(*span);
    if (parsed)
        return std::move(parsed).value();
    return JsonValue::string(decodeUtf8(*span)); // kept as text by McpExtractor (with a warning)
}

RecordValue valueOf(const DiffSide &side, const DiffEntry &e, bool systemMetadata)
{
    RecordValue v;
    v.changeType = decodeUtf8(e.changeType);
    v.aspect = parseSpan(side, e.textIndex, e.aspectBegin, e.aspectEnd);
    if (systemMetadata)
        v.systemMetadata = parseSpan(side, e.textIndex, e.metadataBegin, e.metadataEnd);
    return v;
}

// The differences of two values of one group, at DeepDiff's root[recordIndex] of the recorded one.
QList<FieldDifference> compareRecords(
    IgnoreMatcher &matcher, const RecordValue &a, const RecordValue &b, qint64 recordIndex)
{
    QList<FieldDifference> out;
    if (matcher.beginRecord(recordIndex) >= 0)
        return out;
    StructuralDiff diff(matcher);
    DiffPath path;
    if (matcher.enterKey(DiffPaths::ChangeTypeField) < 0 && a.changeType != b.changeType) {
        out.append({ FieldDifference::Kind::Changed, { PathSegment::ofKey(DiffPaths::ChangeTypeField) },
            JsonValue::string(a.changeType), JsonValue::string(b.changeType) });
    }
    matcher.leave();
    if (matcher.enterKey(DiffPaths::AspectField) < 0) {
        path = { PathSegment::ofKey(DiffPaths::AspectField) };
        diff.compare(a.aspect, b.aspect, path, out);
    }
    matcher.leave();
    if (a.systemMetadata && b.systemMetadata) {
        if (matcher.enterKey(DiffPaths::SystemMetadataField) < 0) {
            path = { PathSegment::ofKey(DiffPaths::SystemMetadataField) };
            diff.compare(*a.systemMetadata, *b.systemMetadata, path, out);
        }
        matcher.leave();
    }
    return out;
}

// How far apart two values of a group are, for pairing leftovers closest first.
double recordDistance(IgnoreMatcher &matcher, const RecordValue &a, const RecordValue &b, qint64 recordIndex)
{
    if (matcher.beginRecord(recordIndex) >= 0)
        return 0;
    StructuralDiff diff(matcher);
    double d = 0;
    if (matcher.enterKey(DiffPaths::AspectField) < 0)
        d = diff.distance(a.aspect, b.aspect);
    matcher.leave();
    return d + (a.changeType != b.changeType ? 0.01 : 0);
}

// Work for the last phase: one AspectDifference whose values still need reading (and comparing).
struct Job
{
    AspectDifference diff;
    const DiffEntry *recorded = nullptr;
    const DiffEntry *replayed = nullptr;
    bool identical = false; // a changed pair whose field comparison found nothing after all
};

class Merger
{
public:
    Merger(const LoadedSide &a, const LoadedSide &b, const DiffOptions &options,
        const QList<IgnoreRule> &rules, DiffReport &report)
        : m_a(a)
        , m_b(b)
        , m_options(options)
        , m_matcher(rules)
        , m_report(report)
    { }

    std::vector<Job> jobs;

    const std::optional<Error> &gaveUp() const { return m_matcher.gaveUp(); }

    void run(const SharedProgress &progress, bool &cancelled)
    {
        const std::vector<Key> &ka = m_a.keys;
        const std::vector<Key> &kb = m_b.keys;
        size_t i = 0, k = 0;
        qint64 groups = 0;
        while (i < ka.size() || k < kb.size()) {
            if ((++groups & 4095) == 0 && progress.isCancelled()) {
                cancelled = true;
                return;
            }
            const int c = i >= ka.size() ? 1 : k >= kb.size() ? -1 : compareUrn(ka[i], kb[k]);
            size_t iEnd = i, kEnd = k;
            if (c <= 0) {
                while (iEnd < ka.size() && ka[iEnd].sameUrn(ka[i]))
                    ++iEnd;
            }
            if (c >= 0) {
                while (kEnd < kb.size() && kb[kEnd].sameUrn(kb[k]))
                    ++kEnd;
            }
            ++m_report.summary.urnsCompared;
            if (c < 0)
                m_report.urnsRemoved.append(decodeUtf8(entryA(ka[i]).urn));
            else if (c > 0)
                m_report.urnsAdded.append(decodeUtf8(entryB(kb[k]).urn));
            aspects(i, iEnd, k, kEnd);
            i = iEnd;
            k = kEnd;
        }
    }

private:
    struct Distinct
    {
        quint64 hash;
        const DiffEntry *first;
        int count;
    };

    const DiffEntry &entryA(const Key &key) const { return m_a.side.entries[key.entry]; }
    const DiffEntry &entryB(const Key &key) const { return m_b.side.entries[key.entry]; }

    // The distinct values of a group (keys[from, to) of a side), by hash.
    static std::vector<Distinct> distinct(const LoadedSide &s, size_t from, size_t to)
    {
        std::vector<const Key *> values;
        for (size_t n = from; n < to; ++n) {
            if (!s.keys[n].excluded)
                values.push_back(&s.keys[n]);
        }
        std::stable_sort(
            values.begin(), values.end(), [](const Key *x, const Key *y) { return x->value < y->value; });
        std::vector<Distinct> out;
        for (const Key *v : values) {
            if (!out.empty() && out.back().hash == v->value)
                ++out.back().count;
            else
                out.push_back({ v->value, &s.side.entries[v->entry], 1 });
        }
        return out;
    }

    void aspects(size_t i, size_t iEnd, size_t k, size_t kEnd)
    {
        const std::vector<Key> &ka = m_a.keys;
        const std::vector<Key> &kb = m_b.keys;
        while (i < iEnd || k < kEnd) {
            const int c = i >= iEnd ? 1 : k >= kEnd ? -1 : compareName(ka[i], kb[k]);
            size_t ie = i, ke = k;
            if (c <= 0) {
                while (ie < iEnd && compareName(ka[ie], ka[i]) == 0)
                    ++ie;
            }
            if (c >= 0) {
                while (ke < kEnd && compareName(kb[ke], kb[k]) == 0)
                    ++ke;
            }
            ++m_report.summary.aspectsCompared;
            const qint64 identicalBefore = m_report.summary.valuesIdentical;
            if (ie == i + 1 && ke == k + 1 && !ka[i].excluded && !kb[k].excluded
                && ka[i].value == kb[k].value) {
                // The usual group: one value a side, the same.
                ++m_report.summary.valuesIdentical;
            } else {
                group(distinct(m_a, i, ie), distinct(m_b, k, ke));
            }
            if (m_options.listIdentical && m_report.summary.valuesIdentical > identicalBefore) {
                const DiffEntry &e = c <= 0 ? entryA(ka[i]) : entryB(kb[k]);
                m_report.identical.append({ decodeUtf8(e.urn), decodeUtf8(e.aspectName),
                    int(m_report.summary.valuesIdentical - identicalBefore) });
            }
            i = ie;
            k = ke;
        }
    }

    void oneSided(const Distinct &d, AspectDifference::Status status, int count, bool duplicate)
    {
        Job job;
        job.diff.urn = decodeUtf8(d.first->urn);
        job.diff.aspect = decodeUtf8(d.first->aspectName);
        job.diff.status = status;
        job.diff.count = count;
        job.diff.duplicate = duplicate;
        (status == AspectDifference::Status::Removed ? job.recorded : job.replayed) = d.first;
        jobs.push_back(std::move(job));
    }

    void group(const std::vector<Distinct> &a, const std::vector<Distinct> &b)
    {
        std::vector<Distinct> onlyA, onlyB;
        size_t x = 0, y = 0;
        while (x < a.size() || y < b.size()) {
            if (y >= b.size() || (x < a.size() && a[x].hash < b[y].hash)) {
                onlyA.push_back(a[x++]);
            } else if (x >= a.size() || b[y].hash < a[x].hash) {
                onlyB.push_back(b[y++]);
            } else {
                const Distinct &p = a[x++];
                const Distinct &q = b[y++];
                m_report.summary.valuesIdentical += std::min(p.count, q.count);
                if (p.count != q.count) {
                    ++m_report.summary.duplicateEmissions;
                    m_report.duplicates.append({ decodeUtf8(p.first->urn),
                        decodeUtf8(p.first->aspectName), p.count, q.count });
                    if (m_options.strictCounts) {
                        if (p.count > q.count)
                            oneSided(p, AspectDifference::Status::Removed, p.count - q.count, true);
                        else
                            oneSided(q, AspectDifference::Status::Added, q.count - p.count, true);
                    }
                }
            }
        }
        // Leftovers of the same URN and aspect are the same aspect changed: pair them closest first.
        std::vector<std::pair<size_t, size_t>> pairs;
        std::vector<bool> pairedA(onlyA.size()), pairedB(onlyB.size());
        if (onlyA.size() == 1 && onlyB.size() == 1) {
            pairs.emplace_back(0, 0);
        } else if (!onlyA.empty() && !onlyB.empty()) {
            std::vector<RecordValue> va, vb;
            for (const Distinct &d : onlyA)
                va.push_back(valueOf(m_a.side, *d.first, false));
            for (const Distinct &d : onlyB)
                vb.push_back(valueOf(m_b.side, *d.first, false));
            struct Candidate
            {
                double distance;
                size_t a;
                size_t b;
            };
            std::vector<Candidate> candidates;
            for (size_t p = 0; p < onlyA.size(); ++p) {
                for (size_t q = 0; q < onlyB.size(); ++q)
                    candidates.push_back(
                        { recordDistance(m_matcher, va[p], vb[q], onlyA[p].first->groupIndex), p, q });
            }
            std::stable_sort(candidates.begin(), candidates.end(),
                [](const Candidate &p, const Candidate &q) { return p.distance < q.distance; });
            for (const Candidate &c : candidates) {
                if (pairedA[c.a] || pairedB[c.b])
                    continue;
                pairedA[c.a] = pairedB[c.b] = true;
                pairs.emplace_back(c.a, c.b);
            }
        }
        for (const auto &[p, q] : pairs) {
            pairedA[p] = pairedB[q] = true;
            Job job;
            job.diff.urn = decodeUtf8(onlyA[p].first->urn);
            job.diff.aspect = decodeUtf8(onlyA[p].first->aspectName);
            job.diff.status = AspectDifference::Status::Changed;
            job.recorded = onlyA[p].first;
            job.replayed = onlyB[q].first;
            jobs.push_back(std::move(job));
        }
        for (size_t p = 0; p < onlyA.size(); ++p) {
            if (!pairedA[p])
                oneSided(onlyA[p], AspectDifference::Status::Removed, onlyA[p].count, false);
        }
        for (size_t q = 0; q < onlyB.size(); ++q) {
            if (!pairedB[q])
                oneSided(onlyB[q], AspectDifference::Status::Added, onlyB[q].count, false);
        }
    }

    const LoadedSide &m_a;
    const LoadedSide &m_b;
    const DiffOptions &m_options;
    IgnoreMatcher m_matcher;
    DiffReport &m_report;
};

void complete(Job &job, const LoadedSide &a, const LoadedSide &b, IgnoreMatcher &matcher, bool systemMetadata,
    bool keepValues)
{
    std::optional<RecordValue> ra, rb;
    if (job.recorded) {
        ra = valueOf(a.side, *job.recorded, systemMetadata);
        job.diff.recordedChangeType = ra->changeType;
        job.diff.recordedRecord = job.recorded->recordIndex;
        job.diff.recordedGroupIndex = job.recorded->groupIndex;
    }
    if (job.replayed) {
        rb = valueOf(b.side, *job.replayed, systemMetadata);
        job.diff.replayedChangeType = rb->changeType;
        job.diff.replayedRecord = job.replayed->recordIndex;
        job.diff.replayedGroupIndex = job.replayed->groupIndex;
    }
    if (ra && rb) {
        job.diff.fields = compareRecords(matcher, *ra, *rb, job.recorded->groupIndex);
        // Hashes differ but DeepDiff finds nothing (a list item repeated, say): DataHub calls that equal.
        job.identical = job.diff.fields.isEmpty();
    }
    if (keepValues) {
        if (ra) {
            job.diff.recordedAspect = std::move(ra->aspect);
            job.diff.recordedSystemMetadata = std::move(ra->systemMetadata);
        }
        if (rb) {
            job.diff.replayedAspect = std::move(rb->aspect);
            job.diff.replayedSystemMetadata = std::move(rb->systemMetadata);
        }
    }
}

} // namespace

QList<IgnoreRule> DiffOptions::allRules() const
{
    return DiffPresets::rules(preset) + rules;
}

Result<DiffReport> MetadataDiff::run(const DiffInput &recorded, const DiffInput &replayed,
    const DiffOptions &options, ProgressReporter *progress)
{
    const QList<IgnoreRule> rules = options.allRules();
    SharedProgress shared(progress);
    SideProgress progressA(shared, 0), progressB(shared, 1);
    LoadedSide a, b;
    // The replayed side on a pool thread, the recorded one here: two cores read and hash at once.
    QFuture<void> other
        = QtConcurrent::run([&] { loadSide(replayed, rules, options.compareSystemMetadata, &progressB, b); });
    loadSide(recorded, rules, options.compareSystemMetadata, &progressA, a);
    other.waitForFinished();
    const auto cancelledError
        = [] { return makeError(ErrorCode::Cancelled, tr("The comparison was cancelled.")); };
    if (!a.status)
        return a.status.error();
    if (!b.status)
        return b.status.error();
    if (shared.isCancelled())
        return cancelledError();

    DiffReport report;
    report.recordedName = recorded.name();
    report.replayedName = replayed.name();
    report.recordedMcps = qint64(a.side.entries.size());
    report.replayedMcps = qint64(b.side.entries.size());
    report.preset = options.preset;
    report.strictCounts = options.strictCounts;
    report.compareSystemMetadata = options.compareSystemMetadata;
    report.warnings = a.side.warnings + b.side.warnings;

    // The values that differ are read again from the files: they must still be what was scanned.
    for (const LoadedSide *side : { &a, &b }) {
        if (side->side.file) {
            if (Status s = side->side.file->checkUnchanged(); !s)
                return s.error();
        }
    }
    Merger merger(a, b, options, rules, report);
    bool cancelled = false;
    merger.run(shared, cancelled);
    if (cancelled)
        return cancelledError();
    if (merger.gaveUp())
        return *merger.gaveUp();

    // Field comparisons in parallel, each chunk with its own matcher (matchers keep per-walk state).
    std::vector<Job> &jobs = merger.jobs;
    const int chunks = std::max(1, std::min<int>(QThread::idealThreadCount(), int(jobs.size() / 16) + 1));
    std::vector<int> chunkIndexes(static_cast<size_t>(chunks));
    std::iota(chunkIndexes.begin(), chunkIndexes.end(), 0);
    std::atomic<qint64> done { 0 };
    std::vector<std::optional<Error>> gaveUp(chunkIndexes.size());
    QtConcurrent::blockingMap(chunkIndexes, [&](int chunk) {
        IgnoreMatcher matcher(rules);
        for (size_t j = size_t(chunk); j < jobs.size(); j += size_t(chunks)) {
            if (shared.isCancelled())
                return;
            complete(jobs[j], a, b, matcher, options.compareSystemMetadata, qsizetype(j) < MaxKeptValues);
            const qint64 n = ++done;
            if ((n & 255) == 0)
                shared.finish(n, qint64(jobs.size()));
        }
        gaveUp[size_t(chunk)] = matcher.gaveUp();
    });
    if (shared.isCancelled())
        return cancelledError();
    for (const std::optional<Error> &error : gaveUp) {
        if (error)
            return *error;
    }
    if (qsizetype(jobs.size()) > MaxKeptValues)
        report.warnings.append(
            tr("Only the values of the first %1 differences are kept for display.").arg(MaxKeptValues));

    for (Job &job : jobs) {
        if (job.identical) {
            ++report.summary.valuesIdentical;
            if (options.listIdentical)
                report.identical.append({ job.diff.urn, job.diff.aspect, 1 });
            continue;
        }
        switch (job.diff.status) {
        case AspectDifference::Status::Added:
            ++report.summary.aspectsAdded;
            break;
        case AspectDifference::Status::Removed:
            ++report.summary.aspectsRemoved;
            break;
        case AspectDifference::Status::Changed:
            ++report.summary.aspectsChanged;
            break;
        }
        report.aspects.append(std::move(job.diff));
    }
    std::stable_sort(report.aspects.begin(), report.aspects.end(),
        [](const AspectDifference &x, const AspectDifference &y) {
            if (x.urn != y.urn)
                return x.urn < y.urn;
            if (x.aspect != y.aspect)
                return x.aspect < y.aspect;
            return std::max(x.recordedRecord, x.replayedRecord)
                < std::max(y.recordedRecord, y.replayedRecord);
        });
    std::sort(report.urnsAdded.begin(), report.urnsAdded.end());
    std::sort(report.urnsRemoved.begin(), report.urnsRemoved.end());
    report.summary.urnsAdded = report.urnsAdded.size();
    report.summary.urnsRemoved = report.urnsRemoved.size();

    for (qsizetype r = 0; r < rules.size(); ++r) {
        const IgnoreRule &rule = rules.at(r);
        RuleUsage usage;
        usage.rule = rule.text();
        usage.kind = rule.kind();
        usage.origin = rule.origin();
        usage.readAsRegex = rule.readAsRegex();
        usage.hits = a.side.hits[size_t(r)] + b.side.hits[size_t(r)];
        usage.shadowHits = a.side.shadowHits[size_t(r)] + b.side.shadowHits[size_t(r)];
        report.rules.append(usage);
    }
    if (progress)
        progress->setProgress(1, 1);
    return report;
}

} // namespace tapedeck
