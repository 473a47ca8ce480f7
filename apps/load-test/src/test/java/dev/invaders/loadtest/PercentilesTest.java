package dev.invaders.loadtest;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PercentilesTest {
    @Test
    void nearestRank() {
        List<Double> v = List.of(5.0, 1.0, 4.0, 2.0, 3.0, 10.0, 9.0, 8.0, 7.0, 6.0);
        assertEquals(5.0, Percentiles.median(v));
        assertEquals(10.0, Percentiles.of(v, 95));
        assertEquals(9.0, Percentiles.of(v, 90));
        assertEquals(1.0, Percentiles.of(v, 1));
        assertEquals(1.0, Percentiles.min(v));
        assertTrue(Double.isNaN(Percentiles.median(List.of())));
    }

    @Test
    void histogramInterpolatesLikeHistogramQuantile() {
        TreeMap<Double, Double> h = new TreeMap<>();
        h.put(0.001, 50.0);   // 50 at or under 1 ms
        h.put(0.002, 90.0);   // 40 in (1, 2] ms
        h.put(0.005, 100.0);  // 10 in (2, 5] ms
        h.put(Double.POSITIVE_INFINITY, 100.0);
        assertEquals(0.001, Percentiles.ofHistogram(h, 50), 1e-12);
        assertEquals(0.0015, Percentiles.ofHistogram(h, 70), 1e-12);
        assertEquals(0.0035, Percentiles.ofHistogram(h, 95), 1e-12);
        assertEquals(0.0047, Percentiles.ofHistogram(h, 99), 1e-12);
        assertEquals(0.0005, Percentiles.ofHistogram(h, 25), 1e-12);
    }

    @Test
    void histogramEdgeCases() {
        TreeMap<Double, Double> empty = new TreeMap<>();
        empty.put(0.001, 0.0);
        empty.put(Double.POSITIVE_INFINITY, 0.0);
        assertTrue(Double.isNaN(Percentiles.ofHistogram(empty, 50)));
        TreeMap<Double, Double> overflow = new TreeMap<>();
        overflow.put(0.001, 0.0);
        overflow.put(2.0, 1.0);
        overflow.put(Double.POSITIVE_INFINITY, 10.0);
        assertEquals(2.0, Percentiles.ofHistogram(overflow, 99)); // in +Inf: the highest finite bound
    }

    @Test
    void scrapeDifference() {
        String start = """
                # TYPE invaders_opcode_calls_seconds histogram
                invaders_opcode_calls_seconds_bucket{family="mov",outcome="ok",le="0.001"} 10.0
                invaders_opcode_calls_seconds_bucket{family="mov",outcome="ok",le="+Inf"} 10.0
                invaders_opcode_calls_seconds_bucket{family="add",outcome="ok",le="0.001"} 0.0
                invaders_opcode_calls_seconds_bucket{family="add",outcome="ok",le="+Inf"} 0.0
                """;
        String end = """
                invaders_opcode_calls_seconds_bucket{family="mov",outcome="ok",le="0.001"} 60.0
                invaders_opcode_calls_seconds_bucket{family="mov",outcome="ok",le="0.002"} 110.0
                invaders_opcode_calls_seconds_bucket{family="mov",outcome="ok",le="+Inf"} 110.0
                invaders_opcode_calls_seconds_bucket{family="mov",outcome="error",le="+Inf"} 3.0
                invaders_opcode_calls_seconds_bucket{family="add",outcome="ok",le="0.001"} 0.0
                invaders_opcode_calls_seconds_bucket{family="add",outcome="ok",le="+Inf"} 0.0
                invaders_opcode_calls_seconds_count{family="mov",outcome="ok"} 110.0
                """;
        var report = OpcodeLatency.report(start, end);
        @SuppressWarnings("unchecked")
        var families = (java.util.Map<String, java.util.Map<String, Object>>) report.get("families");
        assertEquals(100.0, families.get("mov").get("calls"));
        assertEquals(3.0, families.get("mov").get("errorCalls"));
        assertEquals(1.0, (double) families.get("mov").get("p50ms"), 1e-9);
        assertEquals(0.0, families.get("add").get("calls"));
        assertTrue(((String) families.get("add").get("note")).startsWith("no calls"));
    }

    @Test
    void noHistogramIsSaid() {
        var report = OpcodeLatency.report("", "jvm_memory_used_bytes{area=\"heap\"} 1.0\n");
        assertTrue(((String) report.get("note")).contains("publishes no"));
    }
}
