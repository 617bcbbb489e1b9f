package io.facetimerouter.trigger.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpConsumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.MethodParameter;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.async.StandardServletAsyncWebRequest;
import org.springframework.web.context.request.async.WebAsyncUtils;
import org.springframework.web.context.support.StaticWebApplicationContext;
import org.springframework.web.method.support.HandlerMethodReturnValueHandler;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

class CompletedRouteAnswersTest {

    private final MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/calls");
    private final MockHttpServletResponse response = new MockHttpServletResponse();
    private final ModelAndViewContainer container = new ModelAndViewContainer();
    private HandlerMethodReturnValueHandler first;
    private MethodParameter routeAnswer;

    @BeforeEach
    void springMvcWithTheHandlerInstalled() throws Exception {
        RequestMappingHandlerAdapter adapter = new RequestMappingHandlerAdapter();
        adapter.setApplicationContext(new StaticWebApplicationContext());
        adapter.afterPropertiesSet();
        new CompletedRouteAnswers().postProcessAfterInitialization(adapter, "requestMappingHandlerAdapter");
        first = adapter.getReturnValueHandlers().get(0);
        routeAnswer = new MethodParameter(SpringBootPlatformHttpConsumer.class.getMethod("service",
                jakarta.servlet.http.HttpServletRequest.class, jakarta.servlet.http.HttpServletResponse.class), -1);
        request.setAsyncSupported(true);
        WebAsyncUtils.getAsyncManager(request).setAsyncWebRequest(new StandardServletAsyncWebRequest(request, response));
    }

    @Test
    void aRouteThatHasAnsweredEndsTheRequestWithoutAnAsyncDispatch() throws Exception {
        first.handleReturnValue(CompletableFuture.completedFuture(null), routeAnswer, container,
                new ServletWebRequest(request, response));

        assertThat(container.isRequestHandled()).isTrue();
        assertThat(request.isAsyncStarted()).isFalse();
    }

    @Test
    void aRouteStillRunningIsLeftToSpringMvcsAsyncProcessing() throws Exception {
        first.handleReturnValue(new CompletableFuture<Void>(), routeAnswer, container, new ServletWebRequest(request, response));

        assertThat(request.isAsyncStarted()).isTrue();
    }

    @Test
    void onlyPlatformHttpRoutesAreTaken() throws Exception {
        MethodParameter otherFuture = new MethodParameter(CompletableFuture.class.getMethod("completedFuture", Object.class), -1);

        assertThat(first.supportsReturnType(routeAnswer)).isTrue();
        assertThat(first.supportsReturnType(otherFuture)).isFalse();
    }
}
