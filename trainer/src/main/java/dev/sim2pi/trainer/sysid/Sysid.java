package dev.sim2pi.trainer.sysid;

import dev.sim2pi.models.InputException;
import dev.sim2pi.models.task.RobotTask;
import dev.sim2pi.models.tasks.BalancerTask;
import dev.sim2pi.sim.ParameterSpace;
import dev.sim2pi.sim.robots.BalancerPlant;
import dev.sim2pi.trainer.real.Stretches;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntConsumer;

/** The entry point of system identification: recorded data of a task to a {@link SysidResult}. */
public final class Sysid {

    /** What the balancer fits by default: body, motors, battery, friction. */
    public static final List<String> BALANCER_DEFAULT = List.of("body_mass", "body_com_height", "body_pitch_inertia",
            "motor_torque_constant", "motor_back_emf_constant", "motor_resistance", "battery_voltage",
            "gear_viscous_friction");

    /**
     * @param horizon     periods predicted from each estimated start (short: the robot is unstable, so an
     *                    error in the estimated start grows)
     * @param stride      periods between window starts
     * @param maxDeadTime largest dead time searched, in periods
     */
    public record Options(List<String> parameters, int horizon, int stride, int maxDeadTime) {
        public static Options defaults(RobotTask task) {
            return new Options(BALANCER_DEFAULT, 10, 5, 4);
        }
    }

    private Sysid() {
    }

    /** The plant parameters a fit starts from and re-centres. */
    public static ParameterSpace space(RobotTask task) {
        supported(task);
        return BalancerPlant.shippedRanges();
    }

    private static void supported(RobotTask task) {
        if (!task.id().equals(BalancerTask.ID)) {
            throw new InputException("system identification supports task '" + BalancerTask.ID + "' so far, not '"
                    + task.id() + "'");
        }
    }

    /** Fits {@code options.parameters()} to every dataset under {@code data}. */
    public static SysidResult run(Path data, RobotTask task, Options options, IntConsumer progress) {
        ParameterSpace space = space(task);
        List<Stretches.Stretch> stretches = Stretches.read(data, task, options.horizon() + options.maxDeadTime() + 2);
        Replay replay = new BalancerReplay(stretches, options.horizon(), options.stride(), options.maxDeadTime());
        int nominalDead = (int) (space.parameters().get(space.indexOf("action_latency_steps")).nominal()
                + space.parameters().get(space.indexOf("observation_delay_steps")).nominal());
        return new SystemIdentification(replay, space, options.parameters()).fit(options.maxDeadTime(), nominalDead,
                progress);
    }
}
