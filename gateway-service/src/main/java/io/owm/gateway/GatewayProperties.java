package io.owm.gateway;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Gateway settings.
 *
 * @param apiKey             the key OpenWebUI functions send ({@code API_KEY}); required
 * @param accessToken        the admin token for the admin API and console ({@code ACCESS_TOKEN}); required
 * @param internalToken      the credential the gateway adds to its calls to billing, catalog and analytics
 *                           ({@code OWM_INTERNAL_TOKEN}); required, and different from both keys above
 * @param replyTimeout       how long an inlet or outlet waits for billing before answering {@code pending}
 * @param inletWithoutAnswer what an inlet answers when billing does not answer in time: {@code admit} on the last
 *                           known balance, or {@code refuse}
 * @param maxBodySize        the largest inlet or outlet body accepted (images inside messages make them large)
 * @param topicPartitions    partitions of {@code chat-events} when the gateway creates it
 * @param maxImportSize      the largest backup the import takes
 * @param services           where billing, catalog and analytics answer ({@code OWM_BILLING_URL}, ...): the admin
 *                           routes, the backups and the API description all call them there
 */
@ConfigurationProperties("owm.gateway")
public record GatewayProperties(
        String apiKey,
        String accessToken,
        String internalToken,
        Duration replyTimeout,
        InletWithoutAnswer inletWithoutAnswer,
        DataSize maxBodySize,
        int topicPartitions,
        DataSize maxImportSize,
        Services services) {

    public enum InletWithoutAnswer { ADMIT, REFUSE }

    /** The services behind the gateway, by their base URLs. */
    public record Services(String billing, String catalog, String analytics) {
    }
}
