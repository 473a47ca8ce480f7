package dev.invaders.ui;

import org.springframework.http.HttpStatus;

/** A refusal of the UI's own (not fetch-execute's): answered as a problem with this status and detail. */
public class ApiException extends RuntimeException {
    private final HttpStatus status;

    public ApiException(HttpStatus status, String detail) {
        super(detail);
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }
}
