package dev.invaders.loadtest;

import dev.invaders.cpu.FetchExecuteApplication;
import dev.invaders.opcode.OpcodeServiceApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

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

/**
 * Starts the real services in this JVM on free ports, each with its own application.properties (as the
 * UI's end-to-end tests do: every module has one at the classpath root).
 */
final class Apps {
    private Apps() {
    }

    static ConfigurableApplicationContext opcodeService(String... extra) {
        return start(OpcodeServiceApplication.class, "opcode-service", extra);
    }

    static ConfigurableApplicationContext fetchExecute(String... extra) {
        return start(FetchExecuteApplication.class, "fetch-execute", extra);
    }

    static String url(ConfigurableApplicationContext ctx) {
        return "http://127.0.0.1:" + ctx.getEnvironment().getProperty("local.server.port");
    }

    private static ConfigurableApplicationContext start(Class<?> app, String module, String... extra) {
        Map<String, String> props = new LinkedHashMap<>();
        ownProperties(module).forEach((k, v) -> props.put((String) k, (String) v));
        props.put("spring.config.location", "optional:classpath:/no-such-folder/");
        props.put("server.port", "0");
        props.put("server.address", "127.0.0.1");
        props.put("logging.structured.format.console", "");
        props.put("logging.level.root", "WARN");
        props.put("spring.main.banner-mode", "off");
        // The tool calls fetch-execute directly here, without the UI that adds the internal token: run open.
        props.put("invaders.internal.require-token", "false");
        for (String arg : extra) {
            int eq = arg.indexOf('=');
            props.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        List<String> args = new ArrayList<>();
        props.forEach((k, v) -> args.add("--" + k + "=" + v));
        SpringApplication application = new SpringApplicationBuilder(app).build();
        return application.run(args.toArray(String[]::new));
    }

    private static Properties ownProperties(String module) {
        try {
            for (URL url : Collections.list(Apps.class.getClassLoader().getResources("application.properties"))) {
                String where = url.toString();
                if (where.contains("/" + module + "/target/") || where.contains("/" + module + "-")) {
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
