package io.owm.support.web;

/** The walk through an exception's causes that error handling and retry policies both need. */
public final class Causes {

    private Causes() {
    }

    /** True when {@code failure} or any of its causes is one of {@code types}. */
    @SafeVarargs
    public static boolean anyIs(Throwable failure, Class<? extends Throwable>... types) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (Class<? extends Throwable> type : types) {
                if (type.isInstance(t)) {
                    return true;
                }
            }
        }
        return false;
    }
}
