package dev.invaders.ui;

import dev.invaders.cpu.FetchExecuteApplication;
import dev.invaders.opcode.OpcodeServiceApplication;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the real services in this JVM, each a Spring Boot app on its own port (0: a free one). Every module
 * has an application.properties at the classpath root, so each app gets its own file's settings as
 * arguments and no file lookup (otherwise the first on the classpath would configure them all).
 */
final class Apps {
    /** The internal token every service started here shares (a test value, made per run). */
    static final String TOKEN = "test-" + java.util.UUID.randomUUID();

    private Apps() {
    }

    static ConfigurableApplicationContext ui(int port, String cpuUrl, String... extra) {
        List<String> args = new ArrayList<>(List.of("--invaders.ui.cpu-url=" + cpuUrl));
        args.addAll(List.of(extra));
        return start(InvadersUiApplication.class, "invaders-ui", port, args.toArray(String[]::new));
    }

    static ConfigurableApplicationContext opcodeService(int port, String... extra) {
        return start(OpcodeServiceApplication.class, "opcode-service", port, extra);
    }

    static ConfigurableApplicationContext fetchExecute(int port, String... extra) {
        return start(FetchExecuteApplication.class, "fetch-execute", port, extra);
    }

    static int port(ConfigurableApplicationContext ctx) {
        return Integer.parseInt(ctx.getEnvironment().getProperty("local.server.port"));
    }

    static String url(ConfigurableApplicationContext ctx) {
        return "http://127.0.0.1:" + port(ctx);
    }

    private static ConfigurableApplicationContext start(Class<?> app, String module, int port, String... extra) {
        Map<String, String> props = new LinkedHashMap<>();
        ownProperties(module).forEach((k, v) -> props.put((String) k, (String) v));
        props.put("spring.config.location", "optional:classpath:/no-such-folder/");
        props.put("server.port", Integer.toString(port));
        props.put("server.address", "127.0.0.1");
        props.put("logging.structured.format.console", "");
        props.put("spring.main.banner-mode", "off");
        props.put("invaders.internal.token", TOKEN);
        for (String arg : extra) {
            int eq = arg.indexOf('=');
            props.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        List<String> args = new ArrayList<>();
        props.forEach((k, v) -> args.add("--" + k + "=" + v));
        SpringApplication application = new SpringApplicationBuilder(app).build();
        return application.run(args.toArray(String[]::new));
    }

    /** The module's own application.properties, found among the classpath's by its location. */
    private static Properties ownProperties(String module) {
        try {
            for (URL url : Collections.list(Apps.class.getClassLoader().getResources("application.properties"))) {
                String where = url.toString();
                boolean mine = where.contains("/" + module + "/target/") || where.contains("/" + module + "-");
                if (mine) {
                    Properties p = new Properties();
                    try (InputStream in = url.openStream()) {
                        p.load(in);
                    }
                    return p;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no application.properties of " + module + " on the classpath");
    }
}
