package dev.sim2pi.controller.command;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.sim2pi.models.bundle.BundleLoader;
import dev.sim2pi.models.bundle.PolicyBundle;
import dev.sim2pi.telemetry.command.SignedContent;
import dev.sim2pi.telemetry.wire.WireSchema;
import dev.sim2pi.telemetry.wire.proto.Command;
import dev.sim2pi.telemetry.wire.proto.CommandAck;
import java.security.PublicKey;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Turns command messages into calls on the {@link CommandSink} and acknowledgements. Stop and
 * e-stop are obeyed whatever else the message holds; everything else is checked for shape, then
 * authenticated ({@link CommandAuthenticator}), and a bundle is verified with the robot's trusted
 * keys before the sink sees it. Bundle verification (ONNX Runtime golden checks) runs on its own
 * thread so a stop arriving meanwhile is obeyed at once; the sink is never called concurrently.
 */
final class CommandDispatcher implements AutoCloseable {

    private static final Pattern COMMAND_ID = Pattern.compile("[\\x21-\\x7e]{1,128}");
    private static final Pattern INPUT_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final int MAX_ORIGIN_CHARS = 64;

    private final CommandRules rules;
    private final CommandSink sink;
    private final CommandStats stats;
    private final Consumer<CommandAck> acks;
    private final CommandAuthenticator authenticator;
    private final BundleLoader loader;
    private final PublishedBundles published;
    private final ThreadPoolExecutor bundleThread;
    private final Object sinkLock = new Object();

