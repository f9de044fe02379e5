package dev.sim2pi.telemetry;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;

/**
 * A plain socket that reports, once, the moment its input ends or fails. Paho tells its client
 * that a connection is lost only after stopping the connection's threads, which polls with
 * 100 ms sleeps; after a broker restart that delay, not the broker, decided how soon clients
 * reconnected. Reading the end of the stream here lets the client reconnect at once while Paho
 * finishes tearing the old connection down aside.
 */
final class WatchedSocket extends Socket {

    private final Runnable onClosed;
    private volatile boolean reported;
    private InputStream in;

    WatchedSocket(Runnable onClosed) {
        this.onClosed = onClosed;
    }

    @Override
    public synchronized InputStream getInputStream() throws IOException {
        if (in == null) {
            in = new FilterInputStream(super.getInputStream()) {
                @Override
                public int read() throws IOException {
                    try {
                        int b = super.read();
                        if (b < 0) {
                            report();
                        }
                        return b;
                    } catch (IOException e) {
                        report();
                        throw e;
                    }
                }

                @Override
                public int read(byte[] buf, int off, int len) throws IOException {
                    try {
                        int n = super.read(buf, off, len);
                        if (n < 0) {
                            report();
                        }
                        return n;
                    } catch (IOException e) {
                        report();
                        throw e;
                    }
                }
            };
        }
        return in;
    }

    private void report() {
        if (!reported) {
            reported = true;
            onClosed.run();
        }
    }
}
