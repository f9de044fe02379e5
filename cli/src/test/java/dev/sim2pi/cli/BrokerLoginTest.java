package dev.sim2pi.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sim2pi.models.InputException;
import dev.sim2pi.telemetry.MqttSettings;
import dev.sim2pi.telemetry.access.BrokerCredentials;
import dev.sim2pi.telemetry.broker.EmbeddedBroker;
import dev.sim2pi.telemetry.broker.LocalCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every command's {@code --broker} takes the controller's login and TLS options: parsed as
 * {@code record}, {@code monitor} and {@code controller send} parse them, they reach the embedded
 * broker's TLS listener with a generated CA and a client certificate; bad combinations are one
 * clear line naming the option.
 */
class BrokerLoginTest {

    @TempDir
    Path tmp;

    @Test
    void theBrokerOptionsConnectOverTlsWithAGeneratedCaAndClientCertificate() throws Exception {
        LocalCertificates certs = LocalCertificates.openOrCreate(tmp.resolve("tls"), List.of());
        BrokerCredentials creds = BrokerCredentials.generate(List.of());
        BrokerCredentials.User rec = creds.user(BrokerCredentials.RECORDER).orElseThrow();
        Path password = Files.writeString(tmp.resolve("recorder-password"), rec.password() + "\n");
        try (EmbeddedBroker broker = EmbeddedBroker.start(0, null, creds, certs.tls(0, true))) {
            RecordCommand record = new RecordCommand();
            new CommandLine(record).parseArgs("--out", tmp.resolve("data").toString(), "--broker", broker.tlsUrl(),
                    "--broker-user", "recorder", "--broker-password-file", password.toString(),
                    "--broker-ca", certs.caPem().toString(), "--broker-keystore", certs.clientKeyStore("recorder").toString(),
                    "--broker-keystore-password-file", certs.passwordFile().toString());
            MqttSettings s = record.broker.settings();
            MqttClient c = new MqttClient(s.serverUrl(), "login-test", new MemoryPersistence());
            c.connect(s.options());
            assertTrue(c.isConnected());
            c.disconnect();
            c.close();
        }
    }

    @Test
    void mismatchedOptionsAreOneLineNamingTheOption() throws Exception {
        BrokerLogin login = new BrokerLogin();
        new CommandLine(login).parseArgs("--broker-user", "recorder");
        assertEquals("--broker-user and --broker-password-file go together",
                assertThrows(InputException.class, () -> login.settings("tcp://127.0.0.1:1883")).getMessage());
        BrokerLogin tls = new BrokerLogin();
        Path ca = Files.writeString(tmp.resolve("ca.pem"), "x");
        new CommandLine(tls).parseArgs("--broker-ca", ca.toString());
        assertEquals("--broker tcp://127.0.0.1:1883: TLS options need an ssl://host:port broker URL",
                assertThrows(InputException.class, () -> tls.settings("tcp://127.0.0.1:1883")).getMessage());
        BrokerLogin missing = new BrokerLogin();
        new CommandLine(missing).parseArgs("--broker-truststore", tmp.resolve("nope.p12").toString());
        assertTrue(assertThrows(InputException.class, () -> missing.settings("ssl://127.0.0.1:8883")).getMessage()
                .startsWith("--broker-truststore " + tmp.resolve("nope.p12") + ": no such readable file"));
    }
}
