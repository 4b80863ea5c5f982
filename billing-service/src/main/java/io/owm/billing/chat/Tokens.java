package io.owm.billing.chat;

/** Input and output tokens of a reply, or already charged for a message. */
record Tokens(long input, long output) {

    static final Tokens NONE = new Tokens(0, 0);

    /** What a "continue" adds to what was charged before; never negative. */
    Tokens newSince(Tokens charged) {
        return new Tokens(Math.max(0, input - charged.input), Math.max(0, output - charged.output));
    }

    Tokens max(Tokens other) {
        return new Tokens(Math.max(input, other.input), Math.max(output, other.output));
    }
}
