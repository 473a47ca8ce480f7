package dev.invaders.platform;

import dev.invaders.i8080.Family;
import dev.invaders.i8080.Opcode;
import dev.invaders.i8080.OpcodeTable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Writes {@code apps/base/opcodes/}: for every opcode family of the 8080's opcode table, one file
 * holding the family's ServiceAccount, Deployment, Service, HorizontalPodAutoscaler,
 * PodDisruptionBudget and Linkerd ServiceProfile, plus the kustomization listing them.
 *
 * <p>Each Deployment gets its own placeholder image name ({@code invaders/opcode-mov}) so that an
 * overlay's {@code images:} list can move one family to a new opcode-service build in one line.
 *
 * <p>Usage: {@code GenerateOpcodeManifests <output directory>}; the test {@code
 * OpcodeManifestsDriftTest} fails when the committed files differ from what this writes.
 */
public final class GenerateOpcodeManifests {

    /** The port the opcode service listens on (docs/services.md). */
    public static final int PORT = 8082;
    /** The opcode service's Spring Boot property for the families it serves, as an environment variable. */
    public static final String FAMILIES_ENV = "INVADERS_OPCODE_FAMILIES";
    static final String HEADER = "# Generated from the opcode table by dev.invaders.platform.GenerateOpcodeManifests: do not edit.\n"
            + "# Regenerate: ./mvnw -q -B -pl apps/platform-manifests -am verify -Dinvaders.regenerate=true\n";

