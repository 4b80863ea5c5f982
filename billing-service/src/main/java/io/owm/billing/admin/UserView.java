package io.owm.billing.admin;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** A user as the admin API shows it, in the original app's field names. */
record UserView(
        String id,
        String email,
        String name,
        String role,
        BigDecimal balance,
        boolean deleted,
        @JsonProperty("created_at") OffsetDateTime createdAt) {
}
