package dev.invaders.platform;

import static dev.invaders.platform.Manifests.id;
import static dev.invaders.platform.Manifests.kind;
import static dev.invaders.platform.Manifests.name;
import static dev.invaders.platform.Manifests.namespace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.invaders.i8080.Family;
import dev.invaders.i8080.Opcode;
import dev.invaders.i8080.OpcodeTable;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The repository's rules, each a function from objects to the list of violations (empty: passes).
 * The objects are one cluster's whole rendering unless a check says otherwise, so references across
 * Flux Kustomizations (a ServiceMonitor in infra-configs selecting Services of apps) resolve.
 */
final class Policies {

    static final Set<String> WORKLOADS = Set.of("Deployment", "StatefulSet", "DaemonSet");
    /** Exact versions only: no ranges, wildcards or "latest". */
    static final Pattern EXACT_VERSION = Pattern.compile("^v?\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?$");
    /** Annotation that marks a selector whose targets are created at run time, with the reason. */
    static final String SELECTS_AT_RUNTIME = "invaders.dev/selects-at-runtime";

    private Policies() {
    }

    // -- workloads ------------------------------------------------------------------------------

    /** The annotation that explains a Deployment's Recreate strategy. */
    static final String RECREATE_BECAUSE = "invaders.dev/recreate-because";

    /** Requests and limits, probes on the Actuator groups, a locked-down security context, safe rollouts. */
    static List<String> containerRules(List<ObjectNode> objects) {
        List<String> v = new ArrayList<>();
        for (ObjectNode w : workloads(objects)) {
            JsonNode pod = w.path("spec").path("template").path("spec");
            JsonNode podSc = pod.path("securityContext");
            if (!pod.has("terminationGracePeriodSeconds")) {
                v.add(id(w) + ": no terminationGracePeriodSeconds");
            }
            if ("Deployment".equals(kind(w))) {
                // Recreate only for a singleton that must never run twice at once, saying why.
                JsonNode strategy = w.path("spec").path("strategy");
                if ("Recreate".equals(strategy.path("type").asText())) {
                    if (w.path("metadata").path("annotations").path(RECREATE_BECAUSE).asText().isBlank()) {
                        v.add(id(w) + ": a Recreate strategy needs the annotation " + RECREATE_BECAUSE + " saying why");
                    }
                } else if (!"RollingUpdate".equals(strategy.path("type").asText())
                        || !"0".equals(strategy.path("rollingUpdate").path("maxUnavailable").asText())) {
                    v.add(id(w) + ": strategy must be RollingUpdate with maxUnavailable: 0 (or an explained Recreate)");
                }
            }
            List<JsonNode> containers = new ArrayList<>();
            pod.path("initContainers").forEach(containers::add);
            pod.path("containers").forEach(containers::add);
            for (JsonNode c : containers) {
                String cid = id(w) + " container " + c.path("name").asText();
                JsonNode res = c.path("resources");
                for (String r : List.of("requests/cpu", "requests/memory", "limits/cpu", "limits/memory")) {
                    String[] p = r.split("/");
                    if (res.path(p[0]).path(p[1]).asText().isEmpty()) {
                        v.add(cid + ": no resources." + p[0] + "." + p[1]);
                    }
                }
                probe(v, cid, c, "startupProbe", "/actuator/health/");
                probe(v, cid, c, "readinessProbe", "/actuator/health/readiness");
                probe(v, cid, c, "livenessProbe", "/actuator/health/liveness");
                JsonNode sc = c.path("securityContext");
                if (!sc.path("runAsNonRoot").asBoolean(podSc.path("runAsNonRoot").asBoolean(false))) {
                    v.add(cid + ": runAsNonRoot is not true");
                }
                if (!sc.path("readOnlyRootFilesystem").asBoolean(false)) {
                    v.add(cid + ": readOnlyRootFilesystem is not true");
                }
                if (!sc.has("allowPrivilegeEscalation") || sc.path("allowPrivilegeEscalation").asBoolean(true)) {
                    v.add(cid + ": allowPrivilegeEscalation is not false");
                }
                boolean dropsAll = false;
                for (JsonNode d : sc.path("capabilities").path("drop")) {
                    dropsAll |= "ALL".equals(d.asText());
                }
                if (!dropsAll || sc.path("capabilities").has("add")) {
                    v.add(cid + ": capabilities must drop ALL and add none");
                }
                String seccomp = sc.path("seccompProfile").path("type").asText(podSc.path("seccompProfile").path("type").asText());
                if (!"RuntimeDefault".equals(seccomp)) {
                    v.add(cid + ": seccompProfile is not RuntimeDefault");
                }
            }
        }
        return v;
    }

