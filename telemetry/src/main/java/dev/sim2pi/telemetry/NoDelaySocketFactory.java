package dev.sim2pi.telemetry;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * Plain TCP sockets with Nagle's algorithm off. Telemetry is a stream of small messages and
 * acknowledgements; with Nagle on, a small write waits for the peer's (delayed, up to 40 ms)
 * ACK of the previous one, which adds tens of milliseconds once messages come a few
 * milliseconds apart (a recorder acknowledging 20 robots' batches). Paho leaves it on.
 */
final class NoDelaySocketFactory extends SocketFactory {

    private final Runnable onClosed;

    /** @param onClosed told when a socket's input ends or fails ({@link WatchedSocket}) */
    NoDelaySocketFactory(Runnable onClosed) {
        this.onClosed = onClosed;
    }

    @Override
    public Socket createSocket() throws IOException {
        Socket s = new WatchedSocket(onClosed);
        s.setTcpNoDelay(true);
        return s;
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return noDelay(new Socket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return noDelay(new Socket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return noDelay(new Socket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return noDelay(new Socket(address, port, localAddress, localPort));
    }

    private static Socket noDelay(Socket s) throws IOException {
        s.setTcpNoDelay(true);
        return s;
    }
}
