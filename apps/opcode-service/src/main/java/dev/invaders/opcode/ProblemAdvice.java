package dev.invaders.opcode;

import dev.invaders.service.ProblemAdviceBase;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;

/**
 * Every error as an RFC 9457 problem: bad input is a 4xx naming what is wrong, never a 5xx, and no body
 * carries a stack trace. Spring MVC's own errors (404, 405, 415, ...) come from the base class.
 */
@RestControllerAdvice
public class ProblemAdvice extends ProblemAdviceBase {
    private final ExecutionMetrics metrics;

    public ProblemAdvice(ExecutionMetrics metrics) {
        this.metrics = metrics;
    }

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<Object> apiProblem(ApiProblem e, WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        e.members().forEach(problem::setProperty);
        return handleExceptionInternal(e, problem, new HttpHeaders(), e.status(), request);
    }

    /** What the core library says is wrong with an input (operand count, ranges, memory bytes, port). */
    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Object> badInput(IllegalArgumentException e, WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        return handleExceptionInternal(e, problem, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        if (status.is4xxClientError()) {
            metrics.rejected(status.value());
        }
        return super.handleExceptionInternal(e, body, headers, status, request);
    }
}
