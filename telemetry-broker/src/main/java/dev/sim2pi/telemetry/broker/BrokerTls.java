package dev.sim2pi.telemetry.broker;

import dev.sim2pi.models.InputException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A TLS listener for the embedded broker: its server certificate and key (a PKCS12 or JKS key
 * store) and, for client certificates, the CAs it trusts for them.
 *
 * @param port                     TCP port of the TLS listener (0 = a free one)
 * @param keyStore                 server certificate and private key
 * @param keyStorePassword         its password (also the key's)
 * @param clientTrustStore         CAs for client certificates, or null for none
 * @param clientTrustStorePassword its password, or null
 * @param requireClientCertificate refuse clients without a certificate from {@code clientTrustStore}
 */
public record BrokerTls(int port, Path keyStore, char[] keyStorePassword, Path clientTrustStore,
                        char[] clientTrustStorePassword, boolean requireClientCertificate) {

    public BrokerTls {
        if (!Files.isReadable(keyStore)) {
            throw new InputException("TLS key store " + keyStore + ": no such readable file (PKCS12 or JKS)");
        }
        if (clientTrustStore != null && !Files.isReadable(clientTrustStore)) {
            throw new InputException("TLS client trust store " + clientTrustStore + ": no such readable file");
        }
        if (requireClientCertificate && clientTrustStore == null) {
            throw new InputException("client certificates need a trust store of the CAs that issue them");
        }
    }

    /** A server certificate only. */
    public static BrokerTls server(int port, Path keyStore, char[] keyStorePassword) {
        return new BrokerTls(port, keyStore, keyStorePassword, null, null, false);
    }

    /** The HiveMQ {@code tls-tcp-listener} element, bound to {@code bind}. */
    String listenerXml(int chosenPort, String bind) {
        StringBuilder x = new StringBuilder();
        x.append("        <tls-tcp-listener>\n")
                .append("            <port>").append(chosenPort).append("</port>\n")
                .append("            <bind-address>").append(bind).append("</bind-address>\n")
                .append("            <tls>\n")
                .append("                <keystore>\n")
                .append("                    <path>").append(xml(keyStore.toAbsolutePath().toString())).append("</path>\n")
                .append("                    <password>").append(xml(new String(keyStorePassword))).append("</password>\n")
                .append("                    <private-key-password>").append(xml(new String(keyStorePassword)))
                .append("</private-key-password>\n")
                .append("                </keystore>\n");
        if (clientTrustStore != null) {
            x.append("                <truststore>\n")
                    .append("                    <path>").append(xml(clientTrustStore.toAbsolutePath().toString())).append("</path>\n")
                    .append("                    <password>").append(xml(new String(clientTrustStorePassword == null
                            ? new char[0] : clientTrustStorePassword))).append("</password>\n")
                    .append("                </truststore>\n");
        }
        x.append("                <client-authentication-mode>")
                .append(requireClientCertificate ? "REQUIRED" : clientTrustStore != null ? "OPTIONAL" : "NONE")
                .append("</client-authentication-mode>\n")
                .append("            </tls>\n")
                .append("        </tls-tcp-listener>\n");
        return x.toString();
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
