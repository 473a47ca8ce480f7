package dev.invaders.cpu.http;

import dev.invaders.cpu.CpuProperties;
import java.net.http.HttpClient;
import java.util.concurrent.Executors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/**
 * The JDK HTTP client, for a memory bus at an https URL only (plain http goes over {@link KeepAliveClient}):
 * made on first use (one cost the CPU 9 MiB of idle RSS; it sets up TLS when made).
 */
@Configuration(proxyBeanMethods = false)
public class HttpClientConfig {

    @Bean(destroyMethod = "close")
    @Lazy
    HttpClient httpClient(CpuProperties props) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(props.callTimeout())
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
    }
}
