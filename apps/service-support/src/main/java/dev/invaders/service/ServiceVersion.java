package dev.invaders.service;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;

/** The version of the build that answers: from build-info (written by the Maven build), else "unknown". */
public class ServiceVersion {
    /** The response header every Invaders service sets. */
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
