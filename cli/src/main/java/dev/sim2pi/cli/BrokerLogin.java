package dev.sim2pi.cli;

import dev.sim2pi.models.InputException;
import dev.sim2pi.telemetry.MqttSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * How to log in to a broker given by URL, with the names {@code sim2pi controller run} uses:
 * user and password file, the CA (PEM) or trust store for {@code ssl://}, and a client
 * certificate for brokers that ask for one. Secrets come from files, never the command line.
 */
final class BrokerLogin {

    @Option(names = {"--broker-user", "--username"}, paramLabel = "NAME", description = "User name at --broker.")
    String user;

    @Option(names = {"--broker-password-file", "--password-file"}, paramLabel = "FILE",
            description = "File whose first line is the --broker-user's password (kept out of the process list).")
    Path passwordFile;

    @Option(names = {"--broker-ca", "--ca-file"}, paramLabel = "PEM", description = "CA certificates to trust for an ssl:// --broker.")
    Path ca;

    @Option(names = "--broker-truststore", paramLabel = "FILE",
            description = "Trust store (PKCS12 or .jks) for an ssl:// --broker, instead of --broker-ca.")
    Path trustStore;

    @Option(names = "--broker-truststore-password-file", paramLabel = "FILE", description = "File holding the trust store's password.")
    Path trustStorePasswordFile;

    @Option(names = "--broker-keystore", paramLabel = "FILE",
            description = "Client certificate and key (PKCS12 or .jks) for an ssl:// --broker that asks for one.")
    Path keyStore;

    @Option(names = "--broker-keystore-password-file", paramLabel = "FILE", description = "File holding the key store's password.")
    Path keyStorePasswordFile;

    /** Settings for {@code url} with these credentials and TLS files; each file is checked here, by option name. */
    MqttSettings settings(String url) {
        char[] password = secret("--broker-password-file", passwordFile);
        if ((user == null) != (password == null)) {
            throw new InputException("--broker-user and --broker-password-file go together");
        }
        readable("--broker-ca", ca);
        readable("--broker-truststore", trustStore);
        readable("--broker-keystore", keyStore);
        if (ca != null && trustStore != null) {
            throw new InputException("--broker-ca and --broker-truststore exclude each other: give one");
        }
        boolean tlsFiles = ca != null || trustStore != null || keyStore != null;
        MqttSettings s = new MqttSettings(url, user, password, ca, trustStore,
                secret("--broker-truststore-password-file", trustStorePasswordFile), keyStore,
                secret("--broker-keystore-password-file", keyStorePasswordFile));
        if (tlsFiles && !s.serverUrl().startsWith("ssl://")) {
            throw new InputException("--broker " + url + ": TLS options need an ssl://host:port broker URL");
        }
        return s;
    }

    private static void readable(String option, Path file) {
        if (file != null && !Files.isReadable(file)) {
            throw new InputException(option + " " + file + ": no such readable file");
        }
    }

    private static char[] secret(String option, Path file) {
        if (file == null) {
            return null;
        }
        try {
            return Files.readAllLines(file).stream().findFirst().orElse("").toCharArray();
        } catch (IOException e) {
            throw new InputException(option + " " + file + ": cannot read (" + e.getMessage() + ")");
        }
    }
}
