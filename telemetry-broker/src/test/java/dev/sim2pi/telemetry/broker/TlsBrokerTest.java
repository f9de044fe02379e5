package dev.sim2pi.telemetry.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sim2pi.telemetry.MqttSettings;
import dev.sim2pi.telemetry.access.BrokerCredentials;
import dev.sim2pi.telemetry.publish.PublisherConfig;
import dev.sim2pi.telemetry.publish.SyntheticFrames;
import dev.sim2pi.telemetry.publish.TelemetryPublisher;
import dev.sim2pi.telemetry.record.Recorder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded broker's TLS listener with a generated CA ({@link LocalCertificates}) and client
 * certificates required: a client that does not trust the CA, and one without a client
 * certificate, are refused; the real recorder and publisher, trusting the CA and presenting
 * certificates, stream telemetry over {@code ssl://} with their credentials.
 */
class TlsBrokerTest {

    @TempDir
    Path tmp;

    @Test
    void onlyClientsTrustingTheCaWithACertificateGetThroughAndTelemetryFlows() throws Exception {
        LocalCertificates certs = LocalCertificates.openOrCreate(tmp.resolve("tls"), List.of());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(certs.passwordFile())));
        BrokerCredentials creds = BrokerCredentials.generate(List.of("a"));
        BrokerCredentials.User rec = creds.user(BrokerCredentials.RECORDER).orElseThrow();
        BrokerCredentials.User a = creds.user("a").orElseThrow();
        char[] pw = certs.password();
        try (EmbeddedBroker broker = EmbeddedBroker.start(0, null, creds, certs.tls(0, true))) {
            String url = broker.tlsUrl();
            assertTrue(url.startsWith("ssl://127.0.0.1:"), url);

            MqttSettings noCa = new MqttSettings(url, rec.name(), rec.password().toCharArray(), null, null, null,
                    certs.clientKeyStore("recorder"), pw);
            assertFalse(connects(noCa), "the JDK's trust store does not know the local CA");
            MqttSettings noClientCert = new MqttSettings(url, rec.name(), rec.password().toCharArray(), certs.caPem(),
                    null, null);
            assertFalse(connects(noClientCert), "a client certificate is required");

            MqttSettings asRecorder = new MqttSettings(url, rec.name(), rec.password().toCharArray(), certs.caPem(), null,
                    null, certs.clientKeyStore("recorder"), pw);
            MqttSettings asRobot = new MqttSettings(url, a.name(), a.password().toCharArray(), certs.caPem(), null, null,
                    certs.clientKeyStore("a"), pw);
            Recorder recorder = Recorder.start(Recorder.Options.of(asRecorder, tmp.resolve("data"), null), null);
            assertTrue(recorder.awaitConnected(30_000), "recorder over TLS");
            TelemetryPublisher pub = TelemetryPublisher.start(PublisherConfig.defaults("a", asRobot, tmp.resolve("spool")),
                    SyntheticFrames.layout(), "s");
            assertTrue(pub.awaitConnected(30_000), "publisher over TLS");
            SyntheticFrames.Pump robot = SyntheticFrames.start(pub, 200, 1);
            long end = System.nanoTime() + 30_000_000_000L;
            while (recorder.stats().framesWritten() < 100 && System.nanoTime() < end) {
                Thread.sleep(20);
            }
            robot.close();
            pub.close(15_000);
            long sent = pub.stats().framesEnqueued();
            end = System.nanoTime() + 15_000_000_000L;
            while (recorder.stats().framesWritten() < sent && System.nanoTime() < end) {
                Thread.sleep(20);
            }
            recorder.close();
            assertEquals(sent, recorder.stats().framesWritten());
        }
    }

    private static boolean connects(MqttSettings s) {
        try {
            MqttClient c = new MqttClient(s.serverUrl(), "probe-" + System.nanoTime(), new MemoryPersistence());
            try {
                c.connect(s.options());
                c.disconnect();
                return true;
            } finally {
                c.close(true);
            }
        } catch (Exception e) {
            return false;
        }
    }
}
