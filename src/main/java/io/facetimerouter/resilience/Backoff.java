package io.facetimerouter.resilience;

import org.apache.camel.model.OnExceptionDefinition;

/** Exponential backoff with jitter from retry settings: the same for provider requests and deliveries. */
public final class Backoff {

    private Backoff() {
    }

    /** Applies the delays; Camel's own failure logging is off, each policy logs a failure once, without request data. */
    public static OnExceptionDefinition apply(OnExceptionDefinition onException, RetrySettings retry) {
        return onException
                .redeliveryDelay(retry.initialDelay().toMillis())
                .useExponentialBackOff()
                .backOffMultiplier(retry.multiplier())
                .maximumRedeliveryDelay(retry.maxDelay().toMillis())
                .useCollisionAvoidance()
                .collisionAvoidanceFactor(retry.jitter())
                .logExhausted(false)
                .logRetryAttempted(false)
                .logStackTrace(false);
    }
}
