package dev.invaders.service;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;

/** Every Invaders service gets its {@link ServiceVersion} and the version header by depending on this module. */
@AutoConfiguration
public class ServiceSupportAutoConfiguration {

    @Bean
    public ServiceVersion serviceVersion(ObjectProvider<BuildProperties> build) {
        return new ServiceVersion(build);
    }

    @Bean
    public VersionHeaderFilter versionHeaderFilter(ServiceVersion version) {
        return new VersionHeaderFilter(version);
    }
}
