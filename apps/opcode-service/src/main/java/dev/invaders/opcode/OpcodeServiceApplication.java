package dev.invaders.opcode;

import dev.invaders.service.RequestSizeFilter;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.json.JsonMapper;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The opcode service: one 8080 instruction per request, for the opcode families this instance serves. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class OpcodeServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(OpcodeServiceApplication.class, args);
    }

    /** Bodies over {@code max-request-size} get a 413 problem before anything parses them. */
    @Bean
    RequestSizeFilter requestSizeFilter(OpcodeProperties props, ExecutionMetrics metrics, JsonMapper json) {
        return new RequestSizeFilter(props.maxRequestSize().toBytes(), json, metrics::rejected);
    }
}
