package dev.invaders.memorybus;

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
}
