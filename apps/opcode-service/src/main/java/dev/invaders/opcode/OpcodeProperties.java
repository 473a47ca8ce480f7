package dev.invaders.opcode;

import dev.invaders.i8080.Family;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The service's configuration, checked when it starts: an unknown family name stops the start with a
 * message naming it and the valid names.
 *
 * @param families       the family service names this instance serves ({@code mov}, {@code add}, ...), or
 *                       {@code all}; from the environment: {@code INVADERS_OPCODE_FAMILIES=mov,mvi}
 * @param maxRequestSize the largest request body accepted; larger ones get 413
 */
@ConfigurationProperties("invaders.opcode")
public record OpcodeProperties(@DefaultValue("all") List<String> families,
                               @DefaultValue("16KB") DataSize maxRequestSize) {

    public OpcodeProperties {
        if (families == null || families.isEmpty()) {
            throw new IllegalArgumentException("invaders.opcode.families is empty: name the families to serve, or all");
        }
        families = List.copyOf(families.stream().map(String::trim).filter(s -> !s.isEmpty()).toList());
        if (families.isEmpty()) {
            throw new IllegalArgumentException("invaders.opcode.families is empty: name the families to serve, or all");
        }
        served(families); // fails on an unknown name
        if (maxRequestSize == null || maxRequestSize.toBytes() < 1024) {
            throw new IllegalArgumentException("invaders.opcode.max-request-size must be at least 1KB: " + maxRequestSize);
        }
    }

    /** The families this instance serves. */
    public Set<Family> servedFamilies() {
        return served(families);
    }

    private static Set<Family> served(List<String> names) {
        Set<Family> out = EnumSet.noneOf(Family.class);
        List<String> unknown = new ArrayList<>();
        for (String name : names) {
            if (name.equalsIgnoreCase("all")) {
                out.addAll(EnumSet.allOf(Family.class));
                continue;
            }
            try {
                out.add(Family.fromName(name));
            } catch (IllegalArgumentException e) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("invaders.opcode.families names unknown opcode families " + unknown
                    + "; known: all, " + String.join(", ", EnumSet.allOf(Family.class).stream()
                    .map(Family::serviceName).toList()));
        }
        return Collections.unmodifiableSet(out);
    }
}
