#!/usr/bin/env bash
# Writes what a gapscope binary says about every committed test input into
# OUT: the JSON report, the Chinese Markdown and the detection of each file
# (tests/fixtures, tests/hostile/corpus, www/demo, www/templates, the workbook
# crate's tests), with stderr and exit codes; plus a run with a given config
# and the built-in templates. For changes that must not change behaviour
# (a restructure, a size optimisation): snapshot before and after, then diff.
#
#   cargo build && cp target/debug/gapscope /tmp/before      # on the old commit
#   bash scripts/report-snapshot.sh /tmp/before /tmp/snap-before
#   cargo build && bash scripts/report-snapshot.sh target/debug/gapscope /tmp/snap-after
#   diff -r /tmp/snap-before /tmp/snap-after && echo identical
set -uo pipefail
cd "$(dirname "$0")/.."
bin=$(realpath "$1"); out=$2
rm -rf "$out"; mkdir -p "$out"
find tests/fixtures tests/hostile/corpus www/demo www/templates crates/workbook/tests -type f ! -name '*.py' | sort > "$out/.list"
n=0
while read -r f; do
    n=$((n + 1)); k=$(echo "$f" | tr '/' '_')
    timeout 20 "$bin" analyze "$f" > "$out/$k.json" 2> "$out/$k.err"; echo $? >> "$out/$k.err"
    timeout 20 "$bin" analyze "$f" -f md --lang zh > "$out/$k.zh.md" 2>&1
    timeout 20 "$bin" detect "$f" > "$out/$k.detect" 2>&1
done < "$out/.list"
timeout 20 "$bin" analyze tests/fixtures/sleep.csv -c tests/fixtures/sleep.config.json > "$out/sleep_cfg.json" 2>&1
timeout 20 "$bin" analyze tests/fixtures/sleep.csv -c tests/fixtures/sleep.config.json -f md > "$out/sleep_cfg.md" 2>&1
"$bin" template > "$out/templates" 2>&1
for t in $("$bin" template 2>/dev/null | awk '{print $1}'); do
    timeout 20 "$bin" template "$t" --format json > "$out/template_$t.json" 2>&1
done
echo "report-snapshot: $n files → $out"
