package io.facetimerouter.call;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.camel.Exchange;

/**
 * A call on its way through the pipeline: the validated request, what has been learned about the
 * contact, every provider request made, and, once decided, the outcome. It is the message body of
 * the core routes; adapters keep it in the {@link #PROPERTY} exchange property while they use the
 * body for HTTP.
 */
public final class CallContext {

    public static final String PROPERTY = "facetimeCall";

    /** Rejected handles are kept as received, up to this many characters. */
    private static final int MAX_STORED_HANDLE = 320;

    private final String requestId;
    private final String handle;
    private final Handle validHandle;
    private final String requestedProvider;
    private final Map<String, String> metadata;
    private final List<String> notify;
    private final boolean sandbox;
    private final Instant createdAt;
    private final List<ProviderAttempt> attempts = new ArrayList<>();
    private final List<String> providerFailures = new ArrayList<>();
    private int providersSkipped;
    private final Deque<String> remainingProviders = new ArrayDeque<>();
    private Capabilities capabilities;
    private CallOutcome outcome;
    private boolean replayed;
    private List<PlannedDelivery> deliveries = List.of();

    private CallContext(String requestId, String handle, Handle validHandle, String requestedProvider,
                        Map<String, String> metadata, List<String> notify, boolean sandbox, Instant createdAt) {
        this.requestId = Objects.requireNonNull(requestId);
        this.handle = handle;
        this.validHandle = validHandle;
        this.requestedProvider = requestedProvider;
        this.metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        this.notify = notify == null ? null : List.copyOf(notify);
        this.sandbox = sandbox;
        this.createdAt = createdAt;
    }

    public static CallContext accepted(String requestId, Handle handle, String provider, Map<String, String> metadata,
                                       List<String> notify, boolean sandbox, Instant now) {
        return new CallContext(requestId, handle.value(), handle, provider, metadata, notify, sandbox, now);
    }

    public static CallContext rejected(String requestId, String rawHandle, CallError reason, boolean sandbox, Instant now) {
        CallContext call = new CallContext(requestId, truncate(rawHandle), null, null, null, null, sandbox, now);
        call.decide(CallStatus.REJECTED, null, null, null, null, reason);
        return call;
    }

    /** The call an adapter route is working on, kept in the {@link #PROPERTY} exchange property. */
    public static CallContext in(Exchange exchange) {
        return exchange.getProperty(PROPERTY, CallContext.class);
    }

    private static String truncate(String rawHandle) {
        return rawHandle == null || rawHandle.length() <= MAX_STORED_HANDLE ? rawHandle
                : rawHandle.substring(0, MAX_STORED_HANDLE);
    }

    public String getRequestId() {
        return requestId;
    }

    /** The handle as stored: normalised when valid, as received otherwise. */
    public String getHandle() {
        return handle;
    }

    public Handle getValidHandle() {
        return validHandle;
    }

    public String getRequestedProvider() {
        return requestedProvider;
    }

    /** The notification channels the request named, or null for the configured default set. */
    public List<String> getNotify() {
        return notify;
    }

    /** The deliveries of the outcome, planned before it is stored and stored with it. */
    public List<PlannedDelivery> getDeliveries() {
        return deliveries;
    }

    public void planDeliveries(List<PlannedDelivery> deliveries) {
        this.deliveries = List.copyOf(deliveries);
    }

    public Capabilities getCapabilities() {
        return capabilities;
    }

    public void setCapabilities(Capabilities capabilities) {
        this.capabilities = capabilities;
    }

    /** True while no outcome has been decided. */
    public boolean isPending() {
        return outcome == null;
    }

    public boolean isReplayed() {
        return replayed;
    }

    public CallOutcome getOutcome() {
        return outcome;
    }

    public synchronized List<ProviderAttempt> getAttempts() {
        return List.copyOf(attempts);
    }

    public synchronized void recordAttempt(String provider, Integer httpStatus, String error) {
        attempts.add(new ProviderAttempt(provider, httpStatus, error, Instant.now()));
    }

    public synchronized long attemptsWith(String provider) {
        return attempts.stream().filter(a -> a.provider().equals(provider)).count();
    }

    public void planProviders(Collection<String> providers) {
        remainingProviders.clear();
        remainingProviders.addAll(providers);
    }

    /** The next provider to try, or null when none is left. */
    public String nextProvider() {
        return remainingProviders.poll();
    }

    public void providerFailed(String provider, String reason) {
        providerFailures.add(provider + ": " + reason);
    }

    /** A provider's circuit was open, so it was not asked. */
    public void providerSkipped(String provider) {
        providerFailed(provider, "circuit open, skipped without a request");
        providersSkipped++;
    }

    /** Every provider planned for this call was skipped: none was asked at all. */
    public boolean everyProviderSkipped() {
        return providersSkipped > 0 && providersSkipped == providerFailures.size();
    }

    public void linkCreated(String provider, String link, Instant expiresAt, AgoraCredentials agora) {
        decide(CallStatus.LINK_CREATED, provider, link, expiresAt, agora, null);
    }

    /** Gives an outcome that has join credentials but no link (Sendblue's) a link to the service's join page. */
    public void joinLinkIssued(String link, Instant expiresAt) {
        decide(outcome.status(), outcome.provider(), link, expiresAt, outcome.agora(), outcome.error());
    }

    public void notFaceTimeCapable() {
        decide(CallStatus.NOT_FACETIME_CAPABLE, null, null, null, null,
                new CallError("not_facetime_capable", "The contact cannot receive FaceTime calls"));
    }

    public void reject(CallError reason) {
        decide(CallStatus.REJECTED, null, null, null, null, reason);
    }

    public void fail(CallError reason) {
        String lastProvider = attempts.isEmpty() ? null : attempts.get(attempts.size() - 1).provider();
        decide(CallStatus.FAILED, lastProvider, null, null, null, reason);
    }

    /** Every provider tried has failed or been skipped. */
    public void allProvidersFailed() {
        fail(new CallError("all_providers_failed", "No provider created a link: " + String.join("; ", providerFailures)));
    }

    /** Answer with an outcome stored earlier for the same request id. */
    public void replay(CallOutcome stored) {
        this.outcome = stored;
        this.replayed = true;
    }

    private void decide(CallStatus status, String provider, String link, Instant expiresAt, AgoraCredentials agora,
                        CallError error) {
        this.outcome = new CallOutcome(requestId, handle, status, provider, link, expiresAt, agora, capabilities,
                getAttempts(), error, sandbox, createdAt, metadata);
    }
}
