package dev.invaders.loadtest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The load test report's latency section: fetch-execute's calls to the opcode services, per family, from two
 * scrapes of its Prometheus endpoint.
 */
final class OpcodeLatency {

    private OpcodeLatency() {
    }

    /** fetch-execute's invaders_opcode_calls_seconds histogram, per family (outcome ok), and errors. */
    static Map<String, TreeMap<Double, Double>> callBuckets(String scrape, String outcome) {
        return Prometheus.buckets(scrape, "invaders_opcode_calls_seconds", "family", Map.of("outcome", outcome));
    }

    /** The latency section of the report from two scrapes of fetch-execute (start, end). */
    static Map<String, Object> report(String start, String end) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("source", "fetch-execute /actuator/prometheus: invaders_opcode_calls_seconds (each call attempt "
                + "to an opcode service, buckets 0.05 ms to 2 s), outcome ok, difference between the start and the end "
                + "of the run; p50/p95/p99 interpolated in the buckets like histogram_quantile; milliseconds");
        Map<String, TreeMap<Double, Double>> a = callBuckets(start, "ok");
        Map<String, TreeMap<Double, Double>> b = callBuckets(end, "ok");
        Map<String, TreeMap<Double, Double>> errA = callBuckets(start, "error");
        Map<String, TreeMap<Double, Double>> errB = callBuckets(end, "error");
        if (b.isEmpty()) {
            out.put("note", "fetch-execute publishes no invaders_opcode_calls_seconds buckets");
            out.put("families", Map.of());
            return out;
        }
        Map<String, Object> families = new TreeMap<>();
        boolean reset = false;
        for (var e : b.entrySet()) {
            TreeMap<Double, Double> d = Prometheus.delta(a.get(e.getKey()), e.getValue());
            if (a.containsKey(e.getKey()) && a.get(e.getKey()).lastEntry().getValue() > e.getValue().lastEntry().getValue()) {
                reset = true;
            }
            double calls = d.isEmpty() ? 0 : d.lastEntry().getValue();
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("calls", calls);
            TreeMap<Double, Double> errs = errB.containsKey(e.getKey())
                    ? Prometheus.delta(errA.get(e.getKey()), errB.get(e.getKey())) : new TreeMap<>();
            f.put("errorCalls", errs.isEmpty() ? 0 : errs.lastEntry().getValue());
            if (calls <= 0) {
                f.put("note", "no calls of this family during the run (cached or local mode, or not used)");
            } else {
                f.put("p50ms", Percentiles.ofHistogram(d, 50) * 1000);
                f.put("p95ms", Percentiles.ofHistogram(d, 95) * 1000);
                f.put("p99ms", Percentiles.ofHistogram(d, 99) * 1000);
            }
            families.put(e.getKey(), f);
        }
        if (reset) out.put("note", "fetch-execute restarted during the run: its counters started again, so the figures "
                + "cover only the time since its restart");
        out.put("families", families);
        return out;
    }
}
