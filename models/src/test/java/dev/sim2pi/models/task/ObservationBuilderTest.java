package dev.sim2pi.models.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ObservationBuilderTest {

    /** Features are the reading doubled, so each frame is recognisable in the output. */
    private static final RobotTask TASK = new RobotTask() {
        public String id() { return "test-task"; }
        public int version() { return 1; }
        public String description() { return "two readings, one action"; }
        public Layout state() { return sensors(); }
        public Layout sensors() { return Layout.of(Channel.unbounded("a", "m"), Channel.unbounded("b", "m")); }
        public Layout actions() { return Layout.of(Channel.symmetric("u", "V", 1)); }
        public ObservationSpec observationSpec() { return new ObservationSpec(sensors(), 3, 1); }
        public double controlPeriodSeconds() { return 0.01; }
        public int maxEpisodeSteps() { return 10; }
        public void features(double[] s, int so, float[] out, int oo) {
            out[oo] = (float) (2 * s[so]);
            out[oo + 1] = (float) (2 * s[so + 1]);
        }
        public double reward(double[] b, int bo, double[] a, int ao, double[] n, int no) { return 0; }
        public boolean terminated(double[] s, int so) { return false; }
    };

    @Test
    void stacksNewestReadingFirstThenLastAction() {
        ObservationBuilder builder = new ObservationBuilder(TASK, 2);
        float[] obs = new float[builder.observationSize()];
        assertEquals(7, obs.length);

        builder.reset(1, new double[] {1, 2}, 0);
        builder.write(1, obs, 0);
        assertArrayEquals(new float[] {2, 4, 2, 4, 2, 4, 0}, obs);

        builder.push(1, new double[] {0, 3, 4}, 1, new double[] {0.5}, 0);
        builder.push(1, new double[] {5, 6}, 0, new double[] {-0.25}, 0);
        builder.write(1, obs, 0);
        assertArrayEquals(new float[] {10, 12, 6, 8, 2, 4, -0.25f}, obs);

        builder.push(1, new double[] {7, 8}, 0, new double[] {1}, 0);
        builder.write(1, obs, 0);
        assertArrayEquals(new float[] {14, 16, 10, 12, 6, 8, 1}, obs);
    }

    /** The same task with the last three commands, as a robot with commands in flight needs. */
    private static final RobotTask THREE_COMMANDS = new RobotTask() {
        public String id() { return "three-commands"; }
        public int version() { return 1; }
        public String description() { return "one reading, three commands"; }
        public Layout state() { return TASK.sensors(); }
        public Layout sensors() { return TASK.sensors(); }
        public Layout actions() { return Layout.of(Channel.symmetric("u", "V", 1), Channel.symmetric("w", "V", 1)); }
        public ObservationSpec observationSpec() { return new ObservationSpec(sensors(), 1, 3); }
        public double controlPeriodSeconds() { return 0.01; }
        public int maxEpisodeSteps() { return 10; }
        public void features(double[] s, int so, float[] out, int oo) { TASK.features(s, so, out, oo); }
        public double reward(double[] b, int bo, double[] a, int ao, double[] n, int no) { return 0; }
        public boolean terminated(double[] s, int so) { return false; }
    };

    @Test
    void lastCommandsFollowNewestFirstAndStartAtZero() {
        ObservationBuilder builder = new ObservationBuilder(THREE_COMMANDS, 2);
        float[] obs = new float[builder.observationSize()];
        assertEquals(8, obs.length);
        builder.reset(0, new double[] {1, 2}, 0);
        builder.reset(1, new double[] {1, 2}, 0);
        builder.push(1, new double[] {1, 2}, 0, new double[] {0.1, 0.2}, 0);
        builder.push(1, new double[] {1, 2}, 0, new double[] {0.3, 0.4}, 0);
        builder.write(1, obs, 0);
        assertArrayEquals(new float[] {2, 4, 0.3f, 0.4f, 0.1f, 0.2f, 0, 0}, obs);
        builder.push(1, new double[] {1, 2}, 0, new double[] {0.5, 0.6}, 0);
        builder.push(1, new double[] {1, 2}, 0, new double[] {0.7, 0.8}, 0);
        builder.write(1, obs, 0);
        assertArrayEquals(new float[] {2, 4, 0.7f, 0.8f, 0.5f, 0.6f, 0.3f, 0.4f}, obs);
        builder.write(0, obs, 0);
        assertArrayEquals(new float[] {2, 4, 0, 0, 0, 0, 0, 0}, obs, "the other robot's commands are its own");
        builder.reset(1, new double[] {1, 2}, 0);
        builder.write(1, obs, 0);
        assertArrayEquals(new float[] {2, 4, 0, 0, 0, 0, 0, 0}, obs, "a new episode forgets the commands");
        assertEquals(java.util.List.of("a", "b", "last_u", "last_w", "last_u_t1", "last_w_t1", "last_u_t2", "last_w_t2"),
                THREE_COMMANDS.observationLayout().names());
    }

    @Test
    void observationLayoutNamesHistoryAndLastAction() {
        assertEquals(java.util.List.of("a", "b", "a_t1", "b_t1", "a_t2", "b_t2", "last_u"),
                TASK.observationLayout().names());
    }

    /** Features are the difference to the previous reading, as rates from encoder counts are. */
    private static final RobotTask DIFFERENCING = new RobotTask() {
        public String id() { return "differencing"; }
        public int version() { return 1; }
        public String description() { return "one counter, its rate"; }
        public Layout state() { return sensors(); }
        public Layout sensors() { return Layout.of(Channel.unbounded("count", "1")); }
        public Layout actions() { return Layout.of(Channel.symmetric("u", "V", 1)); }
        public ObservationSpec observationSpec() {
            return ObservationSpec.current(Layout.of(Channel.unbounded("rate", "1/s")));
        }
        public double controlPeriodSeconds() { return 0.5; }
        public int maxEpisodeSteps() { return 10; }
        public void features(double[] s, int so, float[] out, int oo) { out[oo] = 0; }
        public void features(double[] s, int so, double[] prev, int po, float[] out, int oo) {
            out[oo] = (float) ((s[so] - prev[po]) / 0.5);
        }
        public double reward(double[] b, int bo, double[] a, int ao, double[] n, int no) { return 0; }
        public boolean terminated(double[] s, int so) { return false; }
    };

    @Test
    void featuresSeeThePreviousReadingAndAnEpisodeStartsFromRest() {
        ObservationBuilder builder = new ObservationBuilder(DIFFERENCING, 2);
        float[] obs = new float[1];
        builder.reset(0, new double[] {100}, 0);
        builder.write(0, obs, 0);
        assertEquals(0f, obs[0]);
        builder.push(0, new double[] {103}, 0, new double[] {0}, 0);
        builder.write(0, obs, 0);
        assertEquals(6f, obs[0]);
        builder.push(0, new double[] {102}, 0, new double[] {0}, 0);
        builder.write(0, obs, 0);
        assertEquals(-2f, obs[0]);
    }
}
