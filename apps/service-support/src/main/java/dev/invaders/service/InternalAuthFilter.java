package dev.invaders.service;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The internal services' caller check: every request but the actuator's (health probes, Prometheus
 * scrapes, info; nothing else is exposed there) must carry {@code Authorization: Bearer <token>} with the
 * shared internal token ({@link InternalToken}), compared in constant time. Anything else gets a 401
 * problem with {@code WWW-Authenticate: Bearer} before anything reads its body. Runs right after the
 * version header, before the size limit and any fast path.
 */
public class InternalAuthFilter extends OncePerRequestFilter implements Ordered {
    private static final String PREFIX = "Bearer ";

    private final byte[] expected;
    private final JsonMapper json;

    public InternalAuthFilter(String token, JsonMapper json) {
        this.expected = token.getBytes(StandardCharsets.UTF_8);
        this.json = json;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 5;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String uri = request.getRequestURI();
        if (uri.equals("/actuator") || uri.startsWith("/actuator/") || authorized(request.getHeader("Authorization"))) {
            chain.doFilter(request, response);
            return;
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
                "this is an internal endpoint: send Authorization: Bearer with the internal token");
        problem.setTitle("Unauthorized");
        problem.setInstance(URI.create("/"));
        byte[] body = json.writeValueAsBytes(problem);
        response.setStatus(HttpStatus.UNAUTHORIZED.value());
        response.setHeader("WWW-Authenticate", "Bearer");
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        if (request.getContentLengthLong() != 0) {
            response.setHeader("Connection", "close"); // its body is not read
        }
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private boolean authorized(String header) {
        if (header == null || header.length() <= PREFIX.length()
                || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return false;
        }
        byte[] given = header.substring(PREFIX.length()).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, given);
    }
}