    private static void probe(List<String> v, String cid, JsonNode c, String probe, String pathPrefix) {
        String path = c.path(probe).path("httpGet").path("path").asText();
        if (!path.startsWith(pathPrefix)) {
            v.add(cid + ": " + probe + " must be an httpGet on " + pathPrefix + "...");
        }
    }

    /** Every image has a tag or digest, and none is "latest". */
    static List<String> imagesPinned(List<ObjectNode> objects) {
        List<String> v = new ArrayList<>();
        for (ObjectNode w : workloads(objects)) {
            JsonNode pod = w.path("spec").path("template").path("spec");
            for (String list : List.of("initContainers", "containers")) {
                for (JsonNode c : pod.path(list)) {
                    String image = c.path("image").asText();
                    String last = image.substring(image.lastIndexOf('/') + 1);
                    boolean digest = image.contains("@sha256:");
                    int colon = last.indexOf(':');
                    String tag = colon < 0 ? "" : last.substring(colon + 1);
                    if (!digest && (tag.isEmpty() || tag.equals("latest"))) {
                        v.add(id(w) + ": image " + image + " is not pinned (no tag, or latest)");
                    }
                    if ("Always".equals(c.path("imagePullPolicy").asText()) && !digest) {
                        v.add(id(w) + ": imagePullPolicy Always on a mutable tag");
                    }
                }
            }
        }
        return v;
    }

    // -- Helm and Flux --------------------------------------------------------------------------

    /** Exact chart versions, CRD policies, remediation and drift detection on every HelmRelease. */
    static List<String> helmReleases(List<ObjectNode> objects) {
        List<String> v = new ArrayList<>();
        for (ObjectNode hr : ofKind(objects, "HelmRelease")) {
            JsonNode spec = hr.path("spec");
            if (spec.has("chart")) {
                String version = spec.path("chart").path("spec").path("version").asText();
                if (!EXACT_VERSION.matcher(version).matches()) {
                    v.add(id(hr) + ": chart version '" + version + "' is not an exact version");
                }
            } else if (!"OCIRepository".equals(spec.path("chartRef").path("kind").asText())) {
                v.add(id(hr) + ": neither chart.spec nor an OCIRepository chartRef");
            }
            if (!"Create".equals(spec.path("install").path("crds").asText())) {
                v.add(id(hr) + ": install.crds is not Create");
            }
            if (!"CreateReplace".equals(spec.path("upgrade").path("crds").asText())) {
                v.add(id(hr) + ": upgrade.crds is not CreateReplace");
            }
            for (String phase : List.of("install", "upgrade")) {
                if (spec.path(phase).path("remediation").path("retries").asInt(0) < 1) {
                    v.add(id(hr) + ": " + phase + ".remediation.retries is not set");
                }
            }
            if (!"enabled".equals(spec.path("driftDetection").path("mode").asText())) {
                v.add(id(hr) + ": driftDetection.mode is not enabled");
            }
            for (String d : List.of("interval", "timeout")) {
                if (!spec.has(d)) {
                    v.add(id(hr) + ": no " + d);
                }
            }
        }
        for (ObjectNode oci : ofKind(objects, "OCIRepository")) {
            JsonNode ref = oci.path("spec").path("ref");
            if (!ref.has("digest") && !EXACT_VERSION.matcher(ref.path("tag").asText()).matches()) {
                v.add(id(oci) + ": ref is neither a digest nor an exact tag");
            }
            if (ref.has("semver")) {
                v.add(id(oci) + ": ref.semver is a range");
            }
        }
        return v;
    }

