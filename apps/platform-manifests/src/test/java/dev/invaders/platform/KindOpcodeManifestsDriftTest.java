package dev.invaders.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.invaders.i8080.Family;
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

/** The committed apps/kind/opcodes/ (the shared JVM and one component per family) is what the generator writes. */
class KindOpcodeManifestsDriftTest {

    @Test
    void committedKindOpcodeLayoutMatchesTheGenerator() throws IOException {
        Path dir = Manifests.repoRoot().resolve(GenerateOpcodeManifests.KIND_DIR);
        String jvmOptions = JvmOptions.of(Manifests.repoRoot(), GenerateOpcodeManifests.OPCODE_SERVICE);
        if (Boolean.getBoolean("invaders.regenerate")) {
            GenerateOpcodeManifests.writeKind(dir, jvmOptions);
            System.err.println("[platform-manifests] regenerated " + dir);
        }
        Map<String, String> expected = GenerateOpcodeManifests.renderKind(jvmOptions);
        TreeSet<String> committed = new TreeSet<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.walk(dir)) {
                s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/')).forEach(committed::add);
            }
        }
        List<String> drift = new ArrayList<>();
        for (String f : committed) {
            if (!expected.containsKey(f)) {
                drift.add(f + " is not generated any more");
            }
        }
        for (Map.Entry<String, String> e : expected.entrySet()) {
            Path f = dir.resolve(e.getKey());
            if (!Files.exists(f)) {
                drift.add(e.getKey() + " is missing");
            } else if (!Files.readString(f, StandardCharsets.UTF_8).equals(e.getValue())) {
                drift.add(e.getKey() + " differs");
            }
        }
        if (!drift.isEmpty()) {
            fail(GenerateOpcodeManifests.KIND_DIR + "/ is out of date with the opcode table and the generator:\n  "
                    + String.join("\n  ", drift) + "\nRegenerate it with:\n  " + OpcodeManifestsDriftTest.REGENERATE);
        }
        // the kustomization, the shared JVM, the routes, and two files per family's component
        assertEquals(3 + 2 * Family.values().length, expected.size());
    }

    @Test
    void aFamilysComponentRunsTheCloudsDeploymentOfThatFamily() {
        String jvm = "-Xmx64m";
        Map<String, String> base = GenerateOpcodeManifests.render(jvm);
        Map<String, String> kind = GenerateOpcodeManifests.renderKind(jvm);
        for (Family f : Family.values()) {
            String file = GenerateOpcodeManifests.resourceName(f) + ".yaml";
            assertEquals(base.get(file), kind.get("families/" + f.serviceName() + "/" + file), file);
            assertTrue(kind.get("families/" + f.serviceName() + "/kustomization.yaml")
                    .contains("invaders.cpu.routes." + f.serviceName() + "=http://opcode-" + f.serviceName() + ":8082"), f.name());
        }
        assertTrue(kind.get("opcode-shared.yaml").contains("value: " + GenerateOpcodeManifests.allFamilies() + "\n"));
    }
}
