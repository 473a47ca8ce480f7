package dev.invaders.platform;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ./bootstrap-kind, ./teardown-kind and ./forward-ui against recorded fakes of docker, kind,
 * kubectl, flux, git, curl and the Maven wrapper (src/test/resources/fakes/fake-tool.sh): the order
 * of the steps, the preflight's messages, --help and bad options, a second run that skips what
 * exists, a wait that names what is stuck, teardown twice, and a port-forward that reconnects and
 * stops cleanly. The PATH holds the fakes and the few system tools the scripts use, nothing else.
 */
class KindScriptsTest {

    static final List<String> FAKES = List.of("docker", "kind", "kubectl", "flux", "git", "curl", "mvnw", "build-images");
    static final List<String> SYSTEM_TOOLS = List.of("bash", "env", "basename", "dirname", "grep", "awk", "sed", "sort",
            "tr", "cut", "head", "tail", "wc", "sleep", "cat", "mkdir", "mv", "rm", "touch", "printf", "date", "uname");

    @TempDir
    Path tmp;
    Path state;
    Path fakes;
    Path tools;

    record Run(int status, String out, String err, List<String> calls) {
        String all() {
            return out + err;
        }
    }

    @BeforeEach
    void setUp() throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")) || Files.isExecutable(Path.of("/usr/bin/bash")), "bash is needed");
        state = Files.createDirectories(tmp.resolve("state"));
        fakes = Files.createDirectories(tmp.resolve("fakes"));
        tools = Files.createDirectories(tmp.resolve("tools"));
        String fake;
        try (InputStream in = getClass().getResourceAsStream("/fakes/fake-tool.sh")) {
            fake = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (String f : FAKES) {
            Path p = fakes.resolve(f);
            Files.writeString(p, fake);
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        for (String t : SYSTEM_TOOLS) {
            for (String dir : List.of("/usr/bin", "/bin", "/usr/local/bin")) {
                Path real = Path.of(dir, t);
                if (Files.isExecutable(real)) {
                    Files.createSymbolicLink(tools.resolve(t), real);
                    break;
                }
            }
        }
    }

    /** The links to system tools go before JUnit cleans the folder (it warns about links it follows out). */
    @AfterEach
    void removeToolLinks() throws IOException {
        if (tools != null && Files.isDirectory(tools)) {
            try (var s = Files.list(tools)) {
                for (Path p : s.toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    void state(String file, String content) throws IOException {
        Files.writeString(state.resolve(file), content);
    }

    void removeFake(String name) throws IOException {
        Files.delete(fakes.resolve(name));
    }

    Process start(String script, Map<String, String> extraEnv, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Manifests.repoRoot().resolve(script).toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile());
        Map<String, String> env = pb.environment();
        env.clear();
        env.put("PATH", fakes + ":" + tools);
        env.put("HOME", tmp.toString());
        env.put("FAKE_STATE", state.toString());
        env.put("GITHUB_TOKEN", "test-token-not-real");
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("INVADERS_MVNW", fakes.resolve("mvnw").toString());
        env.put("INVADERS_BUILD_IMAGES", fakes.resolve("build-images").toString());
        env.put("INVADERS_POLL_SECONDS", "1");
        extraEnv.forEach((k, v) -> {
            if (v == null) {
                env.remove(k);
            } else {
                env.put(k, v);
            }
        });
        pb.redirectOutput(tmp.resolve("out.txt").toFile());
        pb.redirectError(tmp.resolve("err.txt").toFile());
        return pb.start();
    }

    Run run(String script, Map<String, String> env, String... args) throws Exception {
        Files.deleteIfExists(state.resolve("calls"));
        Process p = start(script, env, args);
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(script + " did not end in 90 s");
        }
        return result(p.exitValue());
    }

    Run result(int status) throws IOException {
        Path calls = state.resolve("calls");
        return new Run(status, Files.readString(tmp.resolve("out.txt")), Files.readString(tmp.resolve("err.txt")),
                Files.exists(calls) ? Files.readAllLines(calls) : List.of());
    }

    static int index(Run r, String callPrefix) {
        for (int i = 0; i < r.calls().size(); i++) {
            if (r.calls().get(i).startsWith(callPrefix)) {
                return i;
            }
        }
        return -1;
    }

    static void inOrder(Run r, String... callPrefixes) {
        int last = -1;
        for (String c : callPrefixes) {
            int i = index(r, c);
            assertTrue(i > last, "'" + c + "' should come after the previous step; calls:\n  " + String.join("\n  ", r.calls()));
            last = i;
        }
    }

    static void never(Run r, String callPrefix) {
        assertEquals(-1, index(r, callPrefix), "'" + callPrefix + "' should not run; calls:\n  " + String.join("\n  ", r.calls()));
    }

    // -- --help and bad options ------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"bootstrap-kind", "teardown-kind", "forward-ui"})
    void helpSaysHowToUseItAndRunsNothing(String script) throws Exception {
        Run r = run(script, Map.of(), "--help");
        assertEquals(0, r.status(), r.all());
        assertTrue(r.out().startsWith("usage: ./" + script), r.out());
        assertEquals(List.of(), r.calls());
    }

    @ParameterizedTest
    @ValueSource(strings = {"bootstrap-kind", "teardown-kind", "forward-ui"})
    void anUnknownOptionIsOneLineAndStatusTwo(String script) throws Exception {
        Run r = run(script, Map.of(), "--frobnicate");
        assertEquals(2, r.status(), r.all());
        assertTrue(r.err().startsWith("error: unknown option '--frobnicate'"), r.err());
        assertEquals(List.of(), r.calls());
    }

    @Test
    void bootstrapRejectsABadTimeout() throws Exception {
        Run r = run("bootstrap-kind", Map.of(), "--timeout", "soon");
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("error: --timeout takes a number of seconds, not 'soon'"), r.err());
    }

    // -- bootstrap ---------------------------------------------------------------------------------------

    @Test
    void aFreshBootstrapRunsEveryStepInOrder() throws Exception {
        Run r = run("bootstrap-kind", Map.of());
        assertEquals(0, r.status(), r.all());
        inOrder(r, "docker info", "kind version", "kubectl version --client", "flux version --client",
                "git -C " + Manifests.repoRoot() + " remote get-url origin",
                "docker inspect -f {{.State.Running}} kind-registry",
                "docker run -d --restart=always -p 127.0.0.1:5001:5000 --network bridge --name kind-registry registry:3.0.0",
                "kind create cluster --name invaders --config " + Manifests.repoRoot().resolve("kind-cluster.yaml"),
                "docker exec invaders-control-plane mkdir -p /etc/containerd/certs.d/localhost:5001",
                "docker exec -i invaders-control-plane cp /dev/stdin /etc/containerd/certs.d/localhost:5001/hosts.toml",
                "docker network connect kind kind-registry",
                "kubectl --context kind-invaders apply -f -",
                "curl -sf",
                "build-images --registry localhost:5001 -- -Dimages.allowInsecure=true",
                "git -C " + Manifests.repoRoot() + " ls-remote https://github.com/alice/invaders.git refs/heads/main",
                "flux bootstrap github --context=kind-invaders --owner=alice --repository=invaders --branch=main --path=clusters/kind",
                "kubectl --context kind-invaders get kustomizations.kustomize.toolkit.fluxcd.io -A");
        assertTrue(r.calls().stream().anyMatch(c -> c.startsWith("flux bootstrap github") && c.endsWith("--personal")), r.calls().toString());
        assertTrue(r.out().contains("Flux will read github.com/alice/invaders, branch main, path clusters/kind"), r.out());
        assertTrue(r.out().contains("all 5 Ready"), r.out());
        assertTrue(r.out().contains("./forward-ui                 then open http://127.0.0.1:8080/"), r.out());
        assertTrue(r.out().contains("kube-prometheus-stack-grafana"), r.out());
        // the token reaches flux through the environment only
        assertFalse(String.join("\n", r.calls()).contains("test-token-not-real"), r.calls().toString());
    }

    @Test
    void aSecondRunSkipsWhatExistsAndIsQuick() throws Exception {
        assertEquals(0, run("bootstrap-kind", Map.of()).status());
        long t0 = System.nanoTime();
        Run r = run("bootstrap-kind", Map.of());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(0, r.status(), r.all());
        never(r, "docker run");
        never(r, "kind create");
        never(r, "build-images");
        never(r, "flux bootstrap");
        assertTrue(r.out().contains("running: kept") && r.out().contains("exists: kept")
                && r.out().contains("images are there: kept") && r.out().contains("clusters/kind: kept"), r.out());
        // Still re-applies the idempotent wiring (registry config, ConfigMap) and waits for Ready.
        inOrder(r, "docker exec invaders-control-plane mkdir", "kubectl --context kind-invaders apply -f -",
                "kubectl --context kind-invaders get kustomizations.kustomize.toolkit.fluxcd.io -A");
        System.err.println("[platform-manifests] second ./bootstrap-kind against the fakes: " + ms + " ms");
    }

    @Test
    void aStoppedRegistryIsStartedNotRecreated() throws Exception {
        state("registry-exists", "");
        Run r = run("bootstrap-kind", Map.of());
        assertEquals(0, r.status(), r.all());
        inOrder(r, "docker start kind-registry", "kind create cluster");
        never(r, "docker run");
    }

    @Test
    void thePreflightSaysEveryMissingThingOnItsOwnLineAndChangesNothing() throws Exception {
        state("docker-info", "2 4294967296");
        state("kind-version", "kind v0.27.0 go1.23.6 linux/amd64");
        state("flux-version", "flux: v2.5.1");
        state("git-origin", "https://gitlab.com/alice/invaders.git");
        Map<String, String> env = new HashMap<>();
        env.put("GITHUB_TOKEN", null);
        env.put("JAVA_HOME", "/nonexistent");
        env.put("INVADERS_JDK_DIRS", "/nonexistent");
        Run r = run("bootstrap-kind", env);
        assertEquals(1, r.status(), r.all());
        List<String> lines = r.err().lines().toList();
        assertEquals(6, lines.size(), r.err());
        assertTrue(lines.stream().allMatch(l -> l.startsWith("missing: ")), r.err());
        for (String e : List.of(
                "missing: docker: has 2 CPUs and 4096 MiB; the platform needs 4 CPUs and 8 GiB",
                "missing: kind: v0.27.0 is too old; install v0.28.0 or newer",
                "missing: flux: v2.5.1 is too old; install v2.6.0 or newer (the tree uses OCIRepository",
                "missing: JDK 25: ",
                "missing: GITHUB_TOKEN: not set; export a GitHub token",
                "missing: repository: no GitHub remote origin; pass --owner OWNER --repository REPO")) {
            assertTrue(lines.stream().anyMatch(l -> l.startsWith(e)), "no line starting '" + e + "' in:\n" + r.err());
        }
        never(r, "docker run");
        never(r, "kind create");
    }

    @Test
    void aStoppedDockerAndMissingToolsSayHowToGetThem() throws Exception {
        state("docker-down", "");
        removeFake("kind");
        removeFake("flux");
        Run r = run("bootstrap-kind", Map.of());
        assertEquals(1, r.status(), r.all());
        assertTrue(r.err().contains("missing: docker: the daemon is not running; start Docker Desktop"), r.err());
        assertTrue(r.err().contains("missing: kind: not installed; install kind v0.28.0 or newer: https://kind.sigs.k8s.io/"), r.err());
        assertTrue(r.err().contains("missing: flux: not installed; install the Flux CLI v2.6.0 or newer"), r.err());
        assertEquals(3, r.err().lines().count(), r.err());
    }

    @Test
    void aBranchThatDoesNotHoldThisCommitStopsBeforeFluxWithHowToPushIt() throws Exception {
        state("git-remote-head", "2222222222222222222222222222222222222222");
        Run r = run("bootstrap-kind", Map.of(), "--owner", "bob", "--repository", "fork", "--branch", "main");
        assertEquals(1, r.status(), r.all());
        assertTrue(r.err().contains("Flux reads main of github.com/bob/fork, which is at 222222222222; this checkout is at 111111111111"), r.err());
        assertTrue(r.err().contains("git push https://github.com/bob/fork.git HEAD:main"), r.err());
        never(r, "flux bootstrap");
    }

    @Test
    void uncommittedChangesStopBeforeFlux() throws Exception {
        state("git-dirty", " M apps/kind/kustomization.yaml");
        Run r = run("bootstrap-kind", Map.of());
        assertEquals(1, r.status(), r.all());
        assertTrue(r.err().contains("uncommitted changes under clusters/, apps/ or infrastructure/"), r.err());
        never(r, "flux bootstrap");
    }

    @Test
    void anOrganizationIsNotBootstrappedAsAPersonalAccount() throws Exception {
        Run r = run("bootstrap-kind", Map.of(), "--organization");
        assertEquals(0, r.status(), r.all());
        assertTrue(r.calls().stream().anyMatch(c -> c.startsWith("flux bootstrap github") && !c.contains("--personal")), r.calls().toString());
    }

    @Test
    void theWaitNamesWhatIsStuckAndShowsItsEvents() throws Exception {
        state("not-ready", "Kustomization\tflux-system/flux-system\tTrue\tApplied\n"
                + "Kustomization\tflux-system/apps\tFalse\thealth check failed after 9m: timeout waiting for: [Deployment/emulator/fetch-execute]\n");
        Run r = run("bootstrap-kind", Map.of(), "--timeout", "2");
        assertEquals(1, r.status(), r.all());
        assertTrue(r.out().contains("2/3 Ready; waiting for: flux-system/apps"), r.out());
        assertTrue(r.err().contains("error: not Ready after 2 s: flux-system/apps"), r.err());
        assertTrue(r.err().contains("Kustomization flux-system/apps: health check failed after 9m"), r.err());
        assertTrue(r.err().contains("HealthCheckFailed"), r.err());
        inOrder(r, "flux bootstrap", "kubectl --context kind-invaders -n flux-system events --for kustomizations.kustomize.toolkit.fluxcd.io/apps");
    }

    @Test
    void aTagTheBuildDoesNotMakeIsNamed() throws Exception {
        // the fake build pushes nothing the registry then answers for
        Files.writeString(fakes.resolve("build-images"), "#!/usr/bin/env bash\necho \"build-images $*\" >>\"$FAKE_STATE/calls\"\n");
        Run r = run("bootstrap-kind", Map.of());
        assertEquals(1, r.status(), r.all());
        assertTrue(r.err().contains("error: apps/kind/kustomization.yaml names images the build did not push: localhost:5001/invaders/"), r.err());
        never(r, "flux bootstrap");
    }

    // -- teardown ----------------------------------------------------------------------------------------

    @Test
    void teardownRemovesTheClusterAndTheRegistryAndIsSafeTwice() throws Exception {
        assertEquals(0, run("bootstrap-kind", Map.of()).status());
        Run first = run("teardown-kind", Map.of());
        assertEquals(0, first.status(), first.all());
        inOrder(first, "kind get clusters", "kind delete cluster --name invaders", "docker inspect kind-registry", "docker rm -f kind-registry");
        assertTrue(first.out().contains("deleted the Kind cluster invaders") && first.out().contains("removed the registry container kind-registry"), first.out());
        Run second = run("teardown-kind", Map.of());
        assertEquals(0, second.status(), second.all());
        never(second, "kind delete");
        never(second, "docker rm");
        assertTrue(second.out().contains("no Kind cluster invaders: nothing to delete")
                && second.out().contains("no registry container kind-registry: nothing to remove"), second.out());
    }

    // -- forward-ui ----------------------------------------------------------------------------------------

    @Test
    void forwardUiReconnectsWhenThePodGoesAndStopsCleanlyOnCtrlC() throws Exception {
        state("drops-invaders-ui", "1");
        Files.deleteIfExists(state.resolve("calls"));
        Process p = start("forward-ui", Map.of(), "--grafana");
        Path calls = state.resolve("calls");
        // the UI's first port-forward drops; wait until the UI's and Grafana's are both held open
        Path pids = state.resolve("port-forward-pids");
        await("two port-forwards held open").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> Files.exists(pids) && Files.readAllLines(pids).size() >= 2);
        List<String> held = Files.readAllLines(state.resolve("port-forward-pids"));
        assertEquals(2, held.size(), "port-forwards held open: " + held);
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor(10, TimeUnit.SECONDS);
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "forward-ui did not stop on SIGINT");
        Run r = result(p.exitValue());
        assertEquals(0, r.status(), r.all());
        assertTrue(r.out().contains("Invaders: http://127.0.0.1:8080/") && r.out().contains("Grafana:  http://127.0.0.1:3000/"), r.out());
        assertTrue(r.err().contains("UI: the port-forward ended (the pod was replaced?); reconnecting"), r.err());
        assertTrue(r.out().contains("stopped the port-forwards"), r.out());
        assertEquals(3, Files.readAllLines(calls).stream().filter(c -> c.contains(" port-forward ")).count(), String.join("\n", Files.readAllLines(calls)));
        assertTrue(Files.readAllLines(calls).contains("kubectl --context kind-invaders -n emulator port-forward --address 127.0.0.1 svc/invaders-ui 8080:8090"));
        assertTrue(Files.readAllLines(calls).contains("kubectl --context kind-invaders -n monitoring port-forward --address 127.0.0.1 svc/kube-prometheus-stack-grafana 3000:80"));
        // no port-forward is left behind (they get SIGTERM; allow a loaded machine a few seconds)
        for (String pid : held) {
            ProcessHandle h = ProcessHandle.of(Long.parseLong(pid.strip())).orElse(null);
            if (h != null) {
                h.onExit().get(10, TimeUnit.SECONDS);
            }
            assertFalse(h != null && h.isAlive(), "port-forward " + pid + " still runs");
        }
    }

    @Test
    void forwardUiGivesUpWhenTheServiceIsNotThere() throws Exception {
        state("drops-invaders-ui", "100");
        Run r = run("forward-ui", Map.of("INVADERS_FORWARD_MAX_FAILURES", "2"));
        assertEquals(1, r.status(), r.all());
        assertTrue(r.err().contains("UI: gave up after 2 port-forwards in a row ended at once"), r.err());
    }
}
