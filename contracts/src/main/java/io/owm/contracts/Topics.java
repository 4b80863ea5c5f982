package io.owm.contracts;

import io.owm.contracts.billing.BillingEvent;
import io.owm.contracts.catalog.ModelPriced;
import io.owm.contracts.catalog.ModelTested;
import io.owm.contracts.chat.ChatEvent;
import java.util.List;

/** The topic catalogue: every topic the system uses, who keys it how, and what flows through it. */
public final class Topics {

    /** Written by the gateway only: inlets and outlets. */
    public static final Topic CHAT_EVENTS = new Topic("chat-events", "user id", ChatEvent.class, false);

    /** Written by billing only: registrations, inlet and outlet answers, admin changes. */
    public static final Topic BILLING_EVENTS = new Topic("billing-events", "user id", BillingEvent.class, false);

    /** Written by the catalog only: the price in force per model; a tombstone deletes a model's price. */
    public static final Topic MODEL_PRICES = new Topic("model-prices", "model id", ModelPriced.class, true);

    /** Written by the catalog only: connectivity test results. */
    public static final Topic MODEL_TESTS = new Topic("model-tests", "model id", ModelTested.class, false);

    public static final List<Topic> ALL = List.of(CHAT_EVENTS, BILLING_EVENTS, MODEL_PRICES, MODEL_TESTS);

    private Topics() {
    }
}
