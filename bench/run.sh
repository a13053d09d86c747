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

# The same edit saved four times under `thidua watch` (the first save after
# it starts fills Typst's memo and the packets' layouts; the last three are
# measured): for each save, the time from the save (just before `sed` writes)
# to each rewritten file's last write (its modification time, just before its
# rename), as the median over the three saves of: the unit's own documents,
# the province's long lists, the unit's packet, the appraisal packet, the
# Word files beside the PDFs; then watch's own figure (from the settled save
# to the manifest), and the process's resident memory (KiB) after the last save
# and at its highest during a measured save (its peak, reset before each one).
echo "edit in watch, seconds from the save to: unit's documents, province lists, unit packet, appraisal packet, Word files, watch's figure; KiB"
(
  log=$WORK/watch.log
  "$THIDUA" watch "$SYN" > "$log" 2>&1 & pid=$!
  until grep -q "giây" "$log"; do sleep 0.5; done
  # The process's CPU time (user and system) over the measured saves.
  cpu() { awk '{print $14+$15}' "/proc/$pid/stat"; }
  hwm() { awk '/^VmHWM/{print $2}' "/proc/$pid/status"; }
  peak=0
  for n in 1 2 3 4; do
    [ "$n" = 2 ] && cpu0=$(cpu)
    before=$(grep -c "giây" "$log")
    sleep 1
    echo 5 > "/proc/$pid/clear_refs" # resets the peak (VmHWM) to the current size
    t0=$(date +%s.%N)
    sed -i "0,/summary: \"/s//summary: \"Lần $n. /" "$UNIT"
    until [ "$(grep -c "giây" "$log")" -gt "$before" ]; do sleep 0.05; done
    [ "$n" = 1 ] && continue
    [ "$(hwm)" -gt "$peak" ] && peak=$(hwm)
    sleep 0.3 # the rewritten files are listed after the status line
    files=$(awk -v b="$before" '/giây/{c++} c>b && /^  output\//{print $1}' "$log")
    last() { for f in $(echo "$files" | grep -E "$1"); do stat -c %.9Y "$SYN/$f"; done | sort -n | tail -1; }
    unit_stem=$(basename "$UNIT" .yaml)
    unit=$(last "/$unit_stem/.*/(danh-sach|bien-ban)[.]pdf")
    lists=$(last "tham-dinh/(danh-sach|quyet-dinh)[.]pdf")
    unit_packet=$(last "/$unit_stem/.*packet[.]pdf")
    appraisal=$(last "tham-dinh/packet[.]pdf")
    words=$(for f in $(echo "$files" | grep -v packet); do stat -c %.9Y "$SYN/${f%.pdf}.docx"; done | sort -n | tail -1)
    own=$(grep "giây" "$log" | tail -1 | sed 's/.*(\(.*\) giây)/\1/')
    for t in "$unit" "$lists" "$unit_packet" "$appraisal" "$words"; do echo -n "$(echo "$t - $t0" | bc) "; done
    echo "$own"
  done > "$WORK/saves.txt"
  cpu_per_save=$(echo "scale=2; ($(cpu) - $cpu0) / $(getconf CLK_TCK) / 3" | bc)
  rss=$(ps -o rss= -p $pid); kill $pid; wait $pid 2>/dev/null || true
  for col in 1 2 3 4 5 6; do sort -n -k$col "$WORK/saves.txt" | sed -n 2p | cut -d' ' -f$col; done | tr '\n' ' '
  echo "$rss; peak during a save: $peak KiB; CPU seconds per save: $cpu_per_save"
)

echo "## (c) floor: the same sources typeset in one warm process (seconds, peak KiB)"
rm -rf "$SYN/output"; "$THIDUA" build -q --keep-typst "$SYN"
echo "floor, 2 threads:          $(median '$FLOOR $SYN/output --jobs 2')"
echo "thidua, full build:        $(median 'rm -rf $SYN/output && $THIDUA build -q $SYN')"
