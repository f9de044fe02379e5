package dev.sim2pi.bridge.doctor;

import dev.sim2pi.bridge.wiring.DeviceSpec;
import dev.sim2pi.bridge.wiring.DeviceType;
import dev.sim2pi.bridge.wiring.Wiring;
import dev.sim2pi.bridge.wiring.WiringReader;
import dev.sim2pi.models.InputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Checks that this machine can run a robot's wiring: Java version, the wiring file itself and,
 * on a Raspberry Pi, the GPIO chip, I2C bus and serial device files with their permissions, and
 * whether a device answers at every configured I2C address. Each check is one row with what to
 * do when it fails. Off a Pi it says so and checks the wiring file only.
 */
public final class Doctor {

    /** Oldest Java the controller runs on (bytecode level of the build). */
    public static final int MIN_JAVA = 21;

    private final Path root;
    private final int javaFeature;
    private final Function<Wiring, I2cProber> proberFactory;

    /**
     * @param root          the file system root ({@code /}; a directory tree in tests)
     * @param javaFeature   the running Java's feature version
     * @param proberFactory makes the I2C prober once the wiring is known to be valid (only on a Pi)
     */
    public Doctor(Path root, int javaFeature, Function<Wiring, I2cProber> proberFactory) {
        this.root = root;
        this.javaFeature = javaFeature;
        this.proberFactory = proberFactory;
    }

    /** Runs every check for {@code wiringFile}. */
    public List<Check> run(Path wiringFile) {
        List<Check> rows = new ArrayList<>();
        rows.add(javaFeature >= MIN_JAVA
                ? Check.ok("java", "Java " + javaFeature)
                : Check.fail("java", "Java " + javaFeature + " is too old",
                        "install Java " + MIN_JAVA + " or newer (e.g. apt install openjdk-21-jre-headless)"));
        Wiring wiring = null;
        try {
            wiring = WiringReader.read(wiringFile);
            rows.add(Check.ok("wiring", wiringFile + ": task " + wiring.task().id() + ", "
                    + wiring.devices().size() + " devices, every sensor and action channel wired"));
        } catch (InputException e) {
            rows.add(Check.fail("wiring", e.getMessage(), "correct the entry named above in " + wiringFile));
        }
        String model = piModel();
        if (model == null) {
            rows.add(Check.info("platform", "not on a Raspberry Pi: checked the wiring file only"));
            return rows;
        }
        rows.add(Check.ok("platform", model));
        rows.add(gpioChip());
        if (wiring == null) {
            return rows;
        }
        TreeSet<Integer> buses = new TreeSet<>();
        boolean hardwarePwm = false;
        for (DeviceSpec d : wiring.devices().values()) {
            if (d.has("address")) {
                buses.add(d.bus());
            }
            if (d.type() == DeviceType.MCU) {
                rows.add(device("serial " + d.name(), Path.of(d.string("port", "")),
                        "plug the microcontroller in and check the port (ls /dev/ttyACM* /dev/ttyUSB*)",
                        "sudo usermod -aG dialout $USER, then log in again"));
            }
            hardwarePwm |= d.type() == DeviceType.HBRIDGE && d.settings().toString().contains("\"gpio\"");
        }
        if (hardwarePwm) {
            rows.add(Files.isDirectory(root.resolve("sys/class/pwm/pwmchip0"))
                    ? Check.ok("hardware pwm", "/sys/class/pwm/pwmchip0")
                    : Check.fail("hardware pwm", "/sys/class/pwm/pwmchip0 missing",
                            "add 'dtoverlay=pwm-2chan,pin=12,func=4,pin2=13,func2=4' to /boot/firmware/config.txt and reboot"));
        }
        boolean busesOk = true;
        for (int bus : buses) {
            Check c = device("i2c bus " + bus, Path.of("/dev/i2c-" + bus),
                    "enable I2C: sudo raspi-config nonint do_i2c 0, then reboot",
                    "sudo usermod -aG i2c $USER, then log in again");
            busesOk &= c.status() == Check.Status.OK;
            rows.add(c);
        }
        if (!busesOk) {
            return rows;
        }
        I2cProber prober = proberFactory.apply(wiring);
        for (DeviceSpec d : wiring.devices().values()) {
            if (!d.has("address")) {
                continue;
            }
            String where = String.format("bus %d 0x%02x", d.bus(), d.address());
            String problem = prober.probe(d.bus(), d.address());
            rows.add(problem == null
                    ? Check.ok("i2c " + d.name(), d.type().jsonName() + " answers at " + where)
                    : Check.fail("i2c " + d.name(), "no " + d.type().jsonName() + " at " + where + " (" + problem + ")",
                            "check power, SDA/SCL wiring and the address jumper; 'i2cdetect -y " + d.bus()
                                    + "' lists what answers"));
        }
        return rows;
    }

    /** The board model when this is a Raspberry Pi, else null. */
    String piModel() {
        Path model = root.resolve("proc/device-tree/model");
        try {
            String text = Files.readString(model, StandardCharsets.ISO_8859_1).replace("\0", "").trim();
            return text.startsWith("Raspberry Pi") ? text : null;
        } catch (IOException e) {
            return null;
        }
    }

    private Check gpioChip() {
        List<Path> chips = new ArrayList<>();
        try (DirectoryStream<Path> dev = Files.newDirectoryStream(root.resolve("dev"), "gpiochip*")) {
            dev.forEach(chips::add);
        } catch (IOException e) {
            // No /dev at all: reported below as no chip.
        }
        if (chips.isEmpty()) {
            return Check.fail("gpio chip", "no /dev/gpiochip* found", "use a kernel with the GPIO character device (Raspberry Pi OS Bookworm or newer)");
        }
        for (Path p : chips) {
            if (!Files.isReadable(p) || !Files.isWritable(p)) {
                return Check.fail("gpio chip", "/dev/" + p.getFileName() + " is not readable and writable by this user",
                        "sudo usermod -aG gpio $USER, then log in again");
            }
        }
        return Check.ok("gpio chip", chips.size() + " chip(s): " + chips.stream().map(p -> "/dev/" + p.getFileName()).sorted().toList());
    }

    private Check device(String name, Path absolute, String missingFix, String permissionFix) {
        Path p = root.resolve(absolute.toString().replaceFirst("^/", ""));
        if (!Files.exists(p)) {
            return Check.fail(name, absolute + " missing", missingFix);
        }
        if (!Files.isReadable(p) || !Files.isWritable(p)) {
            return Check.fail(name, absolute + " is not readable and writable by this user", permissionFix);
        }
        return Check.ok(name, absolute.toString());
    }

    /** Formats rows as a fixed-width table. */
    public static String table(List<Check> rows) {
        int w0 = "check".length();
        int w2 = "detail".length();
        for (Check c : rows) {
            w0 = Math.max(w0, c.name().length());
            w2 = Math.max(w2, Math.min(90, c.detail().length()));
        }
        StringBuilder sb = new StringBuilder();
        String fmt = "%-" + w0 + "s  %-6s  %-" + w2 + "s  %s%n";
        sb.append(String.format(fmt, "check", "status", "detail", "what to do"));
        for (Check c : rows) {
            sb.append(String.format(fmt, c.name(), c.status(), c.detail(), c.fix()));
        }
        return sb.toString();
    }
}
