package io.owm.support.security;

/**
 * The credential the gateway adds to every call it makes or routes to billing, catalog and analytics
 * ({@code OWM_INTERNAL_TOKEN}). Those services accept their API with it only, so the admin token or the function
 * key sent straight to their port opens nothing.
 */
public final class InternalToken {

    public static final String VARIABLE = "OWM_INTERNAL_TOKEN";
    public static final String PROPERTY = "owm.internal-token";
    public static final String AUTHORITY = "INTERNAL";

    private InternalToken() {
    }

    /** The token, or a start-up error that names the variable. */
    public static String require(String value, String service) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(VARIABLE + " is not set: set the environment variable " + VARIABLE
                    + " (the credential the gateway adds to its calls to the services) before starting " + service);
        }
        return value;
    }
}
