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
 * Every overlay deploys images that a build of this commit or an earlier one makes: each {@code newTag} of
 * the project's images ({@code invaders/...}) in a kustomization's {@code images:} is a release version
 * (MAJOR.MINOR.PATCH, the first tag {@code ./mvnw -Pimages} gives) no newer than the root pom's version.
 * Older ones are allowed: upgrading one opcode family by a commit moves its line to the new version and
 * leaves the others on the build they run. A newer tag, no tag or a moving one ({@code latest}) names an
 * image no build up to this commit makes, and the cluster would run an unknown build or none.
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

    /** "file: images entry NAME has newTag X, not a release up to the project's version V", for each such entry. */
    static List<String> staleTags(Path kustomization, String version) throws IOException {
        List<String> out = new ArrayList<>();
        for (ObjectNode o : Manifests.read(kustomization)) {
            for (JsonNode image : o.path("images")) {
                String name = image.path("name").asText();
                if (!name.startsWith("invaders/")) {
                    continue;
                }
                JsonNode tag = image.path("newTag");
                if (tag.isMissingNode() || !releaseUpTo(tag.asText(), version)) {
                    out.add(kustomization + ": images entry " + name + " has newTag "
                            + (tag.isMissingNode() ? "(none)" : tag.asText()) + ", not a release up to the project's version " + version);
                }
            }
        }
        return out;
    }

    /** True when {@code tag} is MAJOR.MINOR.PATCH and not newer than {@code version} (compared by number). */
    static boolean releaseUpTo(String tag, String version) {
        if (!tag.matches("\\d+\\.\\d+\\.\\d+")) {
            return false;
        }
        String[] t = tag.split("\\.");
        String[] v = version.replaceFirst("[^0-9.].*$", "").split("\\.");
        for (int i = 0; i < 3; i++) {
            int a = Integer.parseInt(t[i]);
            int b = i < v.length && !v[i].isEmpty() ? Integer.parseInt(v[i]) : 0;
            if (a != b) {
                return a < b;
            }
        }
        return true;
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
    void everyOverlayTagsTheProjectsImagesWithAReleaseUpToThePomsVersion() throws Exception {
        Path root = Manifests.repoRoot();
        String version = projectVersion(root);
        List<Path> overlays = overlays(root);
        assertTrue(overlays.contains(root.resolve("apps/kind/kustomization.yaml")), "found: " + overlays);
        assertTrue(overlays.contains(root.resolve("apps/cloud/kustomization.yaml")), "found: " + overlays);
        List<String> stale = new ArrayList<>();
        for (Path k : overlays) {
            stale.addAll(staleTags(k, version));
        }
        assertTrue(stale.isEmpty(), stale.size() + " newTag(s) are not a release up to the pom's version " + version
                + " (set them to a built version, or the pom's version to the build they name):\n  " + String.join("\n  ", stale));
    }

    @Test
    void theVersionIsTheProjectsOwnNotTheParents() throws Exception {
        String version = projectVersion(Manifests.repoRoot());
        assertTrue(version.matches("\\d+\\.\\d+\\.\\d+.*"), version);
        assertTrue(!version.equals("4.1.1"), "read the parent's version (spring-boot-starter-parent), not the project's");
    }

    @Test
    void aNewerMissingOrMovingTagIsCaughtAndAnOlderReleaseIsNot() throws Exception {
        Path k = Path.of(ImageTagsTest.class.getResource("/broken/stale-image-tag/kustomization.yaml").toURI());
        List<String> stale = staleTags(k, "0.1.0");
        assertEquals(3, stale.size(), String.join("\n", stale));
        assertTrue(stale.get(0).endsWith("images entry invaders/opcode-mov has newTag 0.2.0, not a release up to the project's version 0.1.0"), stale.get(0));
        assertTrue(stale.get(1).endsWith("images entry invaders/opcode-shared has newTag (none), not a release up to the project's version 0.1.0"), stale.get(1));
        assertTrue(stale.get(2).endsWith("images entry invaders/invaders-ui has newTag latest, not a release up to the project's version 0.1.0"), stale.get(2));
        assertTrue(releaseUpTo("0.9.12", "0.10.0"), "by number, not as text");
        assertTrue(!releaseUpTo("0.10.0", "0.9.12"));
        assertTrue(releaseUpTo("0.1.0", "0.1.0-SNAPSHOT") && !releaseUpTo("1.0", "1.0.0"));
    }
}
