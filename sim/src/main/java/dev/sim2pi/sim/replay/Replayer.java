package dev.sim2pi.sim.replay;

import dev.sim2pi.models.InputException;
import dev.sim2pi.models.task.RobotTask;
import dev.sim2pi.sim.Plant;
import dev.sim2pi.sim.env.Env;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Replays recorded commands through the nominal plant (no randomization; noise, if the plant has
 * any, seeded): each episode starts from its recorded state, then every command is applied as
 * given, including ones outside the action bounds (the plant clips where the task says it does).
 * Episodes run for as many steps as the log has, past a termination or time limit if the log does.
 */
public final class Replayer {

    private final Plant plant;
    private final long seed;

    public Replayer(Plant plant, long seed) {
        this.plant = plant;
        this.seed = seed;
    }

    /** Output header: {@code episode,step,obs_<i>...,reward,terminated,truncated,next_obs_<i>...}. */
    public String header() {
        int n = plant.task().observationSize();
        StringBuilder sb = new StringBuilder("episode,step");
        for (int i = 0; i < n; i++) {
            sb.append(",obs_").append(i);
        }
        sb.append(",reward,terminated,truncated");
        for (int i = 0; i < n; i++) {
            sb.append(",next_obs_").append(i);
        }
        return sb.toString();
    }

    /** Replays {@code log} into {@code output}; returns the rows written. */
    public int replay(ReplayLog log, Path output) {
        try (BufferedWriter out = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            return replay(log, out);
        } catch (IOException e) {
            throw new InputException(output + ": cannot write (" + e.getMessage() + ")", e);
        }
    }

    int replay(ReplayLog log, Writer out) throws IOException {
        RobotTask task = plant.task();
        int obsSize = task.observationSize();
        float[] before = new float[obsSize];
        int rows = 0;
        out.write(header());
        out.write('\n');
        try (Env env = new Env(plant, false, false)) {
            env.reset(seed);
            for (ReplayLog.Episode episode : log.episodes()) {
                env.resetTo(episode.initialState());
                double[][] actions = episode.actions();
                for (int step = 0; step < actions.length; step++) {
                    System.arraycopy(env.observation(), 0, before, 0, obsSize);
                    if (actions[step].length != task.actions().size()) {
                        throw new IllegalArgumentException("episode " + episode.id() + " step " + step
                                + " has " + actions[step].length + " action values");
                    }
                    env.step(actions[step]);
                    StringBuilder sb = new StringBuilder(32 * (2 * obsSize + 5));
                    sb.append(episode.id()).append(',').append(step);
                    for (float v : before) {
                        sb.append(',').append(Decimals.format(v));
                    }
                    sb.append(',').append(Decimals.format(env.reward()));
                    sb.append(',').append(env.terminated() ? '1' : '0');
                    sb.append(',').append(env.truncated() ? '1' : '0');
                    for (float v : env.observation()) {
                        sb.append(',').append(Decimals.format(v));
                    }
                    sb.append('\n');
                    out.write(sb.toString());
                    rows++;
                }
            }
        }
        return rows;
    }
}
