package dev.invaders.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the real services in this JVM, each a Spring Boot app on its own port (0: a free one). Every service
 * has an application.properties at the classpath root, so each app gets its own file's settings (the one beside
 * its application class) as arguments and no file lookup (otherwise the first on the classpath would configure
 * them all).
 */
public final class Apps {
    /** The internal token every service started by {@link #start} shares (a test value, made per run). */
    public static final String TOKEN = "test-" + UUID.randomUUID();

    private Apps() {
    }

    /**
     * The application on this port with the internal {@link #TOKEN}; each {@code --name=value} of extra replaces
     * the setting of that name.
     */
    public static ConfigurableApplicationContext start(Class<?> app, int port, String... extra) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("invaders.internal.token", TOKEN);
        return start(app, port, settings, extra);
    }

    /**
     * The application on a free port without the internal token: it runs open ({@code require-token=false}), for
     * a caller that does not send the token.
     */
    public static ConfigurableApplicationContext startOpen(Class<?> app, String... extra) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("invaders.internal.require-token", "false");
        return start(app, 0, settings, extra);
    }

    public static int port(ConfigurableApplicationContext ctx) {
        return Integer.parseInt(ctx.getEnvironment().getProperty("local.server.port"));
    }

    public static String url(ConfigurableApplicationContext ctx) {
        return "http://127.0.0.1:" + port(ctx);
    }

    private static ConfigurableApplicationContext start(Class<?> app, int port, Map<String, String> settings,
            String... extra) {
        Map<String, String> props = new LinkedHashMap<>();
        ownProperties(app).forEach((k, v) -> props.put((String) k, (String) v));
        props.put("spring.config.location", "optional:classpath:/no-such-folder/");
        props.put("server.port", Integer.toString(port));
        props.put("server.address", "127.0.0.1");
        props.put("logging.structured.format.console", "");
        props.put("spring.main.banner-mode", "off");
        props.putAll(settings);
        for (String arg : extra) {
            int eq = arg.indexOf('=');
            props.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        List<String> args = new ArrayList<>();
        props.forEach((k, v) -> args.add("--" + k + "=" + v));
        SpringApplication application = new SpringApplicationBuilder(app).build();
        return application.run(args.toArray(String[]::new));
    }

    /** The application's own application.properties: the one in the folder or jar its class was loaded from. */
    private static Properties ownProperties(Class<?> app) {
        CodeSource source = app.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            throw new IllegalStateException("no code source for " + app.getName());
        }
        String home = source.getLocation().toString();
        try {
            for (URL url : Collections.list(app.getClassLoader().getResources("application.properties"))) {
                String where = url.toString();
                if (where.startsWith(home) || where.startsWith("jar:" + home + "!/")) {
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
        throw new IllegalStateException("no application.properties beside " + app.getName() + " (" + home + ")");
    }
}
