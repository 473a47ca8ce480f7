package dev.invaders.ui;

import dev.invaders.service.ProblemAdviceBase;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;

/**
 * Every error of the UI's own as an RFC 9457 problem (fetch-execute's problems pass through the proxy
 * untouched): fetch-execute unreachable is 503 with {@code Retry-After}, no stack trace in any body.
 */
@RestControllerAdvice
public class ProblemAdvice extends ProblemAdviceBase {

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Object> api(ApiException e, WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        return handleExceptionInternal(e, problem, new HttpHeaders(), e.status(), request);
    }

    @ExceptionHandler(Upstream.UpstreamException.class)
    ResponseEntity<Object> upstream(Upstream.UpstreamException e, WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        problem.setTitle(e.status() == HttpStatus.SERVICE_UNAVAILABLE ? "CPU service unreachable"
                : "CPU service failed to answer");
        HttpHeaders headers = new HttpHeaders();
        if (e.status() == HttpStatus.SERVICE_UNAVAILABLE) {
            headers.set(HttpHeaders.RETRY_AFTER, "2");
        }
        return handleExceptionInternal(e, problem, headers, e.status(), request);
    }
}
