package dev.sim2pi.bridge.device;

/**
 * A device failed at run time (did not answer, answered short, reported a fault). The message
 * names the device (type, bus, address or pin) so the operator knows which cable to check.
 */
public class DeviceException extends RuntimeException {

    public DeviceException(String message) {
        super(message);
    }

    public DeviceException(String message, Throwable cause) {
        super(message, cause);
    }
}
