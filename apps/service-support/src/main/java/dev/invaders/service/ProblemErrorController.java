package dev.invaders.service;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet container's error page ({@code /error}): errors raised outside Spring MVC's handlers (Tomcat
 * refusing a TRACE, a filter's {@code sendError}) as an RFC 9457 problem with the status and a fixed sentence,
 * in place of Spring Boot's {@code {"timestamp","status","error","path"}}. Nothing of the failure is shown.
 */
@RestController
public class ProblemErrorController implements org.springframework.boot.webmvc.error.ErrorController {

    @RequestMapping(path = "${server.error.path:${error.path:/error}}", produces = {})
    public ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i && i >= 400 && i <= 599 ? i : 500;
        HttpStatus known = HttpStatus.resolve(status);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(known == null ? HttpStatus.INTERNAL_SERVER_ERROR : known,
                ProblemErrorReportValve.detail(status));
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (uri instanceof String s && s.startsWith("/") && s.length() < 512) {
            try {
                problem.setInstance(java.net.URI.create(s));
            } catch (IllegalArgumentException e) {
                // not a URI worth repeating
            }
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
