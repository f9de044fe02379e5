package dev.sim2pi.bridge.wiring;

import dev.sim2pi.models.task.RobotTask;
import java.util.List;
import java.util.Map;

/**
 * A validated wiring file: the devices of one robot and which device fills each entry of the
 * task's raw sensor vector and receives each entry of its command vector. Read with
 * {@link WiringReader}.
 *
 * @param source   the file (or resource) it came from, for messages
 * @param task     the task whose layouts it wires
 * @param devices  by name, in file order
 * @param sensors  one per task sensor channel, in the task's order
 * @param actions  one per task action channel, in the task's order
 */
public record Wiring(String source, RobotTask task, Map<String, DeviceSpec> devices, List<SensorBinding> sensors,
                     List<ActionBinding> actions) {

    public Wiring {
        devices = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(devices));
        sensors = List.copyOf(sensors);
        actions = List.copyOf(actions);
    }

    public DeviceSpec device(String name) {
        return devices.get(name);
    }

    /** Distinct (bus, address) pairs of every I2C device, for probing. */
    public List<int[]> i2cAddresses() {
        List<int[]> out = new java.util.ArrayList<>();
        for (DeviceSpec d : devices.values()) {
            if (d.has("address")) {
                out.add(new int[] {d.bus(), d.address()});
            }
        }
        return out;
    }
}
