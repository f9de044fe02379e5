package dev.sim2pi.controller.hardware;

import dev.sim2pi.bridge.device.BatteryMonitor;
import dev.sim2pi.bridge.device.Imu;
import dev.sim2pi.bridge.device.MotorDriver;
import dev.sim2pi.bridge.device.ServoOutput;
import dev.sim2pi.bridge.device.WheelEncoder;
import dev.sim2pi.bridge.sim.SimWorld;
import dev.sim2pi.bridge.sim.SimulatedDevices;
import dev.sim2pi.bridge.wiring.DeviceProvider;
import dev.sim2pi.bridge.wiring.DeviceSpec;
import dev.sim2pi.bridge.wiring.RobotHardware;
import dev.sim2pi.bridge.wiring.Wiring;
import dev.sim2pi.models.task.RobotTask;

/**
 * The simulated robot's devices with a referee beside them: each time the plant has stepped, the
 * task's reward and termination are judged on the simulator's true state (which the controller
 * never sees), giving the run's return and its falls. It also plays the operator: operator
 * channels named like a state channel (the balancer's commanded speed and yaw rate) follow the
 * plant's commands, as a person with a joystick would, so the return is judged against what the
 * robot was asked. Runs on the loop thread inside {@link RobotHardware#read}; allocation-free.
 */
public final class ScoredSimulation implements DeviceProvider {

    private final SimulatedDevices devices;
    private final SimWorld world;
    private final RobotTask task;
    private final double[] before;
    private final double[] after;
    private final double[] action;
    private final int[] operatorSensor;
    private final int[] operatorState;
    private RobotHardware robot;
    private long stepsSeen;
    private boolean fallen;
    private volatile double episodeReturn;
    private volatile long falls;
    private volatile long judgedSteps;

    public ScoredSimulation(SimWorld world, Wiring wiring) {
        this.devices = new SimulatedDevices(world, wiring);
        this.world = world;
        this.task = wiring.task();
        int n = task.state().size();
        this.before = new double[n];
        this.after = new double[n];
        this.action = new double[task.actions().size()];
        for (int i = 0; i < n; i++) {
            before[i] = world.state(i);
        }
        java.util.List<int[]> pairs = new java.util.ArrayList<>();
        for (var b : wiring.sensors()) {
            int s = task.state().indexOf(task.sensors().get(b.channelIndex()).name());
            if (b.isOperator() && s >= 0) {
                pairs.add(new int[] {b.channelIndex(), s});
            }
        }
        operatorSensor = pairs.stream().mapToInt(p -> p[0]).toArray();
        operatorState = pairs.stream().mapToInt(p -> p[1]).toArray();
        stepsSeen = world.steps();
    }

    /** The simulated robot of {@code wiring} in {@code world}, refereed. */
    public RobotHardware assemble(Wiring wiring) {
        return attach(RobotHardware.assemble(wiring, this));
    }

    /** Plays the operator on {@code robot}, assembled over this provider (or a wrapper of it). */
    public RobotHardware attach(RobotHardware robot) {
        this.robot = robot;
        return robot;
    }

    public SimWorld world() {
        return world;
    }

    /** Sum of the task's reward over the plant steps so far (one episode: the whole run). */
    public double episodeReturn() {
        return episodeReturn;
    }

    /** Times the true state became terminal (the balancer fell). */
    public long falls() {
        return falls;
    }

    public long judgedSteps() {
        return judgedSteps;
    }

    @Override
    public void beforeRead() {
        devices.beforeRead();
        long steps = world.steps();
        if (steps != stepsSeen) {
            // Several steps since the last look (an overrun) are judged as one: their states in between are gone.
            for (int i = 0; i < after.length; i++) {
                after[i] = world.state(i);
            }
            for (int i = 0; i < action.length; i++) {
                action[i] = world.action(i);
            }
            episodeReturn = episodeReturn + task.reward(before, 0, action, 0, after, 0);
            judgedSteps = judgedSteps + (steps - stepsSeen);
            boolean down = task.terminated(after, 0);
            if (down && !fallen) {
                falls = falls + 1;
            }
            fallen = down;
            System.arraycopy(after, 0, before, 0, after.length);
            stepsSeen = steps;
        }
        if (robot != null) {
            for (int k = 0; k < operatorSensor.length; k++) {
                robot.setOperator(operatorSensor[k], world.state(operatorState[k]));
            }
        }
    }

    @Override
    public void afterApply() {
        devices.afterApply();
    }

    @Override
    public Imu imu(DeviceSpec spec) {
        return devices.imu(spec);
    }

    @Override
    public MotorDriver motor(DeviceSpec spec) {
        return devices.motor(spec);
    }

    @Override
    public ServoOutput servo(DeviceSpec spec) {
        return devices.servo(spec);
    }

    @Override
    public WheelEncoder encoder(DeviceSpec spec) {
        return devices.encoder(spec);
    }

    @Override
    public BatteryMonitor battery(DeviceSpec spec) {
        return devices.battery(spec);
    }

    @Override
    public void close() {
        devices.close();
    }
}
