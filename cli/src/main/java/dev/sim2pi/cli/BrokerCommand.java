package dev.sim2pi.cli;

import dev.sim2pi.models.InputException;
import dev.sim2pi.telemetry.broker.EmbeddedBroker;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the embedded MQTT 5 broker until interrupted. */
@Command(name = "broker", description = "Run an embedded MQTT 5 broker on 127.0.0.1 until Ctrl-C.")
final class BrokerCommand implements Runnable {

    @Option(names = "--port", defaultValue = "1883", description = "TCP port (default ${DEFAULT-VALUE}; 0 = any free port).")
    int port;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Keep sessions and queued messages in DIR across restarts (default: in memory).")
    Path data;

    @Option(names = "--credentials", paramLabel = "FILE", defaultValue = ".sim2pi/broker-credentials.properties",
            description = "Users and roles (made with random passwords, mode 600, if absent; default ${DEFAULT-VALUE}).")
    Path credentials;

    @Option(names = "--robot", paramLabel = "ID", description = "Add a robot user (repeatable) when making the credentials file.")
    java.util.List<String> robots = new java.util.ArrayList<>();

    @Option(names = "--tls", description = "Also listen with TLS (on --tls-port) with a certificate from a private CA made "
            + "in --tls-dir on first use; clients trust its ca.pem (--broker-ca).")
    boolean tlsLocal;

    @Option(names = "--tls-dir", paramLabel = "DIR", defaultValue = ".sim2pi/tls",
            description = "Where --tls keeps its CA, server and client certificates (owner-only; default ${DEFAULT-VALUE}).")
    Path tlsDir;

    @Option(names = "--tls-client", paramLabel = "NAME",
            description = "With --tls: issue a client certificate NAME (repeatable) as DIR/client-NAME.p12 (--broker-keystore; "
                    + "its password is DIR/password).")
    java.util.List<String> tlsClients = new java.util.ArrayList<>();

    @Option(names = "--tls-keystore", paramLabel = "FILE",
            description = "Also listen with TLS (on --tls-port): the server certificate and key, PKCS12 or .jks.")
    Path tlsKeyStore;

    @Option(names = "--tls-keystore-password-file", paramLabel = "FILE", description = "File holding the key store's password.")
    Path tlsKeyStorePasswordFile;

    @Option(names = "--tls-port", defaultValue = "8883", description = "Port of the TLS listener (default ${DEFAULT-VALUE}).")
    int tlsPort;

    @Option(names = "--tls-client-truststore", paramLabel = "FILE",
            description = "CAs (PKCS12 or .jks) whose client certificates the TLS listener accepts.")
    Path tlsClientTrustStore;

    @Option(names = "--tls-client-truststore-password-file", paramLabel = "FILE", description = "File holding its password.")
    Path tlsClientTrustStorePasswordFile;

    @Option(names = "--tls-require-client-certificate", description = "Refuse TLS clients without a certificate from --tls-client-truststore.")
    boolean requireClientCertificate;

    @Option(names = "--allow-anonymous", description = "No credentials, no topic rules: for a throw-away test only.")
    boolean anonymous;

    @Override
    public void run() {
        if (BrokerOptions.listening(port)) {
            throw new InputException("--port " + port + ": 127.0.0.1:" + port + " is already taken (a broker running?); "
                    + "stop it or choose another --port");
        }
        dev.sim2pi.telemetry.access.BrokerCredentials creds = null;
        if (!anonymous) {
            try {
                if (!java.nio.file.Files.exists(credentials)) {
                    dev.sim2pi.telemetry.access.BrokerCredentials.generate(robots).write(credentials);
                }
            } catch (java.io.IOException e) {
                throw new dev.sim2pi.models.InputException("--credentials " + credentials + ": cannot write (" + e.getMessage() + ")");
            }
            creds = dev.sim2pi.telemetry.access.BrokerCredentials.read(credentials);
        }
        dev.sim2pi.telemetry.broker.BrokerTls tls = null;
        if (tlsLocal && tlsKeyStore != null) {
            throw new InputException("--tls and --tls-keystore exclude each other: --tls makes its own certificates");
        }
        if (tlsLocal) {
            var certs = dev.sim2pi.telemetry.broker.LocalCertificates.openOrCreate(tlsDir, java.util.List.of());
            tls = certs.tls(tlsPort, requireClientCertificate);
            System.out.println("sim2pi broker: TLS clients trust " + certs.caPem() + " (--broker-ca)");
            for (String client : tlsClients) {
                System.out.println("sim2pi broker: client certificate " + certs.clientKeyStore(client) + " (--broker-keystore, "
                        + "--broker-keystore-password-file " + certs.passwordFile() + ")");
            }
        } else if (tlsKeyStore != null) {
            tls = new dev.sim2pi.telemetry.broker.BrokerTls(tlsPort, tlsKeyStore,
                    secret("--tls-keystore-password-file", tlsKeyStorePasswordFile), tlsClientTrustStore,
                    tlsClientTrustStore == null ? null
                            : secret("--tls-client-truststore-password-file", tlsClientTrustStorePasswordFile),
                    requireClientCertificate);
        } else if (tlsClientTrustStore != null || requireClientCertificate) {
            throw new InputException("--tls-client-truststore and --tls-require-client-certificate need --tls-keystore");
        }
        EmbeddedBroker broker = EmbeddedBroker.start(port, data, creds, tls);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }));
        System.out.println("sim2pi broker: MQTT 5 on " + broker.url() + (tls == null ? "" : " and " + broker.tlsUrl()) + (data == null ? " (in-memory)" : " (data in " + data + ")")
                + (anonymous ? "; ANONYMOUS (no access control)" : "; users in " + credentials) + "; Ctrl-C stops it");
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static char[] secret(String option, Path file) {
        if (file == null) {
            throw new InputException(option + ": required with the TLS store it belongs to");
        }
        try {
            return java.nio.file.Files.readAllLines(file).stream().findFirst().orElse("").toCharArray();
        } catch (java.io.IOException e) {
            throw new InputException(option + " " + file + ": cannot read (" + e.getMessage() + ")");
        }
    }
}
