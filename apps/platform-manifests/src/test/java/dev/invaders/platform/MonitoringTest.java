package dev.invaders.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The monitoring as code, checked without a cluster: every alert has promtool unit tests that fire it and that
 * must not, promtool checks and runs them (when it is installed; -Dinvaders.promtool=required makes it a
 * must, as .ci/monitoring-tier does), every query's selectors filter on the namespace, the series only a cluster
 * has use only the labels their exporters publish, and the local scrape configuration gives the targets the
 * labels the ServiceMonitor gives them in a cluster. The same queries run against a real Prometheus in
 * MonitoringLiveTest.
 * <p>
 * With -Dinvaders.monitoring.out=DIR (and -Dinvaders.monitoring.port, -Dinvaders.monitoring.groups) it also
 * writes DIR/prometheus.yml, DIR/invaders.rules.yml and DIR/rules.test.yaml for .ci/monitoring-tier.
 */
class MonitoringTest {
    private static final Path ROOT = Manifests.repoRoot();

    @Test
    void everyAlertHasUnitTestsThatFireItAndThatMustNot() throws IOException {
        JsonNode tests = Manifests.read(ROOT.resolve(Monitoring.MONITORING).resolve("rules.test.yaml")).getFirst();
        assertEquals(List.of("invaders.rules.yml"), Manifests.YAML.convertValue(tests.path("rule_files"), List.class));
        Set<String> fires = new TreeSet<>();
        Set<String> silent = new TreeSet<>();
        for (JsonNode t : tests.path("tests")) {
            for (JsonNode a : t.path("alert_rule_test")) {
                String name = a.path("alertname").asText();
                (a.path("exp_alerts").isEmpty() ? silent : fires).add(name);
                for (JsonNode e : a.path("exp_alerts")) {
                    assertTrue(e.path("exp_annotations").has("summary"), t.path("name").asText() + ": " + name
                            + " is expected without its summary");
                }
            }
        }
        List<String> alerts = new ArrayList<>();
        for (Monitoring.Query q : Monitoring.alerts(ROOT)) {
            alerts.add(q.where().substring(q.where().indexOf('/') + 1));
        }
        assertTrue(alerts.size() >= 10, "alerts: " + alerts);
        List<String> missing = new ArrayList<>();
        for (String a : alerts) {
            if (!fires.contains(a)) {
                missing.add(a + ": no case that fires it");
            }
            if (!silent.contains(a)) {
                missing.add(a + ": no case where it must not fire");
            }
        }
        Set<String> unknown = new TreeSet<>(fires);
        unknown.addAll(silent);
        unknown.removeAll(new HashSet<>(alerts));
        assertTrue(missing.isEmpty(), String.join("\n", missing));
        assertTrue(unknown.isEmpty(), "tests of alerts that do not exist: " + unknown);
    }

    @Test
    void everyAlertHasASeverityASummaryAndAPendingPeriod() throws IOException {
        List<String> bad = new ArrayList<>();
        for (var rule : Monitoring.prometheusRules(ROOT)) {
            for (JsonNode g : rule.path("spec").path("groups")) {
                for (JsonNode r : g.path("rules")) {
                    String a = r.path("alert").asText();
                    if (!Set.of("warning", "critical").contains(r.path("labels").path("severity").asText())) {
                        bad.add(a + ": severity is not warning or critical");
                    }
                    if (r.path("annotations").path("summary").asText().isBlank()) {
                        bad.add(a + ": no summary");
                    }
                    if (r.path("for").asText().isBlank()) {
                        bad.add(a + ": no `for` (one bad scrape would page)");
                    }
                }
            }
        }
        assertTrue(bad.isEmpty(), String.join("\n", bad));
    }

    @Test
    void promtoolChecksTheRulesAndPassesTheirUnitTests() throws Exception {
        boolean required = "required".equals(System.getProperty("invaders.promtool"));
        String promtool = System.getProperty("invaders.promtool.path", "/usr/bin/promtool");
        if (!new File(promtool).canExecute()) {
            assertFalse(required, promtool + " is required (-Dinvaders.promtool=required) but not installed");
            System.err.println("[platform-manifests] " + promtool + " is not installed: `promtool check rules` and "
                    + "`promtool test rules` are SKIPPED (Debian: apt-get install prometheus; .ci/monitoring-tier runs them).");
            assumeTrue(false, "no promtool");
        }
        Path dir = Path.of("target/monitoring/promtool");
        writeRules(dir);
        String check = run(dir, promtool, "check", "rules", "invaders.rules.yml");
        assertTrue(check.contains("SUCCESS"), check);
        String test = run(dir, promtool, "test", "rules", "rules.test.yaml");
        assertTrue(test.contains("SUCCESS"), test);
        System.err.println("[platform-manifests] promtool: " + check.strip().replace('\n', ' ') + "; unit tests: SUCCESS");
    }

