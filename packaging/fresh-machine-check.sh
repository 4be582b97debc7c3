#!/bin/bash
# SPDX-License-Identifier: MIT
# Proves README.md's "Try it" commands on a genuinely fresh Debian 12 system: debootstraps bookworm into
# a folder, clones one commit of this repository into it, and runs there, as root, the README's Test
# command and then its Run command (with the GUI under Xvfb, screenshotted and closed after a while).
# Slow (a base system, Qt from apt, two full builds, the test suite), so it is not part of .ci/run.
#
# Usage: sudo packaging/fresh-machine-check.sh [options]
#   --commit REV        what to clone (default: HEAD of the repository this script lives in); only
#                       committed work is tested, the clone is clean
#   --workdir DIR       the chroot (default /var/tmp/tapedeck-fresh-check); emptied first, removed at
#                       the end unless --keep
#   --log FILE          the log, everything printed is also written there
#                       (default /var/tmp/tapedeck-fresh-check.log)
#   --screenshot FILE   where the GUI's screenshot is copied (default /var/tmp/tapedeck-fresh-check.png)
#   --mirror URL        Debian mirror (default: the one this machine's /etc/apt/sources.list* uses for
#                       bookworm, else http://deb.debian.org/debian)
#   --base-cache FILE   reuse the debootstrapped base system saved in FILE (a tar); when FILE does not
#                       exist yet it is made after debootstrap. Without it every run debootstraps anew
#   --keep              keep the chroot folder afterwards (always unmounted) to look around in it
#   --gui-seconds N     how long the window must stay up before it is screenshotted and closed (10)
# Prints each phase's duration and a final PASS or FAIL line; exits 0 only on PASS.
# Needs root (debootstrap, chroot, mount) and debootstrap, which it installs with apt-get when missing.
set -euo pipefail

# The whole script is one block, read in full before it runs: bash otherwise reads a script as it goes,
# and editing it during a run (which takes the better part of an hour) would run a mix of two versions.
{

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(git -C "$script_dir" rev-parse --show-toplevel)"

commit="HEAD"
workdir="/var/tmp/tapedeck-fresh-check"
log="/var/tmp/tapedeck-fresh-check.log"
screenshot="/var/tmp/tapedeck-fresh-check.png"
mirror=""
sha="?"
base_cache=""
keep=0
gui_seconds=10

usage() {
    sed -n '/^# Usage:/,/^# Needs root/s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
}

while [ $# -gt 0 ]; do
    case "$1" in
        --commit) commit="${2:?--commit needs a revision}"; shift 2 ;;
        --workdir) workdir="${2:?--workdir needs a folder}"; shift 2 ;;
        --log) log="${2:?--log needs a file}"; shift 2 ;;
        --screenshot) screenshot="${2:?--screenshot needs a file}"; shift 2 ;;
        --mirror) mirror="${2:?--mirror needs a URL}"; shift 2 ;;
        --base-cache) base_cache="${2:?--base-cache needs a file}"; shift 2 ;;
        --keep) keep=1; shift ;;
        --gui-seconds) gui_seconds="${2:?--gui-seconds needs a number}"; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "fresh-machine-check: unknown option $1" >&2; usage >&2; exit 2 ;;
    esac
done

if [ "$(id -u)" != 0 ]; then
    echo "fresh-machine-check: must run as root (debootstrap, chroot and mount need it)" >&2
    exit 2
fi
case "$gui_seconds" in ''|*[!0-9]*) echo "fresh-machine-check: --gui-seconds needs a number" >&2; exit 2 ;; esac

