package dev.invaders.platform;

import static dev.invaders.platform.Manifests.id;
import static dev.invaders.platform.Manifests.name;
import static dev.invaders.platform.Manifests.namespace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything a Kind cluster requests at minimum replicas: the tree's workloads with their mesh
 * proxies, every container of every chart (from the values the tree sets, one path per container
 * listed in {@code budget/kind-platform.yaml} for the pinned chart version), and what runs outside
 * the tree (Flux, kube-system), from the same file.
 */
final class KindBudget {

    /** One line of the budget: what, how many CPUs, how many bytes. */
    record Line(String what, BigDecimal cpu, BigDecimal memory) {
    }

    /** The lines, and every reason the count cannot be trusted, into {@code violations}. */
    static List<Line> lines(List<ObjectNode> objects, JsonNode baseline, List<String> violations) {
        List<Line> lines = new ArrayList<>();
        for (ObjectNode w : Policies.workloads(objects)) {
            List<ObjectNode> scope = new ArrayList<>();
            scope.add(w);
            objects.stream().filter(o -> ("HorizontalPodAutoscaler".equals(Manifests.kind(o)) && namespace(o).equals(namespace(w)))
                    || ("Namespace".equals(Manifests.kind(o)) && name(o).equals(namespace(w)))).forEach(scope::add);
            BigDecimal[] r = Policies.requests(scope);
            lines.add(new Line(id(w), r[0], r[1]));
        }
        Set<String> listed = new HashSet<>();
        for (JsonNode chart : baseline.path("charts")) {
            String release = chart.path("release").asText();
            listed.add(release);
            ObjectNode hr = objects.stream().filter(o -> "HelmRelease".equals(Manifests.kind(o))
                    && (namespace(o) + "/" + name(o)).equals(release)).findFirst().orElse(null);
            if (hr == null) {
                violations.add("the budget counts chart " + release + ", which the cluster does not install");
                continue;
            }
            String version = chartVersion(hr, objects);
            if (!chart.path("version").asText().equals(version)) {
                violations.add(id(hr) + ": chart version " + version + ", but the budget lists the containers of "
                        + chart.path("version").asText() + ": check them again in budget/kind-platform.yaml");
            }
            JsonNode values = hr.path("spec").path("values");
            Set<String> counted = new HashSet<>();
            for (JsonNode c : chart.path("containers")) {
                String path = c.path("values").asText();
                counted.add(path);
                BigDecimal[] r = requestsAt(values, path);
                if (r == null) {
                    violations.add(id(hr) + " container " + c.path("name").asText() + ": no requests at values " + path
                            + " (the chart's default cannot be known offline: set it)");
                    continue;
                }
                int count = c.path("count").asInt(1);
                if (c.has("countFrom")) {
                    count *= at(values, c.path("countFrom").asText()).asInt(1);
                }
                BigDecimal n = BigDecimal.valueOf(count);
                lines.add(new Line(id(hr) + " " + c.path("name").asText() + (count > 1 ? " x" + count : ""),
                        r[0].multiply(n), r[1].multiply(n)));
            }
            List<String> blocks = new ArrayList<>();
            requestBlocks(values, "", blocks);
            for (String b : blocks) {
                if (!counted.contains(b)) {
                    violations.add(id(hr) + ": values " + b + " sets requests that the budget does not count "
                            + "(add the container to budget/kind-platform.yaml)");
                }
            }
        }
        for (ObjectNode hr : Policies.ofKind(objects, "HelmRelease")) {
            if (!listed.contains(namespace(hr) + "/" + name(hr))) {
                violations.add(id(hr) + ": not in budget/kind-platform.yaml, so its containers are not counted");
            }
        }
        for (JsonNode o : baseline.path("outsideTheTree")) {
            BigDecimal n = BigDecimal.valueOf(o.path("count").asInt(1));
            lines.add(new Line(o.path("name").asText() + (n.intValue() > 1 ? " x" + n : "") + " (outside the tree)",
                    Policies.quantity(o.path("cpu").asText()).multiply(n), Policies.quantity(o.path("memory").asText()).multiply(n)));
        }
        return lines;
    }

    static BigDecimal[] total(List<Line> lines) {
        BigDecimal cpu = BigDecimal.ZERO;
        BigDecimal mem = BigDecimal.ZERO;
        for (Line l : lines) {
            cpu = cpu.add(l.cpu());
            mem = mem.add(l.memory());
        }
        return new BigDecimal[] {cpu, mem};
    }

    static String chartVersion(ObjectNode hr, List<ObjectNode> objects) {
        JsonNode spec = hr.path("spec");
        if (spec.has("chartRef")) {
            ObjectNode oci = Policies.find(objects, spec.path("chartRef").path("kind").asText(),
                    spec.path("chartRef").path("namespace").asText(namespace(hr)), spec.path("chartRef").path("name").asText());
            return oci == null ? "" : oci.path("spec").path("ref").path("tag").asText();
        }
        return spec.path("chart").path("spec").path("version").asText();
    }

    static JsonNode at(JsonNode values, String dotted) {
        JsonNode n = values;
        for (String p : dotted.split("\\.")) {
            n = n.path(p);
        }
        return n;
    }

    /** {cpu, memory} at a values path: a requests block ({cpu: 10m, memory: 32Mi}) or Linkerd's
     *  {cpu: {request: 10m}, memory: {request: 32Mi}}; null when neither is set there. */
    static BigDecimal[] requestsAt(JsonNode values, String path) {
        JsonNode n = at(values, path);
        if (!n.isObject()) {
            return null;
        }
        String cpu = n.path("cpu").isTextual() ? n.path("cpu").asText() : n.path("cpu").path("request").asText("");
        String mem = n.path("memory").isTextual() ? n.path("memory").asText() : n.path("memory").path("request").asText("");
        if (cpu.isEmpty() || mem.isEmpty()) {
            return null;
        }
        return new BigDecimal[] {Policies.quantity(cpu), Policies.quantity(mem)};
    }

    /** Every values path that sets requests: a "requests" object, or an object with cpu.request / memory.request. */
    static void requestBlocks(JsonNode n, String path, List<String> out) {
        if (!n.isObject()) {
            return;
        }
        if (n.path("cpu").has("request") || n.path("memory").has("request")) {
            out.add(path);
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String p = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
            if (e.getKey().equals("requests") && e.getValue().isObject()
                    && (e.getValue().has("cpu") || e.getValue().has("memory"))) {
                out.add(p);
            } else {
                requestBlocks(e.getValue(), p, out);
            }
        }
    }
}
