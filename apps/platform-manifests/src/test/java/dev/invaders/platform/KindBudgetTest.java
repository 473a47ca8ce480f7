package dev.invaders.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The whole Kind platform at minimum replicas, Flux, kube-system and every chart's containers
 * included, requests at most 3 CPUs and 6 GiB: it runs in a 4-CPU, 8-GiB Docker.
 */
class KindBudgetTest {

    static final BigDecimal CPUS = new BigDecimal("3");
    static final BigDecimal BYTES = BigDecimal.valueOf(6L << 30);

    static JsonNode baseline() throws IOException {
        try (InputStream in = KindBudgetTest.class.getResourceAsStream("/budget/kind-platform.yaml")) {
            return Manifests.YAML.readTree(in);
        }
    }

    static List<String> over(BigDecimal[] total) {
        List<String> v = new ArrayList<>();
        if (total[0].compareTo(CPUS) > 0) {
            v.add("requests " + total[0].stripTrailingZeros().toPlainString() + " CPUs, over the budget of " + CPUS);
        }
        if (total[1].compareTo(BYTES) > 0) {
            v.add(String.format("requests %.2f GiB, over the budget of 6 GiB", total[1].doubleValue() / (1L << 30)));
        }
        return v;
    }

    @Test
    void theWholeKindPlatformFitsThreeCpusAndSixGib() throws Exception {
        List<ObjectNode> kind = PlatformValidationTest.rendering("kind");
        List<String> v = new ArrayList<>();
        List<KindBudget.Line> lines = KindBudget.lines(kind, baseline(), v);
        BigDecimal[] total = KindBudget.total(lines);
        System.err.println("[platform-manifests] kind: requests at minimum replicas (CPU, MiB):");
        for (KindBudget.Line l : lines) {
            System.err.printf("  %6s %6.0f  %s%n", l.cpu().multiply(BigDecimal.valueOf(1000)).stripTrailingZeros().toPlainString() + "m",
                    l.memory().doubleValue() / (1 << 20), l.what());
        }
        System.err.printf("[platform-manifests] kind: total %s CPU, %.2f GiB (budget 3 CPU, 6 GiB)%n",
                total[0].stripTrailingZeros().toPlainString(), total[1].doubleValue() / (1L << 30));
        v.addAll(over(total));
        assertTrue(v.isEmpty(), "kind budget:\n  " + String.join("\n  ", v));
        // Kind's pod count, far below a node's 110: the tree's workloads at one replica each here.
        assertTrue(Policies.workloads(kind).size() <= 10, "workloads: " + Policies.workloads(kind).size());
    }

    @Test
    void staleChartBudgetsAndTheOverBudgetAreRejected() throws Exception {
        List<ObjectNode> objects = Manifests.resource("/broken/budget-drift.yaml");
        List<String> v = new ArrayList<>();
        BigDecimal[] total = KindBudget.total(KindBudget.lines(objects, baseline(), v));
        String all = String.join("\n  ", v);
        for (String e : List.of(
                "HelmRelease kube-system/metrics-server: chart version 3.13.0, but the budget lists the containers of 3.12.2",
                "HelmRelease kube-system/metrics-server: values addonResizer.resources.requests sets requests that the budget does not count",
                "HelmRelease monitoring/loki container loki-sc-rules sidecar: no requests at values sidecar.resources.requests",
                "HelmRelease cache/redis: not in budget/kind-platform.yaml",
                "the budget counts chart monitoring/kube-prometheus-stack, which the cluster does not install")) {
            assertTrue(v.stream().anyMatch(x -> x.contains(e)), "expected '" + e + "' in:\n  " + all);
        }
        // hungry 3 x 1 CPU; metrics-server 20m; Loki 2 x 50m; Flux 350m; kube-system 950m (CoreDNS twice).
        assertEquals(0, new BigDecimal("4.42").compareTo(total[0]), "CPUs: " + total[0]);
        long mib = 1 << 20;
        assertEquals(0, BigDecimal.valueOf((3 * 1024 + 48 + 2 * 256 + 4 * 64 + 100 + 2 * 70 + 50) * mib).compareTo(total[1]),
                "bytes: " + total[1]);
        assertEquals(List.of("requests 4.42 CPUs, over the budget of 3"), over(total));
    }
}
