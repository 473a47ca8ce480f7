package dev.invaders.cpu;

import dev.invaders.service.ProblemAdviceBase;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;

/**
 * Every error as an RFC 9457 problem: bad input is a 4xx naming what is wrong, never a 5xx; no body
 * carries a stack trace. Spring MVC's own errors (404, 405, 415, ...) come from the base class.
 */
@RestControllerAdvice
public class ProblemAdvice extends ProblemAdviceBase {
    /** When a client refused with 429 may try again. */
    static final String RETRY_AFTER_SECONDS = "2";

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Object> api(ApiException e, WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        HttpHeaders headers = new HttpHeaders();
        if (e.status() == HttpStatus.TOO_MANY_REQUESTS) {
            headers.set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS); // a full queue, stream or session table
        }
        return handleExceptionInternal(e, problem, headers, e.status(), request);
    }
}
