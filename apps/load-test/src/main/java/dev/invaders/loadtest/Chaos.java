package dev.invaders.loadtest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Kills services while the games run. Against ./run-local (its supervisor starts them again): the processes
 * are found by their {@code --server.port=N} argument (fetch-execute on the UI's port + 1, the memory bus
 * + 2, the opcode services from + 3) and get SIGKILL. On a cluster: {@code kubectl delete pod}.
 */
public final class Chaos {
    /** What is killed. */
    public enum Kind { OPCODE, FETCH_EXECUTE, MEMORY_BUS }

    /** The kill target abstraction: finds and kills one instance of a kind; the description says what. */
    public interface Killer {
        /** Kills one instance; returns what was killed, or empty when none was found. */
        Optional<String> kill(Kind kind, int round);

        /** Whether every service answers again (so the next kill is not of a service still starting). */
        boolean allUp();

        String describe();
    }

    /** ./run-local's processes on this machine. */
    public static final class LocalKiller implements Killer {
        private final String host;
        private final int uiPort;
        private final Api api;

        public LocalKiller(String host, int uiPort, Api api) {
            this.host = host;
            this.uiPort = uiPort;
            this.api = api;
        }

        /** The processes of a run-local started on uiPort, by kind; empty when none is found. */
        public List<ProcessHandle> find(Kind kind) {
            List<Integer> ports = switch (kind) {
                case FETCH_EXECUTE -> List.of(uiPort + 1);
                case MEMORY_BUS -> List.of(uiPort + 2);
                case OPCODE -> List.of(uiPort + 3, uiPort + 4, uiPort + 5, uiPort + 6);
            };
            List<ProcessHandle> out = new ArrayList<>();
            ProcessHandle.allProcesses().forEach(p -> {
                String cmd = p.info().commandLine().orElse("");
                for (int port : ports) {
                    if (cmd.contains(" -jar ") && (cmd.contains("--server.port=" + port + " ") || cmd.endsWith("--server.port=" + port))) {
                        out.add(p);
                    }
                }
            });
            return out;
        }

        public boolean found() {
            return !find(Kind.FETCH_EXECUTE).isEmpty();
        }

        @Override
        public Optional<String> kill(Kind kind, int round) {
            List<ProcessHandle> found = find(kind);
            if (found.isEmpty()) return Optional.empty();
            ProcessHandle p = found.get(round % found.size());
            String cmd = p.info().commandLine().orElse("");
            String port = cmd.replaceAll(".*--server\\.port=(\\d+).*", "$1");
            boolean sent = p.destroyForcibly();
            return Optional.of("SIGKILL " + kind.name().toLowerCase().replace('_', '-') + " pid " + p.pid() + " (port " + port + ")"
                    + (sent ? "" : " (not delivered)"));
        }

        @Override
        public boolean allUp() {
            for (int port = uiPort + 1; port <= uiPort + 3; port++) {
                try {
                    api.getText(java.net.URI.create("http://" + host + ":" + port + "/actuator/health/readiness"));
                } catch (Exception e) {
                    if (e instanceof InterruptedException) Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }

        @Override
        public String describe() {
            return "./run-local's processes on this machine (UI port " + uiPort + "), SIGKILL";
        }
    }

    /** A cluster through kubectl: deletes one pod of the kind's Deployment. */
    public static final class KubeKiller implements Killer {
        private final String namespace;
        private final List<String> opcodeDeployments;
        private final Consumer<String> log;

        public KubeKiller(String namespace, List<String> opcodeDeployments, Consumer<String> log) {
            this.namespace = namespace;
            this.opcodeDeployments = opcodeDeployments;
            this.log = log;
        }

        public static String deployment(Kind kind, List<String> opcodes, int round) {
            return switch (kind) {
                case FETCH_EXECUTE -> "fetch-execute";
                case MEMORY_BUS -> "memory-bus";
                case OPCODE -> opcodes.get(round % opcodes.size());
            };
        }

        /** kubectl's command that names the pods of a Deployment (by its app.kubernetes.io/name label). */
        public static List<String> listPodsCommand(String namespace, String deployment) {
            return List.of("kubectl", "get", "pods", "-n", namespace, "-l", "app.kubernetes.io/name=" + deployment,
                    "--field-selector=status.phase=Running", "-o", "jsonpath={.items[*].metadata.name}");
        }

        /** kubectl's command that deletes one pod without waiting for it to be gone. */
        public static List<String> deletePodCommand(String namespace, String pod) {
            if (!pod.matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?")) throw new IllegalArgumentException("not a pod name: " + pod);
            return List.of("kubectl", "delete", "pod", "-n", namespace, pod, "--wait=false");
        }

        @Override
        public Optional<String> kill(Kind kind, int round) {
            String deployment = deployment(kind, opcodeDeployments, round);
            String pods = Kube.run(listPodsCommand(namespace, deployment)).orElse("").trim();
            if (pods.isEmpty()) return Optional.empty();
            String[] names = pods.split("\\s+");
            String pod = names[round % names.length];
            Optional<String> r = Kube.run(deletePodCommand(namespace, pod));
            if (r.isEmpty()) log.accept("kubectl delete pod " + pod + " failed");
            return Optional.of("kubectl delete pod " + pod + (r.isPresent() ? "" : " (failed)"));
        }

        @Override
        public boolean allUp() {
            return true;
        }

        @Override
        public String describe() {
            return "kubectl delete pod in namespace " + namespace;
        }
    }

    /** One kill, for the report. */
    public static Map<String, Object> event(double t, String what) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("t", t);
        m.put("what", what);
        return m;
    }
}
