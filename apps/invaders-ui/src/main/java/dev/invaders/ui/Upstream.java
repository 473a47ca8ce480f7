package dev.invaders.ui;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.concurrent.Executors;
import dev.invaders.service.InternalToken;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * fetch-execute as the UI calls it: one HTTP/1.1 client (keep-alive, virtual threads), and every failure to
 * reach it turned into an {@link UpstreamException} the page can show: unreachable (503), too slow (504),
 * or a connection broken before the answer (502).
 */
@Component
public class Upstream implements AutoCloseable {
    private final UiProperties props;
    private final StreamMetrics metrics;
    private final HttpClient client;
    private final String authorization;

    public Upstream(UiProperties props, StreamMetrics metrics, InternalToken token) {
        this.props = props;
        this.authorization = token.header();
        this.metrics = metrics;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(props.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
    }

    /**
     * A request builder for this path of fetch-execute's API (raw: already percent-encoded), with the
     * internal token ({@code invaders.internal.token}) when one is configured.
     */
    public HttpRequest.Builder request(String rawPathAndQuery) {
        HttpRequest.Builder b = HttpRequest.newBuilder(props.cpu(rawPathAndQuery)).timeout(props.requestTimeout());
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return b;
    }

    /** Sends and returns the answer's headers with its body still to read (streamed). */
    public HttpResponse<InputStream> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamException(HttpStatus.SERVICE_UNAVAILABLE, "interrupted",
                    "the request to the CPU service was interrupted (this UI is stopping)");
        } catch (IOException | UnresolvedAddressException e) {
            throw failure(e, request.uri());
        }
    }

    /** What went wrong, as the page shows it; counted by reason. */
    UpstreamException failure(Exception e, URI uri) {
        UpstreamException u;
        if (e instanceof HttpConnectTimeoutException || e instanceof ConnectException
                || e instanceof UnresolvedAddressException || e.getCause() instanceof UnresolvedAddressException) {
            u = new UpstreamException(HttpStatus.SERVICE_UNAVAILABLE, "unreachable",
                    "the CPU service is unreachable");
        } else if (e instanceof HttpTimeoutException) {
            u = new UpstreamException(HttpStatus.GATEWAY_TIMEOUT, "timeout", "the CPU service did not answer within "
                    + props.requestTimeout().toSeconds() + " s");
        } else {
            u = new UpstreamException(HttpStatus.BAD_GATEWAY, "broken",
                    "the connection to the CPU service broke before its answer");
        }
        metrics.upstreamFailure(u.reason());
        return u;
    }

    /** Stops at once: frame streams still open are cut (their relays have been closed first). */
    @Override
    public void close() {
        client.shutdownNow();
    }

    /**
     * fetch-execute could not be asked or did not answer: answered as a problem titled so, a 503 with
     * {@code Retry-After}.
     */
    public static final class UpstreamException extends ErrorResponseException {
        private final HttpStatus status;
        private final String reason;

        UpstreamException(HttpStatus status, String reason, String detail) {
            super(status, ProblemDetail.forStatusAndDetail(status, detail), null);
            setTitle(status == HttpStatus.SERVICE_UNAVAILABLE ? "CPU service unreachable"
                    : "CPU service failed to answer");
            if (status == HttpStatus.SERVICE_UNAVAILABLE) {
                getHeaders().set(HttpHeaders.RETRY_AFTER, "2");
            }
            this.status = status;
            this.reason = reason;
        }

        public HttpStatus status() {
            return status;
        }

        public String reason() {
            return reason;
        }

        /** The detail alone (what the page shows). */
        @Override
        public String getMessage() {
            return getBody().getDetail();
        }
    }
}
