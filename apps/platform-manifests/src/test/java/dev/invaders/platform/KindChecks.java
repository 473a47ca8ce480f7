package dev.invaders.platform;

import static dev.invaders.platform.Manifests.id;
import static dev.invaders.platform.Manifests.kind;
import static dev.invaders.platform.Manifests.name;
import static dev.invaders.platform.Manifests.namespace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks that keep the path to a running cluster right by construction: images that exist where
 * the cluster pulls from, overlay image entries that do something, a stateful memory bus, the mesh's
 * authorization, and no Secret that only a script outside Flux would create.
 */
final class KindChecks {

    private KindChecks() {
    }

    // -- images -----------------------------------------------------------------------------------

    /** Every workload's image comes from {@code prefix} (Kind: the local registry, localhost:5001/invaders/). */
    static List<String> imagesFrom(List<ObjectNode> objects, String prefix) {
        List<String> v = new ArrayList<>();
        for (ObjectNode w : Policies.workloads(objects)) {
            for (String list : List.of("initContainers", "containers")) {
                for (JsonNode c : w.path("spec").path("template").path("spec").path(list)) {
                    String image = c.path("image").asText();
                    if (!image.startsWith(prefix)) {
                        v.add(id(w) + ": image " + image + " is not from " + prefix);
                    }
                }
            }
        }
        return v;
    }

    /**
     * Every entry of an overlay's {@code images:} list names an image some container of its inputs
     * uses: kustomize ignores an entry that matches nothing, so a tag changed there would change nothing.
     */
    static List<String> imageEntriesMatch(Path overlay) throws IOException {
        JsonNode k = Manifests.read(overlay.resolve("kustomization.yaml")).getFirst();
        Set<String> used = new LinkedHashSet<>();
        inputImages(overlay, used, new LinkedHashSet<>());
        List<String> v = new ArrayList<>();
        for (JsonNode e : k.path("images")) {
            String n = e.path("name").asText();
            if (!used.contains(n)) {
                v.add(overlay.getFileName() + "/kustomization.yaml: images entry " + n
                        + " matches no container (its tag would change nothing)");
            }
        }
        return v;
    }

    /** The image names (no tag) of every container in a kustomization's resources and components. */
    private static void inputImages(Path dir, Set<String> out, Set<Path> seen) throws IOException {
        Path d = dir.toAbsolutePath().normalize();
        if (!seen.add(d)) {
            return;
        }
        JsonNode k = Manifests.read(d.resolve("kustomization.yaml")).getFirst();
        List<String> entries = new ArrayList<>();
        k.path("resources").forEach(r -> entries.add(r.asText()));
        k.path("components").forEach(r -> entries.add(r.asText()));
        for (String r : entries) {
            Path p = d.resolve(r).normalize();
            if (Files.isDirectory(p)) {
                inputImages(p, out, seen);
            } else if (Files.isRegularFile(p)) {
                for (ObjectNode o : Manifests.read(p)) {
                    for (String list : List.of("initContainers", "containers")) {
                        for (JsonNode c : o.path("spec").path("template").path("spec").path(list)) {
                            String image = c.path("image").asText();
                            int slash = image.lastIndexOf('/');
                            int colon = image.indexOf(':', slash + 1);
                            int at = image.indexOf('@');
                            int end = at >= 0 ? at : colon >= 0 ? colon : image.length();
                            out.add(image.substring(0, end));
                        }
                    }
                }
            }
        }
    }

    // -- the memory bus -----------------------------------------------------------------------------

    static final String CHECKPOINT_DIR_ENV = "INVADERS_MEMORYBUS_CHECKPOINTDIR";

