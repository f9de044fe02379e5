package dev.sim2pi.bridge.wiring;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sim2pi.models.InputException;
import dev.sim2pi.models.task.Channel;
import dev.sim2pi.models.task.Layout;
import dev.sim2pi.models.task.RobotTask;
import dev.sim2pi.models.task.Tasks;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and validates a wiring file (schema: {@code dev/sim2pi/bridge/wiring/wiring.schema.json}).
 * Refuses, with a message naming the file and the entry: unknown keys, an unknown device type, a
 * GPIO pin, I2C address or PWM channel used twice, an address the device cannot have, missing
 * calibration, and sensor or action channels that do not match the task's layouts.
 */
public final class WiringReader {

    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    /** Where the shipped example wiring files live on the class path. */
    public static final String RESOURCE_DIR = "/dev/sim2pi/bridge/wiring/";

    private WiringReader() {
    }

    /** Reads a wiring file from disk. */
    public static Wiring read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new InputException("wiring file " + file + " does not exist (examples ship in firmware-bridge/src/main/resources"
                    + RESOURCE_DIR + ")", e);
        } catch (IOException e) {
            throw new InputException("wiring file " + file + ": cannot read (" + e + ")", e);
        }
        return parse(file.toString(), text);
    }

    /** Reads a shipped wiring file, e.g. {@code balancer-pi.json}. */
    public static Wiring resource(String name) {
        try (InputStream in = WiringReader.class.getResourceAsStream(RESOURCE_DIR + name)) {
            if (in == null) {
                throw new InputException("no shipped wiring file '" + name + "'");
            }
            return parse(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new InputException("shipped wiring file " + name + ": cannot read", e);
        }
    }

    /** Parses and validates wiring JSON; {@code source} names it in messages. */
    public static Wiring parse(String source, String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InputException(source + ": not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()), e);
        }
        if (root == null || !root.isObject()) {
            throw new InputException(source + ": expected a JSON object with task, devices, sensors and actions");
        }
        Entry top = new Entry(source, "wiring", root);
        top.onlyKeys(Set.of("task", "description", "devices", "sensors", "actions"));
        RobotTask task;
        try {
            task = Tasks.byId(top.string("task"));
        } catch (InputException e) {
            throw top.error("task", e.getMessage());
        }
        Map<String, DeviceSpec> devices = devices(source, top.object("devices"));
        List<SensorBinding> sensors = sensors(top.object("sensors"), task, devices);
        List<ActionBinding> actions = actions(top.object("actions"), task, devices);
        return new Wiring(source, task, devices, sensors, actions);
    }

    private static Map<String, DeviceSpec> devices(String source, Entry devicesEntry) {
        Map<String, DeviceType> types = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = devicesEntry.node().fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (f.getKey().startsWith("_")) {
                continue;
            }
            Entry e = new Entry(source, "devices." + f.getKey(), f.getValue());
            if (!f.getValue().isObject()) {
                throw e.error("expected an object with a type");
            }
            if (!f.getKey().matches("[a-z][a-z0-9_]*")) {
                throw e.error("device names are lower snake case");
            }
            String typeName = e.string("type");
            DeviceType type = DeviceType.byJsonName(typeName);
            if (type == null) {
                throw e.error("type", "unknown device type '" + typeName + "'; expected one of " + DeviceType.names());
            }
            types.put(f.getKey(), type);
        }
        DeviceChecks checks = new DeviceChecks(types);
        Map<String, DeviceSpec> out = new LinkedHashMap<>();
        for (Map.Entry<String, DeviceType> t : types.entrySet()) {
            JsonNode node = devicesEntry.node().get(t.getKey());
            checks.check(new Entry(source, "devices." + t.getKey(), node), t.getValue());
            out.put(t.getKey(), new DeviceSpec(t.getKey(), t.getValue(), node));
        }
        return out;
    }

    private static List<SensorBinding> sensors(Entry section, RobotTask task, Map<String, DeviceSpec> devices) {
        Layout layout = task.sensors();
        unknownChannels(section, layout, "sensor", task);
        List<SensorBinding> out = new ArrayList<>();
        for (int i = 0; i < layout.size(); i++) {
            Channel ch = layout.get(i);
            if (!section.has(ch.name())) {
                throw section.error(ch.name(), "missing: task " + task.id() + " needs every sensor channel wired, "
                        + "to a device signal or to {\"source\": \"operator\"}");
            }
            Entry e = section.object(ch.name());
            if (e.has("source")) {
                e.onlyKeys(Set.of("source", "default"));
                if (!e.string("source").equals("operator")) {
                    throw e.error("source", "'" + e.string("source") + "': the only source besides a device is operator");
                }
                out.add(new SensorBinding(i, ch.name(), null, null, 1, e.optNumber("default", 0)));
                continue;
            }
            e.onlyKeys(Set.of("device", "signal"));
            DeviceSpec d = device(e, devices);
            String signal = e.string("signal");
            double sign = signal.startsWith("-") ? -1 : 1;
            String bare = signal.replaceFirst("^[+-]", "");
            String unit = d.type().signals().get(bare);
            if (unit == null) {
                throw e.error("signal", "a " + d.type().jsonName() + " has no signal '" + bare + "'"
                        + (d.type().signals().isEmpty() ? " (it is not a sensor)" : "; expected one of " + new java.util.TreeSet<>(d.type().signals().keySet())));
            }
            if (!sameUnit(unit, ch.unit())) {
                throw e.error("signal", "'" + bare + "' is in " + unit + " but channel " + ch.name() + " is in " + ch.unit());
            }
            if ((bare.equals("distance") || bare.equals("speed")) && !d.hasCalibration("metersPerRevolution")) {
                throw e.error("signal", "'" + bare + "' needs devices." + d.name() + ".calibration.metersPerRevolution");
            }
            out.add(new SensorBinding(i, ch.name(), d.name(), bare, sign, 0));
        }
        return out;
    }

    private static List<ActionBinding> actions(Entry section, RobotTask task, Map<String, DeviceSpec> devices) {
        Layout layout = task.actions();
        unknownChannels(section, layout, "action", task);
        List<ActionBinding> out = new ArrayList<>();
        Map<String, String> used = new LinkedHashMap<>();
        for (int i = 0; i < layout.size(); i++) {
            Channel ch = layout.get(i);
            if (!section.has(ch.name())) {
                throw section.error(ch.name(), "missing: task " + task.id() + " commands this channel, wire it to a motor or servo");
            }
            Entry e = section.object(ch.name());
            e.onlyKeys(Set.of("device", "voltsPerFullDuty"));
            DeviceSpec d = device(e, devices);
            String other = used.put(d.name(), ch.name());
            if (other != null) {
                throw e.error("device", "'" + d.name() + "' already receives action " + other);
            }
            double scale;
            if (d.type().isMotor()) {
                if (ch.unit().equals("1")) {
                    scale = 1;
                } else if (ch.unit().equals("V")) {
                    if (!e.has("voltsPerFullDuty")) {
                        throw e.error("voltsPerFullDuty", "missing calibration: channel " + ch.name()
                                + " is in volts, so the wiring must say how many volts full duty gives");
                    }
                    scale = e.number("voltsPerFullDuty");
                    if (!(scale > 0)) {
                        throw e.error("voltsPerFullDuty", "expected > 0");
                    }
                } else {
                    throw e.error("channel " + ch.name() + " is in " + ch.unit() + "; a motor takes a duty (1) or volts (V)");
                }
            } else if (d.type() == DeviceType.SERVO) {
                if (!ch.unit().equals("rad") && !ch.unit().equals("us")) {
                    throw e.error("channel " + ch.name() + " is in " + ch.unit() + "; a servo takes rad or us");
                }
                scale = 1;
            } else {
                throw e.error("device", "'" + d.name() + "' is a " + d.type().jsonName() + ", not a motor or servo");
            }
            out.add(new ActionBinding(i, ch.name(), d.name(), scale, ch.unit()));
        }
        return out;
    }

    private static DeviceSpec device(Entry e, Map<String, DeviceSpec> devices) {
        String name = e.string("device");
        DeviceSpec d = devices.get(name);
        if (d == null) {
            throw e.error("device", "no device '" + name + "' under devices; there are " + devices.keySet());
        }
        return d;
    }

    private static void unknownChannels(Entry section, Layout layout, String kind, RobotTask task) {
        for (Iterator<String> it = section.node().fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!name.startsWith("_") && layout.indexOf(name) < 0) {
                throw section.error(name, "task " + task.id() + " has no " + kind + " channel '" + name
                        + "'; its " + kind + " channels are " + layout.names());
            }
        }
    }

    private static boolean sameUnit(String a, String b) {
        return normalize(a).equals(normalize(b));
    }

    private static String normalize(String unit) {
        return unit.replace("²", "^2").replace("°C", "degC").replace(" ", "");
    }
}
