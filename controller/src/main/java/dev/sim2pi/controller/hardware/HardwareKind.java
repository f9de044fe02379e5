package dev.sim2pi.controller.hardware;

/** Where the robot's devices are: on this Pi (Pi4J), the simulated robot, or the reality twin. */
public enum HardwareKind {
    PI4J, SIM, TWIN;

    public boolean simulated() {
        return this != PI4J;
    }
}
