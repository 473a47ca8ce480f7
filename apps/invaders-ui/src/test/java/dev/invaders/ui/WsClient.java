package dev.invaders.ui;

import dev.invaders.testsupport.Http;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A WebSocket test client: collects whole messages (binary and text) and the close code. */
final class WsClient implements WebSocket.Listener, AutoCloseable {
    /** A message as received: bytes for binary, text for text. */
    record Message(byte[] bytes, String text) {
        int type() {
            return bytes[0] & 0xFF;
        }

        int length() {
            return ByteBuffer.wrap(bytes, 1, 4).getInt();
        }

        byte[] payload() {
            return java.util.Arrays.copyOfRange(bytes, 5, bytes.length);
        }
    }

    final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    volatile String closeReason;
    final WebSocket socket;
    private final ByteArrayOutputStream binary = new ByteArrayOutputStream();
    private final StringBuilder text = new StringBuilder();

    WsClient(String httpBase, String path) {
        URI uri = URI.create(httpBase.replaceFirst("^http", "ws") + path);
        this.socket = Http.CLIENT.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(uri, this).join();
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
        byte[] b = new byte[data.remaining()];
        data.get(b);
        binary.writeBytes(b);
        if (last) {
            messages.add(new Message(binary.toByteArray(), null));
            binary.reset();
        }
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
            messages.add(new Message(null, text.toString()));
            text.setLength(0);
        }
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
        closeReason = reason;
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
        closed.complete(-1);
    }

    Message next(Duration timeout) throws InterruptedException {
        Message m = messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (m == null) {
            throw new AssertionError("no message within " + timeout + (closed.isDone() ? "; closed with "
                    + closed.getNow(null) + " " + closeReason : ""));
        }
        return m;
    }

    int awaitClose(Duration timeout) throws Exception {
        return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    void send(String json) {
        socket.sendText(json, true).join();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "test done").exceptionally(e -> null);
        }
        socket.abort();
    }
}
