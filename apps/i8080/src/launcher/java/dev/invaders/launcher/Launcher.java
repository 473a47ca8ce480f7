package dev.invaders.launcher;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code Main-Class} of {@code i8080.jar} and {@code invaders.jar}, compiled for Java 8 so that any
 * {@code java} from 8 on can start it. On Java 25 or newer it calls the jar's real main class (the
 * manifest's {@code Invaders-Main-Class}) in the same JVM. On an older one it finds a JDK 25 the way
 * {@code .mvn/select-jdk.sh} does (JAVA_HOME when it is 25 or newer, else the first such JDK in
 * {@code /usr/lib/jvm/*} and the other usual folders, or in those {@code INVADERS_JDK_DIRS} lists) and runs
 * the real main there with the same JVM options, standard streams and exit status. With none to be found
 * it prints one line and exits with 2.
 *
 * <p>Java 8 source on purpose: no {@code var}, no {@code List.of}, nothing newer.
 */
public final class Launcher {
    /** The Java feature release the jar's classes need. */
    static final int REQUIRED = 25;
    /** The manifest attribute naming the real main class. */
    static final String MAIN_ATTRIBUTE = "Invaders-Main-Class";
    /** The folders searched when INVADERS_JDK_DIRS is not set; HOME is replaced by the home folder. */
    static final List<String> DEFAULT_DIRS = Collections.unmodifiableList(Arrays.asList("/usr/lib/jvm/*",
            "/usr/local/lib/jvm/*", "/opt/java/*", "/opt/jdk*", "HOME/.jdks/*", "HOME/.sdkman/candidates/java/*"));
    /** The environment variables whose JVM options the child JVM reads again by itself. */
    static final List<String> OPTION_VARIABLES = Collections.unmodifiableList(
            Arrays.asList("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS"));

    private static final Pattern RELEASE_VERSION = Pattern.compile("^JAVA_VERSION=\"?([^\"\\s]*)\"?\\s*$");
    private static final Pattern SPEC_VERSION = Pattern.compile("^\\s*java\\.specification\\.version = (\\S+)\\s*$");

    private Launcher() {
    }

    public static void main(String[] args) throws Throwable {
        Path jar = ownJar();
        String mainClass = mainClass(jar);
        int running = feature(System.getProperty("java.specification.version"));
        if (running >= REQUIRED) {
            runHere(mainClass, args);
            return;
        }
        String name = jar == null ? "this program" : jar.getFileName().toString();
        String home = System.getenv("HOME");
        Search search = findJdk(System.getenv(), home != null ? home : System.getProperty("user.home"));
        if (search.jdk == null) {
            System.err.println(notFound(name, running, System.getProperty("java.home"), search.tried));
            System.exit(2);
            return;
        }
        if (jar == null) {
            System.err.println("error: cannot tell which jar holds " + Launcher.class.getName()
                    + "; run it with " + search.jdk.resolve("bin").resolve("java") + " instead");
            System.exit(2);
            return;
        }
        List<String> command = command(search.jdk, jvmOptions(ManagementFactory.getRuntimeMXBean().getInputArguments(),
                System.getenv()), jar, mainClass, args);
        final Process child = new ProcessBuilder(command).inheritIO().start();
        Thread stopChild = new Thread(new Runnable() {
            @Override
            public void run() {
                child.destroy();
            }
        }, "stop-child-jvm");
        Runtime.getRuntime().addShutdownHook(stopChild);
        int status = child.waitFor();
        try {
            Runtime.getRuntime().removeShutdownHook(stopChild);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook runs anyway; the child has exited
        }
        System.exit(status);
    }

    /** Calls the real main in this JVM, rethrowing what it throws as it is. */
    private static void runHere(String mainClass, String[] args) throws Throwable {
        Method main = Class.forName(mainClass).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** The jar this class was loaded from, or null (classes in a folder, an unusual class loader). */
    static Path ownJar() {
        try {
            Path p = Paths.get(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(p) ? p : null;
        } catch (Exception e) {
            return null;
        }
    }

    /** The manifest's {@value #MAIN_ATTRIBUTE} of jar (none: an error line and exit 2). */
    static String mainClass(Path jar) throws IOException {
        String name = null;
        if (jar != null) {
            JarFile file = new JarFile(jar.toFile());
            try {
                Manifest manifest = file.getManifest();
                name = manifest == null ? null : manifest.getMainAttributes().getValue(MAIN_ATTRIBUTE);
            } finally {
                file.close();
            }
        }
        if (name == null || name.trim().isEmpty()) {
            System.err.println("error: " + (jar == null ? "the launcher" : jar.toString()) + " has no "
                    + MAIN_ATTRIBUTE + " in its manifest; rebuild it with ./mvnw package");
            System.exit(2);
        }
        return name.trim();
    }

    /**
     * The feature release of a Java version string: "1.8", "1.8.0_392" -> 8; "17", "17.0.9", "25-ea",
     * "25+36" -> 17, 25. Anything else (null, "", "abc") -> 0.
     */
    static int feature(String version) {
        if (version == null) {
            return 0;
        }
        String v = version.trim();
        if (v.startsWith("1.") && v.length() > 2 && Character.isDigit(v.charAt(2))) {
            v = v.substring(2);
        }
        int end = 0;
        while (end < v.length() && end < 9 && Character.isDigit(v.charAt(end))) {
            end++;
        }
        return end == 0 ? 0 : Integer.parseInt(v.substring(0, end));
    }

    /** The result of a search: the JDK found (or null) and what was looked at, for the error line. */
    static final class Search {
        final Path jdk;
        final String tried;

        Search(Path jdk, String tried) {
            this.jdk = jdk;
            this.tried = tried;
        }
    }

    /**
     * Finds a Java 25 or newer as {@code .mvn/select-jdk.sh} does: JAVA_HOME when it is one, else the first
     * (in name order) of the folders that INVADERS_JDK_DIRS lists (space-separated, globs allowed), or of
     * {@link #DEFAULT_DIRS} when it is unset or blank.
     */
    static Search findJdk(Map<String, String> env, String home) {
        StringBuilder tried = new StringBuilder();
        String javaHome = env.get("JAVA_HOME");
        if (javaHome != null && !javaHome.trim().isEmpty()) {
            int v = jdkFeature(Paths.get(javaHome));
            if (v >= REQUIRED) {
                return new Search(Paths.get(javaHome), "");
            }
            tried.append("JAVA_HOME=").append(javaHome).append(" is ").append(v == 0 ? "not a JDK" : "Java " + v)
                    .append("; ");
        } else {
            tried.append("no JAVA_HOME; ");
        }
        List<String> patterns = patterns(env, home);
        for (String pattern : patterns) {
            for (Path dir : expand(pattern)) {
                if (Files.isDirectory(dir) && jdkFeature(dir) >= REQUIRED) {
                    return new Search(dir, "");
                }
            }
        }
        tried.append("none in ");
        for (int i = 0; i < patterns.size(); i++) {
            tried.append(i == 0 ? "" : " ").append(patterns.get(i));
        }
        return new Search(null, tried.toString());
    }

    /** The folders to search, as globs: INVADERS_JDK_DIRS's words, or {@link #DEFAULT_DIRS} when it is blank. */
    static List<String> patterns(Map<String, String> env, String home) {
        List<String> patterns = new ArrayList<String>();
        String dirs = env.get("INVADERS_JDK_DIRS");
        if (dirs != null && !dirs.trim().isEmpty()) {
            patterns.addAll(Arrays.asList(dirs.trim().split("\\s+")));
        } else {
            String h = home == null || home.isEmpty() ? "/nonexistent" : home;
            for (String d : DEFAULT_DIRS) {
                patterns.add(d.startsWith("HOME/") ? h + d.substring(4) : d);
            }
        }
        return patterns;
    }

    /** The one line printed when no JDK 25 is found. */
    static String notFound(String jar, int running, String javaHome, String tried) {
        return "error: " + jar + " needs Java " + REQUIRED + " or newer; this is Java " + running + " (" + javaHome
                + ") and no Java " + REQUIRED + " was found (" + tried + "); install one or set JAVA_HOME to it";
    }

    /**
     * The feature release of the Java installed at dir (0 when there is none): needs an executable
     * bin/java; read from the {@code release} file, else asked of that java (at most 10 seconds).
     */
    static int jdkFeature(Path dir) {
        Path java = dir.resolve("bin").resolve("java");
        if (!Files.isRegularFile(java) || !Files.isExecutable(java)) {
            return 0;
        }
        Path release = dir.resolve("release");
        if (Files.isRegularFile(release)) {
            try {
                for (String line : Files.readAllLines(release, StandardCharsets.ISO_8859_1)) {
                    Matcher m = RELEASE_VERSION.matcher(line);
                    if (m.matches()) {
                        return feature(m.group(1));
                    }
                }
            } catch (IOException e) {
                return 0;
            }
            return 0;
        }
        return askedFeature(java);
    }

    private static int askedFeature(Path java) {
        Process p = null;
        try {
            p = new ProcessBuilder(java.toString(), "-XshowSettings:properties", "-version").redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            int found = 0;
            InputStream in = p.getInputStream();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1));
            String line;
            int lines = 0;
            while ((line = reader.readLine()) != null && lines++ < 10_000) {
                Matcher m = SPEC_VERSION.matcher(line);
                if (m.matches()) {
                    found = feature(m.group(1));
                }
            }
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                return 0;
            }
            return found;
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } finally {
            if (p != null) {
                p.destroy();
            }
        }
    }

    /**
     * The paths a shell glob names, in name order: '*', '?' and '[...]' in any part; a pattern without
     * them names itself when it exists. Relative patterns start from the working directory.
     */
    static List<Path> expand(String pattern) {
        List<Path> current = new ArrayList<Path>();
        boolean absolute = pattern.startsWith("/");
        current.add(absolute ? Paths.get("/") : Paths.get(""));
        for (String part : pattern.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            List<Path> next = new ArrayList<Path>();
            boolean glob = part.indexOf('*') >= 0 || part.indexOf('?') >= 0 || part.indexOf('[') >= 0;
            for (Path base : current) {
                if (!glob) {
                    Path p = base.resolve(part);
                    if (Files.exists(p)) {
                        next.add(p);
                    }
                    continue;
                }
                Path dir = base.toString().isEmpty() ? Paths.get(".") : base;
                if (!Files.isDirectory(dir)) {
                    continue;
                }
                PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + part);
                List<Path> matches = new ArrayList<Path>();
                try {
                    DirectoryStream<Path> entries = Files.newDirectoryStream(dir);
                    try {
                        for (Path entry : entries) {
                            Path name = entry.getFileName();
                            boolean hidden = name.toString().startsWith(".") && !part.startsWith(".");
                            if (!hidden && matcher.matches(name)) {
                                matches.add(base.resolve(name));
                            }
                        }
                    } finally {
                        entries.close();
                    }
                } catch (IOException | RuntimeException e) {
                    continue; // unreadable: as the shell, match nothing there
                }
                Collections.sort(matches);
                next.addAll(matches);
            }
            current = next;
        }
        return current;
    }

    /**
     * The options of this JVM worth passing on: its input arguments less those the child reads again
     * from the environment ({@link #OPTION_VARIABLES}; each of their words removes one occurrence).
     */
    static List<String> jvmOptions(List<String> inputArguments, Map<String, String> env) {
        List<String> options = new ArrayList<String>(inputArguments);
        for (String variable : OPTION_VARIABLES) {
            String value = env.get(variable);
            if (value == null || value.trim().isEmpty()) {
                continue;
            }
            for (String word : value.trim().split("\\s+")) {
                options.remove(word);
            }
        }
        return options;
    }

    /** {@code <jdk>/bin/java <options> -cp <jar> <mainClass> <args>}. */
    static List<String> command(Path jdk, List<String> options, Path jar, String mainClass, String[] args) {
        List<String> command = new ArrayList<String>();
        command.add(jdk.resolve("bin").resolve("java").toString());
        command.addAll(options);
        command.add("-cp");
        command.add(jar.toAbsolutePath().toString());
        command.add(mainClass);
        command.addAll(Arrays.asList(args));
        return command;
    }
}
