package dev.invaders.ui;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * The UI's own meters (Prometheus names): {@code invaders_ui_stream_bytes_total} (bytes of fetch-execute's
 * frame stream relayed to browsers), {@code invaders_ui_stream_messages_total{type}},
 * {@code invaders_ui_streams_active}, {@code invaders_ui_streams_closed_total{reason}},
 * {@code invaders_ui_inputs_total{outcome}}, {@code invaders_ui_upstream_failures_total{reason}} and
 * {@code invaders_ui_refused_total{status}} (bodies over the size limit).
 */
@Component
public class StreamMetrics {
    private final MeterRegistry registry;
    private final Counter bytes;
    private final Counter frames;
    private final Counter stats;
    private final Counter console;
    private final Counter end;
    private final Counter other;
    private final AtomicInteger active = new AtomicInteger();

    public StreamMetrics(MeterRegistry registry) {
        this.registry = registry;
        bytes = Counter.builder("invaders.ui.stream.bytes").baseUnit("bytes")
                .description("Bytes of frame stream relayed to browsers (message headers included)").register(registry);
        frames = messages("frame");
        stats = messages("stats");
        console = messages("console");
        end = messages("end");
        other = messages("other");
        Gauge.builder("invaders.ui.streams.active", active, AtomicInteger::get)
                .description("WebSocket frame streams being relayed").register(registry);
    }

    private Counter messages(String type) {
        return Counter.builder("invaders.ui.stream.messages").tag("type", type)
                .description("Frame stream messages relayed to browsers").register(registry);
    }

    /** One message of {@code length} bytes (header included) relayed. */
    void relayed(int type, int length) {
        bytes.increment(length);
        (switch (type) {
            case StreamMessage.FRAME -> frames;
            case StreamMessage.STATS -> stats;
            case StreamMessage.CONSOLE -> console;
            case StreamMessage.END -> end;
            default -> other;
        }).increment();
    }

    /** The bytes relayed so far, all streams. */
    public double bytesRelayed() {
        return bytes.count();
    }

    void streamOpened() {
        active.incrementAndGet();
    }

    void streamClosed(String reason) {
        active.decrementAndGet();
        registry.counter("invaders.ui.streams.closed", "reason", reason).increment();
    }

    void streamRefused() {
        registry.counter("invaders.ui.streams.refused").increment();
    }

    public int activeStreams() {
        return active.get();
    }

    void input(String outcome) {
        registry.counter("invaders.ui.inputs", "outcome", outcome).increment();
    }

    void upstreamFailure(String reason) {
        registry.counter("invaders.ui.upstream.failures", "reason", reason).increment();
    }

    void refused(int status) {
        registry.counter("invaders.ui.refused", "status", Integer.toString(status)).increment();
    }
}
