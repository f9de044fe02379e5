package dev.sim2pi.sim.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sim2pi.models.InputException;
import dev.sim2pi.sim.Plant;
import dev.sim2pi.sim.gym.MountainCarContinuousPlant;
import dev.sim2pi.sim.gym.PendulumPlant;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayTest {

    @TempDir
    Path dir;

    @Test
    void replayingGymnasiumsActionsReproducesItsTrajectories() throws Exception {
        check(new PendulumPlant(), "pendulum_v1", List.of("theta", "theta_dot"), List.of("cos_theta", "sin_theta", "theta_dot"));
        check(new MountainCarContinuousPlant(), "mountaincar_continuous_v0", List.of("position", "velocity"),
                List.of("position", "velocity"));
    }

    /** Writes the replay input from the reference file, replays it and compares row by row. */
    private void check(Plant plant, String name, List<String> state, List<String> obs) throws Exception {
        List<String> ref = lines(name + ".csv");
        List<String> header = List.of(ref.get(0).split(","));
        StringBuilder in = new StringBuilder("episode,step");
        state.forEach(s -> in.append(",state_").append(s));
        in.append(",action_0\n");
        for (String line : ref.subList(1, ref.size())) {
            String[] f = line.split(",");
            String t = f[header.indexOf("t")];
            in.append(f[header.indexOf("episode")]).append(',').append(t);
            for (String s : state) {
                in.append(',').append(t.equals("0") ? f[header.indexOf("state_before_" + s)] : "");
            }
            in.append(',').append(f[header.indexOf("action")]).append('\n');
        }
        Path input = dir.resolve(name + "-in.csv");
        Path output = dir.resolve(name + "-out.csv");
        Files.writeString(input, in);
        ReplayLog log = new ReplayCsvReader(plant.task()).read(input);
        assertEquals(0, log.ignoredStateValues());
        int rows = new Replayer(plant, 0).replay(log, output);
        assertEquals(ref.size() - 1, rows);

        List<String> out = Files.readAllLines(output);
        assertEquals(new Replayer(plant, 0).header(), out.get(0));
        assertEquals(ref.size(), out.size());
        List<String> outHeader = List.of(out.get(0).split(","));
        for (int r = 1; r < out.size(); r++) {
            String[] o = out.get(r).split(",");
            String[] f = ref.get(r).split(",");
            assertEquals(f[header.indexOf("episode")], o[0]);
            assertEquals(f[header.indexOf("t")], o[1]);
            for (int i = 0; i < obs.size(); i++) {
                double expectedObs = Double.parseDouble(f[header.indexOf("obs_" + obs.get(i))]);
                double expectedNext = Double.parseDouble(f[header.indexOf("next_obs_" + obs.get(i))]);
                assertEquals(expectedObs, Double.parseDouble(o[outHeader.indexOf("obs_" + i)]), 1e-5, name + " row " + r);
                assertEquals(expectedNext, Double.parseDouble(o[outHeader.indexOf("next_obs_" + i)]), 1e-5, name + " row " + r);
            }
            assertEquals(Double.parseDouble(f[header.indexOf("reward")]),
                    Double.parseDouble(o[outHeader.indexOf("reward")]), 1e-6, name + " row " + r);
            assertEquals(f[header.indexOf("terminated")], o[outHeader.indexOf("terminated")]);
            assertEquals(f[header.indexOf("truncated")], o[outHeader.indexOf("truncated")]);
        }
    }

    @Test
    void actionsOutsideTheBoundsArePassedToTheTask() throws Exception {
        Path input = dir.resolve("wide.csv");
        Files.writeString(input, "episode,step,state_position,state_velocity,action_0\n"
                + "0,0,-0.5,0.0,3.0\n0,1,,,-5\n");
        Path output = dir.resolve("wide-out.csv");
        new Replayer(new MountainCarContinuousPlant(), 0)
                .replay(new ReplayCsvReader(new MountainCarContinuousPlant().task()).read(input), output);
        List<String> out = Files.readAllLines(output);
        // the cost uses the action as given: -0.1 * 3^2, -0.1 * 5^2
        assertEquals(-0.9, Double.parseDouble(out.get(1).split(",")[4]), 1e-9);
        assertEquals(-2.5, Double.parseDouble(out.get(2).split(",")[4]), 1e-9);
    }

    @Test
    void badInputNamesFileLineAndColumn() throws Exception {
        String header = "episode,step,state_theta,state_theta_dot,action_0\n";
        assertMessage(header + "0,0,0.1,0.2,1.0\n0,1,,,abc\n", "line 3, column action_0", "expected a number, got 'abc'");
        assertMessage(header + "0,0,0.1,0.2,1.0\n0,2,,,1\n", "line 3, column step", "expected 1");
        assertMessage(header + "0,0,,0.2,1.0\n", "line 2, column state_theta", "empty");
        assertMessage(header + "0,1,0.1,0.2,1.0\n", "line 2, column step", "expected step 0");
        assertMessage(header + "0,0,0.1,0.2\n", "line 2", "expected 5 columns");
        assertMessage(header + "0,0,1,1,1\n1,0,1,1,1\n0,0,1,1,1\n", "line 4, column episode", "appears again");
        assertMessage("episode,step,state_theta,action_0\n0,0,1,1\n", "line 1", "missing column state_theta_dot");
        assertMessage("episode,step,state_theta,state_theta_dot,state_x,action_0\n", "line 1, column 5",
                "unexpected or repeated column 'state_x'");
        assertMessage(header, "no rows");
        assertMessage("", "line 1", "empty file");
    }

    @Test
    void stateValuesAfterStepZeroAreCountedNotSilentlyUsed() throws Exception {
        Path input = dir.resolve("extra.csv");
        Files.writeString(input, "episode,step,state_theta,state_theta_dot,action_0\n0,0,0.1,0.2,1.0\n0,1,5,5,1\n");
        assertEquals(2, new ReplayCsvReader(new PendulumPlant().task()).read(input).ignoredStateValues());
    }

    private void assertMessage(String content, String... parts) throws Exception {
        Path input = dir.resolve("bad.csv");
        Files.writeString(input, content);
        InputException e = assertThrows(InputException.class,
                () -> new ReplayCsvReader(new PendulumPlant().task()).read(input));
        assertTrue(e.getMessage().startsWith(input.toString()), e.getMessage());
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), e.getMessage() + " should mention " + part);
        }
    }

    private static List<String> lines(String resource) throws Exception {
        List<String> out = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                ReplayTest.class.getResourceAsStream("/gymnasium/" + resource), StandardCharsets.UTF_8))) {
            for (String l = in.readLine(); l != null; l = in.readLine()) {
                out.add(l);
            }
        }
        return out;
    }
}
