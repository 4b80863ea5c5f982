package io.owm.billing.chat;

import java.math.BigDecimal;

/**
 * An inlet hold not settled yet, as a batch sees it: read from the database ({@code id} set) or taken by an inlet
 * of the same batch ({@code id} null, inserted when the batch is written). The batch marks it settled.
 */
final class OpenHold {

    private final Long id;
    private final String userId;
    private final String model;
    private final String chatId;
    private final String messageId;
    private final BigDecimal amount;
    private final String requestKey;
    private String settledBy;

    OpenHold(Long id, String userId, String model, String chatId, String messageId, BigDecimal amount,
            String requestKey) {
        this.id = id;
        this.userId = userId;
        this.model = model;
        this.chatId = chatId;
        this.messageId = messageId;
        this.amount = amount;
        this.requestKey = requestKey;
    }

    /** Taken for this very message: OpenWebUI sends chat and message id on both inlet and outlet. */
    boolean isFor(String otherChatId, String otherMessageId) {
        return chatId != null && messageId != null && chatId.equals(otherChatId) && messageId.equals(otherMessageId);
    }

    boolean isOpen() {
        return settledBy == null;
    }

    void settleBy(String requestKey) {
        this.settledBy = requestKey;
    }

    boolean isNew() {
        return id == null;
    }

    Long id() {
        return id;
    }

    String userId() {
        return userId;
    }

    String model() {
        return model;
    }

    String chatId() {
        return chatId;
    }

    String messageId() {
        return messageId;
    }

    BigDecimal amount() {
        return amount;
    }

    String requestKey() {
        return requestKey;
    }

    String settledBy() {
        return settledBy;
    }
}
