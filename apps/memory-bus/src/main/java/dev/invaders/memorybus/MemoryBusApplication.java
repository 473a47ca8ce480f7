package dev.invaders.memorybus;

import dev.invaders.service.RequestSizeFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The memory bus: each session's 64 KiB address space and its newest frame-boundary checkpoint. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class MemoryBusApplication {

    public static void main(String[] args) {
        SpringApplication.run(MemoryBusApplication.class, args);
    }

    /** Bodies over {@code max-request-size} get a 413 problem before anything parses them. */
    @Bean
    RequestSizeFilter requestSizeFilter(MemoryBusProperties props) {
        return new RequestSizeFilter(props.maxRequestSize().toBytes(), status -> { });
    }
}
