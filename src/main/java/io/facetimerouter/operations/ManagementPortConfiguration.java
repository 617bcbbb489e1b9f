package io.facetimerouter.operations;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.context.annotation.Bean;

/**
 * Actuator errors in JSON wherever the actuator is served: component scanning brings this in for the
 * service's own port, and {@code META-INF/spring/...ManagementContextConfiguration.imports} for the
 * actuator's own server when {@code MANAGEMENT_SERVER_PORT} gives it a port.
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
public class ManagementPortConfiguration {

    @Bean
    ActuatorErrorBodies actuatorErrorBodies(ObjectMapper json) {
        return new ActuatorErrorBodies(json);
    }
}
