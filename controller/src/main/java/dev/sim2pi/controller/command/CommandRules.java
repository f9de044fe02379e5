package dev.sim2pi.controller.command;

import dev.sim2pi.models.InputException;
import dev.sim2pi.models.task.RobotTask;
import dev.sim2pi.telemetry.Topics;
import java.security.PublicKey;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;

/**
 * What the command channel accepts: for which robot, signed by which keys (the same keys the
 * robot trusts for bundles), within what time window, how many nonces it remembers and how large
 * a message may be.
 *
 * @param robotId        the robot this controller is; commands are signed for it
 * @param trustedKeys    Ed25519 keys whose signatures are accepted, on commands and on bundles
 * @param expectedTask   the task a loaded bundle must be for, or null to leave that to the sink
 * @param wallClock      wall time, to check command timestamps
 * @param window         how far a command's timestamp may be from the robot's wall time, either way
 * @param replayCapacity how many nonces are remembered (commands stamped before an evicted one are refused)
 * @param maxMessageBytes largest command or published bundle message read from the network
 * @param allowUnsignedBundles whether a bundle without signature may be loaded (never by default)
 */
public record CommandRules(String robotId, List<PublicKey> trustedKeys, RobotTask expectedTask, InstantSource wallClock,
                           Duration window, int replayCapacity, int maxMessageBytes, boolean allowUnsignedBundles) {

    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(30);
    public static final int DEFAULT_REPLAY_CAPACITY = 4096;
    /** Bundles are tens of kilobytes; four megabytes leaves room for much larger networks. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 4 << 20;

    public CommandRules {
        Topics.checkRobotId(robotId);
        trustedKeys = List.copyOf(trustedKeys);
        Objects.requireNonNull(wallClock, "wallClock");
        if (window.isNegative() || window.isZero()) {
            throw new InputException("command time window " + window + ": expected a positive duration");
        }
        if (replayCapacity < 1) {
            throw new InputException("replay capacity " + replayCapacity + ": expected at least 1");
        }
        if (maxMessageBytes < 1024) {
            throw new InputException("max message bytes " + maxMessageBytes + ": expected at least 1024");
        }
    }

    /** Defaults: system wall clock, 30 s window, 4096 nonces, 4 MiB messages, any task, signed bundles only. */
    public static CommandRules of(String robotId, List<PublicKey> trustedKeys) {
        return new CommandRules(robotId, trustedKeys, null, InstantSource.system(), DEFAULT_WINDOW,
                DEFAULT_REPLAY_CAPACITY, DEFAULT_MAX_MESSAGE_BYTES, false);
    }

    public CommandRules withWallClock(InstantSource clock) {
        return new CommandRules(robotId, trustedKeys, expectedTask, clock, window, replayCapacity, maxMessageBytes, allowUnsignedBundles);
    }

    public CommandRules withExpectedTask(RobotTask task) {
        return new CommandRules(robotId, trustedKeys, task, wallClock, window, replayCapacity, maxMessageBytes, allowUnsignedBundles);
    }

    public CommandRules withReplayCapacity(int capacity) {
        return new CommandRules(robotId, trustedKeys, expectedTask, wallClock, window, capacity, maxMessageBytes, allowUnsignedBundles);
    }

    public CommandRules withMaxMessageBytes(int bytes) {
        return new CommandRules(robotId, trustedKeys, expectedTask, wallClock, window, replayCapacity, bytes, allowUnsignedBundles);
    }

    /** Whether bundles without signature are loaded ({@code run --allow-unsigned}). */
    public CommandRules withUnsignedBundles(boolean allow) {
        return new CommandRules(robotId, trustedKeys, expectedTask, wallClock, window, replayCapacity, maxMessageBytes,
                allow);
    }
}