    private GenerateOpcodeManifests() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: GenerateOpcodeManifests <output directory, e.g. apps/base/opcodes>");
            System.exit(2);
        }
        Path dir = Path.of(args[0]).toAbsolutePath().normalize();
        write(dir, JvmOptions.of(dir.resolve("../../..").normalize(), OPCODE_SERVICE));
    }

    /** The opcode service's name in {@link JvmOptions#FILE}. */
    public static final String OPCODE_SERVICE = "opcode-service";

    /**
     * The busy families: each at least 2.5% of a demo game's execute calls (6,000 a second or more per real-time
     * strict session), from docs/load-test/capacity.json ({@code ./load-test capacity}, "families"): JMP 23%,
     * ORA 19.1%, LDA 18.9%, MOV 10.3%, INX 5.0%, XRA 4.0%, OUT 2.9%, IN 2.5%; every other family is under 2%.
     */
    public static final java.util.Set<String> BUSY = java.util.Set.of("jmp", "ora", "lda", "mov", "inx", "xra", "out", "in");

    /** {@code busy} or {@code rare}: the label {@code invaders.dev/load} that the overlays' patches select on. */
    public static String load(Family family) {
        return BUSY.contains(family.serviceName()) ? "busy" : "rare";
    }

    /**
     * CPU and autoscaling numbers of a family's Deployment and HPA, from docs/load-test/capacity.json: one opcode
     * service costs 120-340 us of CPU per execute call; under a 0.25 or 0.5 CPU quota CFS throttling puts its p99
     * at 26-78 ms with two callers or more, under 1 CPU it stays at 0.7-12 ms (1-16 callers). So the limit is
     * 1 CPU for a busy family (0.5 for a rare one, which rarely has two callers at once), and the request is
     * what a pod uses at the HPA's target: busy 300m at 70% is 210m, about 1,000 calls a second per pod at the
     * measured 160-200 us a call, a quarter of what the pod does at 1 CPU before its p99 rises.
     */
    record Sizing(String cpuRequest, String cpuLimit, int maxReplicas, int utilization, String scaleUp) {
    }

    static Sizing sizing(Family family) {
        return BUSY.contains(family.serviceName())
                ? new Sizing("300m", "\"1\"", 8, 70, """
                        - type: Pods
                          value: 4
                          periodSeconds: 15
                        - type: Percent
                          value: 100
                          periodSeconds: 15""")
                : new Sizing("50m", "500m", 3, 70, """
                        - type: Pods
                          value: 1
                          periodSeconds: 30""");
    }

    /** The name of the family's Deployment, Service and ServiceAccount: {@code opcode-mov}. */
    public static String resourceName(Family family) {
        return "opcode-" + family.serviceName();
    }

    /** The family's placeholder image name, mapped to a real image and tag in each overlay. */
    public static String placeholderImage(Family family) {
        return "invaders/" + resourceName(family);
    }

    /** The routing table fetch-execute reads (Spring properties): each family to its own Service. */
    public static final String ROUTES_FILE = "routes.properties";

    private static String routes() {
        StringBuilder r = new StringBuilder(HEADER);
        r.append("# fetch-execute's routing table: each opcode family to the Service of its Deployment.\n");
        for (Family family : Family.values()) {
            r.append("invaders.cpu.routes.").append(family.serviceName()).append("=http://")
                    .append(resourceName(family)).append(":8082\n");
        }
        return r.toString();
    }

    /** Every file of the directory, by file name, in a stable order; {@code jvmOptions} is the opcode
     *  service's line of {@link JvmOptions#FILE}, the containers' {@code JAVA_TOOL_OPTIONS}. */
    public static Map<String, String> render(String jvmOptions) {
        Map<String, String> files = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        for (Family family : Family.values()) {
            String name = resourceName(family) + ".yaml";
            files.put(name, family(family, jvmOptions));
            names.add(name);
        }
        files.put(ROUTES_FILE, routes());
        StringBuilder k = new StringBuilder(HEADER);
        k.append("apiVersion: kustomize.config.k8s.io/v1beta1\n");
        k.append("kind: Kustomization\n");
        k.append("resources:\n");
        names.forEach(n -> k.append("  - ").append(n).append('\n'));
        // fetch-execute's routing table as a ConfigMap, one key per family (read as a Spring config
        // tree, so an overlay can replace one family's route); the name hash rolls the CPU when routes change.
        k.append("configMapGenerator:\n");
        k.append("  - name: fetch-execute-routes\n");
        k.append("    envs:\n");
        k.append("      - ").append(ROUTES_FILE).append('\n');
        files.put("kustomization.yaml", k.toString());
        return files;
    }

    // -- the Kind layout: one shared opcode JVM, families split out one line at a time ------------

    /** The Kind overlay's shared opcode Deployment, Service and ServiceAccount. */
    public static final String SHARED = "opcode-shared";
    /** Where {@link #renderKind} is committed, relative to the repository root. */
    public static final String KIND_DIR = "apps/kind/opcodes";

    /** Every family's service name, comma-separated, in the table's order: what the shared JVM serves. */
    static String allFamilies() {
        return Stream.of(Family.values()).map(Family::serviceName).collect(Collectors.joining(","));
    }

    /**
     * The files of {@code apps/kind/opcodes/}, by path relative to it: the shared opcode Deployment
     * that serves every family in one JVM, the routing table sending every family to it, and for
     * each family a Kustomize Component ({@code families/<family>/}) that runs the family as its own
     * Deployment, exactly as the cloud does, and routes the family to it. Listing a family's
     * component in {@code apps/kind/kustomization.yaml} splits it out; its line in {@code images:}
     * then moves it to another build.
     */
    public static Map<String, String> renderKind(String jvmOptions) {
        Map<String, String> files = new LinkedHashMap<>();
        StringBuilder k = new StringBuilder(HEADER);
        k.append("# Kind: every opcode family in one JVM (opcode-shared); components under families/ split one out.\n");
        k.append("apiVersion: kustomize.config.k8s.io/v1beta1\n");
        k.append("kind: Kustomization\n");
        k.append("resources:\n");
        k.append("  - ").append(SHARED).append(".yaml\n");
        k.append("configMapGenerator:\n");
        k.append("  - name: fetch-execute-routes\n");
        k.append("    envs:\n");
        k.append("      - ").append(ROUTES_FILE).append('\n');
        files.put("kustomization.yaml", k.toString());
        files.put(SHARED + ".yaml", shared(jvmOptions));
        StringBuilder r = new StringBuilder(HEADER);
        r.append("# fetch-execute's routing table on Kind: every family to the shared opcode JVM; a family's\n");
        r.append("# component (families/<family>) routes it to its own Deployment instead.\n");
        for (Family family : Family.values()) {
            r.append("invaders.cpu.routes.").append(family.serviceName()).append("=http://").append(SHARED).append(":8082\n");
        }
        files.put(ROUTES_FILE, r.toString());
        for (Family family : Family.values()) {
            String dir = "families/" + family.serviceName() + "/";
            files.put(dir + "kustomization.yaml", HEADER + """
                    # Runs family %1$s as its own Deployment %2$s (as in the cloud) and routes the family to it;
                    # the shared JVM keeps serving the rest. List it under components: in apps/kind/kustomization.yaml.
                    apiVersion: kustomize.config.k8s.io/v1alpha1
                    kind: Component
                    resources:
                      - %2$s.yaml
                    configMapGenerator:
                      - name: fetch-execute-routes
                        behavior: merge
                        literals:
                          - invaders.cpu.routes.%3$s=http://%2$s:%4$d
                    """.formatted(family.name(), resourceName(family), family.serviceName(), PORT));
            files.put(dir + resourceName(family) + ".yaml", family(family, jvmOptions));
        }
        return files;
    }

    /** Replaces {@code dir}'s generated files with {@link #renderKind}'s. */
    public static void writeKind(Path dir, String jvmOptions) throws IOException {
        if (Files.isDirectory(dir)) {
            try (Stream<Path> old = Files.walk(dir)) {
                for (Path p : old.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        for (Map.Entry<String, String> e : renderKind(jvmOptions).entrySet()) {
            Path f = dir.resolve(e.getKey());
            Files.createDirectories(f.getParent());
            Files.writeString(f, e.getValue(), StandardCharsets.UTF_8);
        }
    }

    static String shared(String jvmOptions) {
        String labels = """
                    app.kubernetes.io/name: %1$s
                    app.kubernetes.io/component: opcode-service
                    app.kubernetes.io/part-of: invaders
                    invaders.dev/tier: opcode
                    invaders.dev/family: shared
                """.formatted(SHARED);
        return HEADER + """
                # Every opcode family in one JVM: Kind's laptop-sized layout (an opcode JVM idles at 116-122 MiB
                # RSS whether it serves one family or all of them; 54 of them do not fit a laptop's Docker).
                """ + OpcodeServiceYaml.opcodeService(new OpcodeServiceYaml.Pod(SHARED, labels, "  replicas: 1\n",
                "invaders/" + SHARED, allFamilies(), jvmOptions, "", "50m", "\"1\""), "");
    }

    /** Replaces the directory's YAML files with {@link #render}'s. */
    public static void write(Path dir, String jvmOptions) throws IOException {
        Files.createDirectories(dir);
        try (Stream<Path> old = Files.list(dir)) {
            old.filter(p -> p.getFileName().toString().endsWith(".yaml")).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        for (Map.Entry<String, String> e : render(jvmOptions).entrySet()) {
            Files.writeString(dir.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
        }
    }

    static String family(Family family, String jvmOptions) {
        String name = resourceName(family);
        List<Opcode> opcodes = OpcodeTable.of(family);
        String codes = opcodes.stream().map(o -> String.format(Locale.ROOT, "%02X", o.code()))
                .collect(Collectors.joining(" "));
        String labels = """
                    app.kubernetes.io/name: %1$s
                    app.kubernetes.io/component: opcode-service
                    app.kubernetes.io/part-of: invaders
                    invaders.dev/tier: opcode
                    invaders.dev/family: %2$s
                    invaders.dev/load: %3$s
                """.formatted(name, family.serviceName(), load(family));
        Sizing z = sizing(family);
        OpcodeServiceYaml.Pod pod = new OpcodeServiceYaml.Pod(name, labels,
                "  # No replicas: the HorizontalPodAutoscaler below owns the count (its minReplicas).\n",
                placeholderImage(family), family.serviceName(), jvmOptions,
                "          # CPU: docs/load-test/capacity.json (./load-test capacity); see Sizing in the generator.\n",
                z.cpuRequest(), z.cpuLimit());
        return HEADER + "# Family %s: %d opcodes (hex): %s\n".formatted(family.name(), opcodes.size(), codes)
                + OpcodeServiceYaml.opcodeService(pod, OpcodeServiceYaml.scaling(name, labels, load(family), z));
    }
}
