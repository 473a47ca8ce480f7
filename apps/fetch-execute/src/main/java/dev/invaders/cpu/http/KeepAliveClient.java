package dev.invaders.cpu.http;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * The opcode calls' HTTP/1.1 client: one POST per instruction on a pooled keep-alive connection, written
 * in one segment with TCP_NODELAY. Why not {@link java.net.http.HttpClient}: measured on this project's
 * 2-core machine against the same opcode service, it took 430 to 900 us per call where a blocking
 * socket takes about 100 us (ab -k agrees), and strict mode's throughput is exactly one call per
 * instruction. It also serves the version probe and the memory bus (when its URL is plain http), so the
 * CPU makes no JDK client: one cost the CPU 9 MiB of idle RSS (it sets up TLS when made).
 *
 * <p>Plain {@code http} only (the opcode services are cluster-internal; mTLS belongs to the mesh).
 * Handles Content-Length and chunked answers and {@code Connection: close}. A connection that fails is
 * closed, never reused. Sessions run on platform threads, which block in the socket read itself (a
 * virtual thread's park and poller hand-offs cost 4 times the whole call); a read ends with the answer or
 * the call timeout, so a stopped session waits for at most that.
 *
 * <p>A call writes the request in one {@code write} and parses the answer's head in place in the
 * connection's own buffer: no line strings, no per-byte locking of a buffered stream.
 */
public final class KeepAliveClient {
    /** An answer: status, body and the {@code Invaders-Service-Version} header (null when absent). */
    public record Response(int status, byte[] body, String version) {
    }

    private static final int MAX_ANSWER = 1 << 20;
    private static final int MAX_HEAD = 16 * 1024;

    private final String host;
    private final int port;
    private final String hostHeader;
    private final String authorization;
    private final byte[] head;
    private final int timeoutMillis;
    private final ConcurrentLinkedDeque<Conn> idle = new ConcurrentLinkedDeque<>();

    /** A client of {@code target}'s host and port; {@link #post} posts to its path. */
    public KeepAliveClient(URI target, int timeoutMillis) {
        this(target, timeoutMillis, null);
    }

    /**
     * A client of {@code target}'s host and port that sends {@code authorization} (the internal token's
     * {@code Authorization} value; null: none) with every request.
     */
    public KeepAliveClient(URI target, int timeoutMillis, String authorization) {
        if (!"http".equals(target.getScheme())) {
            throw new IllegalArgumentException("plain http only: " + target);
        }
        this.host = target.getHost();
        this.port = target.getPort() < 0 ? 80 : target.getPort();
        this.hostHeader = host + ":" + port;
        this.timeoutMillis = timeoutMillis;
        if (authorization != null && authorization.chars().anyMatch(c -> c < 32 || c > 126)) {
            throw new IllegalArgumentException("an Authorization value with control characters");
        }
        this.authorization = authorization;
        String path = target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath();
        this.head = head("POST", path);
    }

    private byte[] head(String method, String path) {
        return (method + " " + path + " HTTP/1.1\r\nHost: " + hostHeader
                + (authorization == null ? "" : "\r\nAuthorization: " + authorization)
                + "\r\nContent-Type: application/json\r\nAccept: application/json\r\nContent-Length: ")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** POSTs a JSON body to the target's path. */
    public Response post(byte[] body) throws IOException {
        return exchange(head, body);
    }

    /** Any request to a path of the same host and port ({@code path} absolute, with its query); body may be null. */
    public Response send(String method, String path, byte[] body) throws IOException {
        byte[] requestHead = head(method, path);
        byte[] content = body == null ? new byte[0] : body;
        if (!IDEMPOTENT.contains(method)) {
            return exchange(requestHead, content);
        }
        try {
            return exchange(requestHead, content);
        } catch (StaleConnection e) {
            // The server had closed the pooled connection (its keep-alive timeout) before it read the
            // request: no answer byte came back, so a safe request is sent again, on a new connection.
            return exchange(requestHead, content);
        }
    }

    /** Methods sent again on a new connection when a pooled one turns out closed (RFC 9110 9.2.2). */
    private static final java.util.Set<String> IDEMPOTENT = java.util.Set.of("GET", "HEAD", "PUT", "DELETE");

    /** A pooled connection that failed before any byte of its answer arrived. */
    static final class StaleConnection extends IOException {
        StaleConnection(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    private Response exchange(byte[] requestHead, byte[] body) throws IOException {
        Conn c = idle.pollFirst();
        boolean pooled = c != null;
        if (c == null) {
            c = new Conn();
        }
        try {
            Response r = c.exchange(requestHead, body);
            if (c.reusable) {
                idle.offerFirst(c);
            } else {
                c.close();
            }
            return r;
        } catch (IOException | RuntimeException e) {
            // Never reused; a kept-alive connection the server had closed is retried by the caller on a new one.
            c.close();
            if (pooled && c.received == 0 && e instanceof IOException io && !(e instanceof java.net.SocketTimeoutException)) {
                throw new StaleConnection(io);
            }
            throw e;
        }
    }

    public void close() {
        Conn c;
        while ((c = idle.pollFirst()) != null) {
            c.close();
        }
    }

    private final class Conn {
        final Socket socket = new Socket();
        final InputStream in;
        final OutputStream out;
        /** What has been read from the socket: bytes {@code [pos, lim)} are not consumed yet. */
        byte[] buf = new byte[2048];
        int pos;
        int lim;
        boolean reusable = true;
        /** Bytes of this exchange's answer read so far (none: the connection may have been closed before the request). */
        long received;

        Conn() throws IOException {
            try {
                socket.setTcpNoDelay(true);
                socket.setKeepAlive(true);
                socket.connect(new InetSocketAddress(host, port), timeoutMillis);
                socket.setSoTimeout(timeoutMillis);
                in = socket.getInputStream();
                out = socket.getOutputStream();
            } catch (IOException e) {
                socket.close();
                throw e;
            }
        }

        Response exchange(byte[] head, byte[] body) throws IOException {
            pos = 0;
            lim = 0; // nothing is left over: a connection that had more is not reused
            received = 0;
            byte[] length = Integer.toString(body.length).getBytes(StandardCharsets.US_ASCII);
            byte[] request = new byte[head.length + length.length + 4 + body.length];
            System.arraycopy(head, 0, request, 0, head.length);
            System.arraycopy(length, 0, request, head.length, length.length);
            int at = head.length + length.length;
            request[at++] = '\r';
            request[at++] = '\n';
            request[at++] = '\r';
            request[at++] = '\n';
            System.arraycopy(body, 0, request, at, body.length);
            out.write(request);
            out.flush();

            int end = headEnd();
            int code = status(pos, end);
            long contentLength = -1;
            boolean chunked = false;
            String version = null;
            // Header lines: name ':' value CRLF, up to the empty line.
            int line = indexOf('\n', pos, end) + 1;
            while (line < end - 2) {
                int eol = indexOf('\n', line, end);
                int colon = indexOf(':', line, eol);
                if (colon > line) {
                    int v = colon + 1;
                    int ve = eol;
                    while (v < ve && (buf[v] == ' ' || buf[v] == '\t')) {
                        v++;
                    }
                    while (ve > v && (buf[ve - 1] == '\r' || buf[ve - 1] == ' ' || buf[ve - 1] == '\t')) {
                        ve--;
                    }
                    if (named(line, colon, "content-length")) {
                        contentLength = number(v, ve);
                    } else if (named(line, colon, "transfer-encoding")) {
                        chunked = text(v, ve).toLowerCase(Locale.ROOT).contains("chunked");
                    } else if (named(line, colon, "connection")) {
                        reusable &= !text(v, ve).equalsIgnoreCase("close");
                    } else if (named(line, colon, "invaders-service-version")) {
                        version = text(v, ve);
                    }
                }
                line = eol + 1;
            }
            pos = end;
            byte[] data;
            if (code == 204 || code == 304 || code < 200) {
                data = new byte[0]; // no body, whatever the headers say (RFC 9112 6.3)
            } else if (chunked) {
                ByteArrayOutputStream all = new ByteArrayOutputStream();
                while (true) {
                    String size = line();
                    int semi = size.indexOf(';');
                    int n;
                    try {
                        n = Integer.parseInt((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
                    } catch (NumberFormatException e) {
                        throw new IOException("a bad chunk size: " + size);
                    }
                    if (n == 0) {
                        while (!line().isEmpty()) {
                            // trailers
                        }
                        break;
                    }
                    if (all.size() + n > MAX_ANSWER) {
                        throw new IOException("an answer over " + MAX_ANSWER + " bytes");
                    }
                    all.write(bytes(n));
                    line();
                }
                data = all.toByteArray();
            } else if (contentLength >= 0) {
                if (contentLength > MAX_ANSWER) {
                    throw new IOException("answer of " + contentLength + " bytes");
                }
                data = bytes((int) contentLength);
            } else {
                ByteArrayOutputStream all = new ByteArrayOutputStream();
                all.write(buf, pos, lim - pos);
                pos = lim;
                all.write(in.readNBytes(MAX_ANSWER + 1 - all.size()));
                if (all.size() > MAX_ANSWER) {
                    throw new IOException("an answer over " + MAX_ANSWER + " bytes");
                }
                data = all.toByteArray();
                reusable = false;
            }
            if (pos != lim) {
                reusable = false; // more than one answer to one request: never reuse such a connection
            }
            return new Response(code, data, version);
        }

        /** Reads until the buffer holds a whole head (through the empty line); returns the index past it. */
        private int headEnd() throws IOException {
            int scanned = 0; // relative to pos, which a fill may move
            while (true) {
                for (int i = pos + Math.max(scanned, 3); i < lim; i++) {
                    if (buf[i] == '\n' && buf[i - 1] == '\r' && buf[i - 2] == '\n' && buf[i - 3] == '\r') {
                        return i + 1;
                    }
                }
                scanned = lim - pos;
                if (scanned >= MAX_HEAD) {
                    throw new IOException("an answer's head over " + MAX_HEAD + " bytes");
                }
                fill();
            }
        }

        /** Reads more into the buffer (compacting or growing it); EOF is an error. */
        private void fill() throws IOException {
            if (lim == buf.length) {
                if (pos > 0) {
                    System.arraycopy(buf, pos, buf, 0, lim - pos);
                    lim -= pos;
                    pos = 0;
                } else {
                    buf = java.util.Arrays.copyOf(buf, buf.length * 2);
                }
            }
            int n = in.read(buf, lim, buf.length - lim);
            if (n < 0) {
                throw new EOFException("the connection closed");
            }
            lim += n;
            received += n;
        }

        private int status(int from, int end) throws IOException {
            int eol = indexOf('\n', from, end);
            // "HTTP/1.x NNN ..."
            if (eol - from < 12 || !text(from, from + 7).equals("HTTP/1.") || buf[from + 8] != ' ') {
                throw new IOException("not an HTTP answer: " + text(from, Math.max(from, eol - 1)));
            }
            long code = number(from + 9, from + 12);
            if (code < 100) {
                throw new IOException("not an HTTP status: " + text(from, eol - 1));
            }
            return (int) code;
        }

        private int indexOf(char c, int from, int to) {
            for (int i = from; i < to; i++) {
                if (buf[i] == c) {
                    return i;
                }
            }
            return to;
        }

        /** Whether the header name in [from, to) is {@code lower}, ignoring case. */
        private boolean named(int from, int to, String lower) {
            if (to - from != lower.length()) {
                return false;
            }
            for (int i = 0; i < lower.length(); i++) {
                int c = buf[from + i];
                if (c >= 'A' && c <= 'Z') {
                    c += 'a' - 'A';
                }
                if (c != lower.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        private long number(int from, int to) throws IOException {
            if (from >= to || to - from > 12) {
                throw new IOException("not a number: " + text(from, to));
            }
            long v = 0;
            for (int i = from; i < to; i++) {
                if (buf[i] < '0' || buf[i] > '9') {
                    throw new IOException("not a number: " + text(from, to));
                }
                v = v * 10 + buf[i] - '0';
            }
            return v;
        }

        private String text(int from, int to) {
            return new String(buf, from, Math.max(0, to - from), StandardCharsets.ISO_8859_1);
        }

        /** The next {@code n} bytes. */
        private byte[] bytes(int n) throws IOException {
            byte[] data = new byte[n];
            int have = Math.min(n, lim - pos);
            System.arraycopy(buf, pos, data, 0, have);
            pos += have;
            while (have < n) {
                int r = in.read(data, have, n - have);
                if (r < 0) {
                    throw new EOFException("the answer ended early");
                }
                have += r;
            }
            return data;
        }

        /** A line of a chunked body (sizes, trailers), without its CRLF. */
        private String line() throws IOException {
            int from = pos;
            while (true) {
                int eol = indexOf('\n', from, lim);
                if (eol < lim) {
                    int e = eol > pos && buf[eol - 1] == '\r' ? eol - 1 : eol;
                    String s = text(pos, e);
                    pos = eol + 1;
                    return s;
                }
                from = lim - pos;
                if (lim - pos > MAX_HEAD) {
                    throw new IOException("a line over " + MAX_HEAD + " bytes");
                }
                fill();
                from = pos + from;
            }
        }

        public void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
