package dev.invaders.service;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A service's refusals, thrown as Spring's {@link ErrorResponseException}: {@link ProblemAdvice} answers
 * each with its RFC 9457 {@link ProblemDetail} and headers, e.g.
 * {@code throw Problems.of(HttpStatus.CONFLICT, "Stale batch", "batch 3 is older than batch 4")}.
 * A refusal is no fault: it carries no stack trace, and its message is its detail.
 */
public final class Problems {
    private Problems() {
    }

    /** A problem with this status, the status's reason phrase as its title, and this detail. */
    public static ErrorResponseException of(HttpStatus status, String detail) {
        return of(status, null, detail);
    }

    /** A problem with this status, title (the reason phrase when null) and detail. */
    public static ErrorResponseException of(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        if (title != null) {
            problem.setTitle(title);
        }
        return new Refusal(status, problem);
    }

    /** A 400 with this detail. */
    public static ErrorResponseException badRequest(String detail) {
        return of(HttpStatus.BAD_REQUEST, detail);
    }

    /** A 429 with this detail and {@code Retry-After}. */
    public static ErrorResponseException tooManyRequests(String detail, int retryAfterSeconds) {
        return retryAfter(of(HttpStatus.TOO_MANY_REQUESTS, detail), retryAfterSeconds);
    }

    /** The refusal, telling the client to try again in this many seconds ({@code Retry-After}). */
    public static ErrorResponseException retryAfter(ErrorResponseException refusal, int seconds) {
        refusal.getHeaders().set(HttpHeaders.RETRY_AFTER, Integer.toString(seconds));
        return refusal;
    }

    private static final class Refusal extends ErrorResponseException {
        Refusal(HttpStatus status, ProblemDetail problem) {
            super(status, problem, null);
        }

        @Override
        public String getMessage() {
            return getBody().getDetail();
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
