package dev.invaders.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The dashboards and alerts against real data: a real Prometheus (started by .ci/monitoring-tier with the scrape
 * configuration MonitoringTest writes) scraping ./run-local while demo games run in strict and cached mode. Runs
 * only with -Dinvaders.monitoring.prometheus=URL (and the log check with -Dinvaders.monitoring.logs=DIR, the
 * folder of ./run-local's logs); skipped otherwise.
 */
class MonitoringLiveTest {
    private static final Path ROOT = Manifests.repoRoot();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Labels a query groups by that must come back with a value (the legend and the alert name them). */
    private static final Set<String> NAMED = Set.of("family", "session", "mode", "outcome", "deployment",
            "horizontalpodautoscaler");

    private static String prometheus() {
        String url = System.getProperty("invaders.monitoring.prometheus");
        assumeTrue(url != null && !url.isBlank(), "-Dinvaders.monitoring.prometheus not set: no live Prometheus");
        return url.replaceAll("/$", "");
    }

    static JsonNode api(String base, String path) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .build(), HttpResponse.BodyHandlers.ofString());
        JsonNode n = JSON.readTree(r.body());
        assertEquals("success", n.path("status").asText(), path + ": " + r.body());
        return n.path("data");
    }

    static JsonNode query(String base, String expr) throws IOException, InterruptedException {
        return api(base, "/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8)).path("result");
    }

    private static boolean clusterOnly(String expr) {
        List<Monitoring.Selector> s = Monitoring.selectors(expr);
        return !s.isEmpty() && s.stream().allMatch(x -> Monitoring.CLUSTER_ONLY.containsKey(x.metric()));
    }

    @Test
    void everyTargetIsUpWithTheLabelsTheQueriesFilterOn() throws Exception {
        String base = prometheus();
        JsonNode active = api(base, "/api/v1/targets?state=active").path("activeTargets");
        assertTrue(active.size() >= 5, "targets: " + active);
        List<String> bad = new ArrayList<>();
        for (JsonNode t : active) {
            JsonNode l = t.path("labels");
            String name = l.path("job").asText() + " " + t.path("scrapeUrl").asText();
            if (!"up".equals(t.path("health").asText())) {
                bad.add(name + ": " + t.path("health").asText() + " " + t.path("lastError").asText());
            }
            for (String label : List.of("namespace", "service", "pod", "container", "endpoint", "job", "instance")) {
                if (l.path(label).asText().isEmpty()) {
                    bad.add(name + ": no label " + label);
                }
            }
            if (l.path("job").asText().startsWith("opcode-") && !l.path("job").asText().equals("opcode-all")
                    && !l.path("job").asText().equals("opcode-" + l.path("family").asText())) {
                bad.add(name + ": family '" + l.path("family").asText() + "' is not its Service's");
            }
            System.out.println("target " + t.path("scrapeUrl").asText() + " " + l);
        }
        assertTrue(bad.isEmpty(), String.join("\n", bad));
    }

    @Test
    void everyDashboardQueryAnswersWithData() throws Exception {
        String base = prometheus();
        List<String> bad = new ArrayList<>();
        int answered = 0;
        int cluster = 0;
        for (Monitoring.Query q : Monitoring.panelQueries(ROOT)) {
            if (clusterOnly(q.expr())) {
                System.out.println("cluster only  " + q.where());
                cluster++;
                continue;
            }
            String problem = answers(base, q.expr());
            if (problem != null) {
                bad.add(q.where() + ": " + problem + "\n    " + q.expr());
            } else {
                answered++;
            }
        }
        System.out.println("dashboard queries answered with data: " + answered + "; cluster only: " + cluster);
        // Which targets publish each histogram's buckets a query reads (fetch-execute and the memory bus publish
        // http_server_requests_seconds_count but no _bucket: only what filters them out may read the buckets).
        List<Monitoring.Query> all = new ArrayList<>(Monitoring.panelQueries(ROOT));
        all.addAll(Monitoring.alerts(ROOT));
        for (Monitoring.Query q : all) {
            for (Monitoring.Selector s : Monitoring.selectors(q.expr())) {
                if (s.metric().endsWith("_bucket") && !Monitoring.CLUSTER_ONLY.containsKey(s.metric())) {
                    List<String> jobs = new ArrayList<>();
                    query(base, "count by (job) (" + s.text() + ")").forEach(r -> jobs.add(r.path("metric").path("job").asText()));
                    System.out.println("buckets " + q.where() + " reads " + s.text() + " from " + jobs);
                    if (jobs.isEmpty()) {
                        bad.add(q.where() + ": no target publishes " + s.text());
                    }
                }
            }
        }
        assertTrue(bad.isEmpty(), "queries without data:\n" + String.join("\n", bad));
        assertTrue(answered >= 12, "answered " + answered);
    }

    /** Null when the query answers: at least one series with a number, every grouping label with values. */
    private static String answers(String base, String expr) throws Exception {
        JsonNode result = query(base, expr);
        if (result.isEmpty()) {
            return "no series";
        }
        boolean number = false;
        StringBuilder sample = new StringBuilder();
        for (JsonNode r : result) {
            String v = r.path("value").path(1).asText();
            if (!v.equals("NaN") && !v.contains("Inf")) {
                number = true;
            }
            if (sample.length() < 200) {
                sample.append(r.path("metric")).append('=').append(v).append(' ');
            }
        }
        if (!number) {
            return "only NaN or Inf: " + sample;
        }
        for (String by : MonitoringTest.groupings(expr)) {
            if (!NAMED.contains(by)) {
                continue;
            }
            boolean named = false;
            for (JsonNode r : result) {
                named |= !r.path("metric").path(by).asText().isEmpty();
            }
            if (!named) {
                return "grouped by " + by + " but no series has one: " + sample;
            }
        }
        System.out.println("answers " + result.size() + " series, e.g. " + sample.toString().strip() + "  <- " + expr);
        return null;
    }

    @Test
    void everyAlertEvaluatesAndEverySeriesItReadsIsPublished() throws Exception {
        String base = prometheus();
        List<String> bad = new ArrayList<>();
        // Prometheus loaded the rules (the extracted PrometheusRule) and evaluates every one without an error.
        int rules = 0;
        for (JsonNode g : api(base, "/api/v1/rules").path("groups")) {
            for (JsonNode r : g.path("rules")) {
                rules++;
                if (!"ok".equals(r.path("health").asText())) {
                    bad.add(r.path("name").asText() + ": health " + r.path("health").asText() + " " + r.path("lastError").asText());
                }
                System.out.println("rule " + r.path("name").asText() + ": " + r.path("health").asText() + ", "
                        + r.path("state").asText());
            }
        }
        assertEquals(Monitoring.alerts(ROOT).size(), rules, "rules Prometheus loaded");
        for (Monitoring.Query q : Monitoring.alerts(ROOT)) {
            for (Monitoring.Selector s : Monitoring.selectors(q.expr())) {
                if (Monitoring.CLUSTER_ONLY.containsKey(s.metric())) {
                    continue;
                }
                StringBuilder sel = new StringBuilder(s.metric()).append('{');
                List<String> failureOnly = new ArrayList<>();
                for (String[] m : s.matchers()) {
                    if (Monitoring.FAILURE_ONLY.containsKey(m[0] + m[1] + m[2])) {
                        failureOnly.add(m[0]);
                        continue;
                    }
                    if (sel.charAt(sel.length() - 1) != '{') {
                        sel.append(',');
                    }
                    sel.append(m[0]).append(m[1]).append('"').append(m[2]).append('"');
                }
                sel.append('}');
                JsonNode result = query(base, sel.toString());
                if (result.isEmpty()) {
                    bad.add(q.where() + ": " + sel + " has no series");
                    continue;
                }
                for (String label : s.labels()) {
                    boolean has = false;
                    for (JsonNode r : result) {
                        has |= !r.path("metric").path(label).asText().isEmpty();
                    }
                    if (!has) {
                        bad.add(q.where() + ": " + sel + " has no label " + label);
                    }
                }
                System.out.println("alert " + q.where() + " reads " + sel + ": " + result.size() + " series"
                        + (failureOnly.isEmpty() ? "" : " (without its failure-only matcher on " + failureOnly + ")"));
            }
        }
        assertTrue(bad.isEmpty(), String.join("\n", bad));
    }

    @Test
    void drawsTheFramesPerSecondOfEachSessionAgainstRealTime() throws Exception {
        String base = prometheus();
        String out = System.getProperty("invaders.monitoring.out");
        assumeTrue(out != null && !out.isBlank(), "-Dinvaders.monitoring.out not set: no picture");
        String expr = Monitoring.panelQueries(ROOT).stream()
                .filter(q -> q.expr().contains("invaders_session_frames_per_second")).findFirst().orElseThrow().expr();
        long end = System.currentTimeMillis() / 1000;
        long start = end - Long.parseLong(System.getProperty("invaders.monitoring.window", "300"));
        JsonNode result = api(base, "/api/v1/query_range?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8)
                + "&start=" + start + "&end=" + end + "&step=5").path("result");
        assertTrue(result.size() >= 2, "sessions in the picture: " + result);
        Path png = Path.of(out).resolve("fps-per-session.png");
        draw(result, start, end, 59.54, "Frames per second by session against the arcade's 59.54 (Prometheus, ./run-local)", png);
        System.out.println("drew " + png);
    }

    private static void draw(JsonNode series, long start, long end, double reference, String title, Path png) throws IOException {
        int w = 900;
        int h = 420;
        int left = 60;
        int right = 20;
        int top = 40;
        int bottom = 90;
        double max = reference * 1.2;
        for (JsonNode s : series) {
            for (JsonNode v : s.path("values")) {
                max = Math.max(max, v.path(1).asDouble());
            }
        }
        max = Math.ceil(max / 50) * 50;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(0x18, 0x1b, 0x1f));
        g.fillRect(0, 0, w, h);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setColor(new Color(0xcc, 0xcc, 0xdc));
        g.drawString(title, left, 22);
        int pw = w - left - right;
        int ph = h - top - bottom;
        g.setColor(new Color(0x33, 0x36, 0x3d));
        for (int i = 0; i <= 5; i++) {
            int y = top + ph - ph * i / 5;
            g.drawLine(left, y, left + pw, y);
            g.setColor(new Color(0x9f, 0xa7, 0xb3));
            g.drawString(String.format("%.0f", max * i / 5), 8, y + 4);
            g.setColor(new Color(0x33, 0x36, 0x3d));
        }
        g.setColor(new Color(0x9f, 0xa7, 0xb3));
        g.drawString("-" + (end - start) / 60 + " min", left, top + ph + 16);
        g.drawString("now", left + pw - 24, top + ph + 16);
        // The reference line: the arcade's real time.
        int ry = top + ph - (int) Math.round(ph * reference / max);
        g.setColor(new Color(0xf2, 0x49, 0x5c));
        g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
        g.drawLine(left, ry, left + pw, ry);
        g.drawString("59.54 (real time)", left + pw - 110, ry - 4);
        Color[] palette = {new Color(0x73, 0xbf, 0x69), new Color(0x57, 0x94, 0xf2), new Color(0xff, 0x98, 0x30),
                new Color(0xb8, 0x77, 0xd9), new Color(0xfa, 0xde, 0x2a)};
        g.setStroke(new BasicStroke(2f));
        int i = 0;
        int legendY = top + ph + 36;
        for (JsonNode s : series) {
            Color c = palette[i % palette.length];
            g.setColor(c);
            int px = -1;
            int py = -1;
            for (Iterator<JsonNode> it = s.path("values").elements(); it.hasNext(); ) {
                JsonNode v = it.next();
                int x = left + (int) Math.round(pw * (v.path(0).asDouble() - start) / (end - start));
                int y = top + ph - (int) Math.round(ph * Math.min(v.path(1).asDouble(), max) / max);
                if (px >= 0) {
                    g.drawLine(px, py, x, y);
                }
                px = x;
                py = y;
            }
            String label = s.path("metric").path("session").asText() + " (" + s.path("metric").path("mode").asText() + ")";
            g.fillRect(left + (i % 2) * 420, legendY + (i / 2) * 18 - 9, 10, 10);
            g.drawString(label, left + 16 + (i % 2) * 420, legendY + (i / 2) * 18);
            i++;
        }
        g.dispose();
        Files.createDirectories(png.getParent());
        ImageIO.write(img, "png", png.toFile());
    }

    // --- logs --------------------------------------------------------------------------------------------

    /** Fluent Bit's tail input drops lines over its Buffer_Max_Size (32k by default) with Skip_Long_Lines On. */
    private static final int FLUENT_BIT_MAX_LINE = 32 * 1024;

    @Test
    void everyLogLineIsAJsonRecordFluentBitMergesAndLokiCanLabel() throws Exception {
        String dir = System.getProperty("invaders.monitoring.logs");
        assumeTrue(dir != null && !dir.isBlank(), "-Dinvaders.monitoring.logs not set: no logs to read");
        // What infrastructure/ expects of a line: the Fluent Bit values in the HelmRelease.
        String fluentBit = Files.readString(ROOT.resolve("infrastructure/controllers/base/fluent-bit.yaml"));
        assertTrue(fluentBit.contains("Merge_Log           On"), "the kubernetes filter merges JSON logs");
        assertTrue(fluentBit.contains("Keep_Log            Off"));
        assertTrue(fluentBit.contains("Skip_Long_Lines   On"));
        assertTrue(fluentBit.contains("namespace=$kubernetes['namespace_name'], pod=$kubernetes['pod_name'], "
                + "container=$kubernetes['container_name']"), "the Loki labels come from the kubernetes metadata");
        Map<String, Integer> lines = new LinkedHashMap<>();
        List<String> bad = new ArrayList<>();
        List<Path> logs;
        try (Stream<Path> s = Files.list(Path.of(dir))) {
            logs = s.filter(p -> p.toString().endsWith(".log")).sorted().toList();
        }
        assertTrue(logs.size() >= 4, "logs in " + dir + ": " + logs);
        for (Path log : logs) {
            int n = 0;
            String service = null;
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                n++;
                String where = log.getFileName() + ":" + n;
                if (line.length() > FLUENT_BIT_MAX_LINE) {
                    bad.add(where + ": " + line.length() + " characters, Fluent Bit skips lines over 32k");
                }
                JsonNode r;
                try {
                    r = JSON.readTree(line);
                } catch (IOException e) {
                    bad.add(where + ": not JSON (Merge_Log leaves it a raw string): " + abbreviate(line));
                    continue;
                }
                if (!r.isObject()) {
                    bad.add(where + ": not a JSON object: " + abbreviate(line));
                    continue;
                }
                // The kubernetes filter adds `kubernetes`, the Loki output's labels read it: a line must not carry one.
                if (r.has("kubernetes")) {
                    bad.add(where + ": has a `kubernetes` key, which the Loki labels are read from");
                }
                for (String field : List.of("@timestamp", "log.level", "message", "service.name")) {
                    if (field(r, field).isEmpty()) {
                        bad.add(where + ": no " + field + ": " + abbreviate(line));
                    }
                }
                String name = field(r, "service.name");
                if (service == null) {
                    service = name;
                } else if (!service.equals(name)) {
                    bad.add(where + ": service.name " + name + " after " + service);
                }
            }
            lines.put(log.getFileName() + " (" + service + ")", n);
            if (n == 0) {
                bad.add(log.getFileName() + ": empty");
            }
        }
        System.out.println("log lines read, each a JSON record with @timestamp, log.level, message, service.name: " + lines);
        assertTrue(bad.isEmpty(), String.join("\n", bad.subList(0, Math.min(bad.size(), 40))));
    }

    /** An ECS field, dotted ("log.level") as nested objects or as one key. */
    private static String field(JsonNode r, String dotted) {
        if (r.has(dotted)) {
            return r.get(dotted).asText();
        }
        JsonNode n = r;
        for (String part : dotted.split("\\.")) {
            n = n.path(part);
        }
        return n.isValueNode() ? n.asText() : "";
    }

    private static String abbreviate(String s) {
        return s.length() > 160 ? s.substring(0, 160) + "..." : s;
    }
}
