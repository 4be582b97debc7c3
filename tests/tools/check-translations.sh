#!/bin/sh
# SPDX-License-Identifier: MIT
# Fails when a tr() string has no German translation: refreshes a copy of the .ts from today's sources
# with lupdate (the update_translations target's project file) and looks for unfinished entries, so that
# a string nobody has run update_translations for is caught as well as one left empty.
# Usage: check-translations.sh LUPDATE PROJECT_CMAKE GENERATE_SCRIPT TS_FILE
# (PROJECT_CMAKE is the lupdate project qt_add_translations writes at configure time; GENERATE_SCRIPT, Qt's
# GenerateLUpdateProject.cmake, turns it into the JSON lupdate reads, as the update_translations target does.)
set -eu
lupdate=$1
project_cmake=$2
generate=$3
ts=$4
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
project=$tmp/project.json
cmake -DIN_FILE="$project_cmake" -DOUT_FILE="$project" -P "$generate"
cp "$ts" "$tmp/check.ts"
# lupdate's parser notes (unknown namespaces in anonymous namespaces) are noise here; its failure is not.
"$lupdate" -project "$project" -ts "$tmp/check.ts" -no-obsolete -locations none -silent > "$tmp/lupdate.log" 2>&1 \
    || { cat "$tmp/lupdate.log"; exit 1; }
missing=$(grep -c 'type="unfinished"' "$tmp/check.ts" || true)
if [ "$missing" != 0 ]; then
    echo "$missing source text(s) without a German translation (cmake --build --preset dev --target update_translations, then translate):"
    grep -A1 '<source>' "$tmp/check.ts" | grep -B1 'type="unfinished"' | grep '<source>' | sed 's/^ *//'
    exit 1
fi
echo "German complete: $(grep -c '<source>' "$tmp/check.ts") source texts"
