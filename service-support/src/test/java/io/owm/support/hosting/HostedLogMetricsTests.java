package io.owm.support.hosting;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class HostedLogMetricsTests {

    private static final Logger LOG = LoggerFactory.getLogger(HostedLogMetricsTests.class);

    private final LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final ClassLoader service = new URLClassLoader("service", new URL[0], getClass().getClassLoader());

    @Test
    void countsTheLinesWrittenOnTheServicesThreadsOnly() throws Exception {
        MeterRegistry registry = new SimpleMeterRegistry();
        int turboFilters = logback.getTurboFilterList().size();
        try (HostedLogMetrics metrics = new HostedLogMetrics(service, logback)) {
            metrics.bindTo(registry);

            onThreadOf(service, () -> {
                LOG.warn("the service's warning");
                LOG.info("the service's line");
                LOG.info("and another");
                LOG.trace("below the level: not written, not counted");
            });
            onThreadOf(getClass().getClassLoader(), () -> LOG.warn("another service's warning"));
            LOG.error("the host's own error");

            assertThat(events(registry, "warn")).isEqualTo(1);
            assertThat(events(registry, "info")).isEqualTo(2);
            assertThat(events(registry, "error")).isZero();
            assertThat(events(registry, "trace")).isZero();
            // Level checks stay as cheap as without metrics.
            assertThat(logback.getTurboFilterList()).hasSize(turboFilters);
        }

        onThreadOf(service, () -> LOG.warn("after the service closed"));
        assertThat(events(registry, "warn")).isEqualTo(1);
    }

    private static double events(MeterRegistry registry, String level) {
        return registry.get("logback.events").tag("level", level).counter().count();
    }

    private static void onThreadOf(ClassLoader loader, Runnable lines) throws InterruptedException {
        Thread thread = new Thread(lines);
        thread.setContextClassLoader(loader);
        thread.start();
        thread.join();
    }
}
