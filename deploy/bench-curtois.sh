#!/usr/bin/env bash
# The Curtois & Qu table of BENCHMARKS.md: every instance file, each seed, one process per run,
# one run after another (both cores per run). Prints tab-separated rows:
# time, seed, instance, objective, best known, gap %, feasible, checker, first feasible s, best s, moves,
# then the objective split: under-cover, over-cover, on-request and off-request penalties.
#   bash deploy/bench-curtois.sh TIME "SEEDS" [DIR]     e.g. bash deploy/bench-curtois.sh 60 "1 2 3"
# INSTANCES="1 3 5" limits the instance numbers (default: all odd ones, 1-23).
set -euo pipefail
cd "$(dirname "$0")/.."
time_limit=${1:-60}
seeds=${2:-"1 2 3"}
dir=${3:-../shared/benchmarks/curtois}
surge=${SURGE:-.build/release/surge}
[ -x "$surge" ] || swift build -c release --product surge >&2
instances=${INSTANCES:-"1 3 5 7 9 11 13 15 17 19 21 23"}
for s in $seeds; do
  for i in $instances; do
    f="$dir/Instance$i.txt"
    [ -f "$f" ] || continue
    "$surge" bench curtois "$f" --time "$time_limit" --seed "$s" | sed -n 2p | sed "s/^/$time_limit\t$s\t/"
  done
done