    /**
     * Every reference a controller follows resolves: Flux Kustomizations' dependsOn, paths and
     * sourceRefs; HelmReleases' sources and dependsOn. The GitRepository flux-system is written by
     * {@code flux bootstrap} and is the only object allowed to be absent.
     */
    static List<String> fluxReferences(List<ObjectNode> objects, Path repoRoot) {
        List<String> v = new ArrayList<>();
        for (ObjectNode k : ofKind(objects, "Kustomization")) {
            if (!k.path("apiVersion").asText().startsWith("kustomize.toolkit.fluxcd.io/")) {
                continue;
            }
            JsonNode spec = k.path("spec");
            for (String f : List.of("interval", "retryInterval", "timeout")) {
                if (!spec.has(f)) {
                    v.add(id(k) + ": no " + f);
                }
            }
            if (!spec.path("prune").asBoolean(false) || !spec.path("wait").asBoolean(false)) {
                v.add(id(k) + ": prune and wait must be true");
            }
            String path = spec.path("path").asText();
            Path dir = repoRoot.resolve(path).normalize();
            if (path.isEmpty() || !dir.startsWith(repoRoot) || !Files.isRegularFile(dir.resolve("kustomization.yaml"))) {
                v.add(id(k) + ": path '" + path + "' is not a directory with a kustomization.yaml");
            }
            JsonNode src = spec.path("sourceRef");
            String srcNs = src.path("namespace").asText(namespace(k));
            boolean bootstrap = "GitRepository".equals(src.path("kind").asText()) && "flux-system".equals(src.path("name").asText())
                    && "flux-system".equals(srcNs);
            if (!bootstrap && find(objects, src.path("kind").asText(), srcNs, src.path("name").asText()) == null) {
                v.add(id(k) + ": sourceRef " + src.path("kind").asText() + " " + srcNs + "/" + src.path("name").asText() + " does not exist");
            }
            dependsOn(v, objects, k, "Kustomization");
        }
        for (ObjectNode hr : ofKind(objects, "HelmRelease")) {
            JsonNode ref = hr.has("spec") && hr.path("spec").has("chartRef") ? hr.path("spec").path("chartRef")
                    : hr.path("spec").path("chart").path("spec").path("sourceRef");
            String ns = ref.path("namespace").asText(namespace(hr));
            if (find(objects, ref.path("kind").asText(), ns, ref.path("name").asText()) == null) {
                v.add(id(hr) + ": source " + ref.path("kind").asText() + " " + ns + "/" + ref.path("name").asText() + " does not exist");
            }
            dependsOn(v, objects, hr, "HelmRelease");
        }
        return v;
    }

    private static void dependsOn(List<String> v, List<ObjectNode> objects, ObjectNode o, String kind) {
        for (JsonNode d : o.path("spec").path("dependsOn")) {
            String ns = d.path("namespace").asText(namespace(o));
            if (find(objects, kind, ns, d.path("name").asText()) == null) {
                v.add(id(o) + ": dependsOn " + kind + " " + ns + "/" + d.path("name").asText() + " does not exist");
            }
        }
    }

    // -- selectors ------------------------------------------------------------------------------

    /** Services, HPAs, PDBs, NetworkPolicies, ServiceMonitors and PodMonitors all select something. */
    static List<String> selectorsResolve(List<ObjectNode> objects) {
        List<String> v = new ArrayList<>();
        for (ObjectNode s : ofKind(objects, "Service")) {
            JsonNode sel = s.path("spec").path("selector");
            if (sel.isObject() && !sel.isEmpty() && pods(objects, namespace(s)::equals, p -> matchLabels(sel, p)).isEmpty()) {
                v.add(id(s) + ": selects no pods");
            }
        }
        for (ObjectNode h : ofKind(objects, "HorizontalPodAutoscaler")) {
            JsonNode t = h.path("spec").path("scaleTargetRef");
            if (find(objects, t.path("kind").asText(), namespace(h), t.path("name").asText()) == null) {
                v.add(id(h) + ": scaleTargetRef " + t.path("kind").asText() + " " + t.path("name").asText() + " does not exist");
            }
        }
        for (ObjectNode p : ofKind(objects, "PodDisruptionBudget")) {
            if (pods(objects, namespace(p)::equals, l -> selects(p.path("spec").path("selector"), l)).isEmpty()) {
                v.add(id(p) + ": selects no pods");
            }
        }
        for (ObjectNode n : ofKind(objects, "NetworkPolicy")) {
            if (pods(objects, namespace(n)::equals, l -> selects(n.path("spec").path("podSelector"), l)).isEmpty()) {
                v.add(id(n) + ": selects no pods");
            }
        }
        for (ObjectNode m : ofKind(objects, "ServiceMonitor")) {
            if (atRuntime(m, v)) {
                continue;
            }
            Predicate<String> ns = namespaces(m);
            boolean any = ofKind(objects, "Service").stream()
                    .anyMatch(s -> ns.test(namespace(s)) && selects(m.path("spec").path("selector"), s.path("metadata").path("labels")));
            if (!any) {
                v.add(id(m) + ": selects no Service");
            }
        }
        for (ObjectNode m : ofKind(objects, "PodMonitor")) {
            if (atRuntime(m, v)) {
                continue;
            }
            if (pods(objects, namespaces(m), l -> selects(m.path("spec").path("selector"), l)).isEmpty()) {
                v.add(id(m) + ": selects no pods");
            }
        }
        return v;
    }

