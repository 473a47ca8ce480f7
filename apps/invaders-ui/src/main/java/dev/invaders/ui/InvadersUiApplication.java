package dev.invaders.ui;

import dev.invaders.service.RequestSizeFilter;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/**
 * The browser's way in: the page (static files), the public session API (a proxy to fetch-execute) and
 * each session's frames as a WebSocket. Holds no session state, so any replica serves any session.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class InvadersUiApplication {

    public static void main(String[] args) {
        SpringApplication.run(InvadersUiApplication.class, args);
    }

    /** Bodies over {@code max-request-size} get a 413 problem before anything reads them. */
    @Bean
    RequestSizeFilter requestSizeFilter(UiProperties props, StreamMetrics metrics) {
        return new RequestSizeFilter(props.maxRequestSize().toBytes(), metrics::refused);
    }
}
