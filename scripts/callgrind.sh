#!/usr/bin/env bash
# Instruction and allocation counts of Cashy's create preparation, webhook verify+read and
# answer reading: the engine's typed client (and dynamic input, for the create) against the
# hand-written client of benches/support/cashy_by_hand.rs. Instruction counts come from
# valgrind's callgrind, which the machine's load does not move: each case runs once and
# N+1 times, and the difference divided by N is one operation, set-up left out.
#
#   scripts/callgrind.sh            # N=1000
#   N=200 scripts/callgrind.sh
#
# Run by hand (CI does not install valgrind): `apt-get install valgrind` where it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-1000}
if ! command -v valgrind >/dev/null 2>&1; then
  echo "valgrind is not installed: apt-get install valgrind" >&2
  exit 1
fi
cargo build --quiet --release --example ops
bin=target/release/examples/ops

# Instructions of one run of the binary with these arguments.
instructions() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" "$@" 2>&1 >/dev/null \
    | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}

printf '| %-8s | %-8s | %13s | %12s | %11s |\n' operation client "instructions" allocations "vs by hand"
printf '|%s|%s|%s|%s|%s|\n' ---------- ---------- --------------- -------------- -------------
for op in create webhook answer; do
  hand=""
  for side in hand typed dynamic; do
    if [ "$side" = dynamic ] && [ "$op" != create ]; then continue; fi
    one=$(instructions "$op" "$side" 1)
    many=$(instructions "$op" "$side" $((N + 1)))
    per=$(( (many - one) / N ))
    allocations=$("$bin" "$op" "$side" "$N" | sed -n 's/.*, \([0-9]*\) allocations per run/\1/p')
    if [ "$side" = hand ]; then hand=$per; fi
    ratio=$(awk -v a="$per" -v b="$hand" 'BEGIN { printf "%.1f×", a / b }')
    printf '| %-8s | %-8s | %13s | %12s | %11s |\n' "$op" "$side" "$per" "$allocations" "$ratio"
  done
done
