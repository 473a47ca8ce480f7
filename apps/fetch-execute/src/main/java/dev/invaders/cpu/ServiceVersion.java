package dev.invaders.cpu;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.stereotype.Component;

/** The version of the build that answers: from build-info (written by the Maven build), else "unknown". */
@Component
public class ServiceVersion {
    public static final String HEADER = "Invaders-Service-Version";

    private final String version;

    public ServiceVersion(ObjectProvider<BuildProperties> build) {
        BuildProperties properties = build.getIfAvailable();
        this.version = properties == null || properties.getVersion() == null ? "unknown" : properties.getVersion();
    }

    public String get() {
        return version;
    }
}
