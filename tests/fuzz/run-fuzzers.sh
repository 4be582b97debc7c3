#!/bin/sh
# SPDX-License-Identifier: MIT
# Runs the libFuzzer harnesses of the fuzz preset (`cmake --preset fuzz && cmake --build --preset fuzz`):
#
#   tests/fuzz/run-fuzzers.sh [-t SECONDS] [-j JOBS] [-o DIR] [-b BUILD] [HARNESS…]
#       fuzzes each harness (all by default) for SECONDS (default 1800) in the background, JOBS at a time
#       (default 1), and returns at once; DIR (default build/fuzz-runs/<date>) gets per harness a log, the
#       inputs it found (corpus/), and what broke an invariant or a sanitizer (artifacts/).
#   tests/fuzz/run-fuzzers.sh -s [DIR]
#       prints per harness whether it still runs, executions, coverage (cov:, ft:), corpus and findings.
#   tests/fuzz/run-fuzzers.sh -m SEEDS [-b BUILD] [HARNESS…]
#       minimises SEEDS/<harness> (e.g. from make_seeds.py) together with corpus/<harness> into
#       corpus/<harness> (libFuzzer's -merge=1: the smallest set of inputs with the same coverage).
#   tests/fuzz/run-fuzzers.sh -r FILE|DIR… -h HARNESS [-b BUILD]
#       replays inputs (an artifact, a findings folder) once through one harness and prints its verdict.
#
# Fuzzing uses libFuzzer's fork mode, so a broken invariant is saved and fuzzing goes on: every input
# bounded by -max_len, every run by -timeout, -rss_limit_mb and -malloc_limit_mb (the 1 GB memory rule of
# issue 10, with room for ASan's shadow). The checks of findings still open (open-findings.txt) are off,
# through TAPEDECK_FUZZ_SKIP, unless it is set already. The coordinator reads executions and coverage with -s.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
all="zip streamdecoder manifest recipe cassette cassettelayout json queries mcpscanner mcpextractor checkpoint
filter ignorerule bodycontent har mockhttpserver pgserver s3xml"

# max_len and dictionary per harness: inputs stay small enough that every run is fast.
settings() {
    case $1 in
    zip) echo "65536 zip" ;;
    streamdecoder) echo "16384 -" ;;
    manifest) echo "8192 json" ;;
    recipe) echo "8192 yaml" ;;
    cassette) echo "65536 yaml" ;;
    cassettelayout) echo "16384 yaml" ;;
    json) echo "16384 json" ;;
    queries) echo "16384 json" ;;
    mcpscanner) echo "32768 json" ;;
    mcpextractor) echo "32768 json" ;;
    checkpoint) echo "8192 -" ;;
    filter) echo "8192 filter" ;;
    ignorerule) echo "4096 ignorerule" ;;
    bodycontent) echo "65536 -" ;;
    har) echo "65536 yaml" ;;
    mockhttpserver) echo "16384 http" ;;
    pgserver) echo "16384 pg" ;;
    s3xml) echo "16384 s3xml" ;;
    *) echo "unknown harness: $1 (one of: $(echo $all))" >&2; exit 2 ;;
    esac
}

limits="-timeout=10 -rss_limit_mb=2560 -malloc_limit_mb=1024"
if [ -z "${TAPEDECK_FUZZ_SKIP+set}" ]; then
    TAPEDECK_FUZZ_SKIP=$(sed -n 's/^\([a-z][a-z0-9-]*\).*/\1/p' "$here/open-findings.txt" | paste -sd, -)
    export TAPEDECK_FUZZ_SKIP
fi

seconds=1800
jobs=1
out=
build="$root/build/fuzz"
mode=fuzz
seeds=
harness=
while getopts t:j:o:b:sm:rh: option; do
    case $option in
    t) seconds=$OPTARG ;;
    j) jobs=$OPTARG ;;
    o) out=$OPTARG ;;
    b) build=$OPTARG ;;
    s) mode=status ;;
    m) mode=merge; seeds=$OPTARG ;;
    r) mode=replay ;;
    h) harness=$OPTARG ;;
    *) sed -n '3,22p' "$0" >&2; exit 2 ;;
    esac
done
shift $((OPTIND - 1))

binary() {
    b="$build/bin/fuzz_$1"
    if [ ! -x "$b" ]; then
        echo "$b is missing: cmake --preset fuzz && cmake --build --preset fuzz" >&2
        exit 2
    fi
    echo "$b"
}

