package dev.invaders.cpu;

import java.net.http.HttpClient;
import java.util.concurrent.Executors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One HTTP client for the opcode services and the memory bus: HTTP/1.1 with keep-alive, virtual threads. */
@Configuration(proxyBeanMethods = false)
public class HttpClientConfig {

    @Bean(destroyMethod = "close")
    HttpClient httpClient(CpuProperties props) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(props.callTimeout())
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
    }
}
