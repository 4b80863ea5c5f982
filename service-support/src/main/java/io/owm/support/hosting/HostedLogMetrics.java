package io.owm.support.hosting;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.logging.LogbackMetrics;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@code logback.events} of one service in the shared JVM: the lines written on its own threads, counted where they
 * are written. Micrometer's {@link LogbackMetrics} adds a turbo filter per registry to the JVM's one Logback: each
 * hosted service would count all four services' lines, and every level check of every service (Netty's and
 * Reactor's {@code isTraceEnabled} on each request among them) would pass through four filters. An appender on the
 * root logger sees only lines that are written. Same meter, tags and description as Micrometer's, so dashboards and
 * alerts read both alike; a service with a JVM of its own keeps Micrometer's.
 */
final class HostedLogMetrics extends LogbackMetrics {

    private static final String METER = "logback.events";

    private static final String DESCRIPTION = "Number of log events that were enabled by the effective log level";

    private static final List<Level> LEVELS = List.of(Level.ERROR, Level.WARN, Level.INFO, Level.DEBUG, Level.TRACE);

    private final ClassLoader service;
    private final LoggerContext logback;
    private final List<LineCounter> counters = new CopyOnWriteArrayList<>();

    /** Counts the lines of threads whose context class loader is {@code service}, the service's own. */
    HostedLogMetrics(ClassLoader service, LoggerContext logback) {
        super(List.of(), logback);
        this.service = service;
        this.logback = logback;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        LineCounter lines = new LineCounter(service, registry);
        lines.setContext(logback);
        lines.setName("logback-events-" + System.identityHashCode(lines));
        lines.start();
        logback.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(lines);
        counters.add(lines);
    }

    @Override
    public void close() {
        for (LineCounter lines : counters) {
            logback.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(lines);
            lines.stop();
        }
        counters.clear();
        super.close();
    }

    /** The counters, one per level, fed by the lines of the service's threads. */
    private static final class LineCounter extends UnsynchronizedAppenderBase<ILoggingEvent> {

        private final ClassLoader service;
        private final Counter[] byLevel = new Counter[LEVELS.size()];

        LineCounter(ClassLoader service, MeterRegistry registry) {
            this.service = service;
            for (int i = 0; i < LEVELS.size(); i++) {
                byLevel[i] = Counter.builder(METER).tag("level", LEVELS.get(i).levelStr.toLowerCase(Locale.ROOT))
                        .description(DESCRIPTION).baseUnit("events").register(registry);
            }
        }

        @Override
        protected void append(ILoggingEvent event) {
            if (Thread.currentThread().getContextClassLoader() != service) {
                return;
            }
            int index = LEVELS.indexOf(event.getLevel());
            if (index >= 0) {
                byLevel[index].increment();
            }
        }
    }
}
