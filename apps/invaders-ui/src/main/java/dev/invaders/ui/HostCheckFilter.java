package dev.invaders.ui;

import dev.invaders.service.Problems;
import dev.invaders.service.ServiceVersion;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * DNS rebinding: a page of another site whose name is made to resolve to this UI's address would be "same
 * origin" with it in the browser. So the UI answers only requests whose {@code Host} names it: the names of
 * {@code invaders.ui.allowed-hosts} (by default localhost, 127.0.0.1 and [::1], with any port; {@code *.name}
 * also allows the subdomains of name; {@code *} allows every name), else 421 Misdirected Request with a
 * problem. {@code /actuator/**} is not checked: the kubelet's probes and Prometheus's scrapes name the pod's
 * IP address, and those endpoints show nothing a page could misuse.
 */
@Component
public class HostCheckFilter extends OncePerRequestFilter implements Ordered {
    private final List<String> allowed;
    private final ServiceVersion version;

    public HostCheckFilter(UiProperties props, ServiceVersion version) {
        this.allowed = props.allowedHosts().stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
        this.version = version;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return path != null && (path.equals("/actuator") || path.startsWith("/actuator/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String name = hostName(request.getHeader("Host"));
        if (name != null && allows(name)) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader(ServiceVersion.HEADER, version.get());
        response.setHeader("Cache-Control", "no-store");
        Problems.send(response, Problems.problem(421, "Misdirected Request", "this UI answers only requests for the"
                + " host names it is configured with (invaders.ui.allowed-hosts); the Host header names another"));
    }

    boolean allows(String name) {
        for (String a : allowed) {
            if (a.equals("*") || a.equals(name) || a.startsWith("*.") && name.endsWith(a.substring(1))
                    && name.length() > a.length() - 1) {
                return true;
            }
        }
        return false;
    }

    /** The host name of a Host header, lower case, without the port ({@code [::1]} keeps its brackets); null if malformed. */
    static String hostName(String host) {
        if (host == null || host.isEmpty() || host.length() > 255) {
            return null;
        }
        String h = host.toLowerCase(Locale.ROOT);
        String name;
        String port = "";
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            if (end < 0) {
                return null;
            }
            name = h.substring(0, end + 1);
            String rest = h.substring(end + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    return null;
                }
                port = rest.substring(1);
            }
        } else {
            int colon = h.indexOf(':');
            name = colon < 0 ? h : h.substring(0, colon);
            port = colon < 0 ? "" : h.substring(colon + 1);
        }
        if (!port.chars().allMatch(Character::isDigit) || port.length() > 5 || name.isEmpty()) {
            return null;
        }
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }
}
