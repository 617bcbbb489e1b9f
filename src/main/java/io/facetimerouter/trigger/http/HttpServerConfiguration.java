package io.facetimerouter.trigger.http;

import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * The embedded Tomcat answers every error in JSON: its HTML error report is replaced by
 * {@link JsonErrorReportValve}, and TRACE is let through to {@link UnservedRequestFilter}, which refuses
 * it in JSON (the connector's own refusal has no body).
 */
@Component
public class HttpServerConfiguration implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addConnectorCustomizers(connector -> connector.setAllowTrace(true));
        factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
                for (Valve valve : host.getPipeline().getValves()) {
                    if (valve instanceof ErrorReportValve && !(valve instanceof JsonErrorReportValve)) {
                        host.getPipeline().removeValve(valve);
                    }
                }
            }
        });
    }

    @Override
    public int getOrder() {
        // after Spring Boot's own Tomcat customizers, which install the HTML error report
        return Ordered.LOWEST_PRECEDENCE;
    }
}
