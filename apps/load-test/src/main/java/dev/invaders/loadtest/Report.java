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

/** report.json (fields in apps/load-test/README.md), the charts as PNG files and report.html with them inlined. */
public final class Report {
    private Report() {
    }

    /** 1 when no session ran, any session's hash differs from local mode's, or a session failed or was lost; else 0. */
    public static int exitCode(List<SessionRecord> sessions) {
        if (sessions.isEmpty()) return 1;
        for (SessionRecord r : sessions) {
            if (r.hashMismatch()) return 1;
            switch (r.outcome) {
                case FAILED, LOST, NOT_CREATED -> {
                    return 1;
                }
                default -> {
                }
            }
        }
        return 0;
    }

    static long count(List<SessionRecord> sessions, SessionRecord.Outcome o) {
        return sessions.stream().filter(r -> r.outcome == o).count();
    }

    public static Map<String, Object> json(Options o, Map<String, Object> run, List<SessionRecord> sessions, long errors,
                                           List<Map<String, Object>> timeline, Map<String, Object> latency,
                                           List<Map<String, Object>> chaos, List<Map<String, Object>> replicas,
                                           String replicasOmitted, List<String> notes) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", 1);
        m.put("run", run);
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("target", run.get("target"));
        options.put("sessions", o.sessions());
        options.put("rampSeconds", o.rampSeconds());
        options.put("durationSeconds", o.durationSeconds());
        options.put("mode", o.mode());
        options.put("workload", o.workload());
        options.put("chaos", o.chaos());
        if (o.chaos()) options.put("chaosEverySeconds", o.chaosEverySeconds());
        options.put("stallSeconds", o.stallSeconds());
        m.put("options", options);
        m.put("sessions", sessions.size());
        m.put("finished", count(sessions, SessionRecord.Outcome.FINISHED));
        m.put("failedSessions", count(sessions, SessionRecord.Outcome.FAILED));
        m.put("lostSessions", count(sessions, SessionRecord.Outcome.LOST));
        m.put("notCreated", count(sessions, SessionRecord.Outcome.NOT_CREATED));
        m.put("interrupted", count(sessions, SessionRecord.Outcome.INTERRUPTED));
        m.put("hashMismatches", sessions.stream().filter(SessionRecord::hashMismatch).count());
        m.put("errors", errors);
        List<Double> windowMins = new ArrayList<>();
        List<Double> medians = new ArrayList<>();
        for (SessionRecord r : sessions) {
            if (!r.invaders) continue;
            List<Double> w = r.windowFps(10);
            if (!w.isEmpty()) windowMins.add(Percentiles.min(w));
            List<Double> fps = r.samples().stream().map(SessionRecord.Sample::fps).toList();
            if (!fps.isEmpty()) medians.add(Percentiles.median(fps));
        }
        Map<String, Object> fps = new LinkedHashMap<>();
        fps.put("realtime", LoadTest.REALTIME_FPS);
        fps.put("medianOfSessionMedians", Percentiles.median(medians));
        fps.put("minWindow10s", Percentiles.min(windowMins));
        fps.put("sessionsWithEveryWindowAtLeast59", windowMins.stream().filter(v -> v >= 59).count());
        fps.put("sessionsWithWindows", windowMins.size());
        m.put("fps", fps);
        double seconds = timeline.isEmpty() ? 0 : ((Number) timeline.getLast().get("t")).doubleValue();
        long instructions = sessions.stream().mapToLong(r -> r.instructions).sum();
        m.put("instructions", instructions);
        m.put("instructionsPerSecond", seconds > 0 ? instructions / seconds : 0.0);
        m.put("latency", latency);
        m.put("chaos", o.chaos() ? chaos : null);
        if (replicasOmitted != null) {
            m.put("replicas", null);
            m.put("replicasOmitted", replicasOmitted);
        } else {
            m.put("replicas", replicas);
        }
        m.put("notes", notes);
        m.put("perSession", sessions.stream().map(SessionRecord::toJson).toList());
        m.put("timeline", timeline);
        m.put("exitCode", exitCode(sessions));
        return m;
    }

    /** Writes report.json, the PNGs and report.html into dir; returns the files' names. */
    @SuppressWarnings("unchecked")
    public static List<String> write(Path dir, Map<String, Object> report, List<SessionRecord> sessions) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("report.json"), Json.write(report));
        Map<String, byte[]> charts = new LinkedHashMap<>();
        List<Charts.Series> fpsSeries = new ArrayList<>();
        List<Charts.Series> windowSeries = new ArrayList<>();
        for (SessionRecord r : sessions) {
            if (!r.invaders || r.samples().isEmpty()) continue;
            String name = "s" + r.slot + (sessions.stream().filter(x -> x.slot == r.slot).count() > 1 ? "@" + Math.round(r.createdAt) : "");
            fpsSeries.add(new Charts.Series(name, r.samples().stream().map(s -> new double[]{s.t(), s.fps()}).toList()));
            List<Double> w = r.windowFps(10);
            List<double[]> pts = new ArrayList<>();
            double t = r.samples().getFirst().t();
            for (int i = 0; i < w.size(); i++) pts.add(new double[]{t + 10 * (i + 1), w.get(i)});
            windowSeries.add(new Charts.Series(name, pts));
        }
        if (!fpsSeries.isEmpty()) {
            charts.put("fps.png", Charts.lines("Frames per second, each session (the view's framesPerSecond, each second)",
                    "seconds", "fps", fpsSeries, LoadTest.REALTIME_FPS, "realtime 59.54"));
            charts.put("fps-windows.png", Charts.lines("Frames per second over each 10 s window, each session",
                    "seconds", "fps", windowSeries, 59, "59"));
        }
        List<Map<String, Object>> timeline = (List<Map<String, Object>>) report.get("timeline");
        charts.put("instructions.png", Charts.lines("Instructions per second, all sessions", "seconds", "instructions/s",
                List.of(new Charts.Series("total", timeline.stream().map(p -> new double[]{
                        ((Number) p.get("t")).doubleValue(), ((Number) p.get("instructionsPerSecond")).doubleValue()}).toList())),
                Double.NaN, ""));
        Map<String, Object> latency = (Map<String, Object>) report.get("latency");
        Map<String, Object> families = latency == null ? null : (Map<String, Object>) latency.get("families");
        if (families != null) {
            List<String> cats = new ArrayList<>();
            Map<String, double[]> values = new LinkedHashMap<>();
            for (var e : families.entrySet()) {
                Map<String, Object> f = (Map<String, Object>) e.getValue();
                if (!f.containsKey("p50ms")) continue;
                cats.add(e.getKey());
                values.put(e.getKey(), new double[]{num(f.get("p50ms")), num(f.get("p95ms")), num(f.get("p99ms"))});
            }
            if (!cats.isEmpty()) {
                charts.put("latency.png", Charts.bars("Opcode call latency by family (fetch-execute's histogram)", "ms",
                        cats, List.of("p50", "p95", "p99"), values));
            }
        }
        List<Map<String, Object>> replicas = (List<Map<String, Object>>) report.get("replicas");
        if (replicas != null && !replicas.isEmpty()) {
            Map<String, List<double[]>> byDeploy = new LinkedHashMap<>();
            for (Map<String, Object> p : replicas) {
                double t = num(p.get("t"));
                ((Map<String, Object>) p.get("deployments")).forEach((name, v) -> byDeploy.computeIfAbsent(name, k -> new ArrayList<>())
                        .add(new double[]{t, num(((Map<String, Object>) v).get("replicas"))}));
            }
            charts.put("replicas.png", Charts.lines("Replicas per Deployment", "seconds", "replicas",
                    byDeploy.entrySet().stream().map(e -> new Charts.Series(e.getKey(), e.getValue())).toList(), Double.NaN, ""));
        }
        for (var e : charts.entrySet()) Files.write(dir.resolve(e.getKey()), e.getValue());
        Files.writeString(dir.resolve("report.html"), html(report, charts), StandardCharsets.UTF_8);
        List<String> files = new ArrayList<>(List.of("report.json", "report.html"));
        files.addAll(charts.keySet());
        return files;
    }

    private static double num(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    @SuppressWarnings("unchecked")
    static String html(Map<String, Object> r, Map<String, byte[]> charts) {
        StringBuilder b = new StringBuilder();
        Map<String, Object> opt = (Map<String, Object>) r.get("options");
        Map<String, Object> run = (Map<String, Object>) r.get("run");
        b.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Invaders load test</title><style>")
                .append("body{font-family:sans-serif;margin:2em;max-width:900px}table{border-collapse:collapse}")
                .append("td,th{border:1px solid #ccc;padding:3px 8px;text-align:left;font-size:13px}.bad{color:#b00;font-weight:bold}")
                .append("</style></head><body><h1>Invaders load test</h1>");
        int exit = ((Number) r.get("exitCode")).intValue();
        b.append("<p class=\"").append(exit == 0 ? "" : "bad").append("\">Result: ")
                .append(exit == 0 ? "every session finished with local mode's state hash" : "FAILED (exit 1): a hash mismatch, a failed or a lost session")
                .append("</p><table>");
        row(b, "target", run.get("target"));
        row(b, "started (UTC)", run.get("startedAt"));
        row(b, "load average at start / end", run.get("loadAverageStart") + " / " + run.get("loadAverageEnd"));
        row(b, "options", opt);
        for (String k : List.of("sessions", "finished", "failedSessions", "lostSessions", "notCreated", "interrupted",
                "hashMismatches", "errors", "instructionsPerSecond")) {
            row(b, k, r.get(k));
        }
        row(b, "fps", r.get("fps"));
        b.append("</table>");
        for (var e : charts.entrySet()) {
            b.append("<p><img alt=\"").append(e.getKey()).append("\" width=\"").append(Charts.W).append("\" src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(e.getValue())).append("\"></p>");
        }
        Map<String, Object> latency = (Map<String, Object>) r.get("latency");
        b.append("<h2>Opcode call latency</h2>");
        if (latency != null) {
            if (latency.containsKey("omitted")) b.append("<p>").append(esc(latency.get("omitted"))).append("</p>");
            if (latency.containsKey("source")) b.append("<p>").append(esc(latency.get("source"))).append("</p>");
            if (latency.containsKey("note")) b.append("<p>").append(esc(latency.get("note"))).append("</p>");
            Map<String, Object> fam = (Map<String, Object>) latency.get("families");
            if (fam != null && !fam.isEmpty()) {
                b.append("<table><tr><th>family</th><th>calls</th><th>errors</th><th>p50 ms</th><th>p95 ms</th><th>p99 ms</th><th>note</th></tr>");
                fam.forEach((k, v) -> {
                    Map<String, Object> f = (Map<String, Object>) v;
                    b.append("<tr><td>").append(esc(k)).append("</td><td>").append(fmt(f.get("calls"))).append("</td><td>")
                            .append(fmt(f.get("errorCalls"))).append("</td><td>").append(fmt(f.get("p50ms"))).append("</td><td>")
                            .append(fmt(f.get("p95ms"))).append("</td><td>").append(fmt(f.get("p99ms"))).append("</td><td>")
                            .append(esc(f.getOrDefault("note", ""))).append("</td></tr>");
                });
                b.append("</table>");
            }
        }
        b.append("<h2>Replicas</h2><p>").append(r.get("replicasOmitted") != null ? esc(r.get("replicasOmitted"))
                : "sampled every 5 s (chart above when any)").append("</p>");
        if (r.get("chaos") != null) {
            b.append("<h2>Chaos</h2><table><tr><th>s</th><th>what</th></tr>");
            for (Map<String, Object> e : (List<Map<String, Object>>) r.get("chaos")) {
                b.append("<tr><td>").append(fmt(e.get("t"))).append("</td><td>").append(esc(e.get("what"))).append("</td></tr>");
            }
            b.append("</table>");
        }
        b.append("<h2>Sessions</h2><table><tr><th>slot</th><th>workload</th><th>outcome</th><th>frames</th><th>fps median</th>")
                .append("<th>min 10 s window</th><th>hash</th><th>error</th></tr>");
        for (Map<String, Object> s : (List<Map<String, Object>>) r.get("perSession")) {
            Object match = s.get("hashMatches");
            b.append("<tr><td>").append(s.get("slot")).append("</td><td>").append(esc(s.get("workload"))).append("</td><td>")
                    .append(esc(s.get("outcome"))).append("</td><td>").append(s.get("frames")).append("</td><td>")
                    .append(fmt(s.get("fpsMedian"))).append("</td><td>").append(fmt(s.get("fpsWindowMin10s"))).append("</td><td")
                    .append(Boolean.FALSE.equals(match) ? " class=\"bad\">differs" : ">" + (match == null ? "-" : "= local"))
                    .append("</td><td>").append(esc(s.getOrDefault("error", ""))).append("</td></tr>");
        }
        b.append("</table>");
        List<String> notes = (List<String>) r.get("notes");
        if (notes != null && !notes.isEmpty()) {
            b.append("<h2>Notes</h2><ul>");
            for (String n : notes) b.append("<li>").append(esc(n)).append("</li>");
            b.append("</ul>");
        }
        b.append("<p>Fields: apps/load-test/README.md. The same figures are in report.json.</p></body></html>\n");
        return b.toString();
    }

    private static void row(StringBuilder b, String k, Object v) {
        b.append("<tr><th>").append(esc(k)).append("</th><td>").append(esc(v instanceof Map || v instanceof List
                ? Json.write(v).trim().replaceAll("\\s+", " ") : v instanceof Double d ? fmt(d) : v)).append("</td></tr>");
    }

    private static String fmt(Object o) {
        if (o instanceof Number n) {
            double d = n.doubleValue();
            if (Double.isNaN(d)) return "-";
            if (d == Math.rint(d) && Math.abs(d) < 1e15) return String.format("%,d", (long) d);
            return String.format("%.3f", d);
        }
        return o == null ? "-" : esc(o);
    }

    private static String esc(Object o) {
        return String.valueOf(o).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
