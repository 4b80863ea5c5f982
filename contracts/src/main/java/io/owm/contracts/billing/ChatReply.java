package io.owm.contracts.billing;

import java.util.UUID;

/** A billing event that answers a chat request; the gateway matches it to the waiting HTTP call. */
public sealed interface ChatReply extends BillingEvent permits ChatAdmitted, ChatCharged {

    /** The {@code eventId} of the chat event this answers. A repeated request gets the stored fact with its own id. */
    UUID correlationId();

    String requestKey();
}
