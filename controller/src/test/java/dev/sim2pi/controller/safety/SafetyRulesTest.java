package dev.sim2pi.controller.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sim2pi.controller.command.CommandOutcome;
import dev.sim2pi.controller.loop.ControlLoop;
import dev.sim2pi.controller.loop.ControllerCommands;
import dev.sim2pi.controller.testing.ScriptedRunner;
import dev.sim2pi.controller.testing.SimRig;
import dev.sim2pi.models.tasks.BalancerTask;
import org.junit.jupiter.api.Test;

/**
 * One test per safety rule, on the simulated balancer with a stepped clock. What the motors do
 * is read back from the plant (the duty it holds), not from the controller's own bookkeeping.
 */
class SafetyRulesTest {

    private final SimRig rig = new SimRig(3, SafetyConfig.defaults(0.01, 0.01).withTerminationCheck(false));
    private final ScriptedRunner runner = new ScriptedRunner(rig.robot.task().observationSize(), 2);
    private final ControlLoop loop = rig.loop(runner, null);
    private final ControllerCommands commands = new ControllerCommands(loop, 100, true);

    private void armAndRun(int periods) {
        assertTrue(commands.arm().accepted());
        rig.run(periods);
    }

    private void assertMotorsSafe(String why) {
        assertEquals(0.0, rig.plantAction(BalancerTask.DUTY_LEFT), why);
        assertEquals(0.0, rig.plantAction(BalancerTask.DUTY_RIGHT), why);
    }

    @Test
    void nothingMovesBeforeAnExplicitArm() {
        runner.command = 0.4f;
        rig.run(50);
        assertEquals(State.IDLE, rig.safety.state());
        assertMotorsSafe("idle: the policy's 0.4 must not reach the motors");
        armAndRun(1);
        assertEquals(State.RUNNING, rig.safety.state(), "armed for one period, then running");
        assertMotorsSafe("the arming period itself applies nothing");
        rig.run(1);
        assertEquals(0.4, rig.plantAction(BalancerTask.DUTY_LEFT), 1e-6, "running: the command reaches the motor");
    }

    @Test
    void commandsAreClampedToTheActuatorLimits() {
        runner.command = 5f;
        armAndRun(10);
        assertEquals(1.0, rig.plantAction(BalancerTask.DUTY_LEFT), 1e-9, "duty limit of the action layout");
        assertEquals(1, rig.events.count(EventKind.ACTION_CLAMPED), "one event for a condition that lasts");
        assertEquals(State.RUNNING, rig.safety.state(), "clamping does not stop the robot");
    }

    @Test
    void commandsAreSlewRateLimited() {
        // Default: half the span (2 for a duty) per period, so a full reversal takes two periods.
        runner.command = 1f;
        armAndRun(2);
        assertEquals(1.0, rig.plantAction(BalancerTask.DUTY_LEFT), 1e-9, "0 -> 1 is within one period's step");
        assertEquals(0, rig.events.count(EventKind.SLEW_LIMITED));
        runner.command = -1f;
        rig.run(1);
        assertEquals(0.0, rig.plantAction(BalancerTask.DUTY_LEFT), 1e-9, "1 -> -1 is limited to one step of 1");
        assertEquals(1, rig.events.count(EventKind.SLEW_LIMITED));
        rig.run(1);
        assertEquals(-1.0, rig.plantAction(BalancerTask.DUTY_LEFT), 1e-9);
    }

    @Test
    void aNonFiniteActionStopsTheRobotSafely() {
        runner.command = 0.3f;
        armAndRun(5);
        assertEquals(0.3, rig.plantAction(BalancerTask.DUTY_LEFT), 1e-6);
        runner.command = Float.NaN;
        rig.run(1);
        assertEquals(State.FAULTED, rig.safety.state());
        assertEquals(EventKind.NON_FINITE_ACTION, rig.safety.faultCause());
        assertMotorsSafe("NaN from the policy: motors coast");
    }

    @Test
    void aNonFiniteObservationStopsTheRobotSafely() {
        runner.command = 0.3f;
        armAndRun(5);
        rig.faults.accelOverride = 1e300; // finite as a double, infinite as the policy's float input
        rig.run(1);
        assertEquals(EventKind.NON_FINITE_OBSERVATION, rig.safety.faultCause());
        assertMotorsSafe("an infinite observation: motors coast");
    }

    @Test
    void anExceptionInInferenceStopsTheRobotSafely() {
        runner.command = 0.3f;
        armAndRun(5);
        runner.throwNext = true;
        rig.run(1);
        assertEquals(State.FAULTED, rig.safety.state());
        assertEquals(EventKind.INFERENCE_FAILED, rig.safety.faultCause());
        assertMotorsSafe("inference threw: motors coast");
        rig.run(5);
        assertEquals(State.FAULTED, rig.safety.state(), "a fault holds although inference works again");
        assertMotorsSafe("still safe");
    }

