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
cargo build --quiet --release --example ops --example calls
cargo build --quiet --release -p payout-sandbox --example creates
bin=target/release/examples/ops

# Instructions of one run of a binary (default: ops) with these arguments.
instructions() {
  local exe=$bin
  if [ -x "${1:-}" ]; then exe=$1; shift; fi
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$exe" "$@" 2>&1 >/dev/null \
    | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}

# Instructions per run of one side: (N+1 runs - 1 run) / N, set-up left out.
per_run() {
  local one many
  one=$(instructions "$@" 1)
  many=$(instructions "$@" $((N + 1)))
  echo $(( (many - one) / N ))
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
    ratio=$(awk -v a="$per" -v b="$hand" 'BEGIN { printf "%.2f×", a / b }')
    printf '| %-8s | %-8s | %13s | %12s | %11s |\n' "$op" "$side" "$per" "$allocations" "$ratio"
  done
done

# A whole create over loopback (prepare, send with reqwest, read the answer), client and an
# in-process server together: the typed client against the hand-written one. Counted by
# cachegrind with its cache and branch simulation, since on loopback the time goes as much
# to first-level data-cache misses and mispredicted branches as to instructions: a miss
# that the next cache level answers costs some ten cycles, a mispredicted branch some
# fifteen to twenty, an instruction well under one.
N=$(( N / 5 > 20 ? N / 5 : 20 ))

# Instructions, L1 data misses and mispredicted branches of one run.
cache_counts() {
  valgrind --tool=cachegrind --cache-sim=yes --branch-sim=yes --cachegrind-out-file=/dev/null \
    "$@" 2>&1 >/dev/null |
    awk '/I +refs:/ { gsub(",", "", $4); i = $4 }
         /D1 +misses:/ { gsub(",", "", $4); d = $4 }
         /Mispredicts:/ { gsub(",", "", $3); b = $3 }
         END { print i, d, b }'
}

echo
printf '| %-22s | %13s | %13s | %13s | %11s |\n' "whole create, loopback" instructions "L1d misses" "mispredicts" "vs by hand"
printf '|%s|%s|%s|%s|%s|\n' ------------------------ --------------- --------------- --------------- -------------
for side in hand hand-hyper typed; do
  read -r i1 d1 b1 <<<"$(cache_counts target/release/examples/calls "$side" 1)"
  read -r iN dN bN <<<"$(cache_counts target/release/examples/calls "$side" $((N + 1)))"
  per=$(( (iN - i1) / N ))
  if [ "$side" = hand ]; then hand=$per; fi
  printf '| %-22s | %13s | %13s | %13s | %11s |\n' "$side" "$per" "$(( (dN - d1) / N ))" \
    "$(( (bN - b1) / N ))" "$(awk -v a="$per" -v b="$hand" 'BEGIN { printf "%.2f×", a / b }')"
done

# A Cashy create served by the sandbox against a bare axum server answering the same body;
# both runs prepare and send the same requests, so the difference is the sandbox's own work.
echo
printf '| %-22s | %13s |\n' "create served by" instructions
printf '|%s|%s|\n' ------------------------ ---------------
bare=$(per_run target/release/examples/creates bare)
sandbox=$(per_run target/release/examples/creates sandbox)
printf '| %-22s | %13s |\n' "bare axum" "$bare" "sandbox" "$sandbox" "sandbox's own work" "$((sandbox - bare))"
