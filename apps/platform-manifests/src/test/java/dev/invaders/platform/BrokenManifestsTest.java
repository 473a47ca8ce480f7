package dev.invaders.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each check catches the deliberately broken manifests under src/test/resources/broken/. */
class BrokenManifestsTest {

    private static void caught(List<String> violations, String... expected) {
        for (String e : expected) {
            assertTrue(violations.stream().anyMatch(v -> v.contains(e)),
                    "expected a violation mentioning '" + e + "', got:\n  " + String.join("\n  ", violations));
        }
    }

    @Test
    void schemaValidationCatchesUnknownFieldsWrongTypesAndUnknownKinds() throws IOException {
        SchemaValidator schemas = PlatformValidationTest.SCHEMAS;
        List<ObjectNode> objects = Manifests.resource("/broken/schema-errors.yaml");
        for (ObjectNode o : objects) {
            List<String> errors = schemas.validate(o);
            assertEquals(false, errors.isEmpty(), Manifests.id(o) + " passed schema validation");
        }
        List<String> all = new ArrayList<>();
        objects.forEach(o -> all.addAll(schemas.validate(o)));
        caught(all, "unknown field spec.template.spec.containers[0].imagePullPolicyy",
                "Service port-is-a-string", "unknown field spec.endpoints[0].scrapeIntervall",
                "versoin", "prune", "duration", "configMapp", "isRetryable", "no schema for example.com/v1 Widget");
    }

    @Test
    void containerRulesCatchAnInsecureWorkload() throws IOException {
        List<String> v = Policies.containerRules(Manifests.resource("/broken/insecure-workload.yaml"));
        caught(v, "no terminationGracePeriodSeconds", "maxUnavailable: 0", "no resources.requests.cpu",
                "no resources.limits.memory", "startupProbe", "readinessProbe", "livenessProbe", "runAsNonRoot",
                "readOnlyRootFilesystem", "allowPrivilegeEscalation", "capabilities must drop ALL", "seccompProfile",
                "unexplained-recreate: a Recreate strategy needs the annotation");
    }

    @Test
    void imagePinningCatchesLatestUntaggedAndAlwaysPull() throws IOException {
        List<String> v = Policies.imagesPinned(Manifests.resource("/broken/insecure-workload.yaml"));
        caught(v, "invaders/opcode-service:latest is not pinned", "image invaders/opcode-service is not pinned",
                "imagePullPolicy Always");
    }

    @Test
    void internalTokenCheckCatchesAServiceWithoutItAndATokenInGit() throws IOException {
        List<String> v = Policies.internalToken(Manifests.resource("/broken/internal-token.yaml"));
        caught(v, "Deployment emulator/no-token container app: gets no internal token",
                "Deployment emulator/token-in-git container app: INVADERS_INTERNAL_TOKEN has a value in the manifest",
                "Deployment emulator/not-mounted container app: INVADERS_INTERNAL_TOKEN_FILE=/var/run/invaders/internal-key/tls.key but nothing is mounted",
                "Deployment emulator/script-secret container app: no cert-manager Certificate in emulator makes the Secret made-by-a-script",
                "Certificate emulator/rotating-key: privateKey.rotationPolicy must be Never");
        assertEquals(5, v.size(), String.join("\n", v));
        assertTrue(Policies.internalToken(List.of()).get(0).contains("no Invaders workload"));
    }

    @Test
    void helmRulesCatchRangesAndMissingSettings() throws IOException {
        List<String> v = Policies.helmReleases(Manifests.resource("/broken/unpinned-helm.yaml"));
        caught(v, "'>=1.0.0' is not an exact version", "install.crds is not Create", "upgrade.crds is not CreateReplace",
                "install.remediation.retries", "driftDetection.mode", "no timeout", "ref.semver is a range",
                "neither a digest nor an exact tag");
    }

    @Test
    void grafanaCheckCatchesAnExposedGrafana() throws IOException {
        List<String> v = Policies.grafanaNotExposed(Manifests.resource("/broken/unpinned-helm.yaml"));
        caught(v, "existingSecret is not set", "adminPassword is set in Git", "not ClusterIP", "ingress is enabled",
                "anonymous access");
    }

    @Test
    void referenceCheckCatchesDanglingFluxReferences() throws IOException {
        List<String> v = Policies.fluxReferences(Manifests.resource("/broken/broken-references.yaml"), Manifests.repoRoot());
        caught(v, "no retryInterval", "prune and wait must be true", "path './does/not/exist'",
                "sourceRef GitRepository flux-system/somewhere-else does not exist",
                "dependsOn Kustomization flux-system/infra-configs does not exist",
                "source HelmRepository x/missing-repository does not exist",
                "dependsOn HelmRelease x/cert-manager does not exist");
    }

    @Test
    void selectorCheckCatchesSelectorsThatSelectNothing() throws IOException {
        List<String> v = Policies.selectorsResolve(Manifests.resource("/broken/orphan-selectors.yaml"));
        caught(v, "Service emulator/selects-nothing: selects no pods",
                "HorizontalPodAutoscaler emulator/targets-nothing: scaleTargetRef Deployment unreal",
                "PodDisruptionBudget emulator/selects-nothing", "NetworkPolicy emulator/selects-nothing",
                "ServiceMonitor monitoring/selects-nothing: selects no Service", "needs a reason");
        assertEquals(6, v.size(), String.join("\n", v));
    }

    @Test
    void coverageCheckCatchesAMissingAndADuplicatedFamily() throws IOException {
        List<ObjectNode> objects = new ArrayList<>();
        for (Map.Entry<String, String> f : GenerateOpcodeManifests.render(JvmOptions.of(Manifests.repoRoot(),
                GenerateOpcodeManifests.OPCODE_SERVICE)).entrySet()) {
            if (f.getKey().endsWith(".yaml")) {
                objects.addAll(Manifests.parse(f.getValue(), f.getKey()));
            }
        }
        assertEquals(List.of(), Policies.opcodeCoverage(objects), "the generated families cover the table");

        List<ObjectNode> missing = new ArrayList<>(objects);
        missing.removeIf(o -> "Deployment".equals(Manifests.kind(o)) && "opcode-call".equals(Manifests.name(o)));
        caught(Policies.opcodeCoverage(missing), "opcode CD (CALL a16, family CALL) is served by 0 Deployments");

        List<ObjectNode> doubled = new ArrayList<>(objects);
        ObjectNode copy = Policies.find(objects, "Deployment", "", "opcode-mov").deepCopy();
        ((ObjectNode) copy.path("metadata")).put("name", "opcode-mov-again");
        doubled.add(copy);
        caught(Policies.opcodeCoverage(doubled), "family MOV) is served by 2 Deployments [opcode-mov, opcode-mov-again]");
    }

    @Test
    void budgetCheckCountsReplicasProxiesAndChartValues() throws IOException {
        List<ObjectNode> objects = Manifests.resource("/broken/over-budget.yaml");
        BigDecimal[] r = Policies.requests(objects);
        assertEquals(0, new BigDecimal("7").compareTo(r[0]), "CPUs: " + r[0]);
        long mib = 1024L * 1024;
        assertEquals(0, BigDecimal.valueOf(5 * (2048 + 64) * mib + 1024 * mib + 512 * mib).compareTo(r[1]), "bytes: " + r[1]);
        caught(Policies.budget(objects, PlatformValidationTest.KIND_CPU, PlatformValidationTest.KIND_MEMORY),
                "requests 7 CPUs, over the budget of 3");
    }
}
