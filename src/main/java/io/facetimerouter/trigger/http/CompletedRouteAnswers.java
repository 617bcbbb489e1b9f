package io.facetimerouter.trigger.http;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpConsumer;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.MethodParameter;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodReturnValueHandler;
import org.springframework.web.method.support.HandlerMethodReturnValueHandlerComposite;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

/**
 * An API call answered in one servlet dispatch. platform-http hands each request to its route as a
 * {@link CompletableFuture}, and Spring MVC treats every future as asynchronous work: it starts async
 * processing and dispatches the request through the filters and the DispatcherServlet a second time
 * once the future completes (about 5 % of the service's CPU per call). Since the route runs on the
 * request's own thread ({@link PlatformHttpEngineConfiguration}), the future is already complete and
 * the answer already written when the handler returns: such a request is done there. A future not yet
 * complete still takes Spring MVC's asynchronous way.
 */
@Component
public class CompletedRouteAnswers implements BeanPostProcessor {

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof RequestMappingHandlerAdapter adapter && adapter.getReturnValueHandlers() != null) {
            List<HandlerMethodReturnValueHandler> handlers = new ArrayList<>(adapter.getReturnValueHandlers());
            HandlerMethodReturnValueHandlerComposite springs = new HandlerMethodReturnValueHandlerComposite()
                    .addHandlers(handlers);
            // ahead of Spring's own handler of futures, which would otherwise take these too
            handlers.add(0, new CompletedRouteAnswer(springs));
            adapter.setReturnValueHandlers(handlers);
        }
        return bean;
    }

    /** Takes a platform-http route's future once it completed normally; anything else goes on to Spring's handlers. */
    static final class CompletedRouteAnswer implements HandlerMethodReturnValueHandler {

        private final HandlerMethodReturnValueHandler springs;

        CompletedRouteAnswer(HandlerMethodReturnValueHandler springs) {
            this.springs = springs;
        }

        @Override
        public boolean supportsReturnType(MethodParameter returnType) {
            return SpringBootPlatformHttpConsumer.class.isAssignableFrom(returnType.getContainingClass())
                    && CompletableFuture.class.isAssignableFrom(returnType.getParameterType());
        }

        @Override
        public void handleReturnValue(Object returnValue, MethodParameter returnType, ModelAndViewContainer container,
                                      NativeWebRequest request) throws Exception {
            if (returnValue instanceof CompletableFuture<?> answer && answer.isDone() && !answer.isCompletedExceptionally()) {
                container.setRequestHandled(true);
            } else {
                springs.handleReturnValue(returnValue, returnType, container, request);
            }
        }
    }
}
