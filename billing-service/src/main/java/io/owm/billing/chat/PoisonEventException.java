package io.owm.billing.chat;

/** A chat event that can never be applied, however often it is retried: it belongs in the dead-letter topic. */
public class PoisonEventException extends RuntimeException {

    public PoisonEventException(String message) {
        super(message);
    }
}
