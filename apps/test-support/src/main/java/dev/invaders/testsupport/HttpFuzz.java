package dev.invaders.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The fuzz tests' oracle, over raw sockets (so that malformed requests reach the server as they are): a request is sent
 * as bytes ({@link #send}) and its answer checked ({@link #check}): no 5xx, no HTML, no stack trace, an error is {@code
 * application/problem+json}; {@link #healthy} after. The requests themselves come from {@link FuzzRequests}, run by
 * {@link Fuzz}. Plus the requests Tomcat itself refuses ({@link #tomcatRefusals}: a bad request line, {@code %00}, a 10
 * KB query string, a header over the limit).
 */
public final class HttpFuzz {
    private HttpFuzz() {
    }

    /** A raw answer. */
    public record Answer(int status, String head, String body) {
        public String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }

    /** Sends these bytes as they are and reads the answer (the connection is closed after it). */
    public static Answer send(int port, byte[] request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(15_000);
            OutputStream out = s.getOutputStream();
            try {
                out.write(request);
                out.flush();
                s.shutdownOutput();
            } catch (IOException e) {
                // the server may answer and close before reading everything: read what it said
            }
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    got.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException e) {
                throw new AssertionError("no complete answer within 15 s to: " + printable(request), e);
            } catch (IOException e) {
                // reset after the answer
            }
            String text = got.toString(StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            String head = end < 0 ? text : text.substring(0, end);
            String body = end < 0 ? "" : text.substring(end + 4);
            int status = -1;
            if (head.startsWith("HTTP/1.1 ") && head.length() >= 12) {
                status = Integer.parseInt(head.substring(9, 12));
            }
            return new Answer(status, head, body);
        }
    }

    /** A request with Connection: close and Content-Length. */
    public static byte[] request(String method, String target, Map<String, String> headers, String body) {
        StringBuilder b = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        b.append("Host: 127.0.0.1\r\n");
        headers.forEach((k, v) -> b.append(k).append(": ").append(v).append("\r\n"));
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (body != null) {
            b.append("Content-Length: ").append(content.length).append("\r\n");
        }
        b.append("Connection: close\r\n\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(b.toString().getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        return out.toByteArray();
    }

    /**
     * Checks one answer: a status below 500 and, for an error, a problem body (no HTML, no stack trace).
     *
     * @param what the request, for the message
     */
    public static void check(Answer a, String what) {
        if (a.status() < 100) {
            throw new AssertionError("no HTTP answer to " + what + ": " + a.head());
        }
        if (a.status() >= 500) {
            throw new AssertionError(a.status() + " to " + what + ": " + a.head() + "\n" + a.body());
        }
        String lower = a.body().toLowerCase(Locale.ROOT);
        if (a.status() >= 400 && (lower.contains("<html") || lower.contains("<!doctype"))) {
            throw new AssertionError("HTML answer " + a.status() + " to " + what + ": " + a.body());
        }
        if (a.body().contains("\tat ") || a.body().matches("(?s).*\\bat [a-z]+\\.[a-z.]+\\.[A-Z]\\w*\\.\\w+\\(.*")) {
            throw new AssertionError("a stack trace in the answer to " + what + ": " + a.body());
        }
        if (a.status() >= 400 && a.status() != 426 && !a.body().isEmpty()) {
            String type = a.header("Content-Type");
            if (type == null || !type.startsWith("application/problem+json")) {
                throw new AssertionError(a.status() + " without a problem body to " + what + ": " + a.head() + "\n"
                        + a.body());
            }
        }
    }

    /** The requests Tomcat refuses itself, each checked like the rest (and each a 4xx). */
    public static void tomcatRefusals(int port, String apiPath) throws IOException {
        List<byte[]> bad = new ArrayList<>();
        bad.add(request("GET", apiPath + "/%00", Map.of(), null));
        bad.add(request("GET", apiPath + "/a%00b/x", Map.of(), null));
        bad.add(request("GET", apiPath + "?" + "q=" + "x".repeat(10 * 1024), Map.of(), null));
        bad.add(request("GET", apiPath, Map.of("X-Big", "y".repeat(12 * 1024)), null));
        bad.add("GET /a b c HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        bad.add("BLAH\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        bad.add("GET / HTTP/9.9\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        bad.add("GET /\u0001 HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        bad.add("GET / HTTP/1.1\r\nHo st: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        bad.add("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        bad.add(request("GET", apiPath + "/%zz", Map.of(), null));
        bad.add(request("GET", apiPath + "/..%2f..%2fetc%2fpasswd", Map.of(), null));
        // Tomcat refuses TRACE itself, then its error page names a target Spring MVC cannot decode (Jazzer's find)
        bad.add(request("TRACE", apiPath + "/x;b=%zz", Map.of(), null));
        for (byte[] r : bad) {
            Answer a = send(port, r);
            String what = printable(r);
            boolean version = what.contains("HTTP/9.9");
            // 505 is the right answer to an HTTP version the server does not speak: a refusal, not a fault.
            check(version && a.status() == 505 ? new Answer(400, a.head(), a.body()) : a, what);
            if (a.status() < 400) {
                throw new AssertionError("accepted: " + what + " -> " + a.head());
            }
            if (a.body().isEmpty() || !"application/problem+json".equals(
                    a.header("Content-Type") == null ? null : a.header("Content-Type").split(";")[0])) {
                throw new AssertionError("not a problem: " + what + " -> " + a.head() + "\n" + a.body());
            }
        }
    }

    /** After the fuzzing: the service still answers {@code healthPath} with 200. */
    public static void healthy(int port, String healthPath) throws IOException {
        Answer health = send(port, request("GET", healthPath, Map.of(), null));
        if (health.status() != 200) {
            throw new AssertionError("after the fuzzing " + healthPath + " answered " + health.head());
        }
    }

    static String printable(byte[] request) {
        String s = new String(request, 0, Math.min(request.length, 300), StandardCharsets.ISO_8859_1);
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            out.append(c == '\r' ? "\\r" : c == '\n' ? "\\n" : c < 0x20 || c > 0x7e ? "?" : String.valueOf(c));
        }
        return out + (request.length > 300 ? "... (" + request.length + " bytes)" : "");
    }
}
