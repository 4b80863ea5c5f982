package io.owm.catalog.group;

import io.owm.catalog.CatalogProperties;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Syncs OpenWebUI's groups every {@code OWM_GROUP_SYNC} (off at {@code 0}, and while {@code OPENWEBUI_DOMAIN} is
 * unset), the first time shortly after start. A failed sync is logged and counted by {@link GroupSync}; the next
 * one tries again.
 */
@Component
class GroupSyncSchedule implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GroupSyncSchedule.class);
    private static final Duration FIRST_SYNC = Duration.ofSeconds(10);

    private final GroupSync sync;
    private final Duration every;
    private final boolean configured;
    private ScheduledExecutorService timer;

    GroupSyncSchedule(GroupSync sync, CatalogProperties properties) {
        this.sync = sync;
        this.every = properties.groupSync();
        this.configured = !properties.openwebuiDomain().isBlank();
    }

    private void syncNow() {
        try {
            GroupSync.Result result = sync.sync().block();
            if (result != null && result.changed() > 0) {
                log.info("OpenWebUI groups synced: {} groups, {} members, {} users' groups changed",
                        result.groups(), result.members(), result.changed());
            }
        } catch (RuntimeException e) {
            // GroupSync has logged why; the schedule goes on.
        }
    }

    @Override
    public synchronized void start() {
        if (every.isZero() || !configured) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "group-sync");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::syncNow, FIRST_SYNC.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }
}
