#!/usr/bin/env bash
# Every step of the CI pipelines in ci/github-actions.yml and ci/gitlab-ci.yml,
# so that their logic lives (and is tested: tests/ci.rs) in one place.
#
#   ci/build-sharded.sh install           install thidua unless it is there: from
#                                         this repository when it is thidua's
#                                         own, else from the git URL THIDUA_REPO
#   ci/build-sharded.sh check [FORMAT]    check the inputs; FORMAT: human (the
#                                         log), github (annotations), gitlab
#                                         (a Code Quality report on stdout)
#   ci/build-sharded.sh shard K N         build shard K of N into ./output
#   ci/build-sharded.sh merge DIR...      gather the shards' output folders into
#                                         ./output, join manifests and packets
#   ci/build-sharded.sh site DIR          a static site of ./output in DIR:
#                                         every document, index.html listing them
#   ci/build-sharded.sh N                 all of it here, N shards in turn, each
#                                         in a folder of its own (as a matrix would)
#
# The workspace is the current folder. THIDUA names the thidua binary
# (default: `thidua` on the PATH).
set -euo pipefail

THIDUA=${THIDUA:-thidua}

usage() {
  sed -n '2,20p' "$0" >&2
  exit 2
}

install() {
  if command -v "$THIDUA" >/dev/null; then
    return
  fi
  if grep -qs '^name = "thidua"' Cargo.toml; then
    cargo install --locked --path .
  elif [ -n "${THIDUA_REPO:-}" ]; then
    cargo install --locked --git "$THIDUA_REPO" ${THIDUA_REF:+--branch "$THIDUA_REF"} thidua
  else
    echo "thidua không có trên máy này: đặt biến THIDUA_REPO (địa chỉ git của thidua) trong tệp CI" >&2
    echo "thidua is not installed: set THIDUA_REPO (thidua's git URL) in the CI file" >&2
    exit 2
  fi
}

check() {
  "$THIDUA" check --format "${1:-human}" .
}

shard() {
  local k=$1 n=$2
  "$THIDUA" build --quiet --shard "$k/$n" .
}

merge() {
  [ $# -ge 1 ] || usage
  mkdir -p output
  local dir
  for dir in "$@"; do
    # Shards write disjoint documents and their own manifest; `cp` keeps them.
    [ "$(cd "$dir" && pwd)" = "$(cd output && pwd)" ] || cp -R "$dir"/. output/
  done
  "$THIDUA" merge-manifests .
}

site() {
  local dir=$1
  mkdir -p "$dir"
  cp -R output/. "$dir"/
  rm -f "$dir"/.thidua-stamps.json
  {
    echo '<!doctype html><html lang="vi"><meta charset="utf-8">'
    echo '<title>Văn bản thi đua</title><h1>Văn bản thi đua</h1>'
    echo '<p><a href="manifest.json">manifest.json</a></p><ul>'
    (cd "$dir" && find . -name '*.pdf' | LC_ALL=C sort) | while read -r pdf; do
      pdf=${pdf#./}
      echo "<li><a href=\"$pdf\">$pdf</a></li>"
    done
    echo '</ul></html>'
  } > "$dir/index.html"
}

local_matrix() {
  local n=$1 k root work
  root=$(pwd)
  work=$(mktemp -d)
  trap 'rm -rf "$work"' RETURN
  local outputs=()
  for k in $(seq 1 "$n"); do
    mkdir -p "$work/$k"
    cp -R inputs "$work/$k/"
    [ -d templates ] && cp -R templates "$work/$k/"
    (cd "$work/$k" && shard "$k" "$n")
    outputs+=("$work/$k/output")
  done
  cd "$root"
  merge "${outputs[@]}"
}

case "${1:-}" in
  install) install ;;
  check) shift; check "$@" ;;
  shard) [ $# -eq 3 ] || usage; shard "$2" "$3" ;;
  merge) shift; merge "$@" ;;
  site) [ $# -eq 2 ] || usage; site "$2" ;;
  ''|-h|--help) usage ;;
  *[!0-9]*) usage ;;
  *) local_matrix "$1" ;;
esac
