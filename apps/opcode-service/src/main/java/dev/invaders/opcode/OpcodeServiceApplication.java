package dev.invaders.opcode;

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
}
