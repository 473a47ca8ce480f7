package dev.invaders.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * apps/jvm-options.properties is the one place of the services' JVM flags: every container of a service it
 * names runs with exactly those flags as JAVA_TOOL_OPTIONS, in the base and in both clusters' renderings,
 * and ./run-local reads the same file.
 */
class JvmOptionsTest {

    private static List<ObjectNode> baseObjects() throws IOException {
        List<ObjectNode> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Manifests.repoRoot().resolve("apps/base"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                out.addAll(Manifests.read(f));
            }
        }
        return out;
    }

    /** "container of Deployment: what differs", for every container of a service the file names. */
    static List<String> disagreements(List<ObjectNode> objects, Map<String, String> options, TreeSet<String> seen) {
        List<String> out = new ArrayList<>();
        for (ObjectNode o : objects) {
            if (!Policies.WORKLOADS.contains(Manifests.kind(o))) {
                continue;
            }
            for (JsonNode c : o.path("spec").path("template").path("spec").path("containers")) {
                String service = c.path("name").asText();
                String expected = options.get(service);
                if (expected == null) {
                    continue;
                }
                seen.add(service);
                String actual = null;
                for (JsonNode e : c.path("env")) {
                    if ("JAVA_TOOL_OPTIONS".equals(e.path("name").asText())) {
                        actual = e.path("value").asText();
                    }
                }
                if (!expected.equals(actual)) {
                    out.add(service + " of " + Manifests.kind(o) + " " + Manifests.name(o) + ": JAVA_TOOL_OPTIONS is " + actual
                            + ", not " + JvmOptions.FILE + "'s " + expected);
                }
            }
        }
        return out;
    }

    private static void assertAgree(List<String> disagreements, String where) {
        if (!disagreements.isEmpty()) {
            throw new AssertionError(where + ": " + disagreements.size() + " containers disagree with " + JvmOptions.FILE
                    + " (opcode Deployments: regenerate with " + OpcodeManifestsDriftTest.REGENERATE + "), e.g.\n  "
                    + String.join("\n  ", disagreements.subList(0, Math.min(3, disagreements.size()))));
        }
    }

    /** The four services also share their Spring defaults (the auto-configurations none of them uses). */
    @Test
    void everyServiceImportsTheSharedSpringDefaults() throws IOException {
        String line = "spring.config.import=classpath:invaders-service.properties";
        for (String service : JvmOptions.read(Manifests.repoRoot()).keySet()) {
            Path props = Manifests.repoRoot().resolve("apps/" + service + "/src/main/resources/application.properties");
            assertTrue(Files.readAllLines(props, StandardCharsets.UTF_8).contains(line), props + " lacks " + line);
        }
        assertTrue(Files.isRegularFile(Manifests.repoRoot()
                .resolve("apps/service-support/src/main/resources/invaders-service.properties")));
    }

    @Test
    void theFileNamesTheFourServicesAndNoCache() throws IOException {
        Map<String, String> options = JvmOptions.read(Manifests.repoRoot());
        assertEquals(List.of("fetch-execute", "invaders-ui", "memory-bus", "opcode-service"), List.copyOf(options.keySet()));
        for (String flags : options.values()) {
            assertTrue(flags.startsWith("-XX:") || flags.startsWith("-X"), flags);
            assertFalse(flags.contains("AOTCache"), "an AOT cache is run-local's to add when it has one: " + flags);
        }
    }

    @Test
    void everyServiceContainerRunsWithTheFilesFlags() throws IOException {
        Map<String, String> options = JvmOptions.read(Manifests.repoRoot());
        TreeSet<String> seen = new TreeSet<>();
        assertAgree(disagreements(baseObjects(), options, seen), "apps/base");
        assertEquals(options.keySet(), seen, "each service of the file has a workload in apps/base");
    }

    @Test
    void bothClustersRunWithTheFilesFlags() throws Exception {
        if (!Manifests.kubectlAvailable()) {
            return;
        }
        Map<String, String> options = JvmOptions.read(Manifests.repoRoot());
        for (String cluster : Manifests.clusters()) {
            TreeSet<String> seen = new TreeSet<>();
            assertAgree(disagreements(Manifests.clusterRendering(cluster), options, seen), cluster);
            assertEquals(options.keySet(), seen, cluster);
        }
    }

    @Test
    void aDisagreementIsCaught() throws IOException {
        Map<String, String> options = Map.of("memory-bus", "-Xmx1m");
        List<String> v = disagreements(baseObjects(), options, new TreeSet<>());
        assertEquals(1, v.size(), String.join("\n", v));
        assertTrue(v.getFirst().startsWith("memory-bus of StatefulSet memory-bus: JAVA_TOOL_OPTIONS is -XX:"), v.getFirst());
    }

    @Test
    void runLocalReadsTheFile() throws IOException {
        String runLocal = Files.readString(Manifests.repoRoot().resolve("run-local"), StandardCharsets.UTF_8);
        assertTrue(runLocal.contains(JvmOptions.FILE), "./run-local takes the flags from " + JvmOptions.FILE);
    }
}
