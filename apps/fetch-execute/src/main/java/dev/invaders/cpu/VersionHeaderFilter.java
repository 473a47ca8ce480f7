package dev.invaders.cpu;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/** Puts {@code Invaders-Service-Version} on every response, errors and actuator endpoints included. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class VersionHeaderFilter extends OncePerRequestFilter {
    private final String version;

    public VersionHeaderFilter(ServiceVersion version) {
        this.version = version.get();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader(ServiceVersion.HEADER, version);
        chain.doFilter(request, response);
    }
}
