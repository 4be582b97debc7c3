#!/bin/sh
# SPDX-License-Identifier: MIT
# Installs every Debian 12 package Tapedeck's build, tests and test peers need. Idempotent; uses sudo
# only when not already root. Usage: packaging/install-deps.sh [--gui-only|--no-gui]
set -eu

build="build-essential cmake ninja-build pkg-config git"
qt_core="qt6-base-dev libqt6svg6 qt6-base-dev-tools libqt6sql6-sqlite qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n"
libs="libzip-dev liblzma-dev libssl-dev libyaml-dev zlib1g-dev libbz2-dev libbrotli-dev"
# Real peers the tests run against: 7-Zip, Debian's Python with VCR.py and friends, DeepDiff.
peers="p7zip-full python3 python3-cryptography python3-vcr python3-requests python3-yaml python3-deepdiff"
# Offscreen and real-window GUI checks, screenshots, packaging validation.
gui_tools="xvfb xauth imagemagick libgl-dev desktop-file-utils appstream fonts-dejavu-core fonts-noto-cjk"
packages="$build $qt_core $libs $peers"
case "${1:-}" in
    --no-gui) ;;
    *) packages="$packages $gui_tools" ;;
esac

missing=""
for p in $packages; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done
if [ -z "$missing" ]; then
    echo "install-deps: all packages are installed"
    exit 0
fi

sudo=""
if [ "$(id -u)" != 0 ]; then
    sudo="sudo"
fi
echo "install-deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
# shellcheck disable=SC2086 # the package list is meant to split into words
$sudo apt-get install -y -q --no-install-recommends $missing
