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
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

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

    public InternalAuthFilter(String token) {
        this.expected = token.getBytes(StandardCharsets.UTF_8);
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
        ProblemDetail problem = Problems.problem(401, "Unauthorized",
                "this is an internal endpoint: send Authorization: Bearer with the internal token");
        problem.setInstance(URI.create("/"));
        response.setHeader("WWW-Authenticate", "Bearer");
        if (request.getContentLengthLong() != 0) {
            response.setHeader("Connection", "close"); // its body is not read
        }
        Problems.send(response, problem);
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
