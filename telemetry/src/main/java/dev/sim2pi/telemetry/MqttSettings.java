package dev.sim2pi.telemetry;

import dev.sim2pi.models.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;

/**
 * How to reach a broker: URL ({@code tcp://host:1883} or {@code ssl://host:8883}), optional
 * credentials and, for TLS, the CA to trust (a PEM file or a trust store). Comes from
 * configuration or command-line options; nothing here is hard-coded.
 *
 * @param serverUrl          broker URL
 * @param username           user name, or null for anonymous
 * @param password           password, or null
 * @param caFile             PEM file of CA certificates to trust for {@code ssl://}, or null
 * @param trustStore         trust store file (PKCS12/JKS) for {@code ssl://}, or null
 * @param trustStorePassword its password, or null
 * @param keyStore           client certificate and key (PKCS12/JKS) for brokers that ask for one, or null
 * @param keyStorePassword   its password (also the key's), or null
 */
public record MqttSettings(String serverUrl, String username, char[] password, Path caFile, Path trustStore,
                           char[] trustStorePassword, Path keyStore, char[] keyStorePassword) {

    public MqttSettings {
        Objects.requireNonNull(serverUrl, "serverUrl");
        if (!serverUrl.matches("(tcp|ssl|mqtt|mqtts)://[^/\\s]+(:\\d+)?")) {
            throw new InputException("broker URL '" + serverUrl
                    + "': expected tcp://host:port or ssl://host:port");
        }
        serverUrl = serverUrl.replaceFirst("^mqtts://", "ssl://").replaceFirst("^mqtt://", "tcp://");
    }

    /** Without a client certificate. */
    public MqttSettings(String serverUrl, String username, char[] password, Path caFile, Path trustStore,
                        char[] trustStorePassword) {
        this(serverUrl, username, password, caFile, trustStore, trustStorePassword, null, null);
    }

    /** An anonymous plain-TCP broker. */
    public static MqttSettings of(String serverUrl) {
        return new MqttSettings(serverUrl, null, null, null, null, null);
    }

    /** Connection options with credentials and TLS applied; no automatic reconnect (callers own backoff). */
    public MqttConnectionOptions options() {
        return options(() -> { });
    }

    /**
     * As {@link #options()}, and on plain TCP {@code onClosed} runs on Paho's receiving thread as
     * soon as the connection's input ends or fails, well before Paho reports the loss.
     */
    public MqttConnectionOptions options(Runnable onClosed) {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setAutomaticReconnect(false);
        o.setConnectionTimeout(5);
        o.setKeepAliveInterval(10);
        if (username != null) {
            o.setUserName(username);
        }
        if (password != null) {
            o.setPassword(new String(password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        if (serverUrl.startsWith("ssl://") && (caFile != null || trustStore != null || keyStore != null)) {
            o.setSocketFactory(sslContext().getSocketFactory());
        } else if (serverUrl.startsWith("tcp://")) {
            o.setSocketFactory(new NoDelaySocketFactory(onClosed));
        }
        return o;
    }

    private SSLContext sslContext() {
        try {
            KeyStore ks;
            if (trustStore == null && caFile == null) {
                ks = null;
            } else if (trustStore != null) {
                ks = KeyStore.getInstance(trustStore.toString().endsWith(".jks") ? "JKS" : "PKCS12");
                try (InputStream in = Files.newInputStream(trustStore)) {
                    ks.load(in, trustStorePassword);
                }
            } else {
                ks = KeyStore.getInstance(KeyStore.getDefaultType());
                ks.load(null, null);
                try (InputStream in = Files.newInputStream(caFile)) {
                    int i = 0;
                    for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                        ks.setCertificateEntry("ca-" + i++, c);
                    }
                    if (i == 0) {
                        throw new InputException("CA file " + caFile + ": expected PEM certificates, found none");
                    }
                }
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            javax.net.ssl.KeyManager[] keys = null;
            if (keyStore != null) {
                KeyStore client = KeyStore.getInstance(keyStore.toString().endsWith(".jks") ? "JKS" : "PKCS12");
                try (InputStream in = Files.newInputStream(keyStore)) {
                    client.load(in, keyStorePassword);
                } catch (IOException | GeneralSecurityException e) {
                    throw new InputException("TLS client key store " + keyStore + ": " + e.getMessage(), e);
                }
                javax.net.ssl.KeyManagerFactory kmf = javax.net.ssl.KeyManagerFactory.getInstance(
                        javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(client, keyStorePassword);
                keys = kmf.getKeyManagers();
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(keys, tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            Path f = trustStore != null ? trustStore : caFile;
            throw new InputException("TLS trust file " + f + ": " + e.getMessage(), e);
        }
    }
}
