package dev.sim2pi.telemetry.broker;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.auth.PublishAuthorizer;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.SubscriptionAuthorizer;
import com.hivemq.extension.sdk.api.auth.parameter.PublishAuthorizerInput;
import com.hivemq.extension.sdk.api.auth.parameter.PublishAuthorizerOutput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerInput;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerOutput;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import com.hivemq.extension.sdk.api.packets.subscribe.SubackReasonCode;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import dev.sim2pi.telemetry.access.BrokerCredentials;
import dev.sim2pi.telemetry.access.TopicAcl;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The embedded broker's security, as an embedded HiveMQ extension: a client connects only with a
 * user name and password from {@link BrokerCredentials}, and every publish, will and subscription
 * is checked against {@link TopicAcl} for that user's role. Refusals are counted across restarts.
 *
 * <p>Each broker instance gets an extension of its own ({@link #extension()}), with its own record
 * of who logged in: a restarted broker may start while the previous instance is still shutting
 * down, and that instance's stop must not forget the clients of the new one (it did: every client
 * was then refused its next publish and disconnected, reconnecting twice per restart).
 */
final class AccessControl {

    private final BrokerCredentials credentials;
    final AtomicLong refusedConnects = new AtomicLong();
    final AtomicLong refusedPublishes = new AtomicLong();
    final AtomicLong refusedSubscriptions = new AtomicLong();

    AccessControl(BrokerCredentials credentials) {
        this.credentials = credentials;
    }

    /** The extension for one broker instance. */
    EmbeddedExtension extension() {
        return EmbeddedExtension.builder().withId("sim2pi-access-control").withName("sim2pi access control")
                .withVersion("1").withPriority(1000).withStartPriority(1000).withExtensionMain(new Instance()).build();
    }

    /** The security of one broker instance: who logged in there as which client id. */
    private final class Instance implements ExtensionMain {
        /** The authorizers only see the client id. */
        private final Map<String, BrokerCredentials.User> principals = new ConcurrentHashMap<>();

        @Override
        public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
            Services.securityRegistry().setAuthenticatorProvider(i -> (SimpleAuthenticator) (in, out) -> authenticate(principals, in, out));
            Services.securityRegistry().setAuthorizerProvider(i -> new Authorizer(principals));
        }

        @Override
        public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {
            principals.clear();
        }
    }

    private void authenticate(Map<String, BrokerCredentials.User> principals, SimpleAuthInput in, SimpleAuthOutput out) {
        var connect = in.getConnectPacket();
        String name = connect.getUserName().orElse(null);
        byte[] password = connect.getPassword().map(AccessControl::bytes).orElse(null);
        var user = credentials.authenticate(name, password);
        if (user.isEmpty()) {
            refusedConnects.incrementAndGet();
            out.failAuthentication(ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, "unknown user or wrong password");
            return;
        }
        var will = connect.getWillPublish();
        if (will.isPresent() && !TopicAcl.mayPublish(user.get().role(), user.get().robotId(), will.get().getTopic())) {
            refusedConnects.incrementAndGet();
            out.failAuthentication(ConnackReasonCode.NOT_AUTHORIZED, "last will on a topic this user may not publish");
            return;
        }
        principals.put(connect.getClientId(), user.get());
        out.authenticateSuccessfully();
    }

    private static byte[] bytes(ByteBuffer b) {
        ByteBuffer d = b.duplicate();
        byte[] out = new byte[d.remaining()];
        d.get(out);
        return out;
    }

    private final class Authorizer implements PublishAuthorizer, SubscriptionAuthorizer {
        private final Map<String, BrokerCredentials.User> principals;

        Authorizer(Map<String, BrokerCredentials.User> principals) {
            this.principals = principals;
        }

        @Override
        public void authorizePublish(PublishAuthorizerInput in, PublishAuthorizerOutput out) {
            BrokerCredentials.User u = principals.get(in.getClientInformation().getClientId());
            if (u != null && TopicAcl.mayPublish(u.role(), u.robotId(), in.getPublishPacket().getTopic())) {
                out.authorizeSuccessfully();
            } else {
                refusedPublishes.incrementAndGet();
                out.failAuthorization(AckReasonCode.NOT_AUTHORIZED, "not allowed to publish here");
            }
        }

        @Override
        public void authorizeSubscribe(SubscriptionAuthorizerInput in, SubscriptionAuthorizerOutput out) {
            BrokerCredentials.User u = principals.get(in.getClientInformation().getClientId());
            if (u != null && TopicAcl.maySubscribe(u.role(), u.robotId(), in.getSubscription().getTopicFilter())) {
                out.authorizeSuccessfully();
            } else {
                refusedSubscriptions.incrementAndGet();
                out.failAuthorization(SubackReasonCode.NOT_AUTHORIZED, "not allowed to subscribe here");
            }
        }
    }
}
