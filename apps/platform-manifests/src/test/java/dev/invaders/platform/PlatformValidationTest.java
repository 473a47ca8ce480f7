package dev.invaders.platform;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The GitOps tree as each cluster's Flux would apply it: every path a Flux Kustomization points at
 * is rendered with kubectl kustomize, then every object is schema-validated and the policies run.
 */
class PlatformValidationTest {

    static final SchemaValidator SCHEMAS = new SchemaValidator();
    /** The Kind cluster's budget for everything the platform requests (KindBudgetTest counts it all). */
    static final BigDecimal KIND_CPU = new BigDecimal("3");
    static final BigDecimal KIND_MEMORY = new BigDecimal(6L * 1024 * 1024 * 1024);

    static List<String> clusters() throws IOException {
        return Manifests.clusters();
    }

    static List<ObjectNode> rendering(String cluster) throws Exception {
        assumeTrue(Manifests.kubectlAvailable(), "kubectl not on the PATH: rendering skipped");
        return Manifests.clusterRendering(cluster);
    }

    private static void none(List<String> violations, String what) {
        assertTrue(violations.isEmpty(), what + ":\n  " + String.join("\n  ", violations));
    }

    @Test
    void everyClusterHasItsOverlay() throws IOException {
        assertTrue(clusters().size() >= 2, "clusters/ holds " + clusters());
        for (String cluster : clusters()) {
            assertTrue(Files.isDirectory(Manifests.repoRoot().resolve("apps").resolve(cluster)),
                    "clusters/" + cluster + " has no overlay apps/" + cluster);
        }
    }

    @Test
    void everyYamlFileParses() throws IOException {
        Path root = Manifests.repoRoot();
        List<Path> files = new ArrayList<>();
        List<String> tops = new ArrayList<>(List.of("clusters", "infrastructure", "apps/base"));
        clusters().forEach(cluster -> tops.add("apps/" + cluster));
        for (String top : tops) {
            try (Stream<Path> s = Files.walk(root.resolve(top))) {
                s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).forEach(files::add);
            }
        }
        assertTrue(files.size() > 20, "found only " + files);
        for (Path f : files) {
            Manifests.read(f);
        }
    }

    @ParameterizedTest
    @MethodSource("clusters")
    void everyObjectIsValidAgainstItsSchemaInStrictMode(String cluster) throws Exception {
        List<ObjectNode> objects = rendering(cluster);
        List<String> errors = new ArrayList<>();
        TreeMap<String, String> sources = new TreeMap<>();
        for (ObjectNode o : objects) {
            errors.addAll(SCHEMAS.validate(o));
            String av = o.path("apiVersion").asText();
            String k = o.path("kind").asText();
            sources.putIfAbsent(av + " " + k, SCHEMAS.source(av, k));
        }
        System.err.println("[platform-manifests] " + cluster + ": " + objects.size() + " objects; schema sources:");
        sources.forEach((k, s) -> System.err.println("  " + k + " <- " + s));
        none(errors, cluster + ": schema violations");
    }

    @ParameterizedTest
    @MethodSource("clusters")
    void containersFollowTheRules(String cluster) throws Exception {
        none(Policies.containerRules(rendering(cluster)), cluster + ": container rules");
    }

    @ParameterizedTest
    @MethodSource("clusters")
    void imagesAndChartsArePinned(String cluster) throws Exception {
        List<ObjectNode> objects = rendering(cluster);
        none(Policies.imagesPinned(objects), cluster + ": unpinned images");
        none(Policies.helmReleases(objects), cluster + ": HelmRelease rules");
    }

    @ParameterizedTest
    @MethodSource("clusters")
    void fluxReferencesResolve(String cluster) throws Exception {
        none(Policies.fluxReferences(rendering(cluster), Manifests.repoRoot()), cluster + ": unresolved references");
    }

    @ParameterizedTest
    @MethodSource("clusters")
    void selectorsSelectSomething(String cluster) throws Exception {
        none(Policies.selectorsResolve(rendering(cluster)), cluster + ": selectors");
    }

    @ParameterizedTest
    @MethodSource("clusters")
    void everyOpcodeIsServedByExactlyOneDeployment(String cluster) throws Exception {
        none(Policies.opcodeCoverage(rendering(cluster)), cluster + ": opcode coverage");
    }

    @ParameterizedTest
    @MethodSource("clusters")
    void everyServiceGetsTheInternalTokenFromAnInClusterSecret(String cluster) throws Exception {
        none(Policies.internalToken(rendering(cluster)), cluster + ": internal token");
    }

    @ParameterizedTest
    @MethodSource("clusters")
    void grafanaIsNotExposed(String cluster) throws Exception {
        none(Policies.grafanaNotExposed(rendering(cluster)), cluster + ": Grafana");
    }

    @Test
    void cloudRunsThreeReplicasPerFamilyAtLeast() throws Exception {
        List<ObjectNode> objects = rendering("cloud");
        List<String> v = new ArrayList<>();
        for (ObjectNode h : Policies.ofKind(objects, "HorizontalPodAutoscaler")) {
            if (Manifests.name(h).startsWith("opcode-") && h.path("spec").path("minReplicas").asInt() < 3) {
                v.add(Manifests.id(h) + ": minReplicas " + h.path("spec").path("minReplicas").asInt());
            }
        }
        none(v, "cloud: families below three replicas");
    }

    // The Kind budget (the whole platform, Flux, kube-system and every chart's containers included,
    // at most 3 CPUs and 6 GiB) is KindBudgetTest's.
}
