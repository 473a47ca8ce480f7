package dev.invaders.ui;

import java.util.List;
import java.util.Map;
import org.apache.tomcat.websocket.server.WsContextListener;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;
import org.springframework.web.socket.server.support.OriginHandshakeInterceptor;
import org.springframework.web.socket.server.support.WebSocketHandlerMapping;
import org.springframework.web.socket.server.support.WebSocketHttpRequestHandler;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/**
 * The play WebSocket at {@code /api/v1/sessions/{id}/play}. Its mapping comes before the session proxy's
 * {@code /api/v1/sessions/**} and matches upgrade requests only, so a plain GET of the path reaches the proxy
 * controller, which answers 426 with a problem. Same-origin only (a page of another site cannot open it).
 * Tomcat's WebSocket container is added to the embedded server here: Spring Boot's WebSocket module would do
 * that, but its 4.1.1 is not on Maven Central as this is written.
 */
@Configuration(proxyBeanMethods = false)
public class WebSocketConfig {

    @Bean
    WebSocketHandlerMapping playMapping(PlayHandler handler) {
        WebSocketHttpRequestHandler upgrade = new WebSocketHttpRequestHandler(handler, new DefaultHandshakeHandler());
        upgrade.setHandshakeInterceptors(List.of(new OriginHandshakeInterceptor()));
        WebSocketHandlerMapping mapping = new WebSocketHandlerMapping();
        mapping.setUrlMap(Map.of("/api/v1/sessions/*/play", upgrade));
        mapping.setWebSocketUpgradeMatch(true);
        mapping.setOrder(-1);
        return mapping;
    }

    /**
     * Tomcat's WebSocket container in the embedded server. And an encoded '/' in a path is passed to the
     * application (which answers 404 with a problem) instead of Tomcat's own HTML 400.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> tomcatWebSocketContainer() {
        return factory -> {
            factory.addContextCustomizers(
                    context -> context.addApplicationListener(WsContextListener.class.getName()));
            factory.addConnectorCustomizers(connector -> connector.setEncodedSolidusHandling("passthrough"));
        };
    }

    /** Text messages (the controls held) are small; the browser sends no binary ones. */
    @Bean
    ServletServerContainerFactoryBean webSocketContainer(UiProperties props) {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize((int) props.maxInputMessage().toBytes());
        container.setMaxBinaryMessageBufferSize(1024);
        container.setAsyncSendTimeout(props.sendTimeLimit().toMillis());
        return container;
    }
}
