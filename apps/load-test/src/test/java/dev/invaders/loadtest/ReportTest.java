package dev.invaders.loadtest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportTest {
    private static final String INPUT = "30 coin press\n70 p1-start press 10\n";

    private static SessionRecord finished(int slot, String expected, String actual) {
        SessionRecord r = new SessionRecord(slot, "demo", true, 0);
        r.id = "s" + slot;
        for (int t = 0; t <= 25; t++) r.add(new SessionRecord.Sample(t, Math.round(t * 59.54), t * 1000L, 59.5));
        r.expectedHash = expected;
        r.actualHash = actual;
        r.outcome = SessionRecord.Outcome.FINISHED;
        r.status = "finished";
        return r;
    }

    private static Map<String, Object> report(List<SessionRecord> sessions) throws Exception {
        Options o = Options.parse(List.of("--sessions", "2"), Path.of("/r"), null, "x");
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("target", "http://127.0.0.1:1");
        List<Map<String, Object>> timeline = new ArrayList<>();
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("t", 1.0);
        p.put("instructionsPerSecond", 100.0);
        timeline.add(p);
        return Report.json(o, run, sessions, 3, timeline, Map.of("omitted", "test"), List.of(), List.of(),
                "the target is ./run-local", List.of());
    }

    @Test
    void theDocumentedFieldsAreThere() throws Exception {
        Map<String, Object> r = report(List.of(finished(0, "a", "a")));
        for (String field : List.of("format", "run", "options", "sessions", "finished", "failedSessions", "lostSessions",
                "notCreated", "interrupted", "hashMismatches", "errors", "fps", "instructions", "instructionsPerSecond",
                "latency", "replicas", "replicasOmitted", "notes", "perSession", "timeline", "exitCode")) {
            assertTrue(r.containsKey(field), field);
        }
        assertEquals(1, r.get("sessions"));
        assertEquals(3L, r.get("errors"));
        assertEquals(0L, r.get("hashMismatches"));
        assertEquals(0L, r.get("lostSessions"));
        assertEquals(0, r.get("exitCode"));
        @SuppressWarnings("unchecked")
        Map<String, Object> fps = (Map<String, Object>) r.get("fps");
        assertEquals(1L, fps.get("sessionsWithEveryWindowAtLeast59"));
        @SuppressWarnings("unchecked")
        Map<String, Object> s = ((List<Map<String, Object>>) r.get("perSession")).getFirst();
        for (String field : List.of("id", "workload", "outcome", "frames", "expectedHash", "stateHash", "hashMatches",
                "fpsMedian", "fpsMin", "fpsWindows10s", "fpsWindowMin10s")) {
            assertTrue(s.containsKey(field), field);
        }
        // and it is JSON that reads back
        Map<String, Object> back = Json.object(Json.write(r));
        assertEquals(1.0, back.get("sessions"));
    }

    @Test
    void aWrongHashFailsTheRun() throws Exception {
        String local = LoadTest.localDemoHash(INPUT, 120);
        assertEquals(64, local.length());
        SessionRecord good = finished(0, local, local);
        SessionRecord bad = finished(1, local, "0".repeat(64));
        assertEquals(0, Report.exitCode(List.of(good)));
        assertEquals(1, Report.exitCode(List.of(good, bad)));
        Map<String, Object> r = report(List.of(good, bad));
        assertEquals(1L, r.get("hashMismatches"));
        assertEquals(1, r.get("exitCode"));
    }

    @Test
    void aLostOrFailedSessionFailsTheRun() {
        SessionRecord lost = new SessionRecord(0, "demo", true, 0);
        lost.outcome = SessionRecord.Outcome.LOST;
        assertEquals(1, Report.exitCode(List.of(lost)));
        SessionRecord failed = new SessionRecord(0, "TST8080.COM", false, 0);
        failed.outcome = SessionRecord.Outcome.FAILED;
        assertEquals(1, Report.exitCode(List.of(failed)));
        SessionRecord interrupted = new SessionRecord(0, "demo", true, 0);
        interrupted.outcome = SessionRecord.Outcome.INTERRUPTED;
        assertEquals(0, Report.exitCode(List.of(interrupted)));
    }

    @Test
    void aRunWithNoSessionFails() {
        assertEquals(1, Report.exitCode(List.of()), "a load test that ran no session proves nothing");
    }

    @Test
    void localHashIsDeterministicAndDependsOnTheInput() {
        assertEquals(LoadTest.localDemoHash(INPUT, 200), LoadTest.localDemoHash(INPUT, 200));
        assertTrue(!LoadTest.localDemoHash(INPUT, 200).equals(LoadTest.localDemoHash("", 200)));
    }

    @Test
    void windowsOfTenSeconds() {
        SessionRecord r = new SessionRecord(0, "demo", true, 0);
        for (int t = 0; t <= 30; t++) r.add(new SessionRecord.Sample(t, t < 10 ? t * 60L : 600 + (t - 10) * 30L, 0, 0));
        List<Double> w = r.windowFps(10);
        assertEquals(3, w.size());
        assertEquals(60.0, w.get(0), 1e-9);
        assertEquals(30.0, w.get(1), 1e-9);
    }

    @Test
    void writesJsonHtmlAndPngs(@TempDir Path dir) throws Exception {
        List<SessionRecord> sessions = List.of(finished(0, "a", "a"), finished(1, "a", "a"));
        List<String> files = Report.write(dir, report(sessions), sessions);
        assertTrue(files.containsAll(List.of("report.json", "report.html", "fps.png", "fps-windows.png", "instructions.png")));
        String html = Files.readString(dir.resolve("report.html"));
        assertTrue(html.contains("data:image/png;base64,"));
        assertTrue(!html.contains("src=\"fps.png\""), "self-contained");
        byte[] png = Files.readAllBytes(dir.resolve("fps.png"));
        assertEquals((byte) 0x89, png[0]);
        assertNotNull(Json.object(Files.readString(dir.resolve("report.json"))).get("perSession"));
    }

    @Test
    void kubectlCommands() {
        assertEquals(List.of("kubectl", "delete", "pod", "-n", "invaders", "opcode-mov-7d9f-abcde", "--wait=false"),
                Chaos.KubeKiller.deletePodCommand("invaders", "opcode-mov-7d9f-abcde"));
        assertEquals(List.of("kubectl", "get", "pods", "-n", "invaders", "-l", "app.kubernetes.io/name=fetch-execute",
                        "--field-selector=status.phase=Running", "-o", "jsonpath={.items[*].metadata.name}"),
                Chaos.KubeKiller.listPodsCommand("invaders", "fetch-execute"));
        assertEquals("memory-bus", Chaos.KubeKiller.deployment(Chaos.Kind.MEMORY_BUS, List.of("opcode-mov"), 0));
        assertEquals("opcode-add", Chaos.KubeKiller.deployment(Chaos.Kind.OPCODE, List.of("opcode-mov", "opcode-add"), 3));
        assertEquals(List.of("kubectl", "get", "deploy", "-n", "emulator", "-o", "json"), Kube.deploymentsCommand());
        assertEquals("emulator", Kube.NAMESPACE, "the namespace apps/kind and apps/cloud put the emulator in");
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Chaos.KubeKiller.deletePodCommand("invaders", "x; rm -rf /"));
    }

    @Test
    void replicasFromKubectlJson() {
        String json = """
                {"items":[{"metadata":{"name":"opcode-mov"},"status":{"replicas":3,"readyReplicas":2}},
                          {"metadata":{"name":"memory-bus"},"status":{}}]}""";
        Map<String, Object> r = Kube.replicas(json);
        assertEquals(Map.of("replicas", 3, "ready", 2), r.get("opcode-mov"));
        assertEquals(Map.of("replicas", 0, "ready", 0), r.get("memory-bus"));
    }
}
