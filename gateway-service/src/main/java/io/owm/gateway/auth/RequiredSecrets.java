package io.owm.gateway.auth;

import io.owm.gateway.GatewayProperties;
import org.springframework.stereotype.Component;

/**
 * Refuses to start without the three secrets: a gateway without them would either be open to anyone or refuse
 * everyone, and both are worse than a start-up error that names the missing variable.
 */
@Component
class RequiredSecrets {

    RequiredSecrets(GatewayProperties properties) {
        require(properties.apiKey(), "API_KEY", "the key the OpenWebUI function sends");
        require(properties.accessToken(), "ACCESS_TOKEN", "the admin token for the admin API and console");
        require(properties.internalToken(), "OWM_INTERNAL_TOKEN",
                "the credential the gateway adds to its calls to billing, catalog and analytics");
        if (properties.apiKey().equals(properties.accessToken())) {
            throw new IllegalStateException("API_KEY and ACCESS_TOKEN must differ: the function key must not open"
                    + " the admin API");
        }
        if (properties.internalToken().equals(properties.apiKey())
                || properties.internalToken().equals(properties.accessToken())) {
            throw new IllegalStateException("OWM_INTERNAL_TOKEN must differ from API_KEY and ACCESS_TOKEN: a key"
                    + " held by functions or admins must not open the services behind the gateway");
        }
    }

    private static void require(String value, String variable, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(variable + " is not set: set the environment variable " + variable
                    + " (" + what + ") before starting the gateway");
        }
    }
}
