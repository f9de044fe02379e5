package dev.sim2pi.sim.robots;

import dev.sim2pi.sim.config.ParameterSchema;

/**
 * The cart-pole's parameter names, units and vector indices, shared by the training plant and the
 * twin. Ranges and nominal values live in {@code randomization/cartpole.json}.
 */
public final class CartPoleParameters {

    /** Every name and unit, in vector order. */
    public static final ParameterSchema SCHEMA = new ParameterSchema();

    public static final int CART_MASS = SCHEMA.add("cart_mass", "kg");
    public static final int POLE_MASS = SCHEMA.add("pole_mass", "kg");
    public static final int POLE_COM_LENGTH = SCHEMA.add("pole_com_length", "m");
    public static final int POLE_INERTIA = SCHEMA.add("pole_inertia", "kg*m^2");
    public static final int POLE_PIVOT_FRICTION = SCHEMA.add("pole_pivot_friction", "N*m*s/rad");
    public static final int CART_VISCOUS_FRICTION = SCHEMA.add("cart_viscous_friction", "N*s/m");
    public static final int CART_COULOMB_FRICTION = SCHEMA.add("cart_coulomb_friction", "N");
    public static final int PULLEY_RADIUS = SCHEMA.add("pulley_radius", "m");
    public static final int MOTOR_RESISTANCE = SCHEMA.add("motor_resistance", "ohm");
    public static final int MOTOR_BACK_EMF_CONSTANT = SCHEMA.add("motor_back_emf_constant", "V*s/rad");
    public static final int MOTOR_TORQUE_CONSTANT = SCHEMA.add("motor_torque_constant", "N*m/A");
    public static final int MOTOR_ROTOR_INERTIA = SCHEMA.add("motor_rotor_inertia", "kg*m^2");
    public static final int GEAR_RATIO = SCHEMA.add("gear_ratio", "1");
    public static final int GEAR_EFFICIENCY = SCHEMA.add("gear_efficiency", "1");
    public static final int CURRENT_LIMIT = SCHEMA.add("current_limit", "A");
    public static final int SUPPLY_VOLTAGE = SCHEMA.add("supply_voltage", "V");
    public static final int SUPPLY_RESISTANCE = SCHEMA.add("supply_resistance", "ohm");
    public static final int PWM_DEADBAND = SCHEMA.add("pwm_deadband", "1");
    public static final int PWM_STEPS = SCHEMA.add("pwm_steps", "1");
    public static final int CART_ENCODER_RESOLUTION = SCHEMA.add("cart_encoder_resolution", "m");
    public static final int POLE_ENCODER_COUNTS_PER_REV = SCHEMA.add("pole_encoder_counts_per_rev", "1");
    public static final int INITIAL_ANGLE_SPREAD = SCHEMA.add("initial_angle_spread", "rad");
    public static final int ACTION_LATENCY_STEPS = SCHEMA.add("action_latency_steps", "steps");
    public static final int OBSERVATION_DELAY_STEPS = SCHEMA.add("observation_delay_steps", "steps");

    private CartPoleParameters() {
    }
}
