package dev.invaders.service;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/** Puts {@code Invaders-Service-Version} on every response, errors and actuator endpoints included. */
public class VersionHeaderFilter extends OncePerRequestFilter implements Ordered {
    private final String version;

    public VersionHeaderFilter(ServiceVersion version) {
        this.version = version.get();
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader(ServiceVersion.HEADER, version);
        chain.doFilter(request, response);
    }
}