    /**
     * The memory bus keeps sessions: never two at once (a StatefulSet, or a Deployment with Recreate),
     * and its checkpoint directory set, on a volume backed by a PersistentVolumeClaim.
     */
    static List<String> statefulMemoryBus(List<ObjectNode> objects) {
        List<String> v = new ArrayList<>();
        List<ObjectNode> buses = Policies.workloads(objects).stream()
                .filter(w -> "memory-bus".equals(w.path("spec").path("template").path("metadata").path("labels")
                        .path("app.kubernetes.io/name").asText())).toList();
        if (buses.isEmpty()) {
            v.add("no memory-bus workload");
        }
        for (ObjectNode w : buses) {
            JsonNode spec = w.path("spec");
            boolean single = switch (kind(w)) {
                case "StatefulSet" -> true;
                case "Deployment" -> "Recreate".equals(spec.path("strategy").path("type").asText());
                default -> false;
            };
            if (!single) {
                v.add(id(w) + ": a rolling " + kind(w) + " runs two memory buses during a rollout (sessions split between"
                        + " them): use a StatefulSet or a Recreate Deployment");
            }
            if (spec.path("replicas").asInt(1) != 1) {
                v.add(id(w) + ": more than one replica splits the sessions");
            }
            Set<String> claims = new LinkedHashSet<>();
            spec.path("volumeClaimTemplates").forEach(t -> claims.add(t.path("metadata").path("name").asText()));
            JsonNode pod = spec.path("template").path("spec");
            pod.path("volumes").forEach(vol -> {
                if (vol.has("persistentVolumeClaim")) {
                    claims.add(vol.path("name").asText());
                }
            });
            boolean ok = false;
            String dir = null;
            for (JsonNode c : pod.path("containers")) {
                for (JsonNode env : c.path("env")) {
                    if (CHECKPOINT_DIR_ENV.equals(env.path("name").asText())) {
                        dir = env.path("value").asText();
                        for (JsonNode m : c.path("volumeMounts")) {
                            String mp = m.path("mountPath").asText();
                            if (claims.contains(m.path("name").asText()) && !dir.isEmpty()
                                    && (dir.equals(mp) || dir.startsWith(mp.endsWith("/") ? mp : mp + "/"))) {
                                ok = true;
                            }
                        }
                    }
                }
            }
            if (dir == null || dir.isEmpty()) {
                v.add(id(w) + ": " + CHECKPOINT_DIR_ENV + " is not set: a restart loses every session");
            } else if (!ok) {
                v.add(id(w) + ": the checkpoint directory " + dir + " is not on a PersistentVolumeClaim: a restart loses every session");
            }
        }
        return v;
    }

    // -- the mesh's authorization -------------------------------------------------------------------

    /** Who may call whom: a callee's pods (by app.kubernetes.io/name or the opcode tier), its port, and the one client. */
    record Edge(String callee, String selectorKey, String selectorValue, String port, String client) {
    }

    static final List<Edge> EDGES = List.of(
            new Edge("the opcode services", "invaders.dev/tier", "opcode", "http", "fetch-execute"),
            new Edge("the memory bus", "app.kubernetes.io/name", "memory-bus", "http", "fetch-execute"),
            new Edge("fetch-execute", "app.kubernetes.io/name", "fetch-execute", "http", "invaders-ui"));

