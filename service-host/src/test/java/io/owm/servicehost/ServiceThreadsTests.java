package io.owm.servicehost;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.spi.FilterReply;
import java.net.URL;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ServiceThreadsTests {

    private final ServiceLogDiscriminator discriminator = new ServiceLogDiscriminator();
    private final LoggingEvent event = new LoggingEvent("x", new LoggerContext().getLogger("x"), Level.INFO,
            "line", null, null);

    @Test
    void aServiceThreadAndTheThreadsItStartsLogToTheService() throws InterruptedException {
        ServiceClassLoader billing = new ServiceClassLoader("billing-service", new URL[0], getClass().getClassLoader());
        AtomicReference<String> onServiceThread = new AtomicReference<>();
        AtomicReference<String> onItsChild = new AtomicReference<>();
        Thread service = new Thread(() -> {
            onServiceThread.set(discriminator.getDiscriminatingValue(event));
            Thread child = new Thread(() -> onItsChild.set(discriminator.getDiscriminatingValue(event)));
            child.start();
            join(child);
        });
        service.setContextClassLoader(billing);
        service.start();
        service.join();

        assertThat(onServiceThread.get()).isEqualTo("billing-service");
        assertThat(onItsChild.get()).isEqualTo("billing-service");
        assertThat(discriminator.getDiscriminatingValue(event)).isEqualTo(ServiceLogDiscriminator.HOST);
    }

    @Test
    void theFiltersSplitServiceLinesFromTheHostsOwn() throws InterruptedException {
        ServiceThreadFilter services = new ServiceThreadFilter();
        ServiceThreadFilter host = new ServiceThreadFilter();
        host.setOnServiceThread(false);
        assertThat(services.decide(event)).isEqualTo(FilterReply.DENY);
        assertThat(host.decide(event)).isEqualTo(FilterReply.NEUTRAL);

        AtomicReference<FilterReply> serviceReply = new AtomicReference<>();
        AtomicReference<FilterReply> hostReply = new AtomicReference<>();
        Thread service = new Thread(() -> {
            serviceReply.set(services.decide(event));
            hostReply.set(host.decide(event));
        });
        service.setContextClassLoader(new ServiceClassLoader("gateway-service", new URL[0],
                getClass().getClassLoader()));
        service.start();
        service.join();
        assertThat(serviceReply.get()).isEqualTo(FilterReply.NEUTRAL);
        assertThat(hostReply.get()).isEqualTo(FilterReply.DENY);
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
