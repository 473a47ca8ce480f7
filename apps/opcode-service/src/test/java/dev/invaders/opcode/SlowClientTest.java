package dev.invaders.opcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.invaders.testsupport.Http;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Slow clients cannot starve the service's 32 threads: 40 connections that send a request head and then
 * a body byte now and then (even with the token) leave the service answering the real caller.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Timeout(value = 2, unit = java.util.concurrent.TimeUnit.MINUTES)
class SlowClientTest {
    @LocalServerPort
    int port;

    @Test
    void fortySlowBodiesDoNotStarveTheRealCaller() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 40; i++) {
                Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
                slow.add(s);
                // With the token: a caller inside the mesh (one without is refused before its body is read).
                String auth = "Authorization: Bearer " + Http.FILE_TOKEN + "\r\n";
                OutputStream out = s.getOutputStream();
                out.write(("POST /api/v1/execute HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" + auth
                        + "Content-Length: 400\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
            Thread.sleep(500); // every slow request is in a thread now, waiting for its body
            Http http = new Http(port, Http.FILE_TOKEN);
            long start = System.nanoTime();
            Http.Response a = http.post("/api/v1/execute", Requests.execute(0, "", "", "", "null"));
            assertEquals(200, a.status(), a.body());
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < 10_000, "answered in " + millis + " ms");
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
    }
}
