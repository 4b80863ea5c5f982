package io.owm.catalog.openwebui;

/**
 * OpenWebUI could not be asked, or answered something unusable. The message names the cause and what to check;
 * {@link #kind()} is the machine-readable part ({@code error_type} in the API's answers).
 */
public class OpenWebUiException extends RuntimeException {

    private final String kind;

    OpenWebUiException(String kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    OpenWebUiException(String kind, String message) {
        this(kind, message, null);
    }

    public String kind() {
        return kind;
    }
}
