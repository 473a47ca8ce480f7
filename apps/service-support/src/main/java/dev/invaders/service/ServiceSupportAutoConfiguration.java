package dev.invaders.service;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Every Invaders service gets its {@link ServiceVersion}, the version header and the internal token by
 * depending on this module; a service that checks its callers' token ({@code invaders.internal.require-token=true}
 * and not {@code invaders.internal.authenticate-callers=false}) also gets the {@link InternalAuthFilter}.
 */
@AutoConfiguration(beforeName = {"org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration",
        "org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration"})
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

    /** A broken percent escape in a path parameter: 400, not Spring MVC's 500 (see the filter). */
    @Bean
    @org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication(
            type = org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type.SERVLET)
    public BadEscapeFilter badEscapeFilter(ServiceVersion version) {
        return new BadEscapeFilter(version.get());
    }

    @Bean
    public InternalToken internalToken(Environment env) {
        InternalToken token = InternalToken.from(env);
        if ("false".equalsIgnoreCase(env.getProperty(InternalToken.REQUIRED, ""))) {
            LOG.warn(InternalToken.REQUIRED + "=false: this service runs without the internal token"
                    + " (an internal service then accepts calls from anyone)");
        }
        return token;
    }

    /**
     * Tomcat's own error answers (before any application code runs) as problem JSON: the host's error report
     * valve is replaced by {@link ProblemErrorReportValve} just before the host starts (after Spring Boot's own
     * customizers added theirs).
     */
    @Bean
    @org.springframework.boot.autoconfigure.condition.ConditionalOnClass(
            name = "org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory")
    public org.springframework.boot.web.server.WebServerFactoryCustomizer<
            org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory> problemErrorReports(
            ServiceVersion version) {
        return factory -> factory.addContextCustomizers(context -> {
            org.apache.catalina.Container host = context.getParent();
            if (host == null) {
                return;
            }
            host.addLifecycleListener(event -> {
                if (!org.apache.catalina.Lifecycle.BEFORE_START_EVENT.equals(event.getType())) {
                    return;
                }
                for (org.apache.catalina.Valve valve : host.getPipeline().getValves()) {
                    if (valve instanceof org.apache.catalina.valves.ErrorReportValve) {
                        host.getPipeline().removeValve(valve);
                    }
                }
                host.getPipeline().addValve(new ProblemErrorReportValve(version.get()));
                if (host instanceof org.apache.catalina.core.StandardHost standard) {
                    standard.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                }
            });
        });
    }

    /** Every error as a problem ({@link Problems}' refusals included), unless the service extends it. */
    @Bean
    @org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication(
            type = org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type.SERVLET)
    @org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean(ProblemAdvice.class)
    public ProblemAdvice problemAdvice() {
        return new ProblemAdvice();
    }

    /** The container's error page as a problem (Spring Boot's BasicErrorController steps back for it). */
    @Bean
    @org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication(
            type = org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type.SERVLET)
    public ProblemErrorController problemErrorController() {
        return new ProblemErrorController();
    }

    /**
     * Only in the internal services: {@code invaders.internal.authenticate-callers}, by default what
     * require-token says; the UI requires the token (to call fetch-execute) but is the public front door.
     */
    @Bean
    @ConditionalOnExpression("${" + InternalToken.AUTHENTICATE + ":${" + InternalToken.REQUIRED + ":false}}")
    public InternalAuthFilter internalAuthFilter(InternalToken token) {
        return new InternalAuthFilter(token.value());
    }
}
