package dev.invaders.ui;

import dev.invaders.service.Problems;
import dev.invaders.service.ServiceVersion;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public session API: {@code /api/v1/sessions} and everything under it, passed to fetch-execute as it
 * is (method, path, query, body, Content-Type and Accept) and its answer passed back as it is (status,
 * problem bodies, Location, Invaders-Service-Version, ...), streamed in both directions, so a long answer
 * (the frames stream) is never held in memory. fetch-execute unreachable: 503 problem; too slow: 504.
 */
@RestController
public class SessionProxyController {
    private static final String PREFIX = "/api/v1/sessions";
    /** Path segments fetch-execute uses (ids are UUIDs); anything else never reaches it. */
    private static final Pattern PATH = Pattern.compile("/api/v1/sessions(/[A-Za-z0-9_~-][A-Za-z0-9._~-]{0,127}){0,3}");
    private static final Pattern PLAY = Pattern.compile("/api/v1/sessions/[^/]+/play");
    /** Passed on: the body's type, what the caller accepts, and a session's control token (changes need it). */
    private static final List<String> REQUEST_HEADERS = List.of("Content-Type", "Accept", "Invaders-Control-Token");
    private static final List<String> RESPONSE_HEADERS = List.of("Content-Type", "Content-Length", "Location",
            "Invaders-Service-Version", "Retry-After", "Cache-Control", "Allow");

    private final Upstream upstream;
    private final ServiceVersion version;

    public SessionProxyController(Upstream upstream, ServiceVersion version) {
        this.upstream = upstream;
        this.version = version;
    }

    @RequestMapping(path = {PREFIX, PREFIX + "/**"},
            method = {RequestMethod.GET, RequestMethod.POST, RequestMethod.PUT, RequestMethod.DELETE})
    public void proxy(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getRequestURI();
        if (PLAY.matcher(path).matches()) {
            throw Problems.of(HttpStatus.UPGRADE_REQUIRED, "the play stream is a WebSocket: connect to "
                    + path + " with Upgrade: websocket");
        }
        if (!PATH.matcher(path).matches()) {
            throw Problems.of(HttpStatus.NOT_FOUND, "no such resource: " + path);
        }
        String query = request.getQueryString();
        HttpRequest.Builder b = upstream.request(query == null ? path : path + "?" + query);
        for (String name : REQUEST_HEADERS) {
            String value = request.getHeader(name);
            if (value != null) {
                b.header(name, value);
            }
        }
        String method = request.getMethod();
        if ("POST".equals(method) || "PUT".equals(method)) {
            // At most max-request-size: RequestSizeFilter refused anything larger before this.
            byte[] body = request.getInputStream().readAllBytes();
            b.method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<InputStream> answer = upstream.send(b.build());
        try (InputStream in = answer.body()) {
            response.setStatus(answer.statusCode());
            for (String name : RESPONSE_HEADERS) {
                answer.headers().firstValue(name).ifPresent(v -> response.setHeader(name, v));
            }
            OutputStream out = response.getOutputStream();
            byte[] buffer = new byte[16384];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                if (in.available() == 0) {
                    out.flush();
                }
            }
        } catch (IOException e) {
            if (!response.isCommitted()) {
                response.reset();
                response.setHeader(ServiceVersion.HEADER, version.get());
                throw upstream.failure(e, answer.uri());
            }
            throw e; // the client went away, or fetch-execute broke off mid-answer: nothing more to send
        }
    }
}
