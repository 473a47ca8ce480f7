package dev.invaders.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The monitoring as code under infrastructure/: the PrometheusRules' alerts, every dashboard panel's queries,
 * the vector selectors in them, the series only a cluster has (with the chart versions their names were checked
 * against), and the scrape configuration that reproduces the ServiceMonitor's target labels for ./run-local.
 */
final class Monitoring {
    static final Path MONITORING = Path.of("infrastructure/configs/base/monitoring");
    static final Path DASHBOARDS = Path.of("infrastructure/configs/base/dashboards");
    static final Path APPS = Path.of("apps/base");

    private Monitoring() {
    }

    /** One query: where it is (dashboard and panel, or rule group and alert) and its PromQL. */
    record Query(String where, String expr) {
    }

    /** A vector selector: metric name and label matchers (label, operator, value). */
    record Selector(String metric, List<String[]> matchers, String text) {
        boolean filters(String label) {
            return matchers.stream().anyMatch(m -> m[0].equals(label));
        }

        Set<String> labels() {
            Set<String> out = new TreeSet<>();
            matchers.forEach(m -> out.add(m[0]));
            return out;
        }
    }

    /**
     * Series that only a cluster has, so ./run-local cannot publish them: their metric names and the labels the
     * queries may use, as documented for the chart versions pinned in infrastructure/controllers (charts
     * cannot be downloaded here; looked up in the projects' documentation, cited per entry).
     */
    record ClusterOnly(String source, Set<String> labels) {
    }

    static final String KSM = "kube-state-metrics v2.14.0 (chart 5.27.*, the dependency of kube-prometheus-stack 66.3.1): "
            + "https://github.com/kubernetes/kube-state-metrics/tree/v2.14.0/docs/metrics/workload";
    static final String LINKERD = "Linkerd proxy, edge-24.11.8 (charts 2024.11.8): https://linkerd.io/2-edge/reference/proxy-metrics/ "
            + "(request_total, response_total, response_latency_ms; labels direction, classification); `namespace` is the "
            + "operator's target label, `deployment` and `family` the PodMonitor linkerd-proxies' relabelings (monitors.yaml)";

    static final Map<String, ClusterOnly> CLUSTER_ONLY = Map.of(
            "kube_deployment_status_replicas_available", new ClusterOnly(KSM + "/deployment-metrics.md", Set.of("namespace", "deployment")),
            "kube_horizontalpodautoscaler_status_desired_replicas", new ClusterOnly(KSM + "/horizontalpodautoscaler-metrics.md",
                    Set.of("namespace", "horizontalpodautoscaler")),
            "kube_horizontalpodautoscaler_status_current_replicas", new ClusterOnly(KSM + "/horizontalpodautoscaler-metrics.md",
                    Set.of("namespace", "horizontalpodautoscaler")),
            "kube_horizontalpodautoscaler_spec_max_replicas", new ClusterOnly(KSM + "/horizontalpodautoscaler-metrics.md",
                    Set.of("namespace", "horizontalpodautoscaler")),
            "kube_pod_container_status_waiting_reason", new ClusterOnly(KSM + "/pod-metrics.md",
                    Set.of("namespace", "pod", "container", "reason")),
            "request_total", new ClusterOnly(LINKERD, Set.of("namespace", "direction", "deployment", "family")),
            "response_total", new ClusterOnly(LINKERD, Set.of("namespace", "direction", "classification", "deployment", "family")),
            "response_latency_ms_bucket", new ClusterOnly(LINKERD, Set.of("namespace", "direction", "deployment", "family", "le")));

    /**
     * Matchers that select what only a failure produces (a healthy run has none): the live check asks for the
     * selector without them, and for the label itself on the series.
     */
    static final Map<String, String> FAILURE_ONLY = Map.of(
            "status=~5..", "a 5xx answer: the opcode services answer none for any input (docs/services.md)");

