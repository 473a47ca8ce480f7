package dev.invaders.platform;

import static dev.invaders.platform.Manifests.id;
import static dev.invaders.platform.Manifests.name;
import static dev.invaders.platform.Manifests.namespace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.invaders.i8080.Family;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * fetch-execute's routing table as the cluster gets it: the ConfigMap {@code fetch-execute-routes}
 * (one key {@code invaders.cpu.routes.<family>} per family, read as a Spring config tree), and which
 * Deployments each route reaches through its Service.
 */
final class Routing {

    static final String CONFIG_MAP = "fetch-execute-routes";
    static final String PREFIX = "invaders.cpu.routes.";

    private Routing() {
    }

    /** The routing ConfigMaps (kustomize adds a hash to the name). */
    static List<ObjectNode> tables(List<ObjectNode> objects) {
        return Policies.ofKind(objects, "ConfigMap").stream()
                .filter(c -> name(c).equals(CONFIG_MAP) || name(c).startsWith(CONFIG_MAP + "-")).toList();
    }

    /** Family service name to the Deployments its route reaches; null when the objects hold no routing table. */
    static Map<String, Set<String>> routedDeployments(List<ObjectNode> objects) {
        List<ObjectNode> tables = tables(objects);
        if (tables.isEmpty()) {
            return null;
        }
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (ObjectNode t : tables) {
            for (Iterator<Map.Entry<String, JsonNode>> it = t.path("data").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().startsWith(PREFIX)) {
                    out.computeIfAbsent(e.getKey().substring(PREFIX.length()), k -> new LinkedHashSet<>())
                            .addAll(deploymentsBehind(objects, namespace(t), e.getValue().asText()));
                }
            }
        }
        return out;
    }

    /** The Deployments the Service named by an http://service:port URL selects. */
    static Set<String> deploymentsBehind(List<ObjectNode> objects, String namespace, String url) {
        Set<String> out = new LinkedHashSet<>();
        String host;
        try {
            host = URI.create(url).getHost();
        } catch (IllegalArgumentException e) {
            return out;
        }
        ObjectNode service = host == null ? null : Policies.find(objects, "Service", namespace, host);
        if (service == null) {
            return out;
        }
        JsonNode selector = service.path("spec").path("selector");
        for (ObjectNode d : Policies.ofKind(objects, "Deployment")) {
            if (namespace(d).equals(namespace) && !selector.isEmpty()) {
                ObjectNode wrapped = Manifests.YAML.createObjectNode();
                wrapped.set("matchLabels", selector);
                if (Policies.selects(wrapped, d.path("spec").path("template").path("metadata").path("labels"))) {
                    out.add(name(d));
                }
            }
        }
        return out;
    }

    /**
     * The routing table itself: one table, one route per family of the opcode table and no other
     * key, each to a Service that exists and selects at least one Deployment that serves the family.
     */
    static List<String> check(List<ObjectNode> objects) {
        List<String> v = new ArrayList<>();
        List<ObjectNode> tables = tables(objects);
        if (tables.size() != 1) {
            v.add("expected one ConfigMap " + CONFIG_MAP + ", found " + tables.size());
            return v;
        }
        ObjectNode t = tables.getFirst();
        Set<String> families = new LinkedHashSet<>();
        for (Family f : Family.values()) {
            families.add(f.serviceName());
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = t.path("data").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String family = e.getKey().startsWith(PREFIX) ? e.getKey().substring(PREFIX.length()) : null;
            if (family == null || !families.remove(family)) {
                v.add(id(t) + ": key " + e.getKey() + " is not the route of a family still to be routed");
                continue;
            }
            String url = e.getValue().asText();
            Set<String> behind = deploymentsBehind(objects, namespace(t), url);
            if (behind.isEmpty()) {
                v.add(id(t) + ": family " + family + " is routed to " + url + ", which reaches no Deployment");
            }
            for (String d : behind) {
                ObjectNode dep = Policies.find(objects, "Deployment", namespace(t), d);
                if (!serves(dep, family)) {
                    v.add(id(t) + ": family " + family + " is routed to " + url + ", whose Deployment " + d + " does not serve it");
                }
            }
        }
        for (String missing : families) {
            v.add(id(t) + ": family " + missing + " has no route");
        }
        return v;
    }

    static boolean serves(ObjectNode deployment, String family) {
        for (JsonNode c : deployment.path("spec").path("template").path("spec").path("containers")) {
            for (JsonNode env : c.path("env")) {
                if (GenerateOpcodeManifests.FAMILIES_ENV.equals(env.path("name").asText())) {
                    for (String f : env.path("value").asText().split(",")) {
                        if (f.strip().equals(family)) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }
}
