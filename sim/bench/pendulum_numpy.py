#!/usr/bin/env python3
"""Gymnasium Pendulum-v1 stepped as one NumPy batch on one thread: the yardstick for
`sim2pi bench sim --task pendulum-v1` (issue #13 asks the Java batch to beat it 4x).

Written from the Pendulum-v1 equations (g = 10, m = l = 1, dt = 0.05, torque limit 2 N m,
speed limit 8 rad/s, 200-step time limit), with the same NumPy 2 dtypes Gymnasium ends up
with: the action is float32, so the torque terms are float32; state and reward are float64;
the observation [cos theta, sin theta, theta_dot] is float32. Like the Java bench it cycles
through 8 pre-drawn batches of uniform random actions, resets every environment that reaches
the time limit (keeping its last observation) and counts env-steps per wall-clock second.
Buffers are preallocated and written with out= where NumPy allows it, so this is a fair,
not a deliberately slow, NumPy batch.

Last line: numpy_steps_per_sec=... envs=... threads=1 seconds=...
"""
import argparse
import os
import time

import numpy as np

G = 10.0
M = 1.0
L = 1.0
DT = 0.05
MAX_TORQUE = 2.0
MAX_SPEED = 8.0
MAX_STEPS = 200
ACTION_BATCHES = 8


class PendulumBatch:
    """N pendulums as structure-of-arrays: theta and theta_dot are float64 vectors."""

    def __init__(self, envs, seed):
        self.rng = np.random.default_rng(seed)
        self.envs = envs
        self.theta = np.empty(envs)
        self.theta_dot = np.empty(envs)
        self.steps = np.zeros(envs, dtype=np.int64)
        self.obs = np.empty((envs, 3), dtype=np.float32)
        self.final_obs = np.empty((envs, 3), dtype=np.float32)
        self.reward = np.empty(envs)
        self.returns = np.zeros(envs)
        self._a = np.empty(envs)
        self._b = np.empty(envs)
        self.reset_all()

    def reset_all(self):
        self.theta[:] = self.rng.uniform(-np.pi, np.pi, self.envs)
        self.theta_dot[:] = self.rng.uniform(-1.0, 1.0, self.envs)
        self.steps[:] = 0
        self.returns[:] = 0
        self._observe()

    def _observe(self):
        np.cos(self.theta, out=self.obs[:, 0], casting="same_kind")
        np.sin(self.theta, out=self.obs[:, 1], casting="same_kind")
        self.obs[:, 2] = self.theta_dot

    def step(self, action):
        """action: float32 vector of torques, one per environment."""
        u = np.clip(action, np.float32(-MAX_TORQUE), np.float32(MAX_TORQUE))
        a, b = self._a, self._b
        # Reward on the state before the step: angle wrapped into [-pi, pi).
        np.add(self.theta, np.pi, out=a)
        np.mod(a, 2 * np.pi, out=a)
        np.subtract(a, np.pi, out=a)
        np.multiply(a, a, out=a)
        np.multiply(self.theta_dot, self.theta_dot, out=b)
        b *= 0.1
        a += b
        a += np.float32(0.001) * (u * u)          # float32 torque cost, as under NumPy 2
        np.negative(a, out=self.reward)
        self.returns += self.reward
        # Semi-implicit Euler with the speed clipped.
        np.sin(self.theta, out=a)
        a *= 3 * G / (2 * L)
        a += np.float32(3.0 / (M * L * L)) * u     # float32 torque term
        a *= DT
        self.theta_dot += a
        np.clip(self.theta_dot, -MAX_SPEED, MAX_SPEED, out=self.theta_dot)
        np.multiply(self.theta_dot, DT, out=b)
        self.theta += b
        self.steps += 1
        self._observe()
        done = self.steps >= MAX_STEPS
        if done.any():
            idx = np.flatnonzero(done)
            self.final_obs[idx] = self.obs[idx]
            n = idx.size
            self.theta[idx] = self.rng.uniform(-np.pi, np.pi, n)
            self.theta_dot[idx] = self.rng.uniform(-1.0, 1.0, n)
            self.steps[idx] = 0
            self.returns[idx] = 0
            self.obs[idx, 0] = np.cos(self.theta[idx])
            self.obs[idx, 1] = np.sin(self.theta[idx])
            self.obs[idx, 2] = self.theta_dot[idx]


def measure(envs, seconds, seed):
    """Env-steps per second over about `seconds` after a short warm-up."""
    batch = PendulumBatch(envs, seed)
    actions = [batch.rng.uniform(-MAX_TORQUE, MAX_TORQUE, envs).astype(np.float32)
               for _ in range(ACTION_BATCHES)]
    for k in range(50):
        batch.step(actions[k % ACTION_BATCHES])
    steps = 0
    start = time.perf_counter()
    deadline = start + seconds
    while True:
        for _ in range(16):
            batch.step(actions[steps % ACTION_BATCHES])
            steps += 1
        now = time.perf_counter()
        if now >= deadline:
            break
    return steps * envs / (now - start)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--envs", type=int, default=4096)
    p.add_argument("--seconds", type=float, default=3.0)
    p.add_argument("--seed", type=int, default=1)
    args = p.parse_args()
    if args.envs < 1 or args.seconds <= 0:
        raise SystemExit(f"pendulum_numpy: --envs must be >= 1 and --seconds > 0, got {args.envs}, {args.seconds}")
    rate = measure(args.envs, args.seconds, args.seed)
    threads = os.environ.get("OMP_NUM_THREADS", "1")
    print(f"numpy {np.__version__}: {args.envs} envs, {rate / 1e6:.3f} M env-steps/s")
    print(f"numpy_steps_per_sec={rate:.0f} envs={args.envs} threads={threads} seconds={args.seconds:g}")


if __name__ == "__main__":
    main()
