package dev.sim2pi.bridge.link;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import dev.sim2pi.bridge.device.DeviceException;
import dev.sim2pi.bridge.device.SerialLink;
import java.util.ArrayList;
import java.util.List;

/** A real serial port (USB CDC or UART) through jSerialComm, 8N1, non-blocking reads. */
public final class JSerialCommLink implements SerialLink {

    private final SerialPort port;
    private final String path;

    private JSerialCommLink(SerialPort port, String path) {
        this.port = port;
        this.path = path;
    }

    /**
     * Opens {@code path} (e.g. {@code /dev/ttyACM0}) at {@code baud}.
     *
     * @throws DeviceException naming the port and the ports that do exist when it cannot be opened
     */
    public static JSerialCommLink open(String path, int baud) {
        SerialPort port;
        try {
            port = SerialPort.getCommPort(path);
        } catch (SerialPortInvalidPortException e) {
            throw new DeviceException(cannotOpen(path, "no such port"), e);
        }
        port.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        port.setComPortTimeouts(SerialPort.TIMEOUT_NONBLOCKING, 0, 0);
        if (!port.openPort()) {
            throw new DeviceException(cannotOpen(path, "error code " + port.getLastErrorCode()));
        }
        return new JSerialCommLink(port, path);
    }

    private static String cannotOpen(String path, String why) {
        List<String> present = new ArrayList<>();
        for (SerialPort p : SerialPort.getCommPorts()) {
            present.add(p.getSystemPortPath());
        }
        return "serial port " + path + ": cannot open (" + why + "); check the cable, the path and that your user"
                + " is in the 'dialout' group. Ports present: " + (present.isEmpty() ? "none" : present);
    }

    @Override
    public int write(byte[] data, int offset, int length) {
        int n = port.writeBytes(data, length, offset);
        if (n < 0) {
            throw new DeviceException("serial port " + path + ": write failed (error " + port.getLastErrorCode() + ")");
        }
        return n;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        int available = port.bytesAvailable();
        if (available <= 0) {
            return 0;
        }
        int n = port.readBytes(buffer, Math.min(available, length), offset);
        return Math.max(n, 0);
    }

    @Override
    public String name() {
        return path;
    }

    @Override
    public void close() {
        port.closePort();
    }
}
