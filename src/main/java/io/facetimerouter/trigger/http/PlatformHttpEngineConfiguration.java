package io.facetimerouter.trigger.http;

import org.apache.camel.component.platform.http.PlatformHttpConstants;
import org.apache.camel.component.platform.http.spi.PlatformHttpEngine;
import org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpEngine;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * platform-http runs each request's route on the servlet container's own thread. Camel's default
 * hands every request from Tomcat's thread to Spring's task pool and back: a thread hand-off per
 * call that bought nothing here, since the routes block on the ledger and the provider either way.
 * Tomcat's thread pool ({@code server.tomcat.threads.max}) is what bounds concurrent API calls.
 */
@Configuration(proxyBeanMethods = false)
public class PlatformHttpEngineConfiguration {

    /** Named as Camel looks the engine up; Camel's own starter then steps back (it makes one only when missing). */
    @Bean(PlatformHttpConstants.PLATFORM_HTTP_ENGINE_NAME)
    PlatformHttpEngine platformHttpEngine(@Value("${server.port}") int port) {
        return new SpringBootPlatformHttpEngine(port, Runnable::run);
    }
}
