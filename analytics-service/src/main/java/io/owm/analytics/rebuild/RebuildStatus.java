package io.owm.analytics.rebuild;

import java.time.Instant;

/**
 * Where a rebuild stands. {@code eventsTotal} is the number of records on the topics when it started (after the
 * tables were emptied); {@code eventsReplayed} counts up to it.
 */
record RebuildStatus(String state, Instant startedAt, Instant finishedAt, long eventsTotal, long eventsReplayed,
        String error) {

    static final String IDLE = "idle";
    static final String RUNNING = "running";
    static final String DONE = "done";
    static final String FAILED = "failed";

    static RebuildStatus idle() {
        return new RebuildStatus(IDLE, null, null, 0, 0, null);
    }

    static RebuildStatus started(Instant at) {
        return new RebuildStatus(RUNNING, at, null, 0, 0, null);
    }

    boolean running() {
        return RUNNING.equals(state);
    }

    RebuildStatus progress(long total, long replayed) {
        return new RebuildStatus(state, startedAt, null, total, replayed, null);
    }

    RebuildStatus done(Instant at) {
        return new RebuildStatus(DONE, startedAt, at, eventsTotal, eventsReplayed, null);
    }

    RebuildStatus failed(Instant at, String why) {
        return new RebuildStatus(FAILED, startedAt, at, eventsTotal, eventsReplayed, why);
    }
}
