package dev.sim2pi.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sim2pi.models.Figures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimCommandsTest {

    @TempDir
    Path dir;

    private String out;
    private String err;

    private int run(String... args) {
        CliRun r = CliRun.of(args);
        out = r.out();
        err = r.err();
        return r.exitCode();
    }

    @Test
    void replayWritesOneRowPerInputRowWithGymnasiumNumbers() throws Exception {
        Path in = dir.resolve("in.csv");
        Path result = dir.resolve("out.csv");
        // Gymnasium Pendulum-v1 episode 0, first two steps (reference data).
        Files.writeString(in, "episode,step,state_theta,state_theta_dot,action_0\n"
                + "0,0,0.8605556614246863,-0.4604265724722594,1.906799077987671\n"
                + "0,1,,,-0.4792170524597168\n");
        assertEquals(0, run("sim", "replay", "--task", "pendulum-v1", "--input", in.toString(), "--output", result.toString()));
        List<String> lines = Files.readAllLines(result);
        assertEquals("episode,step,obs_0,obs_1,obs_2,reward,terminated,truncated,next_obs_0,next_obs_1,next_obs_2",
                lines.get(0));
        assertEquals("0,0,0.652016282081604,0.758204996585846,-0.46042656898498535,-0.7653911921395722,0,0,"
                + "0.6369445323944092,0.7709096074104309,0.39424702525138855", lines.get(1));
        assertEquals(3, lines.size());
    }

    @Test
    void badReplayInputIsOneLineNamingFileLineAndColumn() throws Exception {
        Path in = dir.resolve("bad.csv");
        Files.writeString(in, "episode,step,state_position,state_velocity,action_0\n0,0,-0.5,zero,1\n");
        assertEquals(2, run("sim", "replay", "--task", "mountaincar-continuous-v0", "--input", in.toString(),
                "--output", dir.resolve("o.csv").toString()));
        assertEquals("sim2pi: " + in + " line 2, column state_velocity: expected a number, got 'zero'", err.strip());
    }

    @Test
    void benchSimEndsWithTheFiguresLine() {
        assertEquals(0, run("bench", "sim", "--task", "mountaincar-continuous-v0", "--envs", "64", "--seconds", "0.2",
                "--threads", "1", "--no-randomization"));
        String[] lines = out.strip().split("\n");
        String last = lines[lines.length - 1];
        assertTrue(last.matches("steps_per_sec=\\S+ task=mountaincar-continuous-v0 envs=64 threads=1 randomization=false steps_per_cpu_sec=\\S+"),
                last);
        assertTrue(Double.parseDouble(last.split(" ")[0].substring("steps_per_sec=".length())) > 0);
    }
}
