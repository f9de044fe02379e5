package dev.sim2pi.bridge.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sim2pi.models.InputException;
import dev.sim2pi.models.tasks.BalancerTask;
import java.io.InputStream;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class WiringReaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode shipped(String name) throws Exception {
        try (InputStream in = WiringReader.class.getResourceAsStream(WiringReader.RESOURCE_DIR + name)) {
            return (ObjectNode) JSON.readTree(in);
        }
    }

    /** Edits the shipped balancer wiring and expects a refusal whose message has every fragment. */
    private static void refused(Consumer<ObjectNode> edit, String... fragments) throws Exception {
        ObjectNode root = shipped("balancer-pi.json");
        edit.accept(root);
        InputException e = assertThrows(InputException.class, () -> WiringReader.parse("w.json", JSON.writeValueAsString(root)));
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), () -> "'" + f + "' not in: " + e.getMessage());
        }
        assertTrue(e.getMessage().startsWith("w.json: "), e.getMessage());
    }

    private static ObjectNode device(ObjectNode root, String name) {
        return (ObjectNode) root.get("devices").get(name);
    }

    @Test
    void shippedBalancerWiringMapsEverySensorAndBothMotors() {
        Wiring w = WiringReader.resource("balancer-pi.json");
        assertEquals(BalancerTask.ID, w.task().id());
        assertEquals(w.task().sensors().size(), w.sensors().size());
        SensorBinding gyroY = w.sensors().get(BalancerTask.GYRO_Y);
        assertEquals("imu", gyroY.device());
        assertEquals("rate_y", gyroY.signal());
        assertTrue(w.sensors().get(BalancerTask.SENSOR_CMD_YAW_RATE).isOperator());
        assertEquals("right_motor", w.actions().get(BalancerTask.DUTY_RIGHT).device());
        assertEquals(2, w.i2cAddresses().size());
    }

    @Test
    void shippedCartpoleWiringUsesTheMicrocontroller() {
        Wiring w = WiringReader.resource("cartpole-pi.json");
        assertEquals("cartpole", w.task().id());
        assertEquals(DeviceType.MCU_ENCODER, w.device(w.sensors().get(1).device()).type());
        assertEquals(12, w.actions().get(0).unitsPerFullScale());
    }

    @Test
    void aPinUsedTwiceIsRefusedNamingBothEntries() throws Exception {
        refused(r -> device(r, "right_encoder").put("pinB", 17), "devices.right_encoder.pinB", "GPIO 17",
                "devices.left_encoder.pinA");
    }

    @Test
    void aSharedStandbyPinIsAllowedButNotForAnythingElse() throws Exception {
        refused(r -> device(r, "left_encoder").put("pinA", 26), "GPIO 26", "standby");
    }

    @Test
    void theI2cPinsAreReservedForTheBus() throws Exception {
        refused(r -> device(r, "left_motor").put("in1", 2), "devices.left_motor.in1", "GPIO 2", "I2C bus 1");
    }

    @Test
    void anUnknownDeviceTypeIsRefusedWithTheKnownOnes() throws Exception {
        refused(r -> device(r, "imu").put("type", "bno055"), "devices.imu.type", "unknown device type 'bno055'", "mpu6050");
    }

    @Test
    void aBadAddressIsRefused() throws Exception {
        refused(r -> device(r, "imu").put("address", "0x48"), "devices.imu.address", "0x48");
        refused(r -> device(r, "battery").put("address", "0xZZ"), "devices.battery.address", "not an I2C address");
    }

    @Test
    void twoDevicesAtOneAddressAreRefused() throws Exception {
        refused(r -> {
            ObjectNode second = device(r, "battery").deepCopy();
            second.put("input", 1);
            ((ObjectNode) r.get("devices")).set("battery2", second);
        }, "devices.battery2", "bus 1 address 0x48 is already used by devices.battery");
    }

    @Test
    void missingCalibrationIsRefused() throws Exception {
        refused(r -> device(r, "left_encoder").remove("calibration"), "devices.left_encoder.calibration", "ticksPerRevolution");
        refused(r -> ((ObjectNode) device(r, "battery").get("calibration")).remove("dividerRatio"),
                "devices.battery.calibration.dividerRatio", "missing calibration");
    }

    @Test
    void aMissingSensorChannelIsRefused() throws Exception {
        refused(r -> ((ObjectNode) r.get("sensors")).remove("gyro_z"), "sensors.gyro_z", "missing", "balancer");
    }

    @Test
    void anUnknownChannelIsRefusedListingTheTasksChannels() throws Exception {
        refused(r -> ((ObjectNode) r.get("sensors")).set("gyro_q", r.get("sensors").get("gyro_x")),
                "sensors.gyro_q", "no sensor channel 'gyro_q'", "gyro_x");
        refused(r -> ((ObjectNode) r.get("actions")).set("duty_middle", r.get("actions").get("duty_left")),
                "actions.duty_middle", "no action channel");
    }

    @Test
    void aMissingActionChannelIsRefused() throws Exception {
        refused(r -> ((ObjectNode) r.get("actions")).remove("duty_right"), "actions.duty_right", "missing");
    }

    @Test
    void aSignalInTheWrongUnitIsRefused() throws Exception {
        refused(r -> ((ObjectNode) r.get("sensors").get("gyro_x")).put("signal", "accel_x"),
                "sensors.gyro_x.signal", "m/s^2", "rad/s");
    }

    @Test
    void aTypoInAKeyIsRefusedRatherThanDefaulted() throws Exception {
        refused(r -> device(r, "imu").put("gyroRangeDPS", 500), "devices.imu.gyroRangeDPS", "unknown key");
    }

    @Test
    void aDuplicateJsonKeyIsRefused() {
        String text = "{\"task\": \"balancer\", \"task\": \"cartpole\"}";
        InputException e = assertThrows(InputException.class, () -> WiringReader.parse("d.json", text));
        assertTrue(e.getMessage().contains("d.json") && e.getMessage().contains("task"), e.getMessage());
    }

    @Test
    void softwarePwmPinsAndSharedPwmChannelsAreRefused() throws Exception {
        refused(r -> ((ObjectNode) device(r, "left_motor").get("pwm")).put("gpio", 16), "devices.left_motor.pwm.gpio",
                "no hardware PWM");
        refused(r -> ((ObjectNode) device(r, "right_motor").get("pwm")).put("gpio", 18), "devices.right_motor.pwm.gpio",
                "shares hardware PWM channel 0");
    }

    @Test
    void aSensorCannotDriveAMotor() throws Exception {
        refused(r -> ((ObjectNode) r.get("actions").get("duty_left")).put("device", "imu"), "actions.duty_left.device",
                "not a motor or servo");
    }

    @Test
    void anImuSettingTheChipCannotDoIsRefused() throws Exception {
        refused(r -> device(r, "imu").put("gyroRangeDps", 300), "devices.imu", "gyro range", "300");
    }

    @Test
    void anUnknownTaskIsRefused() throws Exception {
        refused(r -> r.put("task", "hexapod"), "wiring.task", "unknown task 'hexapod'");
    }

    @Test
    void voltsChannelsNeedTheSupplyVoltage() throws Exception {
        ObjectNode root = shipped("cartpole-pi.json");
        ((ObjectNode) root.get("actions").get("motor_voltage")).remove("voltsPerFullDuty");
        InputException e = assertThrows(InputException.class, () -> WiringReader.parse("c.json", JSON.writeValueAsString(root)));
        assertTrue(e.getMessage().contains("actions.motor_voltage.voltsPerFullDuty"), e.getMessage());
    }

    @Test
    void aPca9685ChannelUsedTwiceIsRefused() throws Exception {
        refused(r -> {
            ObjectNode pca = JSON.createObjectNode().put("type", "pca9685").put("address", "0x40").put("frequencyHz", 1000);
            ((ObjectNode) r.get("devices")).set("pwm_board", pca);
            ObjectNode ref = JSON.createObjectNode().put("pca9685", "pwm_board").put("channel", 3);
            device(r, "left_motor").set("pwm", ref);
            device(r, "right_motor").set("pwm", ref.deepCopy());
        }, "devices.right_motor.pwm", "pwm_board channel 3 is already used by devices.left_motor.pwm.channel");
    }
}