    @Test
    void aBrokenRuleFailsItsUnitTests() throws Exception {
        String promtool = System.getProperty("invaders.promtool.path", "/usr/bin/promtool");
        assumeTrue(new File(promtool).canExecute(), "no promtool");
        Path dir = Path.of("target/monitoring/promtool-broken");
        writeRules(dir);
        // The old SessionsStalled counted paused sessions as stalled: the tests must catch it.
        Path rules = dir.resolve("invaders.rules.yml");
        String text = Files.readString(rules);
        assertTrue(text.contains("invaders_sessions_running"));
        Files.writeString(rules, text.replace("invaders_sessions_running", "invaders_sessions_active"));
        Process p = new ProcessBuilder(promtool, "test", "rules", "rules.test.yaml").directory(dir.toFile())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(1, p.exitValue(), out);
        assertTrue(out.contains("a paused session (active, not running) produces no frames and is not stalled"), out);
    }

    private static void writeRules(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("invaders.rules.yml"), Monitoring.rulesFile(ROOT));
        Files.copy(ROOT.resolve(Monitoring.MONITORING).resolve("rules.test.yaml"), dir.resolve("rules.test.yaml"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static String run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", command) + ": still running after 60 s");
        assertEquals(0, p.exitValue(), String.join(" ", command) + ":\n" + out);
        return out;
    }

    @Test
    void everyQueryFiltersOnTheNamespaceAndReadsSelectorsWeCanParse() throws IOException {
        List<Monitoring.Query> all = new ArrayList<>(Monitoring.panelQueries(ROOT));
        all.addAll(Monitoring.alerts(ROOT));
        assertTrue(Monitoring.panelQueries(ROOT).size() >= 20, "panel queries: " + Monitoring.panelQueries(ROOT).size());
        List<String> bad = new ArrayList<>();
        for (Monitoring.Query q : all) {
            List<Monitoring.Selector> sel = Monitoring.selectors(q.expr());
            if (sel.isEmpty()) {
                bad.add(q.where() + ": no selector with label matchers in " + q.expr());
            }
            for (Monitoring.Selector s : sel) {
                boolean emulator = s.matchers().stream().anyMatch(m -> m[0].equals("namespace") && m[1].equals("=")
                        && m[2].equals("emulator"));
                if (!emulator) {
                    bad.add(q.where() + ": " + s.text() + " does not filter on namespace=\"emulator\"");
                }
            }
        }
        assertTrue(bad.isEmpty(), String.join("\n", bad));
    }

    @Test
    void clusterOnlySeriesUseOnlyTheLabelsTheirExportersPublish() throws IOException {
        List<Monitoring.Query> all = new ArrayList<>(Monitoring.panelQueries(ROOT));
        all.addAll(Monitoring.alerts(ROOT));
        List<String> bad = new ArrayList<>();
        Map<String, Set<String>> used = new TreeMap<>();
        for (Monitoring.Query q : all) {
            for (Monitoring.Selector s : Monitoring.selectors(q.expr())) {
                Monitoring.ClusterOnly c = Monitoring.CLUSTER_ONLY.get(s.metric());
                if (c == null) {
                    continue;
                }
                used.computeIfAbsent(s.metric(), k -> new TreeSet<>()).add(q.where());
                for (String label : s.labels()) {
                    if (!c.labels().contains(label)) {
                        bad.add(q.where() + ": " + s.metric() + " has no label " + label + " (" + c.source() + ")");
                    }
                }
            }
            // Labels a query groups by must be labels of its series too.
            for (String by : groupings(q.expr())) {
                for (Monitoring.Selector s : Monitoring.selectors(q.expr())) {
                    Monitoring.ClusterOnly c = Monitoring.CLUSTER_ONLY.get(s.metric());
                    if (c != null && !c.labels().contains(by)) {
                        bad.add(q.where() + ": groups " + s.metric() + " by " + by + ", which it does not have");
                    }
                }
            }
        }
        assertTrue(bad.isEmpty(), String.join("\n", bad));
        // Every entry of the list is used (an unused one is a stale claim).
        assertEquals(Monitoring.CLUSTER_ONLY.keySet(), used.keySet());
        System.err.println("[platform-manifests] series only a cluster has (checked for names and labels, not scraped here):");
        used.forEach((m, w) -> System.err.println("  " + m + " " + Monitoring.CLUSTER_ONLY.get(m).labels() + " <- "
                + Monitoring.CLUSTER_ONLY.get(m).source()));
    }

    /** The labels of every "by (...)" in a query. */
    static Set<String> groupings(String expr) {
        Set<String> out = new TreeSet<>();
        var m = java.util.regex.Pattern.compile("\\bby\\s*\\(([^)]*)\\)").matcher(expr);
        while (m.find()) {
            for (String l : m.group(1).split(",")) {
                if (!l.isBlank()) {
                    out.add(l.strip());
                }
            }
        }
        out.remove("le");
        return out;
    }

    @Test
    void selectorsAreReadExactly() {
        List<Monitoring.Selector> s = Monitoring.selectors(
                "sum by (family) (rate(a_total{namespace=\"emulator\", status=~\"5..\"}[5m])) / on (x) b{c!=\"d\\\"e\"}");
        assertEquals(2, s.size());
        assertEquals("a_total", s.get(0).metric());
        assertEquals(List.of("namespace", "status"), s.get(0).matchers().stream().map(m -> m[0]).toList());
        assertEquals("=~", s.get(0).matchers().get(1)[1]);
        assertEquals("5..", s.get(0).matchers().get(1)[2]);
        assertEquals("d\\\"e", s.get(1).matchers().getFirst()[2]);
        assertEquals(Set.of("family"), groupings("sum by (family, le) (x{namespace=\"emulator\"})"));
    }

    @Test
    void localTargetsCarryTheLabelsTheServiceMonitorGivesThemInACluster() throws IOException {
        List<Monitoring.LocalTarget> targets = Monitoring.localTargets(ROOT, 20080, "all;mov;jmp");
        assertEquals(List.of("invaders-ui", "fetch-execute", "memory-bus", "opcode-all", "opcode-mov", "opcode-jmp"),
                targets.stream().map(Monitoring.LocalTarget::service).toList());
        assertEquals(List.of("127.0.0.1:20080", "127.0.0.1:20081", "127.0.0.1:20082", "127.0.0.1:20083",
                "127.0.0.1:20084", "127.0.0.1:20085"), targets.stream().map(Monitoring.LocalTarget::address).toList());
        for (Monitoring.LocalTarget t : targets) {
            assertEquals("emulator", t.namespace(), t.service());
            assertEquals("invaders", t.serviceLabels().get("app.kubernetes.io/part-of"), t.service());
        }
        assertEquals("mov", targets.get(4).serviceLabels().get("invaders.dev/family"));
        assertEquals("opcode-service", targets.get(4).container());
        assertFalse(targets.get(3).serviceLabels().containsKey("invaders.dev/family"));

        String config = Monitoring.scrapeConfig(ROOT, targets, "invaders.rules.yml");
        JsonNode c = Manifests.YAML.readTree(config);
        JsonNode job = c.path("scrape_configs").path(0);
        assertEquals("/actuator/prometheus", job.path("metrics_path").asText());
        assertEquals("15s", job.path("scrape_interval").asText());
        assertEquals(6, job.path("static_configs").size());
        JsonNode mov = job.path("static_configs").path(4).path("labels");
        assertEquals("mov", mov.path("__meta_kubernetes_service_label_invaders_dev_family").asText());
        assertEquals("emulator", mov.path("__meta_kubernetes_namespace").asText());
        // The ServiceMonitor's relabeling of family, as written in monitors.yaml.
        boolean family = false;
        for (JsonNode r : job.path("relabel_configs")) {
            if ("family".equals(r.path("target_label").asText())) {
                assertEquals("__meta_kubernetes_service_label_invaders_dev_family", r.path("source_labels").path(0).asText());
                family = true;
            }
        }
        assertTrue(family, config);
        assertTrue(config.contains("regex: invaders") && config.contains("action: keep"), config);
    }

    @Test
    void writesTheFilesOfTheMonitoringTier() throws IOException {
        String out = System.getProperty("invaders.monitoring.out");
        assumeTrue(out != null && !out.isBlank(), "-Dinvaders.monitoring.out not set: nothing to write");
        int port = Integer.parseInt(System.getProperty("invaders.monitoring.port", "20080"));
        String groups = System.getProperty("invaders.monitoring.groups", "all");
        Path dir = Path.of(out);
        writeRules(dir);
        Files.writeString(dir.resolve("prometheus.yml"),
                Monitoring.scrapeConfig(ROOT, Monitoring.localTargets(ROOT, port, groups), "invaders.rules.yml"));
        System.err.println("[platform-manifests] wrote " + dir.resolve("prometheus.yml") + " for ./run-local --port " + port
                + " with opcode groups " + groups);
    }
}
