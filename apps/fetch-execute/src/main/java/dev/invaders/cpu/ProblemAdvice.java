package dev.invaders.cpu;

import dev.invaders.service.ProblemAdviceBase;
import org.springframework.http.HttpHeaders;
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
    @ExceptionHandler(ApiException.class)
    ResponseEntity<Object> api(ApiException e, WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        return handleExceptionInternal(e, problem, new HttpHeaders(), e.status(), request);
    }
}