    /**
     * For each edge: a deny-by-default Server selects the callee's pods on its port; the routes under
     * /api/ on it are allowed only to the client's ServiceAccount (mTLS); nothing else on it is allowed
     * to a meshed identity, and only /actuator/ to the network (probes and Prometheus).
     */
    static List<String> meshAuthorization(List<ObjectNode> objects) {
        List<String> v = new ArrayList<>();
        for (Edge e : EDGES) {
            List<ObjectNode> servers = Policies.ofKind(objects, "Server").stream()
                    .filter(s -> e.selectorValue().equals(s.path("spec").path("podSelector").path("matchLabels").path(e.selectorKey()).asText())
                            && e.port().equals(s.path("spec").path("port").asText()))
                    .toList();
            if (servers.size() != 1) {
                v.add(e.callee() + ": expected one Server selecting " + e.selectorKey() + "=" + e.selectorValue()
                        + " on port " + e.port() + ", found " + servers.size());
                continue;
            }
            ObjectNode server = servers.getFirst();
            String access = server.path("spec").path("accessPolicy").asText("deny");
            if (!"deny".equals(access)) {
                v.add(id(server) + ": accessPolicy " + access + " lets unauthorized clients in");
            }
            boolean apiAllowed = false;
            for (ObjectNode ap : Policies.ofKind(objects, "AuthorizationPolicy")) {
                JsonNode t = ap.path("spec").path("targetRef");
                String prefix;
                if ("Server".equals(t.path("kind").asText()) && name(server).equals(t.path("name").asText())) {
                    prefix = "/";
                } else if ("HTTPRoute".equals(t.path("kind").asText())) {
                    ObjectNode route = Policies.find(objects, "HTTPRoute", namespace(ap), t.path("name").asText());
                    if (route == null || !parentIs(route, server)) {
                        continue;
                    }
                    prefix = pathPrefix(route);
                } else {
                    continue;
                }
                Set<String> identities = new LinkedHashSet<>();
                boolean network = false;
                for (JsonNode ref : ap.path("spec").path("requiredAuthenticationRefs")) {
                    String k = ref.path("kind").asText();
                    if ("NetworkAuthentication".equals(k)) {
                        network = true;
                    } else if ("MeshTLSAuthentication".equals(k)) {
                        ObjectNode m = Policies.find(objects, k, namespace(ap), ref.path("name").asText());
                        if (m == null) {
                            v.add(id(ap) + ": MeshTLSAuthentication " + ref.path("name").asText() + " does not exist");
                            continue;
                        }
                        m.path("spec").path("identityRefs").forEach(i -> identities.add(i.path("kind").asText() + "/" + i.path("name").asText()));
                        m.path("spec").path("identities").forEach(i -> identities.add("identity/" + i.asText()));
                    } else if ("ServiceAccount".equals(k)) {
                        identities.add("ServiceAccount/" + ref.path("name").asText());
                    }
                }
                boolean api = prefix.equals("/") || prefix.startsWith("/api");
                if (network && !"/actuator/".equals(prefix)) {
                    v.add(id(ap) + ": lets the network (unauthenticated) reach " + prefix + " of " + e.callee()
                            + " (only /actuator/ may be)");
                }
                if (api && !network) {
                    if (identities.equals(Set.of("ServiceAccount/" + e.client()))) {
                        apiAllowed = true;
                    } else {
                        v.add(id(ap) + ": lets " + identities + " call the API of " + e.callee()
                                + " (only ServiceAccount/" + e.client() + " may)");
                    }
                } else if (!api && !identities.isEmpty()) {
                    v.add(id(ap) + ": lets " + identities + " reach " + prefix + " of " + e.callee());
                }
            }
            if (!apiAllowed) {
                v.add(e.callee() + ": no AuthorizationPolicy lets ServiceAccount/" + e.client() + " call its API");
            }
        }
        return v;
    }

    private static boolean parentIs(ObjectNode route, ObjectNode server) {
        for (JsonNode p : route.path("spec").path("parentRefs")) {
            if ("Server".equals(p.path("kind").asText()) && name(server).equals(p.path("name").asText())) {
                return true;
            }
        }
        return false;
    }

    /** The one path prefix a route matches ("/" when it matches everything or several). */
    private static String pathPrefix(ObjectNode route) {
        Set<String> prefixes = new LinkedHashSet<>();
        for (JsonNode rule : route.path("spec").path("rules")) {
            if (rule.path("matches").isEmpty()) {
                prefixes.add("/");
            }
            for (JsonNode m : rule.path("matches")) {
                prefixes.add(m.path("path").path("value").asText("/"));
            }
        }
        return prefixes.size() == 1 ? prefixes.iterator().next() : "/";
    }

    // -- nothing made outside Flux -------------------------------------------------------------------

    /**
     * Every Secret a HelmRelease's values name through an {@code existingSecret} is in the tree: a
     * Secret that only a script makes stalls a plain {@code flux bootstrap} (the pod waits for it).
     */
    static List<String> noSecretFromOutside(List<ObjectNode> objects) {
        List<String> v = new ArrayList<>();
        for (ObjectNode hr : Policies.ofKind(objects, "HelmRelease")) {
            List<String> refs = new ArrayList<>();
            existingSecrets(hr.path("spec").path("values"), "", refs);
            String ns = hr.path("spec").path("targetNamespace").asText(namespace(hr));
            for (String r : refs) {
                String secret = r.substring(r.indexOf('=') + 1);
                if (Policies.find(objects, "Secret", ns, secret) == null) {
                    v.add(id(hr) + ": values " + r.substring(0, r.indexOf('=')) + " names Secret " + ns + "/" + secret
                            + ", which nothing in the tree creates: a plain flux bootstrap would wait for it forever");
                }
            }
        }
        return v;
    }

    private static void existingSecrets(JsonNode n, String path, List<String> out) {
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String p = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
            if (e.getKey().equals("existingSecret") && e.getValue().isTextual() && !e.getValue().asText().isEmpty()) {
                out.add(p + "=" + e.getValue().asText());
            } else if (e.getValue().isObject()) {
                existingSecrets(e.getValue(), p, out);
            }
        }
    }
}
