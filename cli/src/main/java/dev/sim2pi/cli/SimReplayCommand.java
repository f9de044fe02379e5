package dev.sim2pi.cli;

import dev.sim2pi.sim.Plant;
import dev.sim2pi.sim.Plants;
import dev.sim2pi.sim.replay.ReplayCsvReader;
import dev.sim2pi.sim.replay.ReplayLog;
import dev.sim2pi.sim.replay.Replayer;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Replays recorded commands from recorded initial states through the nominal simulator. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {
                "Replay recorded actions from each episode's initial state through the nominal simulator, "
                        + "to check the sim against a real robot's logs or a reference implementation.",
                "",
                "Input CSV header: episode,step,state_<name>...,action_<i>... with rows in step order. "
                        + "State columns are read on each episode's step-0 row and left empty elsewhere "
                        + "(values there are counted and ignored). Actions outside the bounds are passed "
                        + "to the task as given; it clips where the task does.",
                "State columns by task:",
                "  pendulum-v1: state_theta (rad, 0 = upright), state_theta_dot (rad/s); action_0 torque (N m)",
                "  mountaincar-continuous-v0: state_position, state_velocity (per step); action_0 force",
                "  any task: `sim2pi tasks <id>` lists its state names; the columns are state_<name>.",
                "",
                "Output CSV header: episode,step,obs_<i>...,reward,terminated,truncated,next_obs_<i>..., "
                        + "one row per input row. Numbers are the shortest decimal that reads back to the same "
                        + "double, laid out as Python's repr (0.25, 1.0, 1e-05; NaN, Infinity): Python float() "
                        + "and Java Double.parseDouble both read them exactly. Observations are float32 widened "
                        + "exactly; terminated and truncated are 0 or 1. An episode runs as long as the log does, "
                        + "past a termination or time limit if the log goes on."
        })
final class SimReplayCommand implements Runnable {

    @Option(names = "--task", required = true, paramLabel = "TASK", description = "Task id, e.g. pendulum-v1.")
    String taskId;

    @Option(names = "--input", required = true, paramLabel = "IN.csv", description = "Recorded episodes.")
    Path input;

    @Option(names = "--output", required = true, paramLabel = "OUT.csv", description = "Where to write the replay.")
    Path output;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "SEED",
            description = "Seed for sensor and process noise, if the task's plant has any (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public void run() {
        Plant plant = Plants.forTask(taskId);
        ReplayLog log = new ReplayCsvReader(plant.task()).read(input);
        int rows = new Replayer(plant, seed).replay(log, output);
        if (log.ignoredStateValues() > 0) {
            System.err.println("sim2pi: " + input + ": " + log.ignoredStateValues()
                    + " state values on rows after step 0 were ignored (state is read on step 0 only)");
        }
        System.out.println("replayed " + rows + " steps in " + log.episodes().size() + " episodes of "
                + taskId + " -> " + output);
    }
}
