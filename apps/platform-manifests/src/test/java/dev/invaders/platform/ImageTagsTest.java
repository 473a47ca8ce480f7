package dev.invaders.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Every overlay deploys the images this commit builds: each {@code newTag} of the project's images
 * ({@code invaders/...}) in a kustomization's {@code images:} is the project's version in the root
 * pom.xml, the first tag the images build gives them ({@code ./mvnw -Pimages}, {@code ./bootstrap-kind},
 * the images workflow). A tag left behind after a version change names an image no build of this commit
 * makes, and the cluster would run an old build or none.
 */
class ImageTagsTest {

    /** The root pom's own {@code <version>} (not its parent's). */
    static String projectVersion(Path root) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Element project = f.newDocumentBuilder().parse(root.resolve("pom.xml").toFile()).getDocumentElement();
        for (Node n = project.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && "version".equals(e.getTagName())) {
                return e.getTextContent().trim();
            }
        }
        throw new IllegalStateException(root.resolve("pom.xml") + " has no <version> of its own");
    }

    /** "file: images entry NAME has newTag X, not the project's version V", for each such entry. */
    static List<String> staleTags(Path kustomization, String version) throws IOException {
        List<String> out = new ArrayList<>();
        for (ObjectNode o : Manifests.read(kustomization)) {
            for (JsonNode image : o.path("images")) {
                String name = image.path("name").asText();
                if (!name.startsWith("invaders/")) {
                    continue;
                }
                JsonNode tag = image.path("newTag");
                if (!version.equals(tag.asText(null))) {
                    out.add(kustomization + ": images entry " + name + " has newTag "
                            + (tag.isMissingNode() ? "(none)" : tag.asText()) + ", not the project's version " + version);
                }
            }
        }
        return out;
    }

    /** The kustomizations of the repository that name images: the overlays (apps/kind, apps/cloud, ...). */
    static List<Path> overlays(Path root) throws IOException {
        List<Path> out = new ArrayList<>();
        for (String top : List.of("apps", "clusters", "infrastructure")) {
            Path dir = root.resolve(top);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.filter(p -> p.getFileName().toString().equals("kustomization.yaml"))
                        .filter(p -> !p.toString().contains("/target/") && !p.toString().contains("/src/test/"))
                        .sorted().toList()) {
                    if (Manifests.read(p).stream().anyMatch(o -> o.path("images").size() > 0)) {
                        out.add(p);
                    }
                }
            }
        }
        return out;
    }

    @Test
    void everyOverlayTagsTheProjectsImagesWithThePomsVersion() throws Exception {
        Path root = Manifests.repoRoot();
        String version = projectVersion(root);
        List<Path> overlays = overlays(root);
        assertTrue(overlays.contains(root.resolve("apps/kind/kustomization.yaml")), "found: " + overlays);
        assertTrue(overlays.contains(root.resolve("apps/cloud/kustomization.yaml")), "found: " + overlays);
        List<String> stale = new ArrayList<>();
        for (Path k : overlays) {
            stale.addAll(staleTags(k, version));
        }
        assertTrue(stale.isEmpty(), stale.size() + " newTag(s) are not the pom's version " + version
                + " (set them to it, or the pom's version to the build they name):\n  " + String.join("\n  ", stale));
    }

    @Test
    void theVersionIsTheProjectsOwnNotTheParents() throws Exception {
        String version = projectVersion(Manifests.repoRoot());
        assertTrue(version.matches("\\d+\\.\\d+\\.\\d+.*"), version);
        assertTrue(!version.equals("4.1.1"), "read the parent's version (spring-boot-starter-parent), not the project's");
    }

    @Test
    void aTagOtherThanThePomsVersionIsCaught() throws Exception {
        Path k = Path.of(ImageTagsTest.class.getResource("/broken/stale-image-tag/kustomization.yaml").toURI());
        List<String> stale = staleTags(k, "0.1.0");
        assertEquals(3, stale.size(), String.join("\n", stale));
        assertTrue(stale.get(0).endsWith("images entry invaders/memory-bus has newTag 0.0.9, not the project's version 0.1.0"), stale.get(0));
        assertTrue(stale.get(1).endsWith("images entry invaders/opcode-mov has newTag 0.2.0, not the project's version 0.1.0"), stale.get(1));
        assertTrue(stale.get(2).endsWith("images entry invaders/opcode-shared has newTag (none), not the project's version 0.1.0"), stale.get(2));
    }
}
