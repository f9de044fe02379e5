package dev.sim2pi.telemetry;

import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.common.MqttException;

/** What every owner of a Paho client does alike. */
public final class MqttClients {

    private MqttClients() {
    }

    /**
     * Drops the connection without waiting for the broker and frees the client's threads and
     * sockets; never throws, since the connection may already be dead.
     */
    public static void closeQuietly(MqttAsyncClient c) {
        try {
            if (c.isConnected()) {
                c.disconnectForcibly(0, 100, false);
            }
        } catch (MqttException | RuntimeException e) {
            // Closing a dead connection; only resources are at stake.
        }
        try {
            c.close(true);
        } catch (MqttException | RuntimeException e) {
            // As above.
        }
    }
}
