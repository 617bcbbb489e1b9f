package io.facetimerouter.support;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;

/**
 * Provider answers a test keeps until it lets them go, so it can look at the service while those
 * calls are in flight. A stub opts in with {@code withTransformers(HeldAnswers.NAME)}.
 */
public final class HeldAnswers implements ResponseDefinitionTransformerV2 {

    public static final String NAME = "held";
    private static volatile Semaphore released = new Semaphore(0);
    private static final List<String> ARRIVED = new CopyOnWriteArrayList<>();

    /** Bodies of the held requests, in the order they reached the provider (released or not). */
    public static List<String> arrived() {
        return List.copyOf(ARRIVED);
    }

    public static int waiting() {
        return released.getQueueLength();
    }

    public static void release(int answers) {
        released.release(answers);
    }

    /** Lets every held answer go, and holds the next ones again. */
    static void reset() {
        Semaphore previous = released;
        released = new Semaphore(0);
        previous.release(Integer.MAX_VALUE / 2);
        ARRIVED.clear();
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        ARRIVED.add(serveEvent.getRequest().getBodyAsString());
        Semaphore holding = released;
        try {
            holding.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return serveEvent.getResponseDefinition();
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }
}
