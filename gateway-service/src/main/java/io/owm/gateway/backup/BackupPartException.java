package io.owm.gateway.backup;

/** A service did not take its part of an import (or did not answer). */
class BackupPartException extends RuntimeException {

    private final BackupServices.Part part;

    BackupPartException(BackupServices.Part part, String message, Throwable cause) {
        super(part.name().toLowerCase() + ": " + message, cause);
        this.part = part;
    }

    BackupServices.Part part() {
        return part;
    }
}
