package io.facetimerouter.pipeline;

import io.facetimerouter.call.CallRequest;
import io.facetimerouter.call.CallStatus;
import io.facetimerouter.call.CallContext;
import static org.assertj.core.api.Assertions.assertThat;

import io.facetimerouter.sandbox.SandboxMode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CallRequestValidatorTest {

    private final CallRequestValidator validator = new CallRequestValidator(new CallProperties("US"), SandboxMode.live(),
            Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "+15551234567      | +15551234567",
            "(555) 123-4567    | +15551234567",
            "555.123.4567      | +15551234567",
            "+44 20 7946 0958  | +442079460958",
            "John@Example.COM  | john@example.com"})
    void aValidHandleIsNormalised(String handle, String normalised) {
        CallContext call = validator.validate(request(null, handle), null);

        assertThat(call.isPending()).isTrue();
        assertThat(call.getHandle()).isEqualTo(normalised);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"12", "not a phone", "john@", "@example.com", "john@example", "+1555123456789012"})
    void anInvalidHandleIsRejected(String handle) {
        CallContext call = validator.validate(request(null, handle), null);

        assertThat(call.getOutcome().status()).isEqualTo(CallStatus.REJECTED);
        assertThat(call.getOutcome().error().code()).isEqualTo("invalid_handle");
    }

    @Test
    void aMissingHandleIsRejected() {
        CallContext call = validator.validate(request(null, "  "), null);

        assertThat(call.getOutcome().error().code()).isEqualTo("missing_handle");
    }

    @Test
    void aMissingBodyIsRejected() {
        CallContext call = validator.validate(null, null);

        assertThat(call.getOutcome().error().code()).isEqualTo("missing_handle");
    }

    @Test
    void aRequestIdIsGeneratedWhenAbsent() {
        CallContext call = validator.validate(request(null, "+15551234567"), null);

        assertThat(call.getRequestId()).matches("[0-9a-f-]{36}");
    }

    @Test
    void theIdempotencyKeyIsTheRequestIdWhenTheBodyHasNone() {
        CallContext call = validator.validate(request(null, "+15551234567"), "key-42");

        assertThat(call.getRequestId()).isEqualTo("key-42");
    }

    @Test
    void aRequestIdThatDiffersFromTheIdempotencyKeyIsRejected() {
        CallContext call = validator.validate(request("id-1", "+15551234567"), "key-2");

        assertThat(call.getOutcome().error().code()).isEqualTo("request_id_mismatch");
    }

    @Test
    void aRequestIdWithSpacesIsRejected() {
        CallContext call = validator.validate(request("has space", "+15551234567"), null);

        assertThat(call.getOutcome().error().code()).isEqualTo("invalid_request_id");
    }

    @Test
    void tooMuchMetadataIsRejected() {
        Map<String, String> metadata = new HashMap<>();
        for (int i = 0; i < 17; i++) {
            metadata.put("k" + i, "v");
        }

        CallContext call = validator.validate(new CallRequest(null, "+15551234567", null, metadata, null), null);

        assertThat(call.getOutcome().error().code()).isEqualTo("invalid_metadata");
    }

    @Test
    void aMetadataValueThatIsNullIsRejected() {
        Map<String, String> metadata = new HashMap<>();
        metadata.put("order", null);

        CallContext call = validator.validate(new CallRequest(null, "+15551234567", null, metadata, null), null);

        assertThat(call.getOutcome().error().code()).isEqualTo("invalid_metadata");
    }

    @Test
    void theProviderDefaultsToAutoAndIsLowerCased() {
        assertThat(validator.validate(request(null, "+15551234567"), null).getRequestedProvider()).isEqualTo("auto");
        assertThat(validator.validate(new CallRequest(null, "+15551234567", "Blooio", null, null), null).getRequestedProvider())
                .isEqualTo("blooio");
    }

    private static CallRequest request(String requestId, String handle) {
        return new CallRequest(requestId, handle, null, null, null);
    }
}