    private static boolean atRuntime(ObjectNode o, List<String> v) {
        JsonNode reason = o.path("metadata").path("annotations").path(SELECTS_AT_RUNTIME);
        if (reason.isMissingNode()) {
            return false;
        }
        if (reason.asText().isBlank()) {
            v.add(id(o) + ": " + SELECTS_AT_RUNTIME + " needs a reason");
        }
        return true;
    }

    private static Predicate<String> namespaces(ObjectNode monitor) {
        JsonNode sel = monitor.path("spec").path("namespaceSelector");
        if (sel.path("any").asBoolean(false)) {
            return ns -> true;
        }
        if (sel.has("matchNames")) {
            List<String> names = new ArrayList<>();
            sel.path("matchNames").forEach(n -> names.add(n.asText()));
            return names::contains;
        }
        return namespace(monitor)::equals;
    }

    /** The pod template labels of the workloads in the matching namespaces that the test accepts. */
    private static List<JsonNode> pods(List<ObjectNode> objects, Predicate<String> ns, Predicate<JsonNode> labels) {
        List<JsonNode> out = new ArrayList<>();
        for (ObjectNode w : workloads(objects)) {
            JsonNode l = w.path("spec").path("template").path("metadata").path("labels");
            if (ns.test(namespace(w)) && labels.test(l)) {
                out.add(l);
            }
        }
        return out;
    }

