package dev.invaders.ui;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code invaders.ui.*}, checked at startup (a bad value stops the start with a message naming it).
 *
 * @param cpuUrl            fetch-execute's base URL ({@code INVADERS_UI_CPU_URL=http://fetch-execute:8080})
 * @param connectTimeout    connecting to fetch-execute
 * @param requestTimeout    the most time fetch-execute may take to answer a proxied request (its headers)
 * @param maxRequestSize    the largest request body the proxy accepts (a ROM or a .COM in base64 fits)
 * @param maxStreams        WebSocket frame streams this replica relays at once; more are closed with 1013
 * @param maxStreamMessage  the largest message of fetch-execute's frame stream relayed
 * @param streamIdleTimeout a stream with no message from fetch-execute for this long is closed (the page
 *                          reconnects)
 * @param sendTimeLimit     the most time one send to a browser may take before the stream is closed
 * @param sendBufferLimit   bytes queued for a slow browser before the stream is closed
 * @param maxInputMessage   the largest text message a browser may send (its controls held)
 * @param allowedHosts      the host names the UI answers for (the Host header, any port): a name, {@code
 *                          *.name} for its subdomains or {@code *} for all; others get 421 (DNS rebinding).
 *                          Actuator paths are not checked (probes name the pod's IP address)
 */
@ConfigurationProperties("invaders.ui")
public record UiProperties(
        @DefaultValue("http://127.0.0.1:8080") URI cpuUrl,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("30s") Duration requestTimeout,
        @DefaultValue("512KB") DataSize maxRequestSize,
        @DefaultValue("64") int maxStreams,
        @DefaultValue("1MB") DataSize maxStreamMessage,
        @DefaultValue("10s") Duration streamIdleTimeout,
        @DefaultValue("10s") Duration sendTimeLimit,
        @DefaultValue("1MB") DataSize sendBufferLimit,
        @DefaultValue("1KB") DataSize maxInputMessage,
        @DefaultValue({"localhost", "127.0.0.1", "[::1]"}) java.util.List<String> allowedHosts) {

    public UiProperties {
        String scheme = cpuUrl.getScheme();
        if (!("http".equals(scheme) || "https".equals(scheme)) || cpuUrl.getHost() == null
                || cpuUrl.getRawQuery() != null || cpuUrl.getRawFragment() != null
                || !(cpuUrl.getRawPath() == null || cpuUrl.getRawPath().isEmpty() || "/".equals(cpuUrl.getRawPath()))) {
            throw new IllegalArgumentException("invaders.ui.cpu-url must be an http(s) base URL such as"
                    + " http://fetch-execute:8080 (no path), not '" + cpuUrl + "'");
        }
        if (allowedHosts.isEmpty() || allowedHosts.stream().anyMatch(h -> h == null || h.isBlank())) {
            throw new IllegalArgumentException("invaders.ui.allowed-hosts must name at least one host (e.g."
                    + " localhost,127.0.0.1,[::1]), not " + allowedHosts);
        }
        allowedHosts = java.util.List.copyOf(allowedHosts);
        positive("connect-timeout", connectTimeout);
        positive("request-timeout", requestTimeout);
        positive("stream-idle-timeout", streamIdleTimeout);
        positive("send-time-limit", sendTimeLimit);
        if (maxStreams < 1) {
            throw new IllegalArgumentException("invaders.ui.max-streams must be at least 1, not " + maxStreams);
        }
        atLeast("max-request-size", maxRequestSize, 1024);
        atLeast("max-stream-message", maxStreamMessage, 64 * 1024);
        atLeast("send-buffer-limit", sendBufferLimit, 64 * 1024);
        atLeast("max-input-message", maxInputMessage, 128);
        if (maxStreamMessage.toBytes() > Integer.MAX_VALUE - 16 || maxInputMessage.toBytes() > 1024 * 1024) {
            throw new IllegalArgumentException("invaders.ui.max-stream-message must be under 2 GB and"
                    + " max-input-message at most 1MB");
        }
    }

    /** fetch-execute's URL for a path of its API ({@code /api/v1/...}, already encoded). */
    public URI cpu(String rawPathAndQuery) {
        String base = cpuUrl.toString();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + rawPathAndQuery);
    }

    private static void positive(String name, Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("invaders.ui." + name + " must be positive, not " + d);
        }
    }

    private static void atLeast(String name, DataSize size, long bytes) {
        if (size.toBytes() < bytes) {
            throw new IllegalArgumentException("invaders.ui." + name + " must be at least " + bytes + " bytes, not "
                    + size);
        }
    }
}
