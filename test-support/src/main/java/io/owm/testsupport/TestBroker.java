package io.owm.testsupport;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The test broker as a test class meets it: register with
 * {@code @RegisterExtension static final TestBroker kafka = new TestBroker();}, then send events and collect a
 * topic. The probe lives for the class; what a test collects is closed after that test.
 */
public final class TestBroker implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

    private final List<KafkaProbe.Collector> collecting = new CopyOnWriteArrayList<>();
    private KafkaProbe probe;

    @Override
    public void beforeAll(ExtensionContext context) {
        probe = KafkaProbe.onTestBroker();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        collecting.forEach(KafkaProbe.Collector::close);
        collecting.clear();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        probe.close();
    }

    /** Sends an event record with its logical type header, and waits until the broker has it. */
    public void send(String topic, String key, Object event) {
        probe.send(topic, key, event);
    }

    /** Sends an event record with extra headers (a reply address, say). */
    public void send(String topic, String key, Object event, java.util.Map<String, byte[]> headers) {
        probe.send(topic, key, event, headers);
    }

    /** Sends an event record to one partition, as billing answers a gateway instance on its reply partition. */
    public void send(String topic, int partition, String key, Object event) {
        probe.send(topic, partition, key, event);
    }

    /** Sends the event to every partition of the topic, as billing tells every gateway of a block. */
    public void broadcast(String topic, String key, Object event) {
        for (int partition = 0; partition < probe.partitions(topic); partition++) {
            probe.send(topic, partition, key, event);
        }
    }

    /** Sends bytes under a logical type name: how a test makes a poison record. */
    public void sendRaw(String topic, String key, String typeName, byte[] value) {
        probe.sendRaw(topic, key, typeName, value);
    }

    /** Collects what reaches the topic from now until the end of the test. */
    public KafkaProbe.Collector collect(String topic) {
        KafkaProbe.Collector collector = probe.collect(topic);
        collecting.add(collector);
        return collector;
    }
}
