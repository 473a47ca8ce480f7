package dev.invaders.loadtest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code ./load-test capacity}'s report: capacity.json, capacity.html and the charts. */
final class CapacityReport {

    private CapacityReport() {
    }

    @SuppressWarnings("unchecked")
    static List<String> write(Path dir, Map<String, Object> report) throws IOException {
        Files.writeString(dir.resolve("capacity.json"), Json.write(report) + "\n");
        List<Map<String, Object>> results = (List<Map<String, Object>>) report.get("results");
        List<Double> quotas = results.stream().map(r -> ((Number) r.get("quotaCpus")).doubleValue()).distinct().toList();
        List<Charts.Series> tput = new ArrayList<>();
        List<Charts.Series> p99 = new ArrayList<>();
        for (double q : quotas) {
            List<double[]> a = new ArrayList<>();
            List<double[]> b = new ArrayList<>();
            for (Map<String, Object> r : results) {
                if (((Number) r.get("quotaCpus")).doubleValue() != q) continue;
                double c = ((Number) r.get("concurrency")).doubleValue();
                a.add(new double[]{c, ((Number) r.get("callsPerSecond")).doubleValue()});
                b.add(new double[]{c, ((Number) r.get("p99ms")).doubleValue()});
            }
            tput.add(new Charts.Series(q + " CPU", a));
            p99.add(new Charts.Series(q + " CPU", b));
        }
        Map<String, byte[]> charts = new LinkedHashMap<>();
        charts.put("capacity-throughput.png", Charts.lines("execute calls a second, one opcode service, by CPU quota",
                "concurrent callers", "calls/s", tput, Double.NaN, ""));
        charts.put("capacity-p99.png", Charts.lines("p99 latency of execute calls, by CPU quota", "concurrent callers", "ms",
                p99, Double.NaN, ""));
        List<Map<String, Object>> fams = (List<Map<String, Object>>) report.get("families");
        List<String> names = fams.stream().limit(16).map(f -> (String) f.get("family")).toList();
        Map<String, double[]> v = new LinkedHashMap<>();
        v.put("calls/s per real-time strict session", fams.stream().limit(16)
                .mapToDouble(f -> ((Number) f.get("callsPerSecondRealtime")).doubleValue()).toArray());
        charts.put("capacity-families.png", Charts.bars("execute calls per family, one real-time demo game (busiest 16)",
                "calls/s", names, List.of("calls/s per real-time strict session"), v));
        List<Map<String, Object>> scale = (List<Map<String, Object>>) report.get("scaleOut");
        if (scale != null && !scale.isEmpty()) {
            List<double[]> pts = new ArrayList<>();
            for (Map<String, Object> r : scale) {
                pts.add(new double[]{((Number) r.get("instances")).doubleValue(), ((Number) r.get("callsPerSecond")).doubleValue()});
            }
            charts.put("capacity-scale-out.png", Charts.lines("family " + scale.getFirst().get("family")
                    + ": calls/s against instances (1 CPU each, 16 callers)", "instances", "calls/s",
                    List.of(new Charts.Series("calls/s", pts)), Double.NaN, ""));
        }
        List<String> files = new ArrayList<>(List.of("capacity.json", "capacity.html"));
        for (var e : charts.entrySet()) {
            Files.write(dir.resolve(e.getKey()), e.getValue());
            files.add(e.getKey());
        }
        StringBuilder h = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>Opcode service capacity"
                + "</title><style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;"
                + "padding:2px 8px;text-align:right}</style></head><body><h1>One opcode service's capacity under a CPU quota</h1>");
        h.append("<p>").append(esc(Json.write(report.get("run")))).append("</p>");
        h.append("<table><tr><th>quota CPUs</th><th>callers</th><th>calls/s</th><th>p50 ms</th><th>p99 ms</th>"
                + "<th>CPU &micro;s/call</th><th>throttled periods</th><th>errors</th></tr>");
        for (Map<String, Object> r : results) {
            h.append(String.format("<tr><td>%.2f</td><td>%d</td><td>%,.0f</td><td>%.2f</td><td>%.2f</td><td>%.0f</td><td>%.0f%%</td><td>%d</td></tr>",
                    ((Number) r.get("quotaCpus")).doubleValue(), ((Number) r.get("concurrency")).intValue(),
                    ((Number) r.get("callsPerSecond")).doubleValue(), ((Number) r.get("p50ms")).doubleValue(),
                    ((Number) r.get("p99ms")).doubleValue(), ((Number) r.get("cpuMicrosPerCall")).doubleValue(),
                    100 * ((Number) r.get("throttledPeriodsShare")).doubleValue(), ((Number) r.get("errors")).longValue()));
        }
        h.append("</table><h2>Calls per family (demo game)</h2><table><tr><th>family</th><th>share</th><th>calls/frame</th>"
                + "<th>calls/s, one real-time strict session</th></tr>");
        for (Map<String, Object> f : fams) {
            h.append(String.format("<tr><td>%s</td><td>%.2f%%</td><td>%.1f</td><td>%,.0f</td></tr>", esc(f.get("family")),
                    100 * ((Number) f.get("share")).doubleValue(), ((Number) f.get("callsPerFrame")).doubleValue(),
                    ((Number) f.get("callsPerSecondRealtime")).doubleValue()));
        }
        h.append("</table>");
        if (scale != null && !scale.isEmpty()) {
            h.append("<h2>Scale-out</h2><table><tr><th>instances</th><th>calls/s</th><th>p50 ms</th><th>p99 ms</th><th>errors</th></tr>");
            for (Map<String, Object> r : scale) {
                h.append(String.format("<tr><td>%d</td><td>%,.0f</td><td>%.2f</td><td>%.2f</td><td>%d</td></tr>",
                        ((Number) r.get("instances")).intValue(), ((Number) r.get("callsPerSecond")).doubleValue(),
                        ((Number) r.get("p50ms")).doubleValue(), ((Number) r.get("p99ms")).doubleValue(),
                        ((Number) r.get("errors")).longValue()));
            }
            h.append("</table>");
        }
        for (var e : charts.entrySet()) {
            h.append("<p><img alt=\"").append(e.getKey()).append("\" src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(e.getValue())).append("\"></p>");
        }
        h.append("</body></html>\n");
        Files.writeString(dir.resolve("capacity.html"), h.toString(), StandardCharsets.UTF_8);
        return files;
    }

    private static String esc(Object o) {
        return String.valueOf(o).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
