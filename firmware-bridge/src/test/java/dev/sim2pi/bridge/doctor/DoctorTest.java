package dev.sim2pi.bridge.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sim2pi.bridge.doctor.Check.Status;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoctorTest {

    @TempDir
    Path dir;
    private Path root;
    private Path wiring;

    @BeforeEach
    void files() throws Exception {
        root = Files.createDirectories(dir.resolve("root"));
        wiring = dir.resolve("balancer.json");
        try (InputStream in = getClass().getResourceAsStream("/dev/sim2pi/bridge/wiring/balancer-pi.json")) {
            Files.write(wiring, in.readAllBytes());
        }
    }

    private void makePi() throws Exception {
        Files.createDirectories(root.resolve("proc/device-tree"));
        Files.writeString(root.resolve("proc/device-tree/model"), "Raspberry Pi 4 Model B Rev 1.4\0");
        Files.createDirectories(root.resolve("dev"));
        Files.createFile(root.resolve("dev/gpiochip0"));
        Files.createFile(root.resolve("dev/i2c-1"));
        Files.createDirectories(root.resolve("sys/class/pwm/pwmchip0"));
    }

    private static Check row(List<Check> rows, String name) {
        return rows.stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + name + " in " + rows));
    }

    @Test
    void offAPiItSaysSoAndChecksOnlyTheWiring() {
        List<Check> rows = new Doctor(root, 25, w -> {
            throw new AssertionError("no probing off a Pi");
        }).run(wiring);
        assertEquals(List.of("java", "wiring", "platform"), rows.stream().map(Check::name).toList());
        assertEquals(Status.OK, row(rows, "wiring").status());
        assertEquals(Status.INFO, row(rows, "platform").status());
        assertTrue(row(rows, "platform").detail().contains("not on a Raspberry Pi"));
    }

    @Test
    void aBadWiringFileIsOneFailedRowNamingTheEntry() throws Exception {
        Files.writeString(wiring, Files.readString(wiring).replace("\"pinB\": 27", "\"pinB\": 17"));
        List<Check> rows = new Doctor(root, 25, w -> null).run(wiring);
        Check c = row(rows, "wiring");
        assertEquals(Status.FAIL, c.status());
        assertTrue(c.detail().contains("devices.left_encoder.pinB"), c.detail());
        assertTrue(c.fix().contains(wiring.toString()));
    }

    @Test
    void onAPiEveryI2cAddressIsProbedAndAMissingDeviceSaysWhatToDo() throws Exception {
        makePi();
        List<Check> rows = new Doctor(root, 25, w -> (bus, address) -> address == 0x68 ? null : "remote I/O error").run(wiring);
        assertEquals(Status.OK, row(rows, "platform").status());
        assertEquals(Status.OK, row(rows, "gpio chip").status());
        assertEquals(Status.OK, row(rows, "i2c bus 1").status());
        assertEquals(Status.OK, row(rows, "hardware pwm").status());
        assertEquals(Status.OK, row(rows, "i2c imu").status());
        Check battery = row(rows, "i2c battery");
        assertEquals(Status.FAIL, battery.status());
        assertTrue(battery.detail().contains("bus 1 0x48") && battery.fix().contains("i2cdetect -y 1"), battery.toString());
        String table = Doctor.table(rows);
        assertTrue(table.lines().count() == rows.size() + 1, table);
        assertTrue(table.startsWith("check"), table);
    }

    @Test
    void aMissingI2cBusTellsHowToEnableIt() throws Exception {
        makePi();
        Files.delete(root.resolve("dev/i2c-1"));
        List<Check> rows = new Doctor(root, 25, w -> {
            throw new AssertionError("no probing without the bus");
        }).run(wiring);
        Check bus = row(rows, "i2c bus 1");
        assertEquals(Status.FAIL, bus.status());
        assertTrue(bus.fix().contains("raspi-config"), bus.fix());
    }

    @Test
    void anOldJavaIsAFailedRow() {
        Check java = new Doctor(root, 17, w -> null).run(wiring).get(0);
        assertEquals(Status.FAIL, java.status());
        assertTrue(java.fix().contains("21"));
    }

    @Test
    void aMissingGpioChipIsAFailedRow() throws Exception {
        makePi();
        Files.delete(root.resolve("dev/gpiochip0"));
        assertEquals(Status.FAIL, row(new Doctor(root, 25, w -> (b, a) -> null).run(wiring), "gpio chip").status());
    }
}
