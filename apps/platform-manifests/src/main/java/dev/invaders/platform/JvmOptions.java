package dev.invaders.platform;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * {@code apps/jvm-options.properties}: each service's JVM flags, the one place ./run-local and the
 * Deployments' {@code JAVA_TOOL_OPTIONS} take them from.
 */
public final class JvmOptions {
    /** Where the file is, from the repository's root. */
    public static final String FILE = "apps/jvm-options.properties";

    private JvmOptions() {
    }

    /** Service name ({@code opcode-service}, {@code memory-bus}, {@code fetch-execute}, {@code invaders-ui}) to its flags. */
    public static Map<String, String> read(Path repoRoot) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(repoRoot.resolve(FILE), StandardCharsets.UTF_8)) {
            p.load(in);
        }
        Map<String, String> out = new LinkedHashMap<>();
        p.stringPropertyNames().stream().sorted().forEach(k -> out.put(k, p.getProperty(k).trim()));
        return out;
    }

    /** The flags of one service; fails when the file does not name it. */
    public static String of(Path repoRoot, String service) throws IOException {
        String flags = read(repoRoot).get(service);
        if (flags == null || flags.isBlank()) {
            throw new IllegalStateException(FILE + " has no flags for " + service);
        }
        return flags;
    }
}
