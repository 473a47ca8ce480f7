package dev.invaders.service;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet container's error page ({@code /error}): errors raised outside Spring MVC's handlers (Tomcat
 * refusing a TRACE, a filter's {@code sendError}) as an RFC 9457 problem with the status and a fixed sentence,
 * in place of Spring Boot's {@code {"timestamp","status","error","path"}}. Nothing of the failure is shown.
 * Written with {@link Problems#send}, not returned to Spring MVC's converters: those decode the original request
 * target (for the RFD check), and the one Tomcat refused may not decode ({@code TRACE /x;b=%zz}): a 500.
 */
@RestController
public class ProblemErrorController implements org.springframework.boot.webmvc.error.ErrorController {

    @RequestMapping(path = "${server.error.path:${error.path:/error}}", produces = {})
    public void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i && i >= 400 && i <= 599 ? i : 500;
        ProblemDetail problem = Problems.problem(status, null, ProblemErrorReportValve.detail(status));
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (uri instanceof String s && s.startsWith("/") && s.length() < 512) {
            problem.setInstance(Problems.instance(s));
        }
        Problems.send(response, problem);
    }
}
