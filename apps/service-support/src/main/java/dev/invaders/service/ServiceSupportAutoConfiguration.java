package dev.invaders.service;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every Invaders service gets its {@link ServiceVersion}, the version header and the internal token by
 * depending on this module; a service that requires the token ({@code invaders.internal.require-token=true})
 * also gets the {@link InternalAuthFilter}.
 */
@AutoConfiguration
public class ServiceSupportAutoConfiguration {
    private static final Log LOG = LogFactory.getLog(ServiceSupportAutoConfiguration.class);

    @Bean
    public ServiceVersion serviceVersion(ObjectProvider<BuildProperties> build) {
        return new ServiceVersion(build);
    }

    @Bean
    public VersionHeaderFilter versionHeaderFilter(ServiceVersion version) {
        return new VersionHeaderFilter(version);
    }

    @Bean
    public InternalToken internalToken(Environment env) {
        InternalToken token = InternalToken.from(env);
        if ("false".equalsIgnoreCase(env.getProperty(InternalToken.REQUIRED, ""))) {
            LOG.warn(InternalToken.REQUIRED + "=false: this internal service accepts calls from anyone");
        }
        return token;
    }

    /** Only in the internal services (they set require-token=true); the UI is the public front door. */
    @Bean
    @ConditionalOnBooleanProperty(InternalToken.REQUIRED)
    public InternalAuthFilter internalAuthFilter(InternalToken token, ObjectProvider<JsonMapper> json) {
        return new InternalAuthFilter(token.value(), json.getIfAvailable(() -> JsonMapper.builder().build()));
    }
}
