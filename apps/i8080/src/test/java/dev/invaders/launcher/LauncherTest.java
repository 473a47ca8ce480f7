package dev.invaders.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LauncherTest {
    @TempDir
    Path dir;

    /** A fake Java installation: an executable bin/java and, when version is not null, a release file. */
    private Path fakeJdk(String name, String version) throws IOException {
        Path home = dir.resolve(name);
        Files.createDirectories(home.resolve("bin"));
        Path java = Files.writeString(home.resolve("bin/java"), "#!/bin/sh\nexit 1\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        if (version != null) {
            Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version
                    + "\"\nJAVA_RUNTIME_VERSION=\"" + version + "+1\"\n");
        }
        return home;
    }

    private static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void featureReleaseOfVersionStrings() {
        assertEquals(8, Launcher.feature("1.8"));
        assertEquals(8, Launcher.feature("1.8.0_392"));
        assertEquals(17, Launcher.feature("17"));
        assertEquals(17, Launcher.feature("17.0.15"));
        assertEquals(25, Launcher.feature("25"));
        assertEquals(25, Launcher.feature("25.0.1"));
        assertEquals(26, Launcher.feature("26-ea"));
        assertEquals(25, Launcher.feature("25+36"));
        assertEquals(0, Launcher.feature(null));
        assertEquals(0, Launcher.feature(""));
        assertEquals(0, Launcher.feature("abc"));
        assertEquals(1, Launcher.feature("1"));
    }

    @Test
    void thisJvmIsNewEnough() {
        assertTrue(Launcher.feature(System.getProperty("java.specification.version")) >= Launcher.REQUIRED,
                "the tests run on the JDK the project needs");
    }

    @Test
    void readsTheReleaseFile() throws IOException {
        assertEquals(25, Launcher.jdkFeature(fakeJdk("jdk-25", "25.0.1")));
        assertEquals(17, Launcher.jdkFeature(fakeJdk("jdk-17", "17.0.15")));
        assertEquals(8, Launcher.jdkFeature(fakeJdk("jdk-8", "1.8.0_392")));
        assertEquals(0, Launcher.jdkFeature(dir.resolve("missing")), "no such folder");
    }

    @Test
    void asksTheJavaWhenThereIsNoReleaseFile() throws IOException {
        Path home = dir.resolve("asked");
        Files.createDirectories(home.resolve("bin"));
        Path java = Files.writeString(home.resolve("bin/java"),
                "#!/bin/sh\necho 'Property settings:' >&2\necho '    java.specification.version = 27' >&2\n"
                        + "echo 'openjdk version \"27\"' >&2\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertEquals(27, Launcher.jdkFeature(home));
    }

    @Test
    void aJavaThatIsNotExecutableIsNoJdk() throws IOException {
        Path home = fakeJdk("not-executable", "25");
        Files.setPosixFilePermissions(home.resolve("bin/java"), PosixFilePermissions.fromString("rw-r--r--"));
        assertEquals(0, Launcher.jdkFeature(home));
    }

    @Test
    void javaHomeWinsWhenItIsNewEnough() throws IOException {
        Path home = fakeJdk("mine", "26");
        fakeJdk("a-25", "25");
        Launcher.Search s = Launcher.findJdk(env("JAVA_HOME", home.toString(), "INVADERS_JDK_DIRS", dir + "/*"), "/h");
        assertEquals(home, s.jdk);
    }

    @Test
    void anOldJavaHomeIsPassedOverForTheFirstNewEnoughInNameOrder() throws IOException {
        Path old = fakeJdk("java-17", "17.0.2");
        fakeJdk("b-jdk-11", "11");
        Path first = fakeJdk("c-temurin-25", "25.0.1");
        fakeJdk("d-temurin-26", "26");
        Launcher.Search s = Launcher.findJdk(env("JAVA_HOME", old.toString(), "INVADERS_JDK_DIRS",
                "/nonexistent/* " + dir + "/*"), "/h");
        assertEquals(first, s.jdk);
    }

    @Test
    void globsInTheMiddleAndLiteralFolders() throws IOException {
        Path jdk = fakeJdk("vendor/x/jdk-25", "25");
        fakeJdk("vendor/y/jdk-17", "17");
        assertEquals(jdk, Launcher.findJdk(env("INVADERS_JDK_DIRS", dir + "/vendor/*/jdk-*"), "/h").jdk);
        assertEquals(jdk, Launcher.findJdk(env("INVADERS_JDK_DIRS", dir + "/vendor/x/jdk-25"), "/h").jdk);
        assertEquals(List.of(dir.resolve("vendor/x/jdk-25"), dir.resolve("vendor/y/jdk-17")),
                Launcher.expand(dir + "/vendor/?/jdk-[0-9]*"));
    }

    @Test
    void hiddenFoldersAreNotMatchedByAStar() throws IOException {
        fakeJdk(".hidden-25", "25");
        assertNull(Launcher.findJdk(env("INVADERS_JDK_DIRS", dir + "/*"), "/h").jdk);
    }

    @Test
    void theDefaultFoldersAreSelectJdkShs() {
        List<String> defaults = List.of("/usr/lib/jvm/*", "/usr/local/lib/jvm/*", "/opt/java/*", "/opt/jdk*",
                "/home/u/.jdks/*", "/home/u/.sdkman/candidates/java/*");
        assertEquals(defaults, Launcher.patterns(env(), "/home/u"));
        assertEquals(defaults, Launcher.patterns(env("INVADERS_JDK_DIRS", "  "), "/home/u"));
        assertEquals(List.of("/a/*", "/b"), Launcher.patterns(env("INVADERS_JDK_DIRS", " /a/*  /b "), "/home/u"));
    }

    @Test
    void theDefaultFoldersFindAJdkInTheHomeFolder() throws IOException {
        Path jdk = fakeJdk(".jdks/temurin-25", "25");
        List<Path> found = Launcher.expand(Launcher.patterns(env(), dir.toString()).get(4));
        assertEquals(List.of(jdk), found);
    }

    @Test
    void noneFoundSaysWhatWasTried() throws IOException {
        Path old = fakeJdk("java-17", "17");
        Launcher.Search s = Launcher.findJdk(env("JAVA_HOME", old.toString(), "INVADERS_JDK_DIRS",
                dir + "/* /nonexistent"), "/h");
        assertNull(s.jdk);
        assertEquals("JAVA_HOME=" + old + " is Java 17; none in " + dir + "/* /nonexistent", s.tried);
        Launcher.Search notJdk = Launcher.findJdk(env("JAVA_HOME", "/nonexistent", "INVADERS_JDK_DIRS", "/nonexistent"),
                "/h");
        assertEquals("JAVA_HOME=/nonexistent is not a JDK; none in /nonexistent", notJdk.tried);
        Launcher.Search noHome = Launcher.findJdk(env("INVADERS_JDK_DIRS", "/nonexistent"), "/h");
        assertEquals("no JAVA_HOME; none in /nonexistent", noHome.tried);
        String line = Launcher.notFound("i8080.jar", 17, "/usr/lib/jvm/java-17", noHome.tried);
        assertEquals("error: i8080.jar needs Java 25 or newer; this is Java 17 (/usr/lib/jvm/java-17) and no Java 25"
                + " was found (no JAVA_HOME; none in /nonexistent); install one or set JAVA_HOME to it", line);
    }

    @Test
    void jvmOptionsLessThoseTheChildReadsFromTheEnvironment() {
        List<String> input = List.of("-Xss4m", "-Dfrom.tool=1", "-Xmx512m", "-Dx=1", "-Dfrom.jdk=2", "-Dx=1");
        Map<String, String> env = env("JAVA_TOOL_OPTIONS", " -Dfrom.tool=1 -Xss4m ", "JDK_JAVA_OPTIONS", "-Dfrom.jdk=2",
                "_JAVA_OPTIONS", "");
        assertEquals(List.of("-Xmx512m", "-Dx=1", "-Dx=1"), Launcher.jvmOptions(input, env));
        assertEquals(input, Launcher.jvmOptions(input, env()));
    }

    @Test
    void theChildCommand() {
        List<String> command = Launcher.command(Path.of("/jdk25"), List.of("-Xmx1g"), Path.of("/a/i8080.jar"),
                "dev.invaders.i8080.cli.Main", new String[] {"cpm", "X.COM"});
        assertEquals(List.of("/jdk25/bin/java", "-Xmx1g", "-cp", "/a/i8080.jar", "dev.invaders.i8080.cli.Main", "cpm",
                "X.COM"), command);
    }
}
