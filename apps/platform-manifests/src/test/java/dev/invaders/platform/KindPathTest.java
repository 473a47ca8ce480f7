package dev.invaders.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a fresh cluster needs to come up, checked on both clusters' renderings: images where the
 * cluster pulls them, overlay image entries that take effect, one route per family, a stateful
 * memory bus, the mesh's authorization, no Secret made outside Flux. Each check also meets a
 * broken fixture it must reject.
 */
class KindPathTest {

    private static void none(List<String> violations, String what) {
        assertTrue(violations.isEmpty(), what + ":\n  " + String.join("\n  ", violations));
    }

    private static void caught(List<String> violations, String... expected) {
        for (String e : expected) {
            assertTrue(violations.stream().anyMatch(v -> v.contains(e)),
                    "expected a violation mentioning '" + e + "', got:\n  " + String.join("\n  ", violations));
        }
    }

    // -- images ---------------------------------------------------------------------------------------

    @Test
    void kindPullsEveryImageFromItsLocalRegistry() throws Exception {
        List<ObjectNode> kind = PlatformValidationTest.rendering("kind");
        none(KindChecks.imagesFrom(kind, "localhost:5001/invaders/"), "kind: images");
        Set<String> repositories = new LinkedHashSet<>();
        for (ObjectNode w : Policies.workloads(kind)) {
            for (JsonNode c : w.path("spec").path("template").path("spec").path("containers")) {
                String image = c.path("image").asText();
                repositories.add(image.substring(0, image.lastIndexOf(':')));
            }
        }
        // The four images the Jib builds push (./mvnw -Pimages ... -Dimages.registry=localhost:5001).
        assertEquals(Set.of("localhost:5001/invaders/invaders-ui", "localhost:5001/invaders/fetch-execute",
                "localhost:5001/invaders/memory-bus", "localhost:5001/invaders/opcode-service"), repositories);
    }

    @Test
    void theCloudPullsFromGithubsRegistryUnderTheOwnerItIsGiven() throws Exception {
        String owner = null;
        for (ObjectNode k : Manifests.clusterObjects("cloud")) {
            Map<String, String> vars = FluxSubstitution.variables(k);
            if (vars != null && vars.containsKey("IMAGE_OWNER")) {
                owner = vars.get("IMAGE_OWNER");
            }
        }
        assertTrue(owner != null && owner.matches("[a-z0-9][a-z0-9-]*"), "IMAGE_OWNER in clusters/cloud/apps.yaml: " + owner);
        none(KindChecks.imagesFrom(PlatformValidationTest.rendering("cloud"), "ghcr.io/" + owner + "/invaders/"), "cloud: images");
    }

    @Test
    void dockerHubNamesAreRejected() throws Exception {
        caught(KindChecks.imagesFrom(Manifests.resource("/broken/docker-hub-images.yaml"), "localhost:5001/invaders/"),
                "Deployment emulator/opcode-mov: image invaders/opcode-service:0.1.0 is not from localhost:5001/invaders/");
    }

    @ParameterizedTest
    @ValueSource(strings = {"apps/kind", "apps/cloud"})
    void everyImagesEntryOfAnOverlayTakesEffect(String overlay) throws Exception {
        none(KindChecks.imageEntriesMatch(Manifests.repoRoot().resolve(overlay)), overlay);
    }

    @Test
    void anImagesEntryThatMatchesNothingIsRejected() throws Exception {
        java.nio.file.Path dir = java.nio.file.Path.of(KindPathTest.class.getResource("/broken/unused-image-entry").toURI());
        List<String> v = KindChecks.imageEntriesMatch(dir);
        caught(v, "images entry invaders/opcode-add matches no container");
        assertEquals(1, v.size(), String.join("\n", v));
    }

    // -- routing --------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"kind", "cloud"})
    void everyFamilyIsRoutedOnceToADeploymentServingIt(String cluster) throws Exception {
        none(Routing.check(PlatformValidationTest.rendering(cluster)), cluster + ": routing");
    }

