package dev.sim2pi.bridge.link;

import dev.sim2pi.bridge.device.BatteryMonitor;

/** Battery voltage measured by the microcontroller, from its latest sensor report. */
public final class LinkBattery implements BatteryMonitor {

    private final McuLink link;

    public LinkBattery(McuLink link) {
        this.link = link;
    }

    @Override
    public double volts() {
        return link.latestReport().batteryMillivolts / 1000.0;
    }

    @Override
    public void close() {
        // The link is closed by whoever opened it.
    }
}
