package io.facetimerouter.provider;

import static io.facetimerouter.support.ProviderStubs.blooioCallAnswers;
import static io.facetimerouter.support.ProviderStubs.blooioCallRequests;
import static io.facetimerouter.support.ProviderStubs.blooioCallRequestsFor;
import static io.facetimerouter.support.ProviderStubs.sendblueCallRequests;
import static io.facetimerouter.support.ProviderStubs.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.facetimerouter.support.CallApi.Answer;
import io.facetimerouter.support.PipelineTest;
import io.facetimerouter.support.ProviderStubs;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.StateTransition;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The test breaker opens at 50 % failures over 4 calls and stays open 1 s. */
class CircuitBreakerTest extends PipelineTest {

    private static final String CALL = "{\"handle\": \"+15551234567\"}";

    @Test
    void repeatedTransientFailuresOpenTheCircuit() {
        blooioCallAnswers(status(503));
        List<StateTransition> transitions = transitionsOf(blooio());

        callTimes(4);

        assertThat(transitions).startsWith(StateTransition.CLOSED_TO_OPEN);
        assertThat(blooioCallRequests()).isEqualTo(4 * 3);
    }

    @Test
    void repeated501sOpenTheCircuit() {
        blooioCallAnswers(status(501));
        List<StateTransition> transitions = transitionsOf(blooio());

        callTimes(4);

        assertThat(transitions).startsWith(StateTransition.CLOSED_TO_OPEN);
    }

    @Test
    void refusedRequestsDoNotOpenTheCircuit() {
        blooioCallAnswers(status(400));

        callTimes(6);

        assertThat(blooio().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(blooioCallRequests()).isEqualTo(6);
    }

    @Test
    void anOpenCircuitSkipsTheProviderWithoutARequestAndUsesTheNext() {
        // forced open: it stays open however slow the machine (opening itself is specified above)
        blooio().transitionToForcedOpenState();
        int sendblueBefore = sendblueCallRequests();

        Answer answer = api.createCall("{\"handle\": \"+15557770001\"}");

        assertThat(blooioCallRequestsFor("+15557770001")).isZero();
        assertThat(sendblueCallRequests()).isEqualTo(sendblueBefore + 1);
        assertThat(answer.text("provider")).isEqualTo("sendblue");
        assertThat(answer.body().path("attempts")).hasSize(1);
    }

    @Test
    void whenEveryCircuitIsOpenTheServiceIsUnavailableAndNothingIsStored() {
        blooio().transitionToOpenState();
        circuitBreakers.forProvider("sendblue").transitionToOpenState();

        Answer answer = api.createCall("{\"requestId\": \"all-open-1\", \"handle\": \"+15551234567\"}");

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.text("error")).isEqualTo("providers_unavailable");
        assertThat(blooioCallRequests()).isZero();
        assertThat(sendblueCallRequests()).isZero();
        assertThat(api.get("/api/v1/calls/all-open-1").status()).isEqualTo(404);
    }

    @Test
    void aRequestRefusedWhileEveryCircuitWasOpenCanBeMadeAgainOnceOneCloses() {
        blooio().transitionToOpenState();
        circuitBreakers.forProvider("sendblue").transitionToOpenState();
        api.createCall("{\"requestId\": \"all-open-2\", \"handle\": \"+15551234567\"}");
        blooio().transitionToClosedState();

        Answer retried = api.createCall("{\"requestId\": \"all-open-2\", \"handle\": \"+15551234567\"}");

        assertThat(retried.status()).isEqualTo(200);
        assertThat(blooioCallRequests()).isEqualTo(1);
    }

    @Test
    void aHalfOpenCircuitLetsProbesThroughAndClosesWhenTheyPass() {
        halfOpen();
        int requestsBefore = blooioCallRequests();

        Answer firstProbe = api.createCall(CALL);
        Answer secondProbe = api.createCall(CALL);

        assertThat(firstProbe.text("provider")).isEqualTo("blooio");
        assertThat(secondProbe.text("provider")).isEqualTo("blooio");
        assertThat(blooioCallRequests()).isEqualTo(requestsBefore + 2);
        assertThat(blooio().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void anOpenCircuitTurnsHalfOpenByItselfAfterItsWait() {
        blooio().transitionToOpenState();

        await().atMost(Duration.ofSeconds(5)).until(() -> blooio().getState() == CircuitBreaker.State.HALF_OPEN);
    }

    @Test
    void aFailedProbeOpensTheCircuitAgain() {
        halfOpen();
        blooioCallAnswers(status(503));
        List<StateTransition> transitions = transitionsOf(blooio());

        callTimes(2);

        assertThat(transitions).startsWith(StateTransition.HALF_OPEN_TO_OPEN);
    }

    /**
     * The transitions a breaker makes from now on. Asserted instead of its current state, which the
     * 1 s open-state timer may already have moved on from on a slow machine.
     */
    private static List<StateTransition> transitionsOf(CircuitBreaker breaker) {
        List<StateTransition> transitions = new CopyOnWriteArrayList<>();
        breaker.getEventPublisher().onStateTransition(event -> transitions.add(event.getStateTransition()));
        return transitions;
    }

    private CircuitBreaker blooio() {
        return circuitBreakers.forProvider("blooio");
    }

    /**
     * Half-open by explicit transitions (opening on failures and waiting are specified above): a
     * timer left by an earlier test's open circuit could otherwise move the state under this test.
     */
    private void halfOpen() {
        blooio().transitionToOpenState();
        blooio().transitionToHalfOpenState();
    }

    private void callTimes(int times) {
        for (int i = 0; i < times; i++) {
            api.createCall(CALL);
        }
    }
}
