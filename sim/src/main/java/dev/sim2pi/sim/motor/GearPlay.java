package dev.sim2pi.sim.motor;

/**
 * Gear backlash and stiction, the drive-train effects the training plants leave out and the
 * reality twins add. The motor side and the load side are separate bodies joined by a stiff,
 * damped mesh that only transmits torque once the free play is taken up.
 */
public final class GearPlay {

    private GearPlay() {
    }

    /**
     * Torque the mesh passes from motor side to load side: zero while the angle difference is
     * inside the free play ({@code +-backlash/2}), a spring on the excess beyond it, plus damping on
     * the relative speed while in contact. The mesh never pulls the sides back together.
     */
    public static double meshTorque(double motorAngle, double loadAngle, double motorSpeed, double loadSpeed,
                                    double backlash, double stiffness, double damping) {
        double twist = motorAngle - loadAngle;
        double half = 0.5 * backlash;
        double excess;
        if (twist > half) {
            excess = twist - half;
        } else if (twist < -half) {
            excess = twist + half;
        } else {
            return 0;
        }
        double torque = stiffness * excess + damping * (motorSpeed - loadSpeed);
        // A contact can push but not pull.
        return excess > 0 ? Math.max(0, torque) : Math.min(0, torque);
    }

    /**
     * The speed after one explicit step for a body with stiction: a body at rest (speed within
     * {@code stickSpeed}) stays at rest while the net driving torque stays within the breakaway
     * torque; otherwise it accelerates under the driving torque less Coulomb and viscous friction,
     * and Coulomb friction can stop it but never reverse it within a step.
     */
    public static double speedAfter(double speed, double drivingTorque, double inertia, double viscous,
                                    double coulomb, double breakaway, double stickSpeed, double h) {
        if (Math.abs(speed) <= stickSpeed && Math.abs(drivingTorque) <= breakaway) {
            return 0;
        }
        double moving = speed == 0 ? Math.signum(drivingTorque) : Math.signum(speed);
        double next = speed + (drivingTorque - viscous * speed - coulomb * moving) / inertia * h;
        if (speed != 0 && Math.signum(next) != Math.signum(speed) && Math.abs(drivingTorque) <= breakaway) {
            return 0;
        }
        return next;
    }
}