# The last libFuzzer progress line of a log: "#N ... cov: C ft: F corp: K…" (plain or fork mode).
progress() {
    grep -E '^#[0-9]+.*cov: [0-9]+ ft: [0-9]+' "$1" 2>/dev/null | tail -n 1
}

case $mode in
status)
    dir=${1:-$(ls -d "$root"/build/fuzz-runs/* 2>/dev/null | tail -n 1)}
    [ -n "$dir" ] && [ -d "$dir" ] || { echo "no run folder" >&2; exit 2; }
    echo "runs in $dir"
    printf '%-15s %-8s %12s %7s %7s %8s %9s\n' harness state execs cov ft corpus findings
    for log in "$dir"/*.log; do
        [ -e "$log" ] || continue
        h=$(basename "$log" .log)
        state=done
        if [ -f "$dir/$h.pid" ] && kill -0 "$(cat "$dir/$h.pid")" 2>/dev/null; then state=running; fi
        [ -f "$dir/$h.queued" ] && state=queued
        line=$(progress "$log")
        execs=$(echo "$line" | sed -n 's/^#\([0-9]*\).*/\1/p')
        cov=$(echo "$line" | sed -n 's/.*cov: \([0-9]*\).*/\1/p')
        ft=$(echo "$line" | sed -n 's/.*ft: \([0-9]*\).*/\1/p')
        corpus=$(ls "$dir/$h/corpus" 2>/dev/null | wc -l)
        found=$(ls "$dir/$h/artifacts" 2>/dev/null | wc -l)
        printf '%-15s %-8s %12s %7s %7s %8s %9s\n' "$h" "$state" "${execs:--}" "${cov:--}" "${ft:--}" \
            "$corpus" "$found"
    done
    exit 0
    ;;
merge)
    for h in ${*:-$all}; do
        set -- $(settings "$h")
        dict=
        [ "$2" = - ] || dict="-dict=$here/dict/$2.dict"
        mkdir -p "$here/corpus/$h"
        tmp=$(mktemp -d)
        # Seeds above max_len would be cut: leave them out rather than keep a truncated copy.
        "$(binary "$h")" -merge=1 -max_len="$1" $dict $limits "$tmp" "$here/corpus/$h" "$seeds/$h" \
            > "$tmp.log" 2>&1 || { tail -n 30 "$tmp.log" >&2; echo "$h: merge failed" >&2; exit 1; }
        rm -f "$here/corpus/$h"/*
        cp "$tmp"/* "$here/corpus/$h"/ 2>/dev/null || true
        rm -rf "$tmp" "$tmp.log"
        echo "$h: $(ls "$here/corpus/$h" | wc -l) inputs, $(du -sk "$here/corpus/$h" | cut -f1) KB"
    done
    exit 0
    ;;
replay)
    [ -n "$harness" ] || { echo "-r needs -h HARNESS" >&2; exit 2; }
    set -- $(settings "$harness") "$@"
    shift 2
    exec "$(binary "$harness")" -runs=0 $limits "$@"
    ;;
esac

out=${out:-$root/build/fuzz-runs/$(date +%Y%m%d-%H%M%S)}
mkdir -p "$out"
harnesses=${*:-$all}
for h in $harnesses; do
    settings "$h" > /dev/null
    binary "$h" > /dev/null
    touch "$out/$h.queued" "$out/$h.log"
done

run_one() {
    h=$1
    set -- $(settings "$h")
    dict=
    [ "$2" = - ] || dict="-dict=$here/dict/$2.dict"
    mkdir -p "$out/$h/corpus" "$out/$h/artifacts"
    rm -f "$out/$h.queued"
    # New inputs go to the run's own corpus (the first folder); the committed corpus is only read.
    "$(binary "$h")" -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 -max_total_time="$seconds" \
        -max_len="$1" $dict $limits -print_final_stats=1 -artifact_prefix="$out/$h/artifacts/" \
        "$out/$h/corpus" "$here/corpus/$h" > "$out/$h.log" 2>&1 &
    echo $! > "$out/$h.pid"
    wait $! || true
}

# The scheduler runs in the background: JOBS harnesses at a time, each for SECONDS.
(
    set +e
    running=0
    for h in $harnesses; do
        run_one "$h" &
        running=$((running + 1))
        if [ "$running" -ge "$jobs" ]; then
            wait
            running=0
        fi
    done
    wait
) > /dev/null 2>&1 &
echo "fuzzing $(echo $harnesses | wc -w) harness(es), ${seconds}s each, $jobs at a time, in $out"
echo "progress: $0 -s $out"
