#!/usr/bin/env bash
# Reproduces the figures of BENCHMARKS.md. Needs a release build
# (`cargo build --release --examples --bins`), GNU time (`/usr/bin/time`) and,
# for the comparison, the stock Typst CLI 0.15.1 on PATH or in $TYPST
# (`cargo install typst-cli --version 0.15.1 --locked`).
set -euo pipefail
cd "$(dirname "$0")/.."
export THIDUA=${THIDUA:-$PWD/target/release/thidua}
export TYPST=${TYPST:-typst}
export FONTS=$PWD/fonts
export FLOOR=$PWD/target/release/examples/floor
WORK=${WORK:-$(mktemp -d)}
export REF=$WORK/ref SYN=$WORK/synth
RUNS=${RUNS:-3}

# The median over $RUNS runs (after a warm-up) of a shell command: "seconds peak-KiB".
median() {
  bash -c "$1" >/dev/null 2>&1 || true
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f "%e %M" -o "$WORK/time.txt" bash -c "$1" >/dev/null 2>&1
    cat "$WORK/time.txt"
  done | sort -n | awk '{a[NR]=$0} END {print a[int((NR+1)/2)]}'
}

echo "## (a) reference workspace (seconds, peak KiB)"
rm -rf "$REF"; mkdir -p "$REF"; cp -r inputs "$REF/"
"$THIDUA" build -q --keep-typst "$REF"
(cd "$REF/output" && find . -name '*.typ' -not -path './lib/*' | sort > "$WORK/sources.txt")
echo "sources: $(wc -l < "$WORK/sources.txt")"
echo "thidua build, full:        $(median 'rm -rf $REF/output && $THIDUA build -q $REF')"
echo "thidua build, no Word:     $(median 'rm -rf $REF/output && $THIDUA build -q --no-docx $REF')"
"$THIDUA" build -q --keep-typst "$REF"
export SOURCES=$WORK/sources.txt
echo "typst CLI, one at a time:  $(median 'cd $REF/output && xargs -n1 -P1 $TYPST compile --root . --ignore-system-fonts --font-path $FONTS < $SOURCES')"
echo "typst CLI, two at a time:  $(median 'cd $REF/output && xargs -n1 -P2 $TYPST compile --root . --ignore-system-fonts --font-path $FONTS < $SOURCES')"

echo "## (b) synthetic workspace (seconds, peak KiB)"
rm -rf "$SYN"
target/release/examples/synth --units 40 --per-unit 50 --out "$SYN" 2>&1 | tail -1
echo "full build:                $(median 'rm -rf $SYN/output && $THIDUA build -q $SYN')"
echo "full build, no Word files: $(median 'rm -rf $SYN/output && $THIDUA build -q --no-docx $SYN')"
echo "documents:                 $(grep -c '"unit":' "$SYN/output/manifest.json")"
echo "no-op rebuild:             $(median '$THIDUA build -q $SYN')"
# A nominee's summary prints in the unit's list, minutes and report, in the
# Sở Nội vụ's lists and minutes, and in the packets that join them.
export UNIT=$SYN/inputs/units/$(ls "$SYN/inputs/units" | sed -n 5p)
echo "one unit's file changed:   $(median 'sed -i "0,/summary: \"/s//summary: \"Đã cập nhật. /" $UNIT && $THIDUA build -q $SYN')"

# The same edit saved three times under `thidua watch`: each rebuild's time as
# watch reports it (from the debounced save to the last rename), median, and
# the process's resident memory after the third.
echo "edit in watch (3 saves):   $(
  log=$WORK/watch.log
  "$THIDUA" watch "$SYN" > "$log" 2>&1 & pid=$!
  until grep -q "giây" "$log"; do sleep 0.5; done
  for n in 1 2 3; do
    before=$(grep -c "giây" "$log")
    sed -i "0,/summary: \"/s//summary: \"Lần $n. /" "$UNIT"
    until [ "$(grep -c "giây" "$log")" -gt "$before" ]; do sleep 0.2; done
  done
  rss=$(ps -o rss= -p $pid); kill $pid; wait $pid 2>/dev/null || true
  grep "giây" "$log" | tail -3 | sed 's/.*(\(.*\) giây)/\1/' | sort -n | sed -n 2p | tr '\n' ' '
  echo "$rss"
)"

echo "## (c) floor: the same sources typeset in one warm process (seconds, peak KiB)"
rm -rf "$SYN/output"; "$THIDUA" build -q --keep-typst "$SYN"
echo "floor, 2 threads:          $(median '$FLOOR $SYN/output --jobs 2')"
echo "thidua, full build:        $(median 'rm -rf $SYN/output && $THIDUA build -q $SYN')"
