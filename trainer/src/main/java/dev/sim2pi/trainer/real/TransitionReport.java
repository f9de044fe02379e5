package dev.sim2pi.trainer.real;

/**
 * What reading recorded datasets found, so nothing is dropped silently.
 *
 * @param datasets     sessions read
 * @param frames       frames stored in them
 * @param transitions  transitions built
 * @param episodes     stretches of consecutive driven frames that gave transitions
 * @param terminals    transitions that ended in a terminal state (the estimate says fallen)
 * @param intervened   transitions whose command the safety layer set or changed (kept out of the actor's data)
 * @param duplicates   frames stored twice (same sequence number and timestamp), dropped
 * @param gaps         breaks in the sequence numbers inside a run (frames lost), never bridged
 * @param restarts     controller restarts inside a session (sequence numbers starting over), never bridged
 * @param idleFrames   frames the loop was not driving the actuators (not running), skipped
 * @param fallenFrames frames after a terminal state before the estimate was back inside its limits, skipped
 * @param malformed    frames whose vectors do not have the layout's lengths, skipped
 * @param policyIds    bundles named by the sessions' announcements (empty when not recorded)
 */
public record TransitionReport(int datasets, long frames, int transitions, int episodes, int terminals, int intervened,
                               long duplicates, long gaps, long restarts, long idleFrames, long fallenFrames,
                               long malformed, java.util.List<String> policyIds) {

    /** One line for people. */
    public String summary() {
        return datasets + " sessions, " + frames + " frames -> " + transitions + " transitions in " + episodes
                + " episodes (" + terminals + " terminal, " + intervened + " under safety intervention); skipped: "
                + duplicates + " duplicate, " + idleFrames + " idle, " + fallenFrames + " fallen, " + malformed
                + " malformed frames; " + gaps + " sequence gaps and " + restarts + " restarts not bridged";
    }
}
