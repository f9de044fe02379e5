/**
 * The serial protocol to a microcontroller (spec: {@code firmware-bridge/PROTOCOL.md}): framing,
 * messages, the host end, a reference MCU end, and devices backed by the link.
 */
package dev.sim2pi.bridge.link;
