package dev.invaders.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Reading manifests: YAML files, kustomize renderings, and the Flux Kustomizations of a cluster. */
final class Manifests {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Manifests() {
    }

    static Path repoRoot() {
        String root = System.getProperty("invaders.repoRoot");
        Path p = root == null || root.isBlank() ? Path.of("../..") : Path.of(root);
        return p.toAbsolutePath().normalize();
    }

    /** Every object of a multi-document YAML text; empty documents are skipped. */
    static List<ObjectNode> parse(String yaml, String origin) {
        List<ObjectNode> out = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (it.hasNext()) {
                JsonNode n = it.next();
                if (n == null || n.isNull() || n.isMissingNode()) {
                    continue;
                }
                if (!n.isObject()) {
                    throw new IllegalStateException(origin + ": a document is not a mapping");
                }
                out.add((ObjectNode) n);
            }
        } catch (IOException e) {
            throw new IllegalStateException(origin + ": invalid YAML: " + e.getMessage(), e);
        }
        return out;
    }

    static List<ObjectNode> read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    static List<ObjectNode> resource(String name) throws IOException {
        try (InputStream in = Manifests.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("no test resource " + name);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name);
        }
    }

    private static Boolean kubectl;

    static synchronized boolean kubectlAvailable() {
        if (kubectl == null) {
            try {
                Process p = new ProcessBuilder("kubectl", "version", "--client").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                kubectl = p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (IOException | InterruptedException e) {
                kubectl = false;
            }
            if (!kubectl) {
                System.err.println("[platform-manifests] kubectl is not on the PATH: the kustomize renderings "
                        + "and the checks on them are SKIPPED. Install kubectl (v1.27+, built-in kustomize) to run them.");
            }
        }
        return kubectl;
    }

    private static final Map<Path, List<ObjectNode>> RENDERED = new LinkedHashMap<>();

    /** {@code kubectl kustomize dir}, cached per directory. */
    static synchronized List<ObjectNode> render(Path dir) throws IOException, InterruptedException {
        Path key = dir.toAbsolutePath().normalize();
        List<ObjectNode> cached = RENDERED.get(key);
        if (cached != null) {
            return copy(cached);
        }
        Process p = new ProcessBuilder("kubectl", "kustomize", key.toString()).redirectErrorStream(false).start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("kubectl kustomize " + key + " failed: " + new String(err, StandardCharsets.UTF_8));
        }
        List<ObjectNode> objects = parse(new String(out, StandardCharsets.UTF_8), key.toString());
        RENDERED.put(key, objects);
        return copy(objects);
    }

    private static List<ObjectNode> copy(List<ObjectNode> objects) {
        return objects.stream().map(ObjectNode::deepCopy).toList();
    }

    /** The clusters defined under clusters/: their directory names. */
    static List<String> clusters() throws IOException {
        try (var s = Files.list(repoRoot().resolve("clusters"))) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** The Flux objects committed in clusters/NAME (flux-system/, written by bootstrap, excluded). */
    static List<ObjectNode> clusterObjects(String cluster) throws IOException {
        List<ObjectNode> out = new ArrayList<>();
        try (var s = Files.list(repoRoot().resolve("clusters").resolve(cluster))) {
            for (Path f : s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                out.addAll(read(f));
            }
        }
        return out;
    }

    /** Everything one cluster gets: its Flux Kustomizations, and the rendering of each path they point at. */
    static List<ObjectNode> clusterRendering(String cluster) throws IOException, InterruptedException {
        List<ObjectNode> flux = clusterObjects(cluster);
        List<ObjectNode> all = new ArrayList<>(flux);
        for (ObjectNode k : flux) {
            if ("Kustomization".equals(k.path("kind").asText())) {
                List<ObjectNode> rendered = render(repoRoot().resolve(k.path("spec").path("path").asText()));
                // Flux's postBuild substitution, as the cluster gets the objects; an unresolved
                // variable fails here (Flux would apply an empty string).
                java.util.Map<String, String> vars = FluxSubstitution.variables(k);
                if (vars != null) {
                    List<String> unresolved = FluxSubstitution.apply(rendered, vars);
                    if (!unresolved.isEmpty()) {
                        throw new IllegalStateException(cluster + ": " + String.join("; ", unresolved));
                    }
                }
                all.addAll(rendered);
            }
        }
        return all;
    }

    static String kind(JsonNode o) {
        return o.path("kind").asText();
    }

    static String name(JsonNode o) {
        return o.path("metadata").path("name").asText();
    }

    static String namespace(JsonNode o) {
        return o.path("metadata").path("namespace").asText("");
    }

    static String id(JsonNode o) {
        String ns = namespace(o);
        return kind(o) + " " + (ns.isEmpty() ? "" : ns + "/") + name(o);
    }
}
