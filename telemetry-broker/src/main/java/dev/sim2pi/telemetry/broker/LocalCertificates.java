package dev.sim2pi.telemetry.broker;

import dev.sim2pi.models.InputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private certificate authority for one workstation's broker, made with the JDK's
 * {@code keytool}: a CA, a server certificate for 127.0.0.1/localhost (and any other names given)
 * signed by it, and on request client certificates. Clients trust {@link #caPem()}. Everything is
 * written owner-only; the stores share one random password kept in {@link #passwordFile()}.
 */
public final class LocalCertificates {

    private static final String CA = "ca";
    private final Path dir;

    private LocalCertificates(Path dir) {
        this.dir = dir;
    }

    /** The CA certificate (PEM) clients trust: {@code --broker-ca}. */
    public Path caPem() {
        return dir.resolve("ca.pem");
    }

    /** The server's certificate and key (PKCS12) for {@link BrokerTls}. */
    public Path serverKeyStore() {
        return dir.resolve("server.p12");
    }

    /** A trust store (PKCS12) holding only the CA: for a broker that checks client certificates. */
    public Path caTrustStore() {
        return dir.resolve("ca-trust.p12");
    }

    /** The file holding the stores' password (first line). */
    public Path passwordFile() {
        return dir.resolve("password");
    }

    public char[] password() {
        try {
            return Files.readAllLines(passwordFile(), StandardCharsets.UTF_8).getFirst().toCharArray();
        } catch (IOException e) {
            throw new InputException("TLS password file " + passwordFile() + ": cannot read (" + e.getMessage() + ")");
        }
    }

    /** The TLS listener for these files on {@code port}, optionally requiring client certificates. */
    public BrokerTls tls(int port, boolean requireClientCertificate) {
        return new BrokerTls(port, serverKeyStore(), password(), caTrustStore(), password(), requireClientCertificate);
    }

    /** The files in {@code dir}, made there first if absent. */
    public static LocalCertificates openOrCreate(Path dir, List<String> extraServerNames) {
        LocalCertificates c = new LocalCertificates(dir);
        if (!Files.exists(c.serverKeyStore())) {
            c.create(extraServerNames);
        }
        return c;
    }

    private void create(List<String> extraServerNames) {
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            byte[] b = new byte[18];
            new SecureRandom().nextBytes(b);
            Files.writeString(passwordFile(), HexFormat.of().formatHex(b) + "\n", StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(passwordFile(), PosixFilePermissions.fromString("rw-------"));
            String pw = passwordFile().toString();
            Path ca = dir.resolve("ca.p12");
            keytool("-genkeypair", "-alias", CA, "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                    "CN=sim2pi local broker CA", "-ext", "bc:c", "-validity", "3650", "-keystore", ca.toString(),
                    "-storetype", "PKCS12", "-storepass:file", pw);
            // The CA's private key: owner-only, like everything secret here.
            Files.setPosixFilePermissions(ca, PosixFilePermissions.fromString("rw-------"));
            keytool("-exportcert", "-rfc", "-alias", CA, "-keystore", ca.toString(), "-storepass:file", pw, "-file",
                    caPem().toString());
            // Client certificates are issued by this CA, so it is also what a broker checking them trusts.
            keytool("-importcert", "-noprompt", "-alias", CA, "-file", caPem().toString(), "-keystore",
                    caTrustStore().toString(), "-storetype", "PKCS12", "-storepass:file", pw);
            StringBuilder san = new StringBuilder("san=ip:127.0.0.1,dns:localhost");
            for (String n : extraServerNames) {
                san.append(n.matches("[0-9.]+|.*:.*") ? ",ip:" : ",dns:").append(n);
            }
            issue("server", "CN=localhost", serverKeyStore(), san.toString());
        } catch (IOException e) {
            throw new InputException("TLS files in " + dir + ": cannot write (" + e.getMessage() + ")");
        }
    }

    /** A client certificate for {@code name} (PKCS12, the same password), signed by the CA. */
    public Path clientKeyStore(String name) {
        Path store = dir.resolve("client-" + name + ".p12");
        if (!Files.exists(store)) {
            issue("client-" + name, "CN=" + name, store, null);
        }
        return store;
    }

    /**
     * Makes a key pair with a certificate signed by the CA inside the CA's store (keytool's
     * {@code -signer}), then copies it with its chain into {@code store}: two keytool runs, not five.
     */
    private void issue(String alias, String dname, Path store, String san) {
        String pw = passwordFile().toString();
        String ca = dir.resolve("ca.p12").toString();
        List<String> make = new ArrayList<>(List.of("-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname",
                "secp256r1", "-dname", dname, "-validity", "3650", "-keystore", ca, "-storepass:file", pw, "-signer", CA));
        if (san != null) {
            make.addAll(List.of("-ext", san));
        }
        keytool(make.toArray(String[]::new));
        keytool("-importkeystore", "-srckeystore", ca, "-srcstorepass:file", pw, "-srcalias", alias, "-destkeystore",
                store.toString(), "-deststorepass:file", pw, "-deststoretype", "PKCS12", "-destalias", alias);
        try {
            Files.setPosixFilePermissions(store, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new InputException("TLS files in " + dir + ": " + e.getMessage());
        }
    }

    private static void keytool(String... args) {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        if (!Files.isExecutable(keytool)) {
            throw new InputException("making TLS certificates needs the JDK's keytool; not found at " + keytool);
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(keytool.toString());
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new InputException("keytool " + args[0] + " failed: " + out.strip());
            }
        } catch (IOException e) {
            throw new InputException("cannot run " + keytool + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InputException("interrupted while making TLS certificates");
        }
    }
}
