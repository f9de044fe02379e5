package dev.sim2pi.telemetry.access;

import dev.sim2pi.models.InputException;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The users of a broker and their roles, kept in a file only its owner can read (mode 600):
 * {@code user.<name>.password} and {@code user.<name>.role} ({@code robot:<id>}, {@code recorder},
 * {@code operator}). {@link #generate} makes one with random passwords for a recorder, an
 * operator and the given robots; the CLI's publisher, recorder and monitor read it by default
 * when they start or join the embedded broker.
 */
public final class BrokerCredentials {

    /** One user. */
    public record User(String name, String password, TopicAcl.Role role, String robotId) {
    }

    public static final String RECORDER = "recorder";
    public static final String OPERATOR = "operator";

    private final Map<String, User> users;

    private BrokerCredentials(Map<String, User> users) {
        this.users = users;
    }

    /** Random 128-bit passwords for a recorder, an operator and each robot. */
    public static BrokerCredentials generate(Iterable<String> robots) {
        SecureRandom random = new SecureRandom();
        Map<String, User> users = new LinkedHashMap<>();
        users.put(RECORDER, new User(RECORDER, secret(random), TopicAcl.Role.RECORDER, null));
        users.put(OPERATOR, new User(OPERATOR, secret(random), TopicAcl.Role.OPERATOR, null));
        for (String r : robots) {
            dev.sim2pi.telemetry.Topics.checkRobotId(r);
            users.put(r, new User(r, secret(random), TopicAcl.Role.ROBOT, r));
        }
        return new BrokerCredentials(users);
    }

    private static String secret(SecureRandom random) {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    public Optional<User> user(String name) {
        return Optional.ofNullable(users.get(name));
    }

    /** The user whose name and password these are, compared in constant time; empty otherwise. */
    public Optional<User> authenticate(String name, byte[] password) {
        User u = name == null ? null : users.get(name);
        if (u == null || password == null) {
            return Optional.empty();
        }
        return MessageDigest.isEqual(u.password().getBytes(StandardCharsets.UTF_8), password) ? Optional.of(u)
                : Optional.empty();
    }

    public java.util.Collection<User> users() {
        return users.values();
    }

    /** Writes the file with owner-only permissions (created so: never readable by others, not even briefly). */
    public void write(Path file) throws IOException {
        Properties p = new Properties();
        for (User u : users.values()) {
            p.setProperty("user." + u.name() + ".password", u.password());
            p.setProperty("user." + u.name() + ".role", u.role() == TopicAcl.Role.ROBOT ? "robot:" + u.robotId()
                    : u.role().name().toLowerCase(java.util.Locale.ROOT));
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(w, "sim2pi broker credentials: keep private (mode 600)");
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Reads a file written by {@link #write}; refuses one others can read. */
    public static BrokerCredentials read(Path file) {
        try {
            var perms = Files.getPosixFilePermissions(file);
            if (perms.stream().anyMatch(x -> x.name().startsWith("GROUP") || x.name().startsWith("OTHERS"))) {
                throw new InputException("broker credentials " + file + ": readable by others ("
                        + PosixFilePermissions.toString(perms) + "); expected rw------- (chmod 600)");
            }
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            }
            Map<String, User> users = new LinkedHashMap<>();
            for (String key : p.stringPropertyNames()) {
                if (!key.startsWith("user.") || !key.endsWith(".password")) {
                    continue;
                }
                String name = key.substring(5, key.length() - ".password".length());
                String role = p.getProperty("user." + name + ".role", "");
                User u;
                if (role.startsWith("robot:")) {
                    u = new User(name, p.getProperty(key), TopicAcl.Role.ROBOT,
                            dev.sim2pi.telemetry.Topics.checkRobotId(role.substring(6)));
                } else if (role.equals(RECORDER) || role.equals(OPERATOR)) {
                    u = new User(name, p.getProperty(key), TopicAcl.Role.valueOf(role.toUpperCase(java.util.Locale.ROOT)), null);
                } else {
                    throw new InputException("broker credentials " + file + ": user " + name + " has role '" + role
                            + "'; expected robot:<id>, recorder or operator");
                }
                users.put(name, u);
            }
            return new BrokerCredentials(users);
        } catch (IOException e) {
            throw new InputException("broker credentials " + file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }
}
