package dev.invaders.memorybus;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/** {@code Invaders-Service-Version: <build version>} on every response, set before anything else runs. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class VersionHeaderFilter extends OncePerRequestFilter {

    public static final String HEADER = "Invaders-Service-Version";

    private final String version;

    public VersionHeaderFilter(ObjectProvider<BuildProperties> build) {
        BuildProperties props = build.getIfAvailable();
        this.version = props == null || props.getVersion() == null ? "unknown" : props.getVersion();
    }

    public String version() {
        return version;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader(HEADER, version);
        chain.doFilter(request, response);
    }
}
