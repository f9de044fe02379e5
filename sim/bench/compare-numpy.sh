#!/usr/bin/env bash
# Batched pendulum-v1 in Java (`sim2pi bench sim`) against the same dynamics as one NumPy batch on
# one thread (pendulum_numpy.py), alternating within one run so both see the same machine load.
#   sim/bench/compare-numpy.sh [--rounds N] [--seconds S] [--envs N] [--threads N] [--launcher PATH]
# --launcher runs another checkout's sim2pi script (e.g. an older commit, to compare before/after).
# Each round runs Java then NumPy for S seconds each; the ratio is taken per round and the median
# reported with its spread. Last line:
#   java_steps_per_sec=... numpy_steps_per_sec=... ratio=... envs=... threads=... rounds=... ratio_min=... ratio_max=...
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
ROUNDS=5
SECONDS_EACH=3
ENVS=4096
THREADS=0
LAUNCHER="$ROOT/sim2pi"

while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) ROUNDS="$2"; shift 2 ;;
    --seconds) SECONDS_EACH="$2"; shift 2 ;;
    --envs) ENVS="$2"; shift 2 ;;
    --threads) THREADS="$2"; shift 2 ;;
    --launcher) LAUNCHER="$2"; shift 2 ;;
    -h|--help) awk 'NR > 1 && !/^#/ {exit} NR > 1 {sub(/^# ?/, ""); print}' "$0"; exit 0 ;;
    *) echo "compare-numpy.sh: unknown option '$1' (expected --rounds, --seconds, --envs, --threads, --launcher)" >&2; exit 2 ;;
  esac
done
for v in "$ROUNDS" "$ENVS"; do
  [[ "$v" =~ ^[1-9][0-9]*$ ]] || { echo "compare-numpy.sh: --rounds and --envs must be positive integers, got '$v'" >&2; exit 2; }
done
[[ "$THREADS" =~ ^[0-9]+$ ]] || { echo "compare-numpy.sh: --threads must be an integer >= 0, got '$THREADS'" >&2; exit 2; }
[ -x "$LAUNCHER" ] || { echo "compare-numpy.sh: --launcher '$LAUNCHER' is not an executable sim2pi script" >&2; exit 2; }
command -v python3 >/dev/null || { echo "compare-numpy.sh: needs python3 with numpy" >&2; exit 1; }
python3 -c 'import numpy' 2>/dev/null || { echo "compare-numpy.sh: python3 has no numpy (pip install numpy)" >&2; exit 1; }

# NumPy's own loops are single-threaded; keep any BLAS it loads on one thread too.
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1

value() { # value KEY LINE: the value of KEY=... in a key=value line
  tr ' ' '\n' <<<"$2" | awk -F= -v k="$1" '$1 == k {print $2}'
}

java_rates=() numpy_rates=() ratios=()
java_threads=""
for r in $(seq 1 "$ROUNDS"); do
  jline="$("$LAUNCHER" bench sim --task pendulum-v1 --envs "$ENVS" --threads "$THREADS" --seconds "$SECONDS_EACH" | tail -n 1)"
  nline="$(python3 "$ROOT/sim/bench/pendulum_numpy.py" --envs "$ENVS" --seconds "$SECONDS_EACH" | tail -n 1)"
  j="$(value steps_per_sec "$jline")"
  n="$(value numpy_steps_per_sec "$nline")"
  java_threads="$(value threads "$jline")"
  ratio="$(awk -v j="$j" -v n="$n" 'BEGIN {printf "%.2f", j / n}')"
  java_rates+=("$j") numpy_rates+=("$n") ratios+=("$ratio")
  printf 'round %d/%d: java %.3f M env-steps/s, numpy %.3f M env-steps/s, ratio %s (load %s)\n' "$r" "$ROUNDS" \
    "$(awk -v x="$j" 'BEGIN {print x / 1e6}')" "$(awk -v x="$n" 'BEGIN {print x / 1e6}')" "$ratio" \
    "$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?')"
done

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
lowest() { printf '%s\n' "$@" | sort -g | head -n 1; }
highest() { printf '%s\n' "$@" | sort -g | tail -n 1; }

printf 'java_steps_per_sec=%.0f numpy_steps_per_sec=%.0f ratio=%.2f envs=%d threads=%s rounds=%d ratio_min=%s ratio_max=%s\n' \
  "$(median "${java_rates[@]}")" "$(median "${numpy_rates[@]}")" "$(median "${ratios[@]}")" "$ENVS" "$java_threads" \
  "$ROUNDS" "$(lowest "${ratios[@]}")" "$(highest "${ratios[@]}")"
