package dev.sim2pi.models.bundle;

import dev.sim2pi.models.InputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Ed25519 keys for signing bundles, with the JDK's built-in provider. Keys travel as one line
 * of Base64: X.509 for public keys, PKCS#8 for private keys.
 */
public final class Ed25519Keys {

    public static final String ALGORITHM = "Ed25519";

    private Ed25519Keys() {
    }

    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK provides Ed25519", e);
        }
    }

    public static String encode(PublicKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    public static String encode(PrivateKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    /** Decodes a Base64 X.509 public key; {@code where} names its origin in errors. */
    public static PublicKey publicKey(String base64, String where) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64.strip())));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new InputException(where + ": not a Base64 X.509 Ed25519 public key (" + e.getMessage() + ")");
        }
    }

    /** Decodes a Base64 PKCS#8 private key; {@code where} names its origin in errors. */
    public static PrivateKey privateKey(String base64, String where) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64.strip())));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new InputException(where + ": not a Base64 PKCS#8 Ed25519 private key (" + e.getMessage() + ")");
        }
    }

    public static PublicKey readPublic(Path file) {
        return publicKey(read(file), file.toString());
    }

    public static PrivateKey readPrivate(Path file) {
        return privateKey(read(file), file.toString());
    }

    /** A short, stable name for a public key: the first 16 hex digits of its SHA-256. */
    public static String fingerprint(PublicKey key) {
        return Sha256.hex(key.getEncoded()).substring(0, 16);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new InputException("cannot read key file " + file + ": " + e.getMessage(), e);
        }
    }
}
