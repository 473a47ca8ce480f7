package dev.invaders.service;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.function.IntConsumer;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request body over the service's limit with a 413 problem before anything parses it: at once
 * when Content-Length says so, and for a body of unknown length (chunked) by reading at most one byte past
 * the limit (an accepted body is then served from that buffer). Each service registers one with its own
 * limit, e.g. {@code new RequestSizeFilter(props.maxRequestSize().toBytes(), metrics::rejected)}.
 */
public class RequestSizeFilter extends OncePerRequestFilter implements Ordered {
    private final long limit;
    private final IntConsumer onRefused;

    /**
     * @param limit     the largest body accepted, in bytes
     * @param onRefused told the status of each refusal (for a metric); may do nothing
     */
    public RequestSizeFilter(long limit, IntConsumer onRefused) {
        this.limit = limit;
        this.onRefused = onRefused;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String type = request.getContentType();
        if (type != null && !validContentType(type)) {
            // Spring MVC would throw on it deep inside (a wildcard is no Content-Type): a 415 here instead.
            onRefused.accept(HttpStatus.UNSUPPORTED_MEDIA_TYPE.value());
            write(request, response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported Media Type",
                    "the Content-Type is not a valid media type (no wildcards): send application/json");
            return;
        }
        long length = request.getContentLengthLong();
        if (length > limit) {
            refuse(request, response);
            return;
        }
        if (length < 0 && hasBody(request)) {
            byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (body.length > limit) {
                refuse(request, response);
                return;
            }
            chain.doFilter(new BufferedBodyRequest(request, body), response);
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean hasBody(HttpServletRequest request) {
        String method = request.getMethod();
        return "POST".equals(method) || "PUT".equals(method) || "PATCH".equals(method);
    }

    private static boolean validContentType(String type) {
        try {
            MediaType t = MediaType.parseMediaType(type);
            return !t.isWildcardType() && !t.isWildcardSubtype();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
        onRefused.accept(HttpStatus.CONTENT_TOO_LARGE.value());
        write(request, response, HttpStatus.CONTENT_TOO_LARGE, "Request body too large",
                "the request body is larger than " + limit + " bytes");
    }

    private void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String title,
                       String detail) throws IOException {
        ProblemDetail problem = Problems.problem(status.value(), title, detail);
        try {
            problem.setInstance(URI.create(request.getRequestURI()));
        } catch (IllegalArgumentException e) {
            // a path that is no URI: left out
        }
        response.setHeader("Connection", "close");
        Problems.send(response, problem);
    }
}
