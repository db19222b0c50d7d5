#!/usr/bin/env bash
# Where the test suite's time goes: runs the README's test command (build first) under Linux
# process accounting and prints the CPU seconds of every program it started, summed by program
# name, largest first, with the run's wall time. On a machine whose cores are busy throughout
# the run, wall time can only shrink with CPU time: this says where that is.
#   bash bench/test-cpu-by-program.sh [extra dotnet test arguments]
# Needs root (accton) and the acct package. Names are the kernel's (15 characters):
# qemu-aarch64-st is the emulated arm64 daemon, EdgeEmotion.* the test projects' own processes,
# dotnet the daemons the tests start (and publishes), edgeemotion-dae the packaged daemon
# running in the booted Debian root, /usr/share/lint lintian.
# Written by hand: process accounting is the one source that also counts the children of
# children (systemd-nspawn's board, qemu, ffmpeg), and it needs no change to any test.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
command -v accton >/dev/null && command -v dump-acct >/dev/null || { echo "bench/test-cpu-by-program.sh: needs the acct package (apt-get install acct)" >&2; exit 2; }
log=$(mktemp)
trap 'accton off >/dev/null 2>&1 || true; rm -f "$log"' EXIT
accton "$log" >/dev/null
start=$(date +%s.%N)
status=0
(cd "$root" && dotnet test --solution EdgeEmotion.sln --no-build "$@" >&2) || status=$?
wall=$(echo "$(date +%s.%N) - $start" | bc)
accton off >/dev/null
# dump-acct: name|version|user|system|elapsed|... with times in hundredths of a second.
sums=$(dump-acct "$log" | awk -F'|' '{ name = $1; sub(/ +$/, "", name); cpu[name] += ($3 + $4) / 100; runs[name]++ }
  END { for (p in cpu) printf "%s\t%d\t%.6f\n", p, runs[p], cpu[p] }' | sort -t$'\t' -k3,3nr)
awk -F'\t' -v wall="$wall" '
  { rows[NR] = $0; total += $3 }
  END {
    printf "%-16s %6s %10s %6s\n", "program", "runs", "CPU s", "share"
    for (i = 1; i <= NR && i <= 15; i++) { split(rows[i], r, "\t"); printf "%-16s %6d %10.1f %5.1f%%\n", r[1], r[2], r[3], 100 * r[3] / total }
    printf "%-16s %6s %10.1f\n", "all", "", total
    printf "wall %.1f s; CPU/wall %.2f cores\n", wall, total / wall
  }' <<<"$sums"
exit $status