    @Test
    void aSensorThatStopsAnsweringStopsTheRobotAfterTheConfiguredPeriods() {
        int stale = rig.safety.config().stalePeriods();
        runner.command = 0.2f;
        armAndRun(5);
        rig.faults.failing = true;
        rig.run(stale - 1);
        assertEquals(State.RUNNING, rig.safety.state(), "a dropout shorter than the limit is ridden through");
        assertEquals(1, rig.events.count(EventKind.SENSOR_DROPOUT));
        rig.run(1);
        assertEquals(State.FAULTED, rig.safety.state());
        assertEquals(EventKind.SENSOR_STALE, rig.safety.faultCause());
        assertMotorsSafe("IMU silent for " + stale + " periods: motors coast");
    }

    @Test
    void aFrozenImuCountsAsStale() {
        rig.faults.accelOverride = 0.5;
        runner.command = 0.2f;
        armAndRun(5);
        // The sim's IMU noise changes the other channels: only a stuck IMU repeats all six exactly.
        assertEquals(State.RUNNING, rig.safety.state());
        assertEquals(0, rig.events.count(EventKind.SENSOR_DROPOUT));
    }

    @Test
    void theBalancersEstimatedTiltStopsItWhenItFalls() {
        SimRig tilt = new SimRig(3);
        ScriptedRunner zero = new ScriptedRunner(tilt.robot.task().observationSize(), 2);
        ControlLoop l = tilt.loop(zero, null);
        assertTrue(new ControllerCommands(l, 100, true).arm().accepted());
        double truePitchAtStop = Double.NaN;
        for (int k = 0; k < 500 && tilt.safety.state() != State.FAULTED; k++) {
            tilt.run(1);
            truePitchAtStop = tilt.sim.world().state(BalancerTask.PITCH);
        }
        assertEquals(EventKind.TERMINATION, tilt.safety.faultCause(), "uncontrolled, the robot falls and is stopped");
        assertTrue(Math.abs(truePitchAtStop) > 0.45 && Math.abs(truePitchAtStop) < 0.8,
                "stopped near the 0.6 rad limit by the sensor estimate; true pitch " + truePitchAtStop);
        assertEquals(0.0, tilt.plantAction(0));
    }

    @Test
    void aFaultNeedsAnExplicitResetAndThenAnArm() {
        runner.command = 0.3f;
        armAndRun(3);
        runner.throwNext = true;
        rig.run(1);
        CommandOutcome refused = commands.arm();
        assertFalse(refused.accepted(), refused.detail());
        assertTrue(refused.detail().contains("inference_failed"), refused.detail());
        rig.run(3);
        assertEquals(State.FAULTED, rig.safety.state());
        assertTrue(commands.reset().accepted());
        rig.run(3);
        assertEquals(State.IDLE, rig.safety.state(), "reset goes to idle, not running");
        assertMotorsSafe("idle after reset");
        armAndRun(2);
        assertEquals(State.RUNNING, rig.safety.state());
        assertEquals(0.3, rig.plantAction(BalancerTask.DUTY_LEFT), 1e-6);
    }

    @Test
    void anEmergencyStopIsLatchedUntilReset() {
        runner.command = 0.3f;
        armAndRun(3);
        commands.emergencyStop();
        rig.run(1);
        assertEquals(EventKind.EMERGENCY_STOP, rig.safety.faultCause());
        assertMotorsSafe("e-stop");
        commands.arm();
        rig.run(2);
        assertMotorsSafe("an arm without a reset is refused");
        commands.reset();
        rig.run(1);
        commands.arm();
        rig.run(2);
        assertEquals(0.3, rig.plantAction(BalancerTask.DUTY_LEFT), 1e-6);
    }

    @Test
    void stopIsObeyedAndArmResumes() {
        runner.command = 0.3f;
        armAndRun(3);
        commands.stop();
        rig.run(1);
        assertEquals(State.STOPPED, rig.safety.state());
        assertMotorsSafe("stopped");
        armAndRun(2);
        assertEquals(State.RUNNING, rig.safety.state(), "a stop is not a fault: arm resumes");
    }

    @Test
    void operatorInputsReachTheObservationAtThePeriodBoundary() {
        SimRig rig2 = new SimRig(3);
        ScriptedRunner r = new ScriptedRunner(rig2.robot.task().observationSize(), 2);
        ControlLoop l = rig2.loop(r, null);
        ControllerCommands c = new ControllerCommands(l, 100, true);
        assertFalse(c.setOperatorInput("gyro_x", 1).accepted(), "only operator channels");
        rig2.run(1);
        // The simulated operator (the plant's commands) owns these channels in sim; the request still lands.
        assertTrue(c.setOperatorInput("cmd_forward_speed", 9).detail().contains("clamped"));
    }
}
