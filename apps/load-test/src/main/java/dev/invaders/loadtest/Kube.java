package dev.invaders.loadtest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** kubectl, when it is on the PATH and has a current context: replicas over time, pod deletion. */
public final class Kube {
    private Kube() {
    }

    /** The emulator's namespace in both clusters (apps/kind, apps/cloud: {@code namespace: emulator}). */
    public static final String NAMESPACE = "emulator";

    /** Why kubectl cannot be used, or empty when it can. */
    public static Optional<String> unavailable() {
        Optional<String> ctx = run(List.of("kubectl", "config", "current-context"));
        if (ctx.isEmpty()) return Optional.of("kubectl is not on the PATH or has no current context");
        Optional<String> ns = run(List.of("kubectl", "get", "namespace", NAMESPACE, "-o", "name"));
        if (ns.isEmpty()) return Optional.of("kubectl's context " + ctx.get().trim() + " has no namespace " + NAMESPACE);
        return Optional.empty();
    }

    /** kubectl's command for the Deployments (their replicas). */
    public static List<String> deploymentsCommand() {
        return List.of("kubectl", "get", "deploy", "-n", NAMESPACE, "-o", "json");
    }

    /** Deployment name to {replicas, ready} from {@code kubectl get deploy -o json}. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> replicas(String json) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Object item : (List<Object>) Json.object(json).getOrDefault("items", List.of())) {
            Map<String, Object> d = (Map<String, Object>) item;
            String name = (String) ((Map<String, Object>) d.get("metadata")).get("name");
            Map<String, Object> status = (Map<String, Object>) d.getOrDefault("status", Map.of());
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("replicas", ((Number) status.getOrDefault("replicas", 0.0)).intValue());
            r.put("ready", ((Number) status.getOrDefault("readyReplicas", 0.0)).intValue());
            out.put(name, r);
        }
        return out;
    }

    /** Runs a command for at most 20 s; its standard output, or empty when it fails. */
    public static Optional<String> run(List<String> command) {
        try {
            Process p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(false)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            return p.exitValue() == 0 ? Optional.of(new String(out, StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
