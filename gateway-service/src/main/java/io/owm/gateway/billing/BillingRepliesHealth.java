package io.owm.gateway.billing;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Part of readiness: a gateway that cannot hear billing's replies would answer every chat {@code pending}. */
@Component("billingRepliesHealthIndicator")
class BillingRepliesHealth implements HealthIndicator {

    private final BillingReplies replies;

    BillingRepliesHealth(BillingReplies replies) {
        this.replies = replies;
    }

    @Override
    public Health health() {
        Health.Builder health = replies.listening() ? Health.up() : Health.outOfService();
        return health.withDetail("waitingForBilling", replies.waitingCount()).build();
    }
}