# The chroot is emptied with rm -rf: refuse anything that is not plainly a folder of its own.
workdir="$(realpath -m "$workdir")"
case "$workdir" in
    /|/bin|/boot|/dev|/etc|/home|/lib*|/proc|/root|/run|/sbin|/sys|/tmp|/usr|/usr/*|/var|/var/tmp|/work)
        echo "fresh-machine-check: refusing --workdir $workdir" >&2; exit 2 ;;
esac
root="$workdir"
clone_dir="/root/tapedeck"          # inside the chroot
ca_in_chroot="/root/host-ca-certificates.crt"

mkdir -p "$(dirname "$log")" "$(dirname "$screenshot")"
: >"$log"
# tee ignores Ctrl-C so that the cleanup and the FAIL line still reach the log.
exec > >(trap '' INT TERM; exec tee -a "$log") 2>&1

# ---------------------------------------------------------------------------------------------------
# Phases and their durations

phase_names=()
phase_times=()
phase_results=()
current_phase=""
phase_start=0
run_start=$(date +%s)

fmt_duration() {
    local s=$1
    printf '%dm%02ds' $((s / 60)) $((s % 60))
}

begin_phase() {
    current_phase="$1"
    phase_start=$(date +%s)
    echo
    echo "=== phase $current_phase: started $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
}

end_phase() {
    local result="$1" took=$(($(date +%s) - phase_start))
    phase_names+=("$current_phase")
    phase_times+=("$took")
    phase_results+=("$result")
    echo "=== phase $current_phase: $result in $(fmt_duration "$took")"
    current_phase=""
}

summary() {
    local status="$1" i
    echo
    echo "=== summary (commit $sha, log $log)"
    for i in "${!phase_names[@]}"; do
        printf '  %-12s %-6s %s\n' "${phase_names[$i]}" "${phase_results[$i]}" "$(fmt_duration "${phase_times[$i]}")"
    done
    printf '  %-12s %-6s %s\n' total "" "$(fmt_duration $(($(date +%s) - run_start)))"
    [ -f "$screenshot" ] && [ "$status" = PASS ] && echo "  screenshot of the window: $screenshot"
    echo "fresh-machine-check: $status"
}

finished=0
fail() {
    echo "fresh-machine-check: $*" >&2
    [ -n "$current_phase" ] && end_phase FAIL
    cleanup
    summary FAIL
    finished=1
    exit 1
}

# ---------------------------------------------------------------------------------------------------
# Mounts and processes inside the chroot, undone on every exit (success, failure, Ctrl-C, kill)

# Mount points at or below the chroot, deepest first (mountinfo escapes spaces as \040).
mounts_under_root() {
    awk -v r="$root" '{ m = $5; gsub(/\\040/, " ", m); if (m == r || index(m, r "/") == 1) print m }' \
        /proc/self/mountinfo | sort -r
}

# Processes whose root is the chroot: started by this script (a build, a test, a daemon a package
# started), and they would keep the mounts busy.
chroot_pids() {
    local p
    for p in /proc/[0-9]*; do
        [ "$(readlink "$p/root" 2>/dev/null)" = "$root" ] && echo "${p#/proc/}"
    done
    return 0
}

cleaned=0
cleanup() {
    [ "$cleaned" = 1 ] && return 0
    cleaned=1
    set +e
    local pids m tries
    pids="$(chroot_pids)"
    if [ -n "$pids" ]; then
        echo "fresh-machine-check: stopping processes left in the chroot: $(echo "$pids" | tr '\n' ' ')"
        # shellcheck disable=SC2086 # one pid a word
        kill -TERM $pids 2>/dev/null
        sleep 2
        pids="$(chroot_pids)"
        # shellcheck disable=SC2086
        [ -n "$pids" ] && kill -KILL $pids 2>/dev/null && sleep 1
    fi
    for tries in 1 2 3; do
        for m in $(mounts_under_root); do
            umount "$m" 2>/dev/null || { [ "$tries" = 3 ] && umount -l "$m"; }
        done
        [ -z "$(mounts_under_root)" ] && break
        sleep 1
    done
    if [ -n "$(mounts_under_root)" ]; then
        echo "fresh-machine-check: WARNING: still mounted, left $root in place: $(mounts_under_root | tr '\n' ' ')"
        return 0
    fi
    if [ "$keep" = 0 ] && [ -d "$root" ]; then
        rm -rf --one-file-system "$root"
    elif [ -d "$root" ]; then
        echo "fresh-machine-check: kept the chroot in $root (unmounted)"
    fi
    return 0
}

# shellcheck disable=SC2317 # called through trap
on_signal() {
    trap - INT TERM HUP
    echo
    echo "fresh-machine-check: interrupted"
    cleanup
    [ -n "$current_phase" ] && end_phase FAIL
    summary FAIL
    finished=1
    exit 130
}

# shellcheck disable=SC2317 # called through trap
on_exit() {
    local status=$?
    cleanup
    if [ "$finished" = 0 ]; then
        echo "fresh-machine-check: stopped by an unexpected error (exit $status)"
        [ -n "$current_phase" ] && end_phase FAIL
        summary FAIL
    fi
}
trap on_exit EXIT
trap on_signal INT TERM HUP

# ---------------------------------------------------------------------------------------------------
# Helpers

# The URI this machine's apt uses for a suite (deb822 .sources or one-line .list), if any.
host_mirror_for() {
    local suite="$1" f
    for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
        [ -f "$f" ] || continue
        awk -v s="$suite" '$1 == "deb" { i = 2; if ($2 ~ /^\[/) { while (i <= NF && $i !~ /\]$/) i++; i++ }
                                         if ($(i + 1) == s) { print $i; exit } }' "$f"
    done
    for f in /etc/apt/sources.list.d/*.sources; do
        [ -f "$f" ] || continue
        awk -v s="$suite" '
            function flush() { if (types ~ /(^| )deb( |$)/ && (" " suites " ") ~ (" " s " ") && uris != "") {
                                   split(uris, u, " "); print u[1]; found = 1 }
                               types = suites = uris = "" }
            /^[ \t]*$/ { flush(); if (found) exit; next }
            /^[ \t]*#/ { next }
            { key = tolower($1); sub(/:$/, "", key); $1 = ""; sub(/^ +/, "")
              if (key == "types") types = $0; else if (key == "suites") suites = $0; else if (key == "uris") uris = $0 }
            END { if (!found) flush() }' "$f"
    done
}

# The code block that follows a "**Heading**" paragraph in README.md, as written there.
readme_command() {
    awk -v h="**$1**" 'index($0, h) == 1 { f = 1; next }
                       f && /^```/ { if (c) exit; c = 1; next }
                       c { print }' "$2"
}

# Runs a script file (a path inside the chroot) as root in the chroot, with the environment a fresh
# login would have (plus the CA bundle for npm), from the clone.
in_chroot() {
    chroot "$root" /usr/bin/env -i \
        HOME=/root USER=root LOGNAME=root SHELL=/bin/bash TERM="${TERM:-dumb}" LANG=C.UTF-8 \
        PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
        NODE_EXTRA_CA_CERTS="$ca_in_chroot" \
        "$@"
}

# ---------------------------------------------------------------------------------------------------

echo "fresh-machine-check: log $log"
sha="$(git -C "$repo" rev-parse --verify "$commit^{commit}")" || { sha="?"; fail "no commit $commit in $repo"; }
echo "fresh-machine-check: testing $sha ($(git -C "$repo" log -1 --format=%s "$sha" | cut -c1-100))"
if [ "$commit" = HEAD ] && [ -n "$(git -C "$repo" status --porcelain --untracked-files=no)" ]; then
    echo "fresh-machine-check: note: $repo has uncommitted changes; they are not tested"
fi

[ -n "$mirror" ] || mirror="$(host_mirror_for bookworm | head -n 1)"
[ -n "$mirror" ] || mirror="http://deb.debian.org/debian"
security="$(host_mirror_for bookworm-security | head -n 1)"
[ -n "$security" ] || security="http://deb.debian.org/debian-security"
echo "fresh-machine-check: mirror $mirror, security $security"

begin_phase host
if ! command -v debootstrap >/dev/null 2>&1; then
    DEBIAN_FRONTEND=noninteractive apt-get update -q || fail "apt-get update failed"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends debootstrap \
        || fail "could not install debootstrap"
fi
[ -r /etc/ssl/certs/ca-certificates.crt ] || fail "no /etc/ssl/certs/ca-certificates.crt on this machine"
if [ -e "$root" ]; then
    [ -z "$(mounts_under_root)" ] || fail "$root has mounts left from another run; unmount them first"
    rm -rf --one-file-system "$root"
fi
mkdir -p "$root"
end_phase ok

if [ -n "$base_cache" ] && [ -f "$base_cache" ]; then
    begin_phase base-cache
    echo "fresh-machine-check: unpacking the base system from $base_cache"
    tar -C "$root" --numeric-owner -xpf "$base_cache" || fail "could not unpack $base_cache"
    end_phase ok
else
    begin_phase debootstrap
    debootstrap bookworm "$root" "$mirror" || fail "debootstrap failed"
    if [ -n "$base_cache" ]; then
        echo "fresh-machine-check: saving the base system to $base_cache"
        tar -C "$root" --numeric-owner --one-file-system -cf "$base_cache.part" . \
            || fail "could not write $base_cache"
        mv "$base_cache.part" "$base_cache"
    fi
    end_phase ok
fi

begin_phase setup
# What Debian's installer writes: the release, its updates and security, and the loopback names.
cat >"$root/etc/apt/sources.list" <<EOF
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb $security bookworm-security main
EOF
[ -s "$root/etc/hosts" ] || cat >"$root/etc/hosts" <<EOF
127.0.0.1	localhost
::1		localhost ip6-localhost ip6-loopback
ff02::1		ip6-allnodes
ff02::2		ip6-allrouters
EOF
cp /etc/resolv.conf "$root/etc/resolv.conf"
# Packages must not start their daemons inside the chroot (nothing would stop them).
printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
chmod 755 "$root/usr/sbin/policy-rc.d"
# npm reaches its registry only through this machine's CA bundle. A separate file, since
# installing ca-certificates in the chroot rewrites /etc/ssl/certs/ca-certificates.crt.
cp /etc/ssl/certs/ca-certificates.crt "$root$ca_in_chroot"

mount -t proc proc "$root/proc" || fail "could not mount /proc"
# Each bind is made private before anything is mounted on it, so that nothing mounted in the chroot
# can propagate to this machine's /dev or /sys.
bind_private() {
    mount --bind "$1" "$root$1" || fail "could not bind $1"
    mount --make-private "$root$1" || fail "could not make $root$1 private"
}
bind_private /sys
bind_private /dev
bind_private /dev/pts
mount -t tmpfs -o mode=1777,nosuid,nodev shm "$root/dev/shm" || fail "could not mount /dev/shm"

# Cloned with this machine's git: the chroot stays a bare base system until the README installs things.
git clone --quiet --no-checkout "$repo" "$root$clone_dir" || fail "git clone failed"
if ! git -C "$root$clone_dir" cat-file -e "$sha^{commit}" 2>/dev/null; then
    git -C "$root$clone_dir" fetch --quiet "$repo" "$sha" || fail "could not fetch $sha"
fi
git -C "$root$clone_dir" checkout --quiet --detach "$sha" || fail "could not check out $sha"

test_cmd="$(readme_command Test "$root$clone_dir/README.md")"
run_cmd="$(readme_command Run "$root$clone_dir/README.md")"
[ -n "$test_cmd" ] || fail "no code block after **Test** in README.md"
[ -n "$run_cmd" ] || fail "no code block after **Run** in README.md"
printf 'set -e\ncd %s\n%s\n' "$clone_dir" "$test_cmd" >"$root/root/readme-test.sh"
printf 'set -e\ncd %s\n%s\n' "$clone_dir" "$run_cmd" >"$root/root/readme-run.sh"
echo "fresh-machine-check: README test command: $test_cmd"
echo "fresh-machine-check: README run command:  $run_cmd"
end_phase ok

begin_phase test
in_chroot /bin/sh /root/readme-test.sh || fail "the README's test command failed (exit $?)"
end_phase ok

begin_phase run
# The run command builds first and then starts the GUI, which never exits by itself: watch for the
# tapedeck process in the chroot, let its window stay up, take a screenshot in its X session, close it.
in_chroot xvfb-run -a -s "-screen 0 1600x1000x24" /bin/sh /root/readme-run.sh &
run_pid=$!
gui_pid=""
gui_seen=0
gui_closed=0
while kill -0 "$run_pid" 2>/dev/null; do
    if [ -z "$gui_pid" ]; then
        for p in $(chroot_pids); do
            if [ "$(basename "$(readlink "/proc/$p/exe" 2>/dev/null)")" = tapedeck ]; then
                gui_pid=$p
                gui_seen=$(date +%s)
                echo "fresh-machine-check: the GUI is running (pid $gui_pid)"
                break
            fi
        done
    elif ! kill -0 "$gui_pid" 2>/dev/null; then
        break
    elif [ $(($(date +%s) - gui_seen)) -ge "$gui_seconds" ]; then
        display="$(tr '\0' '\n' <"/proc/$gui_pid/environ" 2>/dev/null | sed -n 's/^DISPLAY=//p')"
        xauthority="$(tr '\0' '\n' <"/proc/$gui_pid/environ" 2>/dev/null | sed -n 's/^XAUTHORITY=//p')"
        if [ -n "$display" ] \
            && in_chroot DISPLAY="$display" XAUTHORITY="$xauthority" import -window root /root/window.png \
            && cp "$root/root/window.png" "$screenshot"; then
            colours="$(in_chroot identify -format '%k' /root/window.png 2>/dev/null || echo '?')"
            echo "fresh-machine-check: screenshot $screenshot ($colours colours)"
        else
            echo "fresh-machine-check: WARNING: could not take a screenshot"
        fi
        echo "fresh-machine-check: the window stayed up ${gui_seconds}s; closing it"
        kill -TERM "$gui_pid" 2>/dev/null && gui_closed=1
        break
    fi
    sleep 1
done
run_rc=0
wait "$run_pid" || run_rc=$?
if [ "$gui_closed" = 1 ]; then
    echo "fresh-machine-check: run command ended with $run_rc after the window was closed"
    case "$run_rc" in 0|143) ;; *) fail "the GUI did not end cleanly after SIGTERM (exit $run_rc)" ;; esac
elif [ -n "$gui_pid" ]; then
    fail "the GUI exited on its own within ${gui_seconds}s (exit $run_rc)"
else
    fail "the README's run command ended without starting the GUI (exit $run_rc)"
fi
end_phase ok

begin_phase cleanup
cleanup
end_phase ok
summary PASS
finished=1
exit 0
}
