package dev.sim2pi.controller.hardware;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import dev.sim2pi.bridge.link.JSerialCommLink;
import dev.sim2pi.bridge.pi4j.Pi4jDevices;
import dev.sim2pi.bridge.sim.SimWorld;
import dev.sim2pi.bridge.wiring.RobotHardware;
import dev.sim2pi.bridge.wiring.Wiring;
import dev.sim2pi.bridge.wiring.WiringReader;
import dev.sim2pi.models.InputException;
import dev.sim2pi.models.task.RobotTask;
import dev.sim2pi.models.time.Clock;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;

/** Opens a robot's hardware of each {@link HardwareKind} behind the same {@link RobotHardware}. */
public final class Robots {

    private Robots() {
    }

    /**
     * A robot and, when simulated, its referee.
     *
     * @param simulation    null on real hardware
     * @param plantOriginNanos clock reading the simulated plant's step grid started from (0 on real hardware)
     */
    public record Opened(RobotHardware robot, ScoredSimulation simulation, long plantOriginNanos) {

        /**
         * Where the loop's grid should start: on a simulated robot half a plant period after the
         * plant's steps (a loop in phase with them would see some readings twice and miss others
         * when it jitters), otherwise two periods from now (time for the loop thread to start).
         */
        public long loopOrigin(dev.sim2pi.models.time.Clock clock, long periodNanos) {
            // Two periods ahead: a thread just started parks late now and then (~11 ms on the loaded
            // test VM), and a first period that starts late is an overrun before the robot moved.
            long now = clock.nanoTime() + 2 * periodNanos;
            if (simulation == null) {
                return now;
            }
            long plantPeriod = Math.round(simulation.world().plant().task().controlPeriodSeconds() * 1e9);
            long origin = plantOriginNanos + plantPeriod / 2;
            long behind = now - origin;
            return behind <= 0 ? origin : origin + (behind / plantPeriod + 1) * plantPeriod;
        }
    }

    /** The wiring file given, or the shipped {@code <task>-pi.json}. */
    public static Wiring wiring(RobotTask task, Path file) {
        Wiring w = file != null ? WiringReader.read(file) : WiringReader.resource(task.id() + "-pi.json");
        if (!w.task().id().equals(task.id())) {
            throw new InputException("wiring " + w.source() + " is for task " + w.task().id() + ", the bundle for " + task.id());
        }
        return w;
    }

    /**
     * Opens the hardware. Simulated robots run in real time on {@code clock}; the twin reads its
     * parameters from {@code twinParams} (default: the shipped example twin of the task).
     */
    public static Opened open(HardwareKind kind, Wiring wiring, Path twinParams, Clock clock, long seed) {
        RobotTask task = wiring.task();
        switch (kind) {
            case PI4J -> {
                // Pi4J's own shutdown hook returns every pin to its shutdown state (PWM duty 0,
                // direction and standby low) even if ours cannot run to the end.
                Context pi4j = Pi4J.newContextBuilder().autoDetect().enableShutdownHook().build();
                Pi4jDevices devices = new Pi4jDevices(pi4j, true, wiring, Clock.system(),
                        spec -> JSerialCommLink.open(spec.string("port", null), spec.integer("baud", 115200)), null,
                        LockSupport::parkNanos);
                return new Opened(RobotHardware.assemble(wiring, devices), null, 0);
            }
            case SIM -> {
                long origin = clock.nanoTime();
                ScoredSimulation sim = new ScoredSimulation(SimWorld.nominal(task.id(), clock, seed), wiring);
                return new Opened(sim.assemble(wiring), sim, origin);
            }
            default -> {
                Path file = twinParams != null ? twinParams : shippedTwin(task.id());
                long origin = clock.nanoTime();
                ScoredSimulation sim = new ScoredSimulation(SimWorld.twin(task.id(), file, clock, seed), wiring);
                return new Opened(sim.assemble(wiring), sim, origin);
            }
        }
    }

    private static Path shippedTwin(String taskId) {
        String resource = "/dev/sim2pi/sim/twin/" + taskId + "-twin.json";
        try (InputStream in = SimWorld.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new InputException("no example twin ships for task " + taskId + "; give --twin-params");
            }
            Path tmp = Files.createTempFile("sim2pi-" + taskId + "-twin", ".json");
            tmp.toFile().deleteOnExit();
            Files.write(tmp, in.readAllBytes());
            return tmp;
        } catch (IOException e) {
            throw new InputException("cannot copy the example twin " + resource + ": " + e.getMessage(), e);
        }
    }
}
