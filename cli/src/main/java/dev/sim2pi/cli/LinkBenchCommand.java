package dev.sim2pi.cli;

import dev.sim2pi.bridge.link.FrameDecoder;
import dev.sim2pi.bridge.link.FrameEncoder;
import dev.sim2pi.bridge.link.SensorReport;
import dev.sim2pi.models.Figures;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Encode and decode throughput of the microcontroller protocol (sensor reports, 30 bytes on the wire). */
@Command(name = "link", description = "Microcontroller protocol: frames encoded and decoded per second.")
final class LinkBenchCommand implements Callable<Integer> {

    @Option(names = "--frames", defaultValue = "2000000", description = "Frames to encode and decode (default ${DEFAULT-VALUE}).")
    int frames;

    @Override
    public Integer call() {
        FrameEncoder encoder = new FrameEncoder();
        FrameDecoder decoder = new FrameDecoder();
        SensorReport report = new SensorReport();
        byte[] wire = new byte[FrameEncoder.MAX_WIRE_LENGTH * 64];
        long[] checksum = {0};
        run(encoder, decoder, report, wire, frames / 10, checksum);
        long start = System.nanoTime();
        long bytes = run(encoder, decoder, report, wire, frames, checksum);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%d sensor reports encoded and decoded in %.3f s: %.0f frames/s, %.1f MB/s of wire bytes; rejected %d%n",
                frames, seconds, frames / seconds, bytes / seconds / 1e6, decoder.rejected());
        new Figures().put("frames_per_second", frames / seconds).put("wire_megabytes_per_second", bytes / seconds / 1e6)
                .put("rejected", decoder.rejected()).print(System.out);
        return decoder.rejected() == 0 && decoder.accepted() >= frames ? 0 : 1;
    }

    private static long run(FrameEncoder encoder, FrameDecoder decoder, SensorReport report, byte[] wire, int frames,
                            long[] checksum) {
        long bytes = 0;
        for (int i = 0; i < frames; i += 64) {
            int n = 0;
            for (int k = 0; k < 64; k++) {
                report.timestampMicros = i + k;
                report.ticks[0] = i + k;
                n += encoder.encode(report, wire, n);
            }
            decoder.accept(wire, 0, n, (type, seq, buf, off) -> checksum[0] += buf[off]);
            bytes += n;
        }
        return bytes;
    }
}
