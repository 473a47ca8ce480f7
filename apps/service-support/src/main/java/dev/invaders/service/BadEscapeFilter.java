package dev.invaders.service;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.core.Ordered;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A request target with a broken percent escape ({@code %} without two hex digits after it) gets a 400 problem
 * here. Tomcat refuses one in a path segment itself, but not in a path parameter ({@code /x;a=%zz}), which it
 * strips before decoding, nor in the query string: Spring MVC's path parser throws on the first and the UI's
 * proxy could not pass the second on ({@link java.net.URI} refuses it), so the caller would get a 500.
 */
public class BadEscapeFilter extends OncePerRequestFilter implements Ordered {
    private final String version;

    public BadEscapeFilter(String version) {
        this.version = version;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!validEscapes(request.getRequestURI()) || !validEscapes(request.getQueryString())) {
            ProblemDetail problem = Problems.problem(400, null,
                    "the request's path or query has a '%' that is not followed by two hex digits");
            problem.setType(URI.create("about:blank"));
            response.setHeader(ServiceVersion.HEADER, version);
            response.setHeader("Cache-Control", "no-store");
            Problems.send(response, problem);
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean validEscapes(String uri) {
        if (uri == null) {
            return true;
        }
        for (int i = uri.indexOf('%'); i >= 0; i = uri.indexOf('%', i + 1)) {
            if (i + 2 >= uri.length() || Character.digit(uri.charAt(i + 1), 16) < 0
                    || Character.digit(uri.charAt(i + 2), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
