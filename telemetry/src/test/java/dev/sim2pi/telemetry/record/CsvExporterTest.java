package dev.sim2pi.telemetry.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sim2pi.telemetry.publish.SyntheticFrames;
import dev.sim2pi.telemetry.wire.proto.Frame;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvExporterTest {

    @TempDir
    Path tmp;

    @Test
    void csvHeaderComesFromTheAnnouncedLayoutAndRowsHoldTheFrames() throws Exception {
        try (DatasetWriter w = new DatasetWriter(tmp)) {
            w.announce(SyntheticFrames.layout().announce("r", "s", 0, 0));
            for (int i = 0; i < 3; i++) {
                Frame.Builder f = Frame.newBuilder().setSequence(i).setTimestampNanos(1000L * i).setSafetyFlags(i);
                for (int k = 0; k < 6; k++) {
                    f.addSensors(k + i);
                }
                for (int k = 0; k < 4; k++) {
                    f.addObservation(0.5f);
                }
                f.addPolicyOutput(1).addPolicyOutput(2).addCommand(0.5f).addCommand(-0.5f);
                for (int k = 0; k < 5; k++) {
                    f.addStageNanos(10 + k);
                }
                byte[] b = f.build().toByteArray();
                w.write(i, b, 0, b.length);
            }
        }
        StringWriter out = new StringWriter();
        CsvExporter.Result r = CsvExporter.export(new DatasetReader(tmp), out);
        String[] lines = out.toString().split("\n");
        assertEquals(3, r.rows());
        assertTrue(r.hadLayout());
        assertTrue(lines[0].startsWith("sequence,timestamp_nanos,sensors.gyro_y,sensors.accel_x"), lines[0]);
        assertTrue(lines[0].contains("command.right_duty,safety_flags,stage.read_nanos"), lines[0]);
        assertTrue(lines[0].endsWith("stage.write_nanos,start_lateness_nanos"), lines[0]);
        assertEquals(lines[0].split(",").length, lines[1].split(",", -1).length);
        assertEquals("2,2000,2.0,3.0,4.0,5.0,6.0,7.0,0.5,0.5,0.5,0.5,1.0,2.0,0.5,-0.5,2,10,11,12,13,14,0", lines[3]);
    }
}
