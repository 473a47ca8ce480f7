package dev.invaders.cpu;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
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
 * instruction. The JDK client still serves the memory bus and the version probe.
 *
 * <p>Plain {@code http} only (the opcode services are cluster-internal; mTLS belongs to the mesh).
 * Handles Content-Length and chunked answers and {@code Connection: close}. A connection that fails is
 * closed, never reused. Blocking socket I/O on a virtual thread parks it, and is interruptible.
 */
final class KeepAliveClient {
    /** An answer: status and body. */
    record Response(int status, byte[] body) {
    }

    private final String host;
    private final int port;
    private final byte[] head;
    private final int timeoutMillis;
    private final ConcurrentLinkedDeque<Conn> idle = new ConcurrentLinkedDeque<>();

    KeepAliveClient(URI target, int timeoutMillis) {
        if (!"http".equals(target.getScheme())) {
            throw new IllegalArgumentException("opcode routes are plain http: " + target);
        }
        this.host = target.getHost();
        this.port = target.getPort() < 0 ? 80 : target.getPort();
        this.timeoutMillis = timeoutMillis;
        String path = target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath();
        this.head = ("POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + port
                + "\r\nContent-Type: application/json\r\nAccept: application/json\r\nContent-Length: ")
                .getBytes(StandardCharsets.US_ASCII);
    }

    Response post(byte[] body) throws IOException {
        Conn c = idle.pollFirst();
        if (c == null) {
            c = new Conn();
        }
        try {
            Response r = c.exchange(body);
            if (c.reusable) {
                idle.offerFirst(c);
            } else {
                c.close();
            }
            return r;
        } catch (IOException | RuntimeException e) {
            // Never reused; a kept-alive connection the server had closed is retried by the caller on a new one.
            c.close();
            throw e;
        }
    }

    void close() {
        Conn c;
        while ((c = idle.pollFirst()) != null) {
            c.close();
        }
    }

    private final class Conn {
        final Socket socket = new Socket();
        final InputStream in;
        final OutputStream out;
        boolean reusable = true;

        Conn() throws IOException {
            try {
                socket.setTcpNoDelay(true);
                socket.setKeepAlive(true);
                socket.connect(new InetSocketAddress(host, port), timeoutMillis);
                socket.setSoTimeout(timeoutMillis);
                in = new BufferedInputStream(socket.getInputStream(), 4096);
                out = new BufferedOutputStream(socket.getOutputStream(), 2048);
            } catch (IOException e) {
                socket.close();
                throw e;
            }
        }

        Response exchange(byte[] body) throws IOException {
            out.write(head);
            out.write(Integer.toString(body.length).getBytes(StandardCharsets.US_ASCII));
            out.write('\r');
            out.write('\n');
            out.write('\r');
            out.write('\n');
            out.write(body);
            out.flush();
            String status = line();
            if (!status.startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP answer: " + status);
            }
            int code = Integer.parseInt(status.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            for (String h = line(); !h.isEmpty(); h = line()) {
                int colon = h.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = h.substring(colon + 1).trim();
                switch (name) {
                    case "content-length" -> length = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    case "connection" -> reusable &= !value.equalsIgnoreCase("close");
                    default -> { }
                }
            }
            byte[] data;
            if (chunked) {
                ByteArrayOutputStream all = new ByteArrayOutputStream();
                while (true) {
                    String size = line();
                    int semi = size.indexOf(';');
                    int n = Integer.parseInt((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
                    if (n == 0) {
                        while (!line().isEmpty()) {
                            // trailers
                        }
                        break;
                    }
                    all.write(in.readNBytes(n));
                    line();
                }
                data = all.toByteArray();
            } else if (length >= 0) {
                if (length > 1 << 20) {
                    throw new IOException("answer of " + length + " bytes");
                }
                data = in.readNBytes((int) length);
                if (data.length != length) {
                    throw new EOFException("the answer ended early");
                }
            } else {
                data = in.readAllBytes();
                reusable = false;
            }
            return new Response(code, data);
        }

        private String line() throws IOException {
            StringBuilder sb = new StringBuilder(64);
            while (true) {
                int b = in.read();
                if (b < 0) {
                    throw new EOFException("the connection closed");
                }
                if (b == '\n') {
                    int n = sb.length();
                    return n > 0 && sb.charAt(n - 1) == '\r' ? sb.substring(0, n - 1) : sb.toString();
                }
                if (sb.length() > 8192) {
                    throw new IOException("header line too long");
                }
                sb.append((char) b);
            }
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
