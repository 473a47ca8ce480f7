package dev.invaders.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Slow clients for the services' slow-client tests: {@code count} connections that each send the start of a
 * request and then nothing (a body announced but not sent, or a head never ended), held open until
 * {@link #close}. A connection the server has no room for yet waits in its accept queue.
 */
public final class SlowClients implements AutoCloseable {
    private final List<Socket> sockets = new ArrayList<>();

    private SlowClients() {
    }

    /** {@code count} connections to this port, each sending {@code start} (the start of a request) and stalling. */
    public static SlowClients open(int port, int count, String start) throws IOException {
        SlowClients clients = new SlowClients();
        try {
            for (int i = 0; i < count; i++) {
                Socket s = new Socket();
                clients.sockets.add(s);
                s.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
                OutputStream out = s.getOutputStream();
                out.write(start.getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        } catch (IOException | RuntimeException e) {
            clients.close();
            throw e;
        }
        return clients;
    }

    /** A POST whose head is complete and whose body (400 bytes announced) stops after its first byte. */
    public static String stalledBody(String path, String token) {
        return "POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
                + "Content-Length: 400\r\n\r\n{";
    }

    /** A head that is never finished: the request line and one header. */
    public static String stalledHead(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: x\r\n";
    }

    public int size() {
        return sockets.size();
    }

    @Override
    public void close() {
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        sockets.clear();
    }
}
