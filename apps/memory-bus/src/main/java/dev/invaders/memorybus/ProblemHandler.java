package dev.invaders.memorybus;

import dev.invaders.service.ProblemAdviceBase;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;

/**
 * Every error as an RFC 9457 problem: the memory bus's own refusals, Spring MVC's (wrong method, media
 * type, missing parameter, unreadable body, unknown path) and, as a last resort, anything unexpected.
 */
@RestControllerAdvice
public class ProblemHandler extends ProblemAdviceBase {
    @ExceptionHandler(ApiException.class)
    ResponseEntity<Object> api(ApiException ex, WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(ex.status(), ex.getMessage());
        problem.setTitle(ex.title());
        HttpHeaders headers = new HttpHeaders();
        if (ex.status() == HttpStatus.TOO_MANY_REQUESTS) {
            headers.set(HttpHeaders.RETRY_AFTER, "5"); // a place frees when a session is deleted
        }
        return handleExceptionInternal(ex, problem, headers, ex.status(), request);
    }
}
