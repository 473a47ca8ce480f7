package dev.invaders.opcode;

import dev.invaders.service.RequestSizeFilter;
import dev.invaders.service.ServiceVersion;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/** The opcode service: one 8080 instruction per request, for the opcode families this instance serves. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class OpcodeServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(OpcodeServiceApplication.class, args);
    }

    /** Bodies over {@code max-request-size} get a 413 problem before anything parses them. */
    @Bean
    RequestSizeFilter requestSizeFilter(OpcodeProperties props, ExecutionMetrics metrics) {
        return new RequestSizeFilter(props.maxRequestSize().toBytes(), metrics::rejected);
    }

    /** Plainly right execute requests answered without Spring MVC, after the version, observation and size filters. */
    @Bean
    @ConditionalOnBooleanProperty(name = "invaders.opcode.fast-path", matchIfMissing = true)
    FilterRegistrationBean<ExecuteFastPath> executeFastPath(OpcodeProperties props, ExecutionMetrics metrics,
                                                            ServiceVersion version) {
        FilterRegistrationBean<ExecuteFastPath> registration =
                new FilterRegistrationBean<>(new ExecuteFastPath(props, metrics, version.get()));
        registration.addUrlPatterns(ExecuteFastPath.PATH);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }
}
