package dev.invaders.service;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import org.springframework.web.ErrorResponseException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A service's refusals, thrown as Spring's {@link ErrorResponseException}: {@link ProblemAdvice} answers
 * each with its RFC 9457 {@link ProblemDetail} and headers, e.g.
 * {@code throw Problems.of(HttpStatus.CONFLICT, "Stale batch", "batch 3 is older than batch 4")}.
 * A refusal is no fault: it carries no stack trace, and its message is its detail. Code that answers before
 * Spring MVC can (the filters, Tomcat's error valve) writes its problem with {@link #send} or {@link #json}.
 */
public final class Problems {
    /** Writes a problem as Spring Boot's own JsonMapper does: its members, none of them empty. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class)
            .build();

    private Problems() {
    }

    /** A problem with this status, the status's reason phrase as its title, and this detail. */
    public static ErrorResponseException of(HttpStatus status, String detail) {
        return of(status, null, detail);
    }

    /** A problem with this status, title (the reason phrase when null) and detail. */
    public static ErrorResponseException of(HttpStatus status, String title, String detail) {
        return new Refusal(status, problem(status.value(), title, detail));
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

    /** A problem with this status, title (the reason phrase when null, if the status has one) and detail. */
    public static ProblemDetail problem(int status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatus(status);
        problem.setDetail(detail);
        if (title != null) {
            problem.setTitle(title);
        }
        return problem;
    }

    /**
     * A request's path as a problem's instance: a relative reference to it, with leading slashes made one (so that
     * {@code //x} is no authority) and any character a URI cannot hold escaped; "/" when nothing is left.
     */
    public static URI instance(String rawPath) {
        String path = rawPath == null ? "/" : "/" + rawPath.replaceFirst("^/+", "");
        try {
            return new URI(path);
        } catch (URISyntaxException e) {
            try {
                return new URI(null, null, path, null);
            } catch (URISyntaxException again) {
                return URI.create("/");
            }
        }
    }

    /**
     * Writes the problem as the whole answer: its status, {@code application/problem+json} and the body. For a
     * filter, where no converter runs; the caller sets any header of its own first.
     */
    public static void send(HttpServletResponse response, ProblemDetail problem) throws IOException {
        byte[] body = json(problem).getBytes(StandardCharsets.UTF_8);
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** The problem's JSON, with Jackson's escaping: any title or detail text gives valid JSON. */
    static String json(ProblemDetail problem) {
        return JSON.writeValueAsString(problem);
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