    @Test
    void kindSharesOneJvmAndSplitsOutTheListedFamilies() throws Exception {
        Map<String, Set<String>> routed = Routing.routedDeployments(PlatformValidationTest.rendering("kind"));
        assertEquals(Set.of("opcode-mov"), routed.get("mov"));
        assertEquals(Set.of("opcode-shared"), routed.get("add"));
        List<String> opcodeDeployments = new ArrayList<>();
        for (ObjectNode d : Policies.ofKind(PlatformValidationTest.rendering("kind"), "Deployment")) {
            if (Manifests.name(d).startsWith("opcode-")) {
                opcodeDeployments.add(Manifests.name(d));
            }
        }
        assertEquals(List.of("opcode-mov", "opcode-shared"), opcodeDeployments.stream().sorted().toList());
    }

    @Test
    void aBrokenRoutingTableIsRejected() throws Exception {
        List<String> v = Routing.check(Manifests.resource("/broken/routing.yaml"));
        caught(v, "family mov is routed to http://opcode-gone:8082, which reaches no Deployment",
                "family add is routed to http://opcode-shared:8082, whose Deployment opcode-shared does not serve it",
                "key invaders.cpu.routes.movv is not the route of a family", "family nop has no route");
    }

    // -- the memory bus ------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"kind", "cloud"})
    void theMemoryBusIsOneStatefulPodWithItsCheckpointsOnAVolume(String cluster) throws Exception {
        none(KindChecks.statefulMemoryBus(PlatformValidationTest.rendering(cluster)), cluster + ": memory bus");
    }

    @Test
    void aRollingMemoryBusWithoutAVolumeIsRejected() throws Exception {
        List<String> v = KindChecks.statefulMemoryBus(Manifests.resource("/broken/stateless-memory-bus.yaml"));
        caught(v, "Deployment emulator/memory-bus: a rolling Deployment runs two memory buses",
                "Deployment emulator/memory-bus: INVADERS_MEMORYBUS_CHECKPOINTDIR is not set",
                "StatefulSet other/memory-bus-ephemeral: the checkpoint directory /var/lib/memory-bus is not on a PersistentVolumeClaim");
        assertEquals(3, v.size(), String.join("\n", v));
    }

    // -- the mesh's authorization ---------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"kind", "cloud"})
    void onlyFetchExecuteReachesTheOpcodesAndTheMemoryBusAndOnlyTheUiReachesItsApi(String cluster) throws Exception {
        none(KindChecks.meshAuthorization(PlatformValidationTest.rendering(cluster)), cluster + ": mesh authorization");
    }

    @Test
    void wrongMeshAuthorizationIsRejected() throws Exception {
        List<String> v = KindChecks.meshAuthorization(Manifests.resource("/broken/mesh-authorization.yaml"));
        caught(v, "the opcode services: expected one Server selecting invaders.dev/tier=opcode on port http, found 0",
                "AuthorizationPolicy emulator/memory-bus-all: lets [ServiceAccount/fetch-execute, ServiceAccount/invaders-ui] call the API of the memory bus",
                "the memory bus: no AuthorizationPolicy lets ServiceAccount/fetch-execute call its API",
                "Server emulator/fetch-execute-http: accessPolicy all-unauthenticated",
                "AuthorizationPolicy emulator/fetch-execute-api: lets the network (unauthenticated) reach /api/ of fetch-execute",
                "fetch-execute: no AuthorizationPolicy lets ServiceAccount/invaders-ui call its API");
    }

    // -- nothing made outside Flux --------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"kind", "cloud"})
    void noChartWaitsForASecretMadeOutsideFlux(String cluster) throws Exception {
        none(KindChecks.noSecretFromOutside(PlatformValidationTest.rendering(cluster)), cluster + ": Secrets");
    }

    @Test
    void aSecretOnlyABootstrapScriptMakesIsRejected() throws Exception {
        caught(KindChecks.noSecretFromOutside(Manifests.resource("/broken/grafana-secret.yaml")),
                "values grafana.admin.existingSecret names Secret monitoring/grafana-admin, which nothing in the tree creates");
    }

    // -- Flux's post-build substitution -------------------------------------------------------------

    @Test
    void substitutionUsesValuesThenDefaultsAndReportsTheRest() {
        List<String> unresolved = new ArrayList<>();
        assertEquals("ghcr.io/me/invaders/x:1 and dflt and ",
                FluxSubstitution.substitute("ghcr.io/${IMAGE_OWNER}/invaders/x:1 and ${B:=dflt} and ${MISSING}",
                        Map.of("IMAGE_OWNER", "me"), "Deployment a/b", unresolved));
        assertEquals(List.of("Deployment a/b: ${MISSING} has no value in postBuild.substitute and no default"), unresolved);
    }
}
