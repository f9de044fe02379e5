#!/usr/bin/env bash
# Opt-in check of the two GPU builds (not run in CI: the first run downloads about 2.5 GB of PyTorch
# CUDA natives and the 642 MB ONNX Runtime GPU jar into ~/.m2). On a machine WITHOUT a GPU it checks
# that each build loads its native code offline and falls back to the CPU with its one-line notice:
#
#   cuda  ./mvnw -Pcuda: DJL 0.33.0 + pytorch-jni 2.5.1-0.33.0 + pytorch-native-cu124 2.5.1 beside
#         pytorch-native-cpu 2.5.1. 'train --device cuda' with engine djl must print the one no-GPU
#         line, train on the CPU ("engine": "djl-cpu" in summary.json) with PyTorch 2.5.1 extracted
#         from the jars into a fresh DJL cache (cu124 with a GPU, cpu without) and download nothing
#         (DJL runs offline: any download attempt fails the run).
#   gpu   ./mvnw -Pgpu: onnxruntime_gpu 1.29.0 instead of onnxruntime.
#         'bench policy --device CUDA' on the shipped balancer bundle must print the one CPU-fallback
#         line and finish with its key=value line.
#
# On a machine WITH a GPU the same commands must instead print no fallback line; the script says so.
#
# Usage: trainer/scripts/check-gpu-builds.sh [cuda|gpu|all]     (default: all)
#   Builds in a scratch copy of the working tree (your own cli/target is left alone) and deletes it
#   at the end. Extra Maven flags through SIM2PI_BUILD_FLAGS, e.g. SIM2PI_BUILD_FLAGS=-o once the
#   jars are in ~/.m2.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WHICH="${1:-all}"
case "$WHICH" in cuda|gpu|all) ;; *) echo "usage: $0 [cuda|gpu|all]" >&2; exit 2 ;; esac

NO_GPU_LINE="--device cuda: no CUDA build of PyTorch on the class path (build with -Pcuda) or no GPU; training on the CPU"
ORT_FALLBACK_LINE="CUDA execution provider not available; running on CPU"
HAS_GPU=0
if command -v nvidia-smi >/dev/null 2>&1 && nvidia-smi -L >/dev/null 2>&1; then HAS_GPU=1; fi

SCRATCH="$(mktemp -d "${TMPDIR:-/tmp}/sim2pi-gpu-check.XXXXXX")"
trap 'rm -rf "$SCRATCH"' EXIT
FAILED=0

fail() { echo "FAIL: $*"; FAILED=1; }
pass() { echo "ok:   $*"; }

# The working tree as it is (tracked and untracked-but-not-ignored files), without build outputs.
copy_tree() {
  local dest="$1"
  mkdir -p "$dest"
  (cd "$ROOT" && git ls-files -z --cached --others --exclude-standard \
     | tar --null --ignore-failed-read -T - -cf - 2>/dev/null) | tar -xf - -C "$dest"
}

# Lines of $2 equal to $1.
count_lines() { grep -cxF -- "$1" "$2" || true; }

