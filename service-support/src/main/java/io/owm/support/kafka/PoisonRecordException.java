package io.owm.support.kafka;

/** A record that can never be applied (undecodable, impossible values): straight to the dead-letter topic. */
public class PoisonRecordException extends RuntimeException {

    public PoisonRecordException(String message) {
        super(message);
    }
}
