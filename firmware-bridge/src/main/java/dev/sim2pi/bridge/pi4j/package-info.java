/**
 * Device drivers on Pi4J 3.0.3 (GPIO, hardware PWM, I2C), tested on Pi4J's mock platform.
 * Duties are fractions everywhere; {@link dev.sim2pi.bridge.pi4j.HardwarePwm} alone converts to
 * Pi4J's percent.
 */
package dev.sim2pi.bridge.pi4j;
