package dev.invaders.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

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

/** The committed apps/base/opcodes/ is exactly what the generator writes from the opcode table. */
class OpcodeManifestsDriftTest {

    static final String REGENERATE = "./mvnw -q -B -pl apps/platform-manifests -am verify -Dinvaders.regenerate=true";

    @Test
    void committedOpcodeManifestsMatchTheGenerator() throws IOException {
        Path dir = Manifests.repoRoot().resolve("apps/base/opcodes");
        String jvmOptions = JvmOptions.of(Manifests.repoRoot(), GenerateOpcodeManifests.OPCODE_SERVICE);
        if (Boolean.getBoolean("invaders.regenerate")) {
            GenerateOpcodeManifests.write(dir, jvmOptions);
            System.err.println("[platform-manifests] regenerated " + dir);
        }
        Map<String, String> expected = GenerateOpcodeManifests.render(jvmOptions);
        TreeSet<String> committed = new TreeSet<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).forEach(committed::add);
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
            fail("apps/base/opcodes/ is out of date with the opcode table and the generator:\n  "
                    + String.join("\n  ", drift) + "\nRegenerate it with:\n  " + REGENERATE);
        }
        // one file per family, the kustomization and fetch-execute's routing table
        assertEquals(dev.invaders.i8080.Family.values().length + 2, expected.size());
    }
}
