package io.owm.faults;

/** Sleeps for pacing and polling; an interrupt ends the suite, since nothing here can be half done safely. */
final class Pause {

    private Pause() {
    }

    static void millis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
