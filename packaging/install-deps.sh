#!/bin/sh
# SPDX-License-Identifier: MIT
# Installs every Debian 12 package Tapedeck's build, tests and test peers need, and the npm test peers
# of tests/npm. Idempotent; uses sudo only when not already root.
# Usage: packaging/install-deps.sh [--gui-only|--no-gui]
set -eu

build="build-essential cmake ninja-build pkg-config git"
qt_core="qt6-base-dev libqt6svg6 qt6-base-dev-tools libqt6sql6-sqlite qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n"
# No zipcmp, zipmerge or ziptool: Debian 12's libzip CMake package names those programs, but
# CMakeLists.txt finds libzip through pkg-config (libzip.pc) and never reads that package.
# libhttp-parser-dev: the replay mock layer parses HTTP/1.1 requests with it (no pkg-config file; see CMakeLists.txt).
libs="libzip-dev liblzma-dev libssl-dev libyaml-dev zlib1g-dev libbz2-dev libbrotli-dev libhttp-parser-dev"
# Real peers the tests run against: 7-Zip, Info-ZIP unzip, Debian's Python with VCR.py and friends, DeepDiff.
peers="p7zip-full unzip python3 python3-cryptography python3-vcr python3-requests python3-yaml python3-deepdiff"
# WireMock (npm wiremock's standalone jar, run with java -jar) serves tapedeck-cli export-wiremock output in
# tst_exportwiremock and in the replay benchmark; wrk drives that benchmark (tests/bench/bench_replay_wiremock.py);
# curl is a client of the replay mock layer in tst_replaycli (through the proxy, with Tapedeck's CA).
peers="$peers openjdk-17-jre-headless wrk curl"
# PostgreSQL 15 (server, psql, pgbench) records the SQL replay fixtures and is the benchmark's peer; psycopg2 and
# SQLAlchemy are the Python clients replayed against Tapedeck's PostgreSQL endpoint (tests/tools/pgcluster.py runs
# throwaway clusters; the packaged "main" cluster is never used).
peers="$peers postgresql-15 postgresql-client-15 python3-psycopg2 python3-sqlalchemy"
# S3: python3-botocore signs the table tst_sigv4 compares Tapedeck's SigV4 with, byte for byte; Debian's awscli
# (/usr/bin/aws) is the download benchmark's peer and presigns the URL curl fetches there. The S3 servers
# themselves are npm peers (tests/npm: @20minutes/s3rver verifies signatures, s3rver does not).
peers="$peers python3-botocore awscli"
# Offscreen and real-window GUI checks, screenshots, packaging validation.
# The desktop app's optional libraries: QtKeychain for "remember the password".
gui_libs="qtkeychain-qt6-dev"
gui_tools="xvfb xauth imagemagick libgl-dev desktop-file-utils appstream fonts-dejavu-core fonts-noto-cjk"
packages="$build $qt_core $libs $peers"
case "${1:-}" in
    --no-gui) ;;
    *) packages="$packages $gui_libs $gui_tools" ;;
esac

missing=""
for p in $packages; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done
# Node.js and npm run the npm test peers (tests/npm, e.g. har-validator). Any node/npm already on PATH
# will do (NodeSource's nodejs bundles npm and conflicts with Debian's npm package); else Debian's.
command -v node >/dev/null 2>&1 || missing="$missing nodejs"
command -v npm >/dev/null 2>&1 || missing="$missing npm"

if [ -z "$missing" ]; then
    echo "install-deps: all packages are installed"
else
    sudo=""
    if [ "$(id -u)" != 0 ]; then
        sudo="sudo"
    fi
    echo "install-deps: installing$missing"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -q
    # shellcheck disable=SC2086 # the package list is meant to split into words
    $sudo apt-get install -y -q --no-install-recommends $missing
fi

# The npm test peers, exactly as locked. Reinstalled only when node_modules is missing or was installed
# from another package-lock.json (a checksum stamp, since checkouts do not keep file times).
npm_dir="$(cd "$(dirname "$0")/.." && pwd)/tests/npm"
lock_sum="$(sha256sum "$npm_dir/package-lock.json" | cut -d' ' -f1)"
stamp="$npm_dir/node_modules/.tapedeck-lock.sha256"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_sum" ]; then
    echo "install-deps: installing the npm test peers (tests/npm)"
    npm ci --prefix "$npm_dir" --no-audit --no-fund --loglevel=error >/dev/null
    echo "$lock_sum" >"$stamp"
else
    echo "install-deps: npm test peers are installed"
fi