    CommandDispatcher(CommandRules rules, CommandSink sink, CommandStats stats, Consumer<CommandAck> acks) {
        this.rules = rules;
        this.sink = sink;
        this.stats = stats;
        this.acks = acks;
        this.authenticator = new CommandAuthenticator(rules);
        BundleLoader l = BundleLoader.create().trusting(rules.trustedKeys().toArray(PublicKey[]::new));
        l = rules.allowUnsignedBundles() ? l.allowingUnsigned() : l;
        this.loader = rules.expectedTask() == null ? l : l.expecting(rules.expectedTask());
        this.published = new PublishedBundles(rules.maxMessageBytes());
        // One bundle at a time and none waiting: a second load while one verifies is refused as busy.
        this.bundleThread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "command-bundle-verify");
            t.setDaemon(true);
            return t;
        });
    }

    /** A message on the policy topic; returns why it was ignored, or null. */
    String onPolicy(byte[] payload) {
        return published.offer(payload);
    }

    /** A message on the command topic. Never throws. */
    void onCommand(byte[] payload) {
        stats.countReceived();
        if (payload.length > rules.maxMessageBytes()) {
            refuse("", new Rejection(Refusal.OVERSIZED, "command of " + payload.length + " bytes; expected at most "
                    + rules.maxMessageBytes()));
            return;
        }
        Command c;
        try {
            c = Command.parseFrom(payload);
        } catch (InvalidProtocolBufferException e) {
            refuse("", new Rejection(Refusal.MALFORMED, "not a Command message (" + e.getMessage() + ")"));
            return;
        }
        String id = CommandAuthenticator.printable(c.getCommandId());
        try {
            dispatch(c, id);
        } catch (RuntimeException e) {
            refuse(id, new Rejection(Refusal.CONTROLLER_REFUSED, "failed: " + e));
        }
    }

    private void dispatch(Command c, String id) {
        switch (c.getKind()) {
            case STOP -> answer(id, callSink(CommandSink::stop));
            case ESTOP -> answer(id, callSink(CommandSink::emergencyStop));
            default -> {
                Rejection r = shape(c);
                if (r == null) {
                    r = authenticator.check(c);
                }
                if (r != null) {
                    refuse(id, r);
                } else if (c.getKind() == Command.Kind.LOAD_BUNDLE) {
                    load(c, id);
                } else {
                    answer(id, callSink(s -> switch (c.getKind()) {
                        case ARM -> s.arm();
                        case RESET -> s.reset();
                        case SET_INPUT -> s.setOperatorInput(c.getInputName(), c.getInputValue());
                        default -> throw new IllegalStateException("kind " + c.getKind());
                    }));
                }
            }
        }
    }

    /** Null when {@code c} has the fields its kind needs, in range. */
    private static Rejection shape(Command c) {
        if (c.getKind() == Command.Kind.KIND_UNSPECIFIED || c.getKind() == Command.Kind.UNRECOGNIZED) {
            return malformed("kind " + c.getKindValue() + " is unknown; expected ARM, STOP, ESTOP, RESET, SET_INPUT"
                    + " or LOAD_BUNDLE");
        }
        if (c.getSchemaVersion() != WireSchema.VERSION) {
            return malformed("schema_version " + c.getSchemaVersion() + "; expected " + WireSchema.VERSION);
        }
        if (!COMMAND_ID.matcher(c.getCommandId()).matches()) {
            return malformed("command_id must be 1-128 printable characters without spaces");
        }
        if (c.getOrigin().length() > MAX_ORIGIN_CHARS) {
            return malformed("origin has " + c.getOrigin().length() + " characters; expected at most " + MAX_ORIGIN_CHARS);
        }
        if (c.getKind() == Command.Kind.SET_INPUT) {
            if (!INPUT_NAME.matcher(c.getInputName()).matches()) {
                return malformed("input_name '" + CommandAuthenticator.printable(c.getInputName())
                        + "'; expected 1-64 letters, digits, '_', '.' or '-'");
            }
            if (!Double.isFinite(c.getInputValue())) {
                return malformed("input_value " + c.getInputValue() + "; expected a finite number");
            }
        }
        if (c.getKind() == Command.Kind.LOAD_BUNDLE) {
            boolean inline = !c.getBundleArchive().isEmpty();
            boolean named = !c.getBundleSha256().isEmpty();
            if (inline == named) {
                return malformed("a load needs exactly one of bundle_archive (inline) or bundle_sha256 (published)");
            }
            if (named && !SHA256.matcher(c.getBundleSha256()).matches()) {
                return malformed("bundle_sha256 '" + CommandAuthenticator.printable(c.getBundleSha256())
                        + "'; expected 64 lower-case hex digits");
            }
        }
        return null;
    }

    private static Rejection malformed(String detail) {
        return new Rejection(Refusal.MALFORMED, detail);
    }

    private void load(Command c, String id) {
        byte[] archive;
        String name;
        if (c.getBundleArchive().isEmpty()) {
            PublishedBundles.Archive a = published.find(c.getBundleSha256());
            if (a == null) {
                refuse(id, new Rejection(Refusal.UNKNOWN_BUNDLE, "no bundle with SHA-256 " + c.getBundleSha256()
                        + " is published on the policy topic; publish it there first, retained"));
                return;
            }
            archive = a.bytes();
            name = "published " + a.policyId() + " (" + a.sha256().substring(0, 12) + ")";
        } else {
            archive = c.getBundleArchive().toByteArray();
            name = "command " + id + " (" + SignedContent.bundleSha256(c).substring(0, 12) + ")";
        }
        try {
            LoadRequest request = new LoadRequest(id, c.getForce());
            bundleThread.execute(() -> verifyAndLoad(request, name, archive));
        } catch (RejectedExecutionException e) {
            refuse(id, new Rejection(Refusal.BUSY, "another bundle is being verified; send the load again later"));
        }
    }

    private void verifyAndLoad(LoadRequest request, String name, byte[] archive) {
        String id = request.commandId();
        PolicyBundle bundle;
        try {
            bundle = loader.loadArchive(name, archive);
        } catch (RuntimeException e) {
            // BundleException says which field; anything else (ONNX Runtime refusing the model) is a refusal too.
            refuse(id, new Rejection(Refusal.BUNDLE_REFUSED, e.getMessage() == null ? e.toString() : e.getMessage()));
            return;
        }
        try {
            answer(id, callSink(s -> s.loadBundle(bundle, request)));
        } catch (RuntimeException e) {
            refuse(id, new Rejection(Refusal.CONTROLLER_REFUSED, "failed: " + e));
        }
    }

    private CommandOutcome callSink(java.util.function.Function<CommandSink, CommandOutcome> call) {
        synchronized (sinkLock) {
            CommandOutcome o = call.apply(sink);
            return o == null ? CommandOutcome.refused("the controller gave no answer") : o;
        }
    }

    private void answer(String id, CommandOutcome o) {
        if (o.accepted()) {
            stats.countAccepted();
            send(id, true, o.detail(), "");
        } else {
            refuse(id, new Rejection(o.reason() == null ? Refusal.CONTROLLER_REFUSED : o.reason(), o.detail()));
        }
    }

    private void refuse(String id, Rejection r) {
        stats.countRefused(r.reason());
        send(id, false, r.detail(), r.reason().code());
    }

    private void send(String id, boolean accepted, String detail, String reason) {
        acks.accept(CommandAck.newBuilder().setSchemaVersion(WireSchema.VERSION).setCommandId(id).setAccepted(accepted)
                .setMessage(detail == null ? "" : detail).setReason(reason).build());
    }

    /** Lets a bundle being verified finish (at most 5 s), then stops the verifying thread. */
    @Override
    public void close() {
        bundleThread.shutdown();
        try {
            bundleThread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
