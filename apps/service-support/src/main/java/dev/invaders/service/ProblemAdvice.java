package dev.invaders.service;

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
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every service's errors as RFC 9457 problems, with no stack trace in any body: its own refusals
 * ({@link Problems}, Spring's {@code ErrorResponseException}) and Spring MVC's (404, 405, 415, ...) come from
 * {@link ResponseEntityExceptionHandler}; a body that is not the JSON expected is a 400 saying where and what
 * ({@link JsonProblems}); a fault of the service itself is logged in full and answered without details.
 * Auto-configured; a service with handlers of its own declares a subclass instead.
 */
@RestControllerAdvice
public class ProblemAdvice extends ResponseEntityExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    @ExceptionHandler(Exception.class)
    protected ResponseEntity<Object> fault(Exception e, WebRequest request) {
        log.error("request failed: {}", request.getDescription(false), e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "the service failed; the log has the details");
        return handleExceptionInternal(e, problem, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
    }

    /** A query string Tomcat cannot parse into parameters ({@code ?=1}, a bad escape): the caller's 400. */
    @ExceptionHandler(org.apache.tomcat.util.http.InvalidParameterException.class)
    protected ResponseEntity<Object> badParameters(Exception e, WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "the query string is malformed (a parameter without a name, or a bad percent-escape)");
        return handleExceptionInternal(e, problem, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
    }

    /**
     * An answer the converter cannot write: when the caller's Accept asks for a charset other than JSON's UTF-8
     * ({@code application/json; charset=latin1}), that is the caller's 406, not the service's 500. The problem
     * names its own type, so it is written whatever the Accept said.
     */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotWritable(
            org.springframework.http.converter.HttpMessageNotWritableException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains("charset")) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_ACCEPTABLE,
                    "the answer is JSON in UTF-8; an Accept that asks for another charset cannot be served");
            HttpHeaders own = new HttpHeaders();
            own.setContentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON);
            return handleExceptionInternal(e, problem, own, HttpStatus.NOT_ACCEPTABLE, request);
        }
        return super.handleHttpMessageNotWritable(e, headers, status, request);
    }

    /**
     * The problem's {@code instance}, named here: left out, Spring MVC takes {@code URI.create} of the raw path,
     * which throws for one like {@code //} (an authority without a host), and the advice's answer was lost.
     */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
                                                          WebRequest request) {
        if (body instanceof ProblemDetail problem && problem.getInstance() == null
                && request instanceof ServletWebRequest servlet) {
            problem.setInstance(Problems.instance(servlet.getRequest().getRequestURI()));
        }
        return super.createResponseEntity(body, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, JsonProblems.describe(e));
        problem.setTitle("Malformed request body");
        return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
    }
}
