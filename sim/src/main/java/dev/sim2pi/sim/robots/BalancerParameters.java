package dev.sim2pi.sim.robots;

import dev.sim2pi.sim.config.ParameterSchema;

/**
 * The balancer's parameter names, units and vector indices, shared by the training plant and the
 * twin. Ranges and nominal values live in {@code randomization/balancer.json}.
 */
public final class BalancerParameters {

    /** Every name and unit, in vector order. */
    public static final ParameterSchema SCHEMA = new ParameterSchema();

    public static final int BODY_MASS = SCHEMA.add("body_mass", "kg");
    public static final int BODY_COM_HEIGHT = SCHEMA.add("body_com_height", "m");
    public static final int BODY_PITCH_INERTIA = SCHEMA.add("body_pitch_inertia", "kg*m^2");
    public static final int BODY_YAW_INERTIA = SCHEMA.add("body_yaw_inertia", "kg*m^2");
    public static final int WHEEL_MASS = SCHEMA.add("wheel_mass", "kg");
    public static final int WHEEL_RADIUS = SCHEMA.add("wheel_radius", "m");
    public static final int WHEEL_INERTIA = SCHEMA.add("wheel_inertia", "kg*m^2");
    public static final int TRACK_WIDTH = SCHEMA.add("track_width", "m");
    public static final int MOTOR_RESISTANCE = SCHEMA.add("motor_resistance", "ohm");
    public static final int MOTOR_BACK_EMF_CONSTANT = SCHEMA.add("motor_back_emf_constant", "V*s/rad");
    public static final int MOTOR_TORQUE_CONSTANT = SCHEMA.add("motor_torque_constant", "N*m/A");
    public static final int MOTOR_ROTOR_INERTIA = SCHEMA.add("motor_rotor_inertia", "kg*m^2");
    public static final int GEAR_RATIO = SCHEMA.add("gear_ratio", "1");
    public static final int GEAR_EFFICIENCY = SCHEMA.add("gear_efficiency", "1");
    public static final int GEAR_VISCOUS_FRICTION = SCHEMA.add("gear_viscous_friction", "N*m*s/rad");
    public static final int GEAR_COULOMB_FRICTION = SCHEMA.add("gear_coulomb_friction", "N*m");
    public static final int CURRENT_LIMIT = SCHEMA.add("current_limit", "A");
    public static final int BATTERY_VOLTAGE = SCHEMA.add("battery_voltage", "V");
    public static final int BATTERY_RESISTANCE = SCHEMA.add("battery_resistance", "ohm");
    public static final int PWM_DEADBAND = SCHEMA.add("pwm_deadband", "1");
    public static final int PWM_STEPS = SCHEMA.add("pwm_steps", "1");
    public static final int ENCODER_COUNTS_PER_REV = SCHEMA.add("encoder_counts_per_rev", "1");
    public static final int IMU_HEIGHT = SCHEMA.add("imu_height", "m");
    public static final int IMU_PITCH_OFFSET = SCHEMA.add("imu_pitch_offset", "rad");
    public static final int GYRO_NOISE = SCHEMA.add("gyro_noise", "rad/s");
    public static final int GYRO_BIAS_X = SCHEMA.add("gyro_bias_x", "rad/s");
    public static final int GYRO_BIAS_Y = SCHEMA.add("gyro_bias_y", "rad/s");
    public static final int GYRO_BIAS_Z = SCHEMA.add("gyro_bias_z", "rad/s");
    public static final int GYRO_BIAS_DRIFT = SCHEMA.add("gyro_bias_drift", "rad/s/sqrt(s)");
    public static final int ACCEL_NOISE = SCHEMA.add("accel_noise", "m/s^2");
    public static final int ACCEL_BIAS_X = SCHEMA.add("accel_bias_x", "m/s^2");
    public static final int ACCEL_BIAS_Y = SCHEMA.add("accel_bias_y", "m/s^2");
    public static final int ACCEL_BIAS_Z = SCHEMA.add("accel_bias_z", "m/s^2");
    public static final int BATTERY_SENSE_NOISE = SCHEMA.add("battery_sense_noise", "V");
    public static final int INITIAL_PITCH_MAX = SCHEMA.add("initial_pitch_max", "rad");
    public static final int COMMAND_SPEED_MAX = SCHEMA.add("command_speed_max", "m/s");
    public static final int COMMAND_YAW_RATE_MAX = SCHEMA.add("command_yaw_rate_max", "rad/s");
    public static final int COMMAND_RESAMPLE_RATE = SCHEMA.add("command_resample_rate", "1/s");
    public static final int ACTION_LATENCY_STEPS = SCHEMA.add("action_latency_steps", "steps");
    public static final int OBSERVATION_DELAY_STEPS = SCHEMA.add("observation_delay_steps", "steps");

    private BalancerParameters() {
    }
}
