/**
 * Actuator models shared by the robot plants: the PWM-driven DC gear motor
 * ({@link dev.sim2pi.sim.motor.DcMotor}), gear backlash and stiction
 * ({@link dev.sim2pi.sim.motor.GearPlay}), and the cheap trigonometry and noise the hot paths use
 * ({@link dev.sim2pi.sim.motor.FastMath}).
 */
package dev.sim2pi.sim.motor;
