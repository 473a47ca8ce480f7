package dev.invaders.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.invaders.cpu.http.KeepAliveClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The opcode calls' HTTP client against a scripted server: each answer is given as raw bytes. */
class KeepAliveClientTest {
    ServerSocket server;
    Thread acceptor;
    final BlockingQueue<byte[]> answers = new LinkedBlockingQueue<>();
    final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger connections = new AtomicInteger();
    KeepAliveClient client;

    @BeforeEach
    void start() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofPlatform().daemon().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    connections.incrementAndGet();
                    Thread.ofPlatform().daemon().start(() -> serve(s));
                } catch (IOException e) {
                    return;
                }
            }
        });
        client = new KeepAliveClient(URI.create("http://127.0.0.1:" + server.getLocalPort() + "/api/v1/execute"),
                2000);
    }

    @AfterEach
    void stop() throws IOException {
        client.close();
        server.close();
    }

    /** Reads a request (head and Content-Length body), answers the next scripted bytes; a trailing NUL closes. */
    private void serve(Socket s) {
        try (s) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            while (true) {
                ByteArrayOutputStream head = new ByteArrayOutputStream();
                while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                    int b = in.read();
                    if (b < 0) {
                        return;
                    }
                    head.write(b);
                }
                String h = head.toString(StandardCharsets.ISO_8859_1);
                int length = Integer.parseInt(h.replaceAll("(?s).*Content-Length: (\\d+)\r\n.*", "$1"));
                requests.add(h + new String(in.readNBytes(length), StandardCharsets.UTF_8));
                byte[] answer = answers.poll(5, TimeUnit.SECONDS);
                if (answer == null) {
                    return;
                }
                boolean close = answer.length > 0 && answer[answer.length - 1] == 0;
                int n = close ? answer.length - 1 : answer.length;
                // Written in small pieces, so that the client has to put the head together.
                for (int i = 0; i < n; i += 7) {
                    out.write(answer, i, Math.min(7, n - i));
                    out.flush();
                }
                if (close) {
                    return;
                }
            }
        } catch (IOException | InterruptedException e) {
            // the test is over
        }
    }

    private void script(String raw) {
        answers.add(raw.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String text(KeepAliveClient.Response r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @Test
    void keptAliveAnswersOnOneConnection() throws IOException {
        script("HTTP/1.1 200 \r\nContent-Type: application/json\r\nContent-Length: 7\r\n\r\n{\"a\":1}");
        script("HTTP/1.1 421 Misdirected Request\r\ncontent-length:   2 \r\nX-Other: :\r\n\r\n{}");
        KeepAliveClient.Response first = client.post("{\"opcode\":0}".getBytes(StandardCharsets.UTF_8));
        assertEquals(200, first.status());
        assertEquals("{\"a\":1}", text(first));
        KeepAliveClient.Response second = client.post("{}".getBytes(StandardCharsets.UTF_8));
        assertEquals(421, second.status());
        assertEquals("{}", text(second));
        assertEquals(1, connections.get(), "the connection was reused");
        assertTrue(requests.getFirst().startsWith("POST /api/v1/execute HTTP/1.1\r\nHost: 127.0.0.1:"), requests.getFirst());
        assertTrue(requests.getFirst().endsWith("Content-Length: 12\r\n\r\n{\"opcode\":0}"), requests.getFirst());
    }

    @Test
    void otherMethodsAndTheVersionHeader() throws IOException {
        script("HTTP/1.1 200 \r\nINVADERS-SERVICE-VERSION:  1.2.3 \r\nContent-Length: 2\r\n\r\nup");
        script("HTTP/1.1 204 \r\nContent-Length: 0\r\n\r\n");
        KeepAliveClient.Response probe = client.send("GET", "/actuator/health/readiness", null);
        assertEquals(200, probe.status());
        assertEquals("1.2.3", probe.version());
        assertEquals("up", text(probe));
        KeepAliveClient.Response put = client.send("PUT", "/api/v1/sessions/x?y=1", "{}".getBytes(StandardCharsets.UTF_8));
        assertEquals(204, put.status());
        assertEquals(null, put.version());
        assertEquals(0, put.body().length);
        assertTrue(requests.get(0).startsWith("GET /actuator/health/readiness HTTP/1.1\r\n"), requests.get(0));
        assertTrue(requests.get(0).endsWith("Content-Length: 0\r\n\r\n"), requests.get(0));
        assertTrue(requests.get(1).startsWith("PUT /api/v1/sessions/x?y=1 HTTP/1.1\r\n"), requests.get(1));
        assertTrue(requests.get(1).endsWith("\r\n\r\n{}"), requests.get(1));
        assertEquals(1, connections.get());
    }

    @Test
    void chunkedAnswersAndConnectionClose() throws IOException {
        script("HTTP/1.1 200 OK\r\nTransfer-Encoding: Chunked\r\n\r\n4;x=y\r\n{\"a\"\r\n3\r\n:1}\r\n0\r\nT: 1\r\n\r\n");
        assertEquals("{\"a\":1}", text(client.post(new byte[] {'x'})));
        script("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok");
        assertEquals("ok", text(client.post(new byte[] {'x'})));
        script("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nnew");
        assertEquals("new", text(client.post(new byte[] {'x'})));
        assertEquals(2, connections.get(), "a closed connection is not reused");
    }

    @Test
    void anAnswerWithoutLengthEndsWithTheConnection() throws IOException {
        script("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nall of it\0");
        // The server closes after writing; the body is what came before the end.
        assertEquals("all of it", text(client.post(new byte[] {'x'})));
    }

    @Test
    void brokenAnswersAreErrorsAndTheConnectionIsDropped() throws IOException {
        script("SSH-2.0-OpenSSH\r\n\r\n");
        IOException notHttp = assertThrows(IOException.class, () -> client.post(new byte[] {'x'}));
        assertTrue(notHttp.getMessage().startsWith("not an HTTP answer"), notHttp.getMessage());
        script("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort\0");
        assertThrows(IOException.class, () -> client.post(new byte[] {'x'}));
        script("HTTP/1.1 200 OK\r\nContent-Length: abc\r\n\r\n");
        assertThrows(IOException.class, () -> client.post(new byte[] {'x'}));
        script("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        assertArrayEquals("ok".getBytes(StandardCharsets.US_ASCII), client.post(new byte[] {'x'}).body());
        assertEquals(4, connections.get(), "each failed connection was dropped");
    }

    @Test
    void a204WithoutContentLengthHasNoBodyAndKeepsTheConnection() throws IOException {
        // The memory bus's DELETE answer: before, the client waited for a body until its read timed out.
        script("HTTP/1.1 204 \r\nInvaders-Service-Version: 1\r\n\r\n");
        script("HTTP/1.1 200 \r\nContent-Length: 2\r\n\r\n{}");
        long start = System.nanoTime();
        KeepAliveClient.Response deleted = client.send("DELETE", "/api/v1/sessions/a?epoch=1", null);
        assertEquals(204, deleted.status());
        assertEquals(0, deleted.body().length);
        assertTrue(System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(1500), "answered before the read timeout");
        assertEquals("{}", text(client.send("GET", "/api/v1/sessions", null)));
        assertEquals(1, connections.get());
    }

    @Test
    void aSafeRequestOnAPooledConnectionTheServerClosedIsSentAgainOnANewOne() throws Exception {
        script("HTTP/1.1 200 \r\nContent-Length: 2\r\n\r\n{}\0"); // the server closes after it (idle timeout)
        script("HTTP/1.1 200 \r\nContent-Length: 7\r\n\r\n{\"b\":2}");
        assertEquals("{}", text(client.send("GET", "/api/v1/sessions", null)));
        Thread.sleep(200); // the server's close reaches the pooled connection (nothing to poll for outside the client)
        KeepAliveClient.Response again = client.send("PUT", "/api/v1/sessions/a/checkpoint", "{}".getBytes());
        assertEquals("{\"b\":2}", text(again));
        assertEquals(2, connections.get());
    }

    @Test
    void anUnsafeRequestOnAClosedPooledConnectionIsNotSentAgain() throws Exception {
        script("HTTP/1.1 200 \r\nContent-Length: 2\r\n\r\n{}\0");
        script("HTTP/1.1 200 \r\nContent-Length: 2\r\n\r\n{}");
        assertEquals("{}", text(client.send("GET", "/api/v1/sessions", null)));
        Thread.sleep(200); // the server's close reaches the pooled connection (nothing to poll for outside the client)
        assertThrows(IOException.class, () -> client.send("POST", "/api/v1/sessions/a/claim", new byte[0]));
        assertEquals(1, connections.get());
    }

    @Test
    void theInternalTokenGoesWithEveryRequest() throws IOException {
        client.close();
        client = new KeepAliveClient(URI.create("http://127.0.0.1:" + server.getLocalPort() + "/api/v1/execute"),
                2000, "Bearer secret-secret-secret");
        script("HTTP/1.1 200 \r\nContent-Length: 2\r\n\r\n{}");
        script("HTTP/1.1 200 \r\nContent-Length: 2\r\n\r\n{}");
        client.post("{}".getBytes());
        client.send("GET", "/actuator/health/readiness", null);
        assertEquals(2, requests.size());
        requests.forEach(r -> assertTrue(r.contains("\r\nAuthorization: Bearer secret-secret-secret\r\n"), r));
    }
}
