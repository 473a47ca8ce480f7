package dev.invaders.opcode;

import dev.invaders.service.ProblemAdvice;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;

/**
 * The opcode service's problems: besides every service's ({@link ProblemAdvice}), what the core library
 * refuses is the caller's 400, and every 4xx is counted ({@code invaders.opcode.rejected}).
 */
@RestControllerAdvice
public class OpcodeProblemAdvice extends ProblemAdvice {
    private final ExecutionMetrics metrics;

    public OpcodeProblemAdvice(ExecutionMetrics metrics) {
        this.metrics = metrics;
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
