package dev.invaders.cpu;

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
}
