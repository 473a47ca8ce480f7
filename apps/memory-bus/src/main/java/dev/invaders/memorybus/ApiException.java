package dev.invaders.memorybus;

import org.springframework.http.HttpStatus;

/** A request the memory bus refuses; becomes an RFC 9457 problem with this status, title and detail. */
public final class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String title;

    public ApiException(HttpStatus status, String title, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    public static ApiException badRequest(String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, "Bad request", detail);
    }

    public static ApiException unknownSession(String id) {
        return new ApiException(HttpStatus.NOT_FOUND, "Unknown session", "No session '" + id + "'");
    }
}