check_cuda() {
  local tree="$SCRATCH/cuda"
  copy_tree "$tree"
  echo "== -Pcuda: building in $tree"
  (cd "$tree" && SIM2PI_BUILD_FLAGS="-Pcuda ${SIM2PI_BUILD_FLAGS:-}" ./sim2pi build)
  local lib="$tree/cli/target/lib"
  ls "$lib"/pytorch-native-cu124-2.5.1-linux-x86_64.jar >/dev/null 2>&1 && pass "cu124 natives on the class path" \
    || fail "no pytorch-native-cu124 jar in $lib"
  ls "$lib"/pytorch-native-cpu-2.5.1-linux-x86_64.jar >/dev/null 2>&1 && pass "CPU natives of the same version beside them" \
    || fail "no pytorch-native-cpu 2.5.1 jar in $lib (without a GPU DJL would then try to download)"
  ls "$lib"/pytorch-jni-2.5.1-0.33.0.jar "$lib"/pytorch-engine-0.33.0.jar >/dev/null 2>&1 \
    && pass "pytorch-jni 2.5.1-0.33.0 with pytorch-engine 0.33.0" || fail "JNI/engine versions do not match the natives"

  printf '{"engine": "djl", "batch_size": 32, "learning_starts": 200, "eval_interval": 500, "eval_episodes": 2}\n' \
    > "$tree/djl-small.json"
  local log="$tree/train.log"
  (cd "$tree" && ./sim2pi train --task pendulum-v1 --seed 1 --max-env-steps 1000 --device cuda \
     --config djl-small.json --out "$tree/run" --no-progress) >"$log" 2>&1 || { cat "$log"; fail "train --device cuda failed"; return; }
  cat "$log"
  local engine
  engine="$(sed -n 's/.*"engine" *: *"\([^"]*\)".*/\1/p' "$tree/run/summary.json")"
  local cache="$tree/.sim2pi/djl-cache" flavor=cpu
  [ "$HAS_GPU" = 1 ] && flavor=cu124
  if ls -d "$cache"/pytorch/2.5.1-*"$flavor"-linux-x86_64 >/dev/null 2>&1; then
    pass "DJL loaded PyTorch 2.5.1 $flavor from the jars: $(ls "$cache"/pytorch | tr '\n' ' ')"
  else
    fail "no PyTorch 2.5.1 $flavor natives in the DJL cache $cache (found: $(ls "$cache"/pytorch 2>/dev/null | tr '\n' ' '))"
  fi
  grep -qi "download" "$log" && fail "the run mentions a download" || pass "nothing downloaded (DJL offline)"
  if [ "$HAS_GPU" = 1 ]; then
    [ "$(count_lines "$NO_GPU_LINE" "$log")" = 0 ] && [ "$engine" = djl-gpu ] && pass "trained on the GPU ($engine)" \
      || fail "a GPU is present but the run used '$engine'"
  else
    [ "$(count_lines "$NO_GPU_LINE" "$log")" = 1 ] && pass "one no-GPU line" || fail "expected the no-GPU line exactly once"
    [ "$engine" = djl-cpu ] && pass "trained with PyTorch on the CPU ($engine)" || fail "engine '$engine', expected djl-cpu"
  fi
}

check_gpu() {
  local tree="$SCRATCH/gpu"
  copy_tree "$tree"
  echo "== -Pgpu: building in $tree"
  (cd "$tree" && SIM2PI_BUILD_FLAGS="-Pgpu ${SIM2PI_BUILD_FLAGS:-}" ./sim2pi build)
  local lib="$tree/cli/target/lib"
  ls "$lib"/onnxruntime_gpu-*.jar >/dev/null 2>&1 && pass "onnxruntime_gpu on the class path" \
    || fail "no onnxruntime_gpu jar in $lib"
  ls "$lib"/onnxruntime-[0-9]*.jar >/dev/null 2>&1 && fail "the CPU onnxruntime jar is also on the class path" \
    || pass "no CPU onnxruntime jar beside it"
  local log="$tree/bench.log"
  (cd "$tree" && ./sim2pi bench policy --bundle models/policies/balancer --device CUDA --seconds 0.5) >"$log" 2>&1 \
    || { cat "$log"; fail "bench policy --device CUDA failed"; return; }
  cat "$log"
  tail -n 1 "$log" | grep -q "p50_us=" && pass "ran to its key=value line" || fail "no key=value line"
  if [ "$HAS_GPU" = 1 ]; then
    [ "$(count_lines "$ORT_FALLBACK_LINE" "$log")" = 0 ] && pass "ran on the CUDA provider" || fail "a GPU is present but ONNX Runtime fell back"
  else
    [ "$(count_lines "$ORT_FALLBACK_LINE" "$log")" = 1 ] && pass "one CPU-fallback line" \
      || fail "expected the CPU-fallback line exactly once"
  fi
}

echo "GPU present: $([ "$HAS_GPU" = 1 ] && echo yes || echo no)"
if [ "$WHICH" = cuda ] || [ "$WHICH" = all ]; then check_cuda; fi
if [ "$WHICH" = gpu ] || [ "$WHICH" = all ]; then check_gpu; fi
if [ "$FAILED" = 0 ]; then echo "check-gpu-builds: all checks passed"; else echo "check-gpu-builds: FAILED"; exit 1; fi
