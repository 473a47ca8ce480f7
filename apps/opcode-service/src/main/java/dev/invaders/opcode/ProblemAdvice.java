package dev.invaders.opcode;

import dev.invaders.service.JsonProblems;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error as an RFC 9457 problem: bad input is a 4xx naming what is wrong, never a 5xx, and no body
 * carries a stack trace. Spring MVC's own errors (404, 405, 415, ...) come from the base class.
 */
@RestControllerAdvice
public class ProblemAdvice extends ResponseEntityExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

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

    /** A fault of this service (an opcode-table bug, say): logged in full, answered without details. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> fault(Exception e, WebRequest request) {
        log.error("request failed: {}", request.getDescription(false), e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "the service failed; the log has the details");
        return handleExceptionInternal(e, problem, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, JsonProblems.describe(e));
        return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
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