    private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*\\{([^}]*)}");
    private static final Pattern MATCHER = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Set<String> NOT_METRICS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right");

    static List<Selector> selectors(String expr) {
        List<Selector> out = new ArrayList<>();
        Matcher m = SELECTOR.matcher(expr);
        while (m.find()) {
            if (NOT_METRICS.contains(m.group(1))) {
                continue;
            }
            List<String[]> matchers = new ArrayList<>();
            Matcher lm = MATCHER.matcher(m.group(2));
            int matched = 0;
            while (lm.find()) {
                matchers.add(new String[] {lm.group(1), lm.group(2), lm.group(3)});
                matched++;
            }
            if (matched == 0 && !m.group(2).isBlank()) {
                throw new IllegalArgumentException("cannot read the matchers of " + m.group());
            }
            out.add(new Selector(m.group(1), matchers, m.group()));
        }
        return out;
    }

    /** The PrometheusRule objects of every YAML file under infrastructure/ (tests of rules excluded). */
    static List<ObjectNode> prometheusRules(Path root) throws IOException {
        List<ObjectNode> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root.resolve("infrastructure"))) {
            for (Path f : s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                if (f.getFileName().toString().endsWith(".test.yaml")) {
                    continue;
                }
                for (ObjectNode o : Manifests.read(f)) {
                    if ("PrometheusRule".equals(o.path("kind").asText())) {
                        out.add(o);
                    }
                }
            }
        }
        return out;
    }

    /** Every alert's query, as "group/alert". */
    static List<Query> alerts(Path root) throws IOException {
        List<Query> out = new ArrayList<>();
        for (ObjectNode rule : prometheusRules(root)) {
            for (JsonNode g : rule.path("spec").path("groups")) {
                for (JsonNode r : g.path("rules")) {
                    String name = r.hasNonNull("alert") ? r.get("alert").asText() : r.path("record").asText();
                    out.add(new Query(g.path("name").asText() + "/" + name, r.path("expr").asText().strip()));
                }
            }
        }
        return out;
    }

    /** Every target of every panel of every dashboard, as "dashboard title / panel title / refId". */
    static List<Query> panelQueries(Path root) throws IOException {
        List<Query> out = new ArrayList<>();
        for (Path f : dashboardFiles(root)) {
            JsonNode d = Manifests.YAML.readTree(Files.readString(f));
            for (JsonNode p : d.path("panels")) {
                for (JsonNode t : p.path("targets")) {
                    out.add(new Query(d.path("title").asText() + " / " + p.path("title").asText() + " / "
                            + t.path("refId").asText(), t.path("expr").asText()));
                }
            }
        }
        return out;
    }

    static List<Path> dashboardFiles(Path root) throws IOException {
        try (Stream<Path> s = Files.list(root.resolve(DASHBOARDS))) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    /** The Prometheus rules file (what the operator loads): each PrometheusRule's spec, groups concatenated. */
    static String rulesFile(Path root) throws IOException {
        ObjectNode out = Manifests.YAML.createObjectNode();
        ArrayNode groups = out.putArray("groups");
        for (ObjectNode rule : prometheusRules(root)) {
            rule.path("spec").path("groups").forEach(groups::add);
        }
        return yaml().writeValueAsString(out);
    }

    private static ObjectMapper yaml() {
        return new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
    }

    // --- the local scrape configuration ---------------------------------------------------------------

    /** A process of ./run-local and the Service it stands for (its labels, its namespace, its container). */
    record LocalTarget(String address, String service, String namespace, Map<String, String> serviceLabels,
                       String container) {
    }

    /**
     * Services and Deployments of apps/base, following kustomization.yaml resources, and the per-family opcode
     * Services of apps/base/opcodes (the cloud's layout, which each overlay chooses); the namespace applied.
     */
    static List<ObjectNode> appObjects(Path root) throws IOException {
        Path base = root.resolve(APPS);
        JsonNode k = Manifests.read(base.resolve("kustomization.yaml")).getFirst();
        String ns = k.path("namespace").asText();
        List<ObjectNode> out = new ArrayList<>();
        collect(base, out);
        if (out.stream().noneMatch(o -> "opcode-mov".equals(o.path("metadata").path("name").asText()))) {
            collect(base.resolve("opcodes"), out);
        }
        for (ObjectNode o : out) {
            if (!ns.isEmpty() && !"Namespace".equals(o.path("kind").asText())) {
                ((ObjectNode) o.with("metadata")).put("namespace", ns);
            }
        }
        return out;
    }

    private static void collect(Path dir, List<ObjectNode> out) throws IOException {
        JsonNode k = Manifests.read(dir.resolve("kustomization.yaml")).getFirst();
        for (JsonNode r : k.path("resources")) {
            Path p = dir.resolve(r.asText());
            if (Files.isDirectory(p)) {
                collect(p, out);
            } else {
                out.addAll(Manifests.read(p));
            }
        }
    }

    /**
     * The targets of ./run-local --port PORT with INVADERS_LOCAL_OPCODE_GROUPS=GROUPS as the Services they stand
     * for: the UI, fetch-execute, the memory bus, then one opcode service per group. A group of one family is
     * that family's Service (opcode-FAMILY); any other group (the default "all") has no Service in the cluster and
     * stands for one with the opcode Services' labels but no family.
     */
    static List<LocalTarget> localTargets(Path root, int port, String groups) throws IOException {
        Map<String, ObjectNode> services = new LinkedHashMap<>();
        Map<String, String> containers = new LinkedHashMap<>();
        for (ObjectNode o : appObjects(root)) {
            String name = o.path("metadata").path("name").asText();
            switch (o.path("kind").asText()) {
                case "Service" -> services.put(name, o);
                case "Deployment" -> containers.put(name,
                        o.path("spec").path("template").path("spec").path("containers").path(0).path("name").asText());
                default -> {
                }
            }
        }
        List<LocalTarget> out = new ArrayList<>();
        String[] names = {"invaders-ui", "fetch-execute", "memory-bus"};
        for (int i = 0; i < names.length; i++) {
            out.add(target(services, containers, names[i], "127.0.0.1:" + (port + i)));
        }
        String[] list = groups.split(";");
        for (int i = 0; i < list.length; i++) {
            String g = list[i].strip();
            String address = "127.0.0.1:" + (port + 3 + i);
            if (!g.contains(",") && services.containsKey("opcode-" + g)) {
                out.add(target(services, containers, "opcode-" + g, address));
            } else {
                LocalTarget any = target(services, containers, "opcode-mov", address);
                Map<String, String> labels = new LinkedHashMap<>(any.serviceLabels());
                labels.remove("invaders.dev/family");
                String name = "opcode-" + g.replace(',', '-');
                labels.put("app.kubernetes.io/name", name);
                out.add(new LocalTarget(address, name, any.namespace(), labels, any.container()));
            }
        }
        return out;
    }

    private static LocalTarget target(Map<String, ObjectNode> services, Map<String, String> containers, String name,
                                      String address) {
        ObjectNode s = services.get(name);
        if (s == null) {
            throw new IllegalStateException("apps/base has no Service " + name);
        }
        Map<String, String> labels = new LinkedHashMap<>();
        s.path("metadata").path("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        String container = containers.getOrDefault(name, name);
        return new LocalTarget(address, name, s.path("metadata").path("namespace").asText(), labels, container);
    }

    static String metaName(String label) {
        return label.replaceAll("[^a-zA-Z0-9_]", "_");
    }

    /**
     * A Prometheus configuration scraping the local targets as the ServiceMonitor "invaders" scrapes the Services
     * in a cluster: the same selection (namespace, label selector, port name), path and interval, the target labels
     * the Prometheus Operator adds (namespace, service, pod, container, endpoint, job = the Service's name), then
     * the ServiceMonitor's own relabelings, translated, over the same __meta_kubernetes_* labels, which the static
     * targets carry as Kubernetes service discovery would set them. Also loads the rules file.
     */
    static String scrapeConfig(Path root, List<LocalTarget> targets, String rulesFile) throws IOException {
        ObjectNode monitor = null;
        for (ObjectNode o : Manifests.read(root.resolve(MONITORING).resolve("monitors.yaml"))) {
            if ("ServiceMonitor".equals(o.path("kind").asText()) && "invaders".equals(o.path("metadata").path("name").asText())) {
                monitor = o;
            }
        }
        if (monitor == null) {
            throw new IllegalStateException("monitors.yaml has no ServiceMonitor invaders");
        }
        JsonNode spec = monitor.path("spec");
        Set<String> namespaces = new TreeSet<>();
        spec.path("namespaceSelector").path("matchNames").forEach(n -> namespaces.add(n.asText()));
        ObjectNode out = Manifests.YAML.createObjectNode();
        ObjectNode global = out.putObject("global");
        global.put("evaluation_interval", "15s");
        out.putArray("rule_files").add(rulesFile);
        ArrayNode scrapes = out.putArray("scrape_configs");
        int index = 0;
        for (JsonNode ep : spec.path("endpoints")) {
            ObjectNode job = scrapes.addObject();
            job.put("job_name", "serviceMonitor/" + monitor.path("metadata").path("namespace").asText() + "/"
                    + monitor.path("metadata").path("name").asText() + "/" + index++);
            job.put("scrape_interval", ep.path("interval").asText("30s"));
            job.put("metrics_path", ep.path("path").asText("/metrics"));
            ArrayNode statics = job.putArray("static_configs");
            for (LocalTarget t : targets) {
                ObjectNode sc = statics.addObject();
                sc.putArray("targets").add(t.address());
                ObjectNode labels = sc.putObject("labels");
                labels.put("__meta_kubernetes_namespace", t.namespace());
                labels.put("__meta_kubernetes_service_name", t.service());
                t.serviceLabels().forEach((k, v) -> labels.put("__meta_kubernetes_service_label_" + metaName(k), v));
                labels.put("__meta_kubernetes_pod_name", t.service() + "-local");
                labels.put("__meta_kubernetes_pod_container_name", t.container());
                labels.put("__meta_kubernetes_endpoint_port_name", ep.path("port").asText());
            }
            ArrayNode relabel = job.putArray("relabel_configs");
            // The operator's selection: the namespaces, the Service label selector, the endpoint's port name.
            keep(relabel, "__meta_kubernetes_namespace", String.join("|", namespaces));
            spec.path("selector").path("matchLabels").fields().forEachRemaining(e ->
                    keep(relabel, "__meta_kubernetes_service_label_" + metaName(e.getKey()), e.getValue().asText()));
            keep(relabel, "__meta_kubernetes_endpoint_port_name", ep.path("port").asText());
            // The operator's target labels.
            copy(relabel, "__meta_kubernetes_namespace", "namespace");
            copy(relabel, "__meta_kubernetes_service_name", "service");
            copy(relabel, "__meta_kubernetes_pod_name", "pod");
            copy(relabel, "__meta_kubernetes_pod_container_name", "container");
            copy(relabel, "__meta_kubernetes_service_name", "job");
            ObjectNode endpoint = relabel.addObject();
            endpoint.put("target_label", "endpoint");
            endpoint.put("replacement", ep.path("port").asText());
            // The ServiceMonitor's own relabelings, field by field.
            for (JsonNode r : ep.path("relabelings")) {
                ObjectNode c = relabel.addObject();
                r.fields().forEachRemaining(e -> {
                    String key = switch (e.getKey()) {
                        case "sourceLabels" -> "source_labels";
                        case "targetLabel" -> "target_label";
                        case "modulus" -> "modulus";
                        default -> e.getKey();
                    };
                    c.set(key, e.getValue());
                });
            }
        }
        return yaml().writeValueAsString(out);
    }

    private static void keep(ArrayNode relabel, String label, String regex) {
        ObjectNode c = relabel.addObject();
        c.putArray("source_labels").add(label);
        c.put("regex", regex);
        c.put("action", "keep");
    }

    private static void copy(ArrayNode relabel, String from, String to) {
        ObjectNode c = relabel.addObject();
        c.putArray("source_labels").add(from);
        c.put("target_label", to);
    }
}