    private static boolean matchLabels(JsonNode required, JsonNode labels) {
        for (Iterator<Map.Entry<String, JsonNode>> it = required.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().asText().equals(labels.path(e.getKey()).asText(null))) {
                return false;
            }
        }
        return true;
    }

    /** A metav1.LabelSelector against a label set. */
    static boolean selects(JsonNode selector, JsonNode labels) {
        if (!matchLabels(selector.path("matchLabels"), labels)) {
            return false;
        }
        for (JsonNode e : selector.path("matchExpressions")) {
            String value = labels.path(e.path("key").asText()).asText(null);
            List<String> values = new ArrayList<>();
            e.path("values").forEach(x -> values.add(x.asText()));
            boolean ok = switch (e.path("operator").asText()) {
                case "In" -> value != null && values.contains(value);
                case "NotIn" -> value == null || !values.contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    // -- the emulator ---------------------------------------------------------------------------

    /**
     * Every opcode of the table is served by exactly one Deployment (through INVADERS_OPCODE_FAMILIES).
     * Where the objects hold fetch-execute's routing table, only the Deployments a family is routed to
     * count for it (on Kind the shared JVM can serve every family, but a split-out family is routed to
     * its own Deployment): see {@link Routing#routedDeployments}.
     */
    static List<String> opcodeCoverage(List<ObjectNode> objects) {
        List<String> v = new ArrayList<>();
        List<List<String>> servedBy = new ArrayList<>();
        for (int i = 0; i < 256; i++) {
            servedBy.add(new ArrayList<>());
        }
        Map<String, Set<String>> routed = Routing.routedDeployments(objects);
        for (ObjectNode d : ofKind(objects, "Deployment")) {
            for (JsonNode c : d.path("spec").path("template").path("spec").path("containers")) {
                for (JsonNode env : c.path("env")) {
                    if (!GenerateOpcodeManifests.FAMILIES_ENV.equals(env.path("name").asText())) {
                        continue;
                    }
                    for (String f : env.path("value").asText().split(",")) {
                        Family family;
                        try {
                            family = Family.fromName(f);
                        } catch (IllegalArgumentException e) {
                            v.add(id(d) + ": " + e.getMessage());
                            continue;
                        }
                        if (routed != null && !routed.getOrDefault(family.serviceName(), Set.of()).contains(name(d))) {
                            continue;
                        }
                        for (Opcode o : OpcodeTable.of(family)) {
                            servedBy.get(o.code()).add(name(d));
                        }
                    }
                }
            }
        }
        for (Opcode o : OpcodeTable.all()) {
            List<String> by = servedBy.get(o.code());
            if (by.size() != 1) {
                v.add(String.format("opcode %02X (%s, family %s) is served by %d Deployments %s",
                        o.code(), o.mnemonic(), o.family(), by.size(), by));
            }
        }
        return v;
    }

    /**
     * The requests of one cluster: every workload's containers times its replicas (an HPA's
     * minReplicas where one targets it), plus the Linkerd proxy requested through the namespace's
     * annotations, plus every requests block set in HelmRelease values (counted once: one node,
     * one replica, as on Kind). Returns {cpu cores, memory bytes}.
     */
    static BigDecimal[] requests(List<ObjectNode> objects) {
        BigDecimal cpu = BigDecimal.ZERO;
        BigDecimal mem = BigDecimal.ZERO;
        for (ObjectNode w : workloads(objects)) {
            int replicas = w.path("spec").path("replicas").asInt(1);
            for (ObjectNode h : ofKind(objects, "HorizontalPodAutoscaler")) {
                if (namespace(h).equals(namespace(w)) && h.path("spec").path("scaleTargetRef").path("name").asText().equals(name(w))) {
                    replicas = h.path("spec").path("minReplicas").asInt(1);
                }
            }
            BigDecimal podCpu = BigDecimal.ZERO;
            BigDecimal podMem = BigDecimal.ZERO;
            for (JsonNode c : w.path("spec").path("template").path("spec").path("containers")) {
                podCpu = podCpu.add(quantity(c.path("resources").path("requests").path("cpu").asText("0")));
                podMem = podMem.add(quantity(c.path("resources").path("requests").path("memory").asText("0")));
            }
            ObjectNode ns = find(objects, "Namespace", "", namespace(w));
            if (ns != null && "enabled".equals(ns.path("metadata").path("annotations").path("linkerd.io/inject").asText())) {
                JsonNode a = ns.path("metadata").path("annotations");
                podCpu = podCpu.add(quantity(a.path("config.linkerd.io/proxy-cpu-request").asText("0")));
                podMem = podMem.add(quantity(a.path("config.linkerd.io/proxy-memory-request").asText("0")));
            }
            cpu = cpu.add(podCpu.multiply(BigDecimal.valueOf(replicas)));
            mem = mem.add(podMem.multiply(BigDecimal.valueOf(replicas)));
        }
        for (ObjectNode hr : ofKind(objects, "HelmRelease")) {
            BigDecimal[] r = valuesRequests(hr.path("spec").path("values"));
            cpu = cpu.add(r[0]);
            mem = mem.add(r[1]);
        }
        return new BigDecimal[] {cpu, mem};
    }

    /** The cluster's requests against a budget of CPUs and bytes of memory. */
    static List<String> budget(List<ObjectNode> objects, BigDecimal cpus, BigDecimal bytes) {
        BigDecimal[] r = requests(objects);
        List<String> v = new ArrayList<>();
        if (r[0].compareTo(cpus) > 0) {
            v.add("requests " + r[0].stripTrailingZeros().toPlainString() + " CPUs, over the budget of " + cpus);
        }
        if (r[1].compareTo(bytes) > 0) {
            v.add("requests " + r[1].toPlainString() + " bytes of memory, over the budget of " + bytes);
        }
        return v;
    }

    private static BigDecimal[] valuesRequests(JsonNode n) {
        BigDecimal cpu = BigDecimal.ZERO;
        BigDecimal mem = BigDecimal.ZERO;
        if (n.isObject()) {
            JsonNode req = n.path("requests");
            cpu = cpu.add(quantity(req.path("cpu").asText("0")));
            mem = mem.add(quantity(req.path("memory").asText("0")));
            // Linkerd's charts write {cpu: {request: ...}, memory: {request: ...}}.
            cpu = cpu.add(quantity(n.path("cpu").path("request").asText("0")));
            mem = mem.add(quantity(n.path("memory").path("request").asText("0")));
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getKey().equals("requests")) {
                    BigDecimal[] r = valuesRequests(e.getValue());
                    cpu = cpu.add(r[0]);
                    mem = mem.add(r[1]);
                }
            }
        } else if (n.isArray()) {
            for (JsonNode e : n) {
                BigDecimal[] r = valuesRequests(e);
                cpu = cpu.add(r[0]);
                mem = mem.add(r[1]);
            }
        }
        return new BigDecimal[] {cpu, mem};
    }

    /** A Kubernetes quantity: cores for CPU ("250m"), bytes for memory ("128Mi"). */
    static BigDecimal quantity(String q) {
        q = q.strip();
        if (q.isEmpty()) {
            return BigDecimal.ZERO;
        }
        String[][] suffixes = {{"Ki", "1024"}, {"Mi", "1048576"}, {"Gi", "1073741824"}, {"Ti", "1099511627776"},
                {"m", "0.001"}, {"k", "1000"}, {"M", "1000000"}, {"G", "1000000000"}, {"T", "1000000000000"}};
        for (String[] s : suffixes) {
            if (q.endsWith(s[0])) {
                return new BigDecimal(q.substring(0, q.length() - s[0].length())).multiply(new BigDecimal(s[1]));
            }
        }
        return new BigDecimal(q);
    }

    /** Grafana: admin credentials from an existing Secret, never exposed beyond the cluster. */
    static List<String> grafanaNotExposed(List<ObjectNode> objects) {
        List<String> v = new ArrayList<>();
        for (ObjectNode hr : ofKind(objects, "HelmRelease")) {
            JsonNode g = hr.path("spec").path("values").path("grafana");
            if (g.isMissingNode() || !g.path("enabled").asBoolean(true)) {
                continue;
            }
            // Either an existing Secret, or adminPassword "" so that the chart generates a random one in
            // the cluster (kube-prometheus-stack's default is a fixed password).
            boolean generated = g.has("adminPassword") && g.path("adminPassword").asText().isEmpty();
            if (g.path("admin").path("existingSecret").asText().isEmpty() && !generated) {
                v.add(id(hr) + ": grafana.admin.existingSecret is not set and grafana.adminPassword is not \"\" "
                        + "(the chart's default password would be used)");
            }
            if (g.has("adminPassword") && !generated) {
                v.add(id(hr) + ": grafana.adminPassword is set in Git");
            }
            if (!"ClusterIP".equals(g.path("service").path("type").asText())) {
                v.add(id(hr) + ": grafana.service.type is not ClusterIP");
            }
            if (g.path("ingress").path("enabled").asBoolean(false)) {
                v.add(id(hr) + ": grafana.ingress is enabled");
            }
            if (g.path("grafana.ini").path("auth.anonymous").path("enabled").asBoolean(false)) {
                v.add(id(hr) + ": anonymous access to Grafana is enabled");
            }
        }
        return v;
    }

    // -- the internal token -----------------------------------------------------------------------

    /** Where the services read the internal token's key from, and the Secret it must come from. */
    static final String TOKEN_FILE_ENV = "INVADERS_INTERNAL_TOKEN_FILE";
    static final String TOKEN_ENV = "INVADERS_INTERNAL_TOKEN";

    /**
     * Every container of every Invaders workload (pod label app.kubernetes.io/part-of=invaders) gets the
     * internal token, or it does not start: {@code INVADERS_INTERNAL_TOKEN_FILE} pointing into a mounted
     * Secret volume whose Secret a cert-manager Certificate in the same namespace makes (so a plain
     * {@code flux bootstrap} makes it in the cluster: no Secret only a script makes, nothing secret in Git),
     * with rotationPolicy Never (a renewal keeps the key, and so the token). A token written into the
     * manifest ({@code INVADERS_INTERNAL_TOKEN} with a value) is a secret in Git.
     */
    static List<String> internalToken(List<ObjectNode> objects) {
        List<String> v = new ArrayList<>();
        int seen = 0;
        for (ObjectNode w : workloads(objects)) {
            JsonNode pod = w.path("spec").path("template");
            if (!"invaders".equals(pod.path("metadata").path("labels").path("app.kubernetes.io/part-of").asText())) {
                continue;
            }
            seen++;
            for (JsonNode c : pod.path("spec").path("containers")) {
                String cid = id(w) + " container " + c.path("name").asText();
                String file = null;
                for (JsonNode e : c.path("env")) {
                    String name = e.path("name").asText();
                    if (TOKEN_ENV.equals(name) && e.has("value")) {
                        v.add(cid + ": " + TOKEN_ENV + " has a value in the manifest: a secret in Git");
                    }
                    if (TOKEN_FILE_ENV.equals(name)) {
                        file = e.path("value").asText();
                    }
                }
                if (file == null) {
                    v.add(cid + ": gets no internal token (no " + TOKEN_FILE_ENV + "); it would not start");
                    continue;
                }
                String dir = file.contains("/") ? file.substring(0, file.lastIndexOf('/')) : "";
                String volume = null;
                for (JsonNode m : c.path("volumeMounts")) {
                    if (m.path("mountPath").asText().replaceAll("/+$", "").equals(dir)) {
                        volume = m.path("name").asText();
                    }
                }
                if (volume == null) {
                    v.add(cid + ": " + TOKEN_FILE_ENV + "=" + file + " but nothing is mounted at " + dir);
                    continue;
                }
                JsonNode secret = null;
                for (JsonNode vol : pod.path("spec").path("volumes")) {
                    if (volume.equals(vol.path("name").asText())) {
                        secret = vol.path("secret");
                    }
                }
                if (secret == null || secret.isMissingNode()) {
                    v.add(cid + ": the volume " + volume + " with the token's key is not a Secret");
                    continue;
                }
                String secretName = secret.path("secretName").asText();
                String key = file.substring(file.lastIndexOf('/') + 1);
                boolean itemOk = !secret.has("items");
                for (JsonNode item : secret.path("items")) {
                    itemOk |= key.equals(item.path("path").asText()) && "tls.key".equals(item.path("key").asText());
                }
                if (!itemOk || !"tls.key".equals(key)) {
                    v.add(cid + ": " + file + " is not the Secret's tls.key (the Certificate's private key)");
                }
                ObjectNode certificate = null;
                for (ObjectNode o : ofKind(objects, "Certificate")) {
                    if (namespace(o).equals(namespace(w)) && secretName.equals(o.path("spec").path("secretName").asText())) {
                        certificate = o;
                    }
                }
                if (certificate == null) {
                    v.add(cid + ": no cert-manager Certificate in " + namespace(w) + " makes the Secret " + secretName
                            + "; the pod would wait for a Secret nothing in the cluster makes");
                } else if (!"Never".equals(certificate.path("spec").path("privateKey").path("rotationPolicy").asText())) {
                    v.add(id(certificate) + ": privateKey.rotationPolicy must be Never (a new key at renewal is a new"
                            + " token for new pods only)");
                }
            }
        }
        if (seen == 0) {
            v.add("no Invaders workload (pod label app.kubernetes.io/part-of=invaders) found");
        }
        return v;
    }

    // -- helpers --------------------------------------------------------------------------------

    static List<ObjectNode> ofKind(List<ObjectNode> objects, String kind) {
        return objects.stream().filter(o -> kind.equals(kind(o))).toList();
    }

    static List<ObjectNode> workloads(List<ObjectNode> objects) {
        return objects.stream().filter(o -> WORKLOADS.contains(kind(o))).toList();
    }

    static ObjectNode find(List<ObjectNode> objects, String kind, String namespace, String name) {
        for (ObjectNode o : objects) {
            if (kind.equals(kind(o)) && name.equals(name(o)) && (namespace.isEmpty() || namespace.equals(namespace(o)))) {
                return o;
            }
        }
        return null;
    }
}
