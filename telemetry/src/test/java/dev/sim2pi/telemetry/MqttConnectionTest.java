package dev.sim2pi.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sim2pi.models.time.Clock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one connection supervisor: connects, notices a broker restart, reconnects and subscribes again. */
class MqttConnectionTest {

    @TempDir
    Path tmp;

    @Test
    void aRestartedBrokerIsRejoinedAndTheSubscriptionsAreMadeAgain() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.startForgetful(tmp)) {
            LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
            AtomicInteger subscribed = new AtomicInteger();
            MqttConnection.Spec spec = new MqttConnection.Spec("connection-test", true, 0,
                    List.of(new MqttSubscription(Topics.filter(null, Topics.EVENTS), 1)), null, null);
            try (MqttConnection c = new MqttConnection(MqttSettings.of(broker.url()), spec, new MqttConnection.Listener() {
                @Override
                public void message(String topic, MqttMessage message) {
                    received.add(topic + " " + new String(message.getPayload(), StandardCharsets.UTF_8));
                }

                @Override
                public void subscribed(MqttAsyncClient client) {
                    subscribed.incrementAndGet();
                }
            }, Clock.system())) {
                c.start("connection-test", () -> { }, 10_000_000L);
                awaitConnected(c);
                publish(broker.url(), "before");
                assertEquals(Topics.events("r1") + " before", received.poll(20, TimeUnit.SECONDS));

                broker.stopProcess();
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (c.connected() && System.nanoTime() < end) {
                    Thread.sleep(5);
                }
                assertTrue(!c.connected(), "the loss is noticed");
                broker.startProcess();
                awaitConnected(c);
                assertEquals(2, subscribed.get(), "subscribed once per connection");
                // The broker forgot everything: only a new subscription can deliver this.
                publish(broker.url(), "after");
                assertEquals(Topics.events("r1") + " after", received.poll(20, TimeUnit.SECONDS));
            }
        }
    }

    private static void awaitConnected(MqttConnection c) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!c.connected() && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        assertTrue(c.connected(), "connected");
    }

    private static void publish(String url, String text) throws Exception {
        MqttClient p = new MqttClient(url, "connection-test-publisher", new MemoryPersistence());
        p.connect();
        p.publish(Topics.events("r1"), text.getBytes(StandardCharsets.UTF_8), 1, false);
        p.disconnect();
        p.close();
    }
}
