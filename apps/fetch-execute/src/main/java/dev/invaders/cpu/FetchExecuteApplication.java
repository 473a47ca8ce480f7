package dev.invaders.cpu;

import dev.invaders.service.RequestSizeFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The CPU as a service: sessions whose instructions execute through the opcode router. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class FetchExecuteApplication {

    public static void main(String[] args) {
        SpringApplication.run(FetchExecuteApplication.class, args);
    }

    /** Bodies over {@code max-request-size} get a 413 problem before anything parses them. */
    @Bean
    RequestSizeFilter requestSizeFilter(CpuProperties props) {
        return new RequestSizeFilter(props.maxRequestSize().toBytes(), status -> { });
    }
}
