#!/usr/bin/env bash
# Where a training run's time goes, from a JDK Flight Recorder profile (no code changes, no
# instrumentation in the hot loop). Runs a short 'sim2pi train' under JFR, then sorts every Java
# execution sample into phases by the frames on its stack:
#
#   learner thread (main): env stepping, acting (actor forward + noise), demonstrator, replay add
#     (n-step), normalizer, replay sampling, critic update, actor update, target update, checkpoint,
#     other (JIT-compiled glue, bookkeeping);
#   evaluation thread (sac-eval): policy forward vs env stepping.
#
# Shares are of the samples of each thread (the two threads run at once on two cores). JFR samples
# only threads running Java code; the plain-Java engine is all Java, the DJL engine's native time
# is not seen (use --engine java, the default for small nets).
#
# Usage: trainer/scripts/profile-training.sh [TASK] [ENV_STEPS] [OUT_DIR]
#   defaults: balancer 50000 /tmp/sim2pi-profile  (about a minute on 2 cores; the first 10k balancer
#   steps are random actions with no updates, so the breakdown covers both regimes: give more steps
#   to weight the learning phase more)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TASK="${1:-balancer}"
STEPS="${2:-50000}"
OUT="${3:-/tmp/sim2pi-profile}"
mkdir -p "$OUT"
REC="$OUT/train.jfr"

# ANALYZE_ONLY=1 re-reads an existing $OUT/train.jfr instead of training again.
[ "${ANALYZE_ONLY:-0}" = 1 ] || SIM2PI_JAVA_OPTS="-XX:StartFlightRecording=filename=$REC,settings=profile,dumponexit=true ${SIM2PI_JAVA_OPTS:-}" \
  "$ROOT/sim2pi" train --task "$TASK" --seed 1 --max-env-steps "$STEPS" --out "$OUT/run" --no-progress

JAVA_BIN="${JAVA_HOME:+$JAVA_HOME/bin/}jfr"
command -v "$JAVA_BIN" >/dev/null 2>&1 || JAVA_BIN=jfr
"$JAVA_BIN" print --json --stack-depth 64 --events jdk.ExecutionSample "$REC" > "$OUT/samples.json"

python3 - "$OUT/samples.json" <<'PY'
import json, sys, collections

# Frames are "SimpleClass.method"; the listed frame deepest in a sample's stack names its phase.
LEARNER_PHASES = {
    "Checkpoint.save": "checkpoint",
    "ReplayBuffer.sample": "replay sampling",
    "JavaSacEngine.criticStep": "critic update",
    "JavaSacEngine.actorStep": "actor update",
    "MlpWeights.polyak": "target update",
    "DjlSacEngine.update": "DJL update (Java side)",
    "JavaSacEngine.act": "acting (actor forward)",
    "DjlSacEngine.act": "acting (actor forward)",
    "BalancerDemonstrator.act": "demonstrator",
    "VectorTrainingEnv.step": "env stepping",
    "NStepAccumulator.add": "replay add (n-step)",
    "ObservationNormalizer.observe": "normalizer",
    "Rng.gaussian": "exploration noise",
    "LearningCurves.write": "curves (PNG)",
    "MetricsLog.append": "metrics.csv",
}
# Inside the critic and actor updates: which kind of work.
KERNELS = {
    "Mlp.forward": "MLP forward",
    "Mlp.backward": "MLP backward",
    "Adam.step": "Adam step",
    "MlpWeights.transposeInto": "weight transposes",
    "SquashedGaussian.sample": "squashed Gaussian",
    "SquashedGaussian.backward": "squashed Gaussian",
}
EVAL_PHASES = {
    "PolicySnapshot$Forward.actions": "policy forward",
    "VectorTrainingEnv.step": "env stepping",
}

def frames(ev):
    st = ev["values"]["stackTrace"]
    if not st:
        return []
    out = []
    for f in st["frames"]:
        m = f["method"]
        out.append(m["type"]["name"].replace("/", ".").split(".")[-1] + "." + m["name"])
    return list(reversed(out))  # root first

def phase(fs, table):
    """The deepest (closest to the leaf) listed frame names the phase."""
    found = None
    for f in fs:
        if f in table:
            found = table[f]
    return found

data = json.load(open(sys.argv[1]))
events = data["recording"]["events"]
learner = collections.Counter()
kernels = collections.Counter()
evaluation = collections.Counter()
for ev in events:
    thread = ev["values"]["sampledThread"]["javaName"]
    fs = frames(ev)
    if thread == "sac-eval":
        evaluation[phase(fs, EVAL_PHASES) or "other"] += 1
    elif thread == "main":
        if not any(f.startswith("SacTrainer.") or f.startswith("TrainingRun.") for f in fs):
            learner["startup / outside the loop"] += 1
            continue
        p = phase(fs, LEARNER_PHASES) or "other"
        learner[p] += 1
        if p in ("critic update", "actor update"):
            kernels[phase(fs, KERNELS) or "other"] += 1

def show(title, c):
    total = sum(c.values())
    print(f"{title}: {total} samples")
    for name, n in c.most_common():
        print(f"  {name:32s} {100.0 * n / max(total, 1):5.1f} %  ({n})")

show("learner thread (main)", learner)
show("  inside critic + actor updates", kernels)
show("evaluation thread (sac-eval)", evaluation)
lt = sum(learner.values()) or 1
keys = {"env stepping": "env_pct", "acting (actor forward)": "act_pct", "critic update": "critic_pct",
        "actor update": "actor_pct", "target update": "target_pct", "replay sampling": "sample_pct",
        "demonstrator": "demo_pct"}
line = {v: 100.0 * learner.get(k, 0) / lt for k, v in keys.items()}
line["other_pct"] = 100.0 - sum(line.values())
line["eval_to_learner_samples"] = sum(evaluation.values()) / lt
print(" ".join(f"{k}={v:.2f}" for k, v in line.items()))
PY
