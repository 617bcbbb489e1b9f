package io.facetimerouter.trigger.kafka;

/** A record that can never become a call request, however often it is read: it goes to the dead-letter topic. */
public class UnreadableRecordException extends RuntimeException {

    public static final String EMPTY_RECORD = "empty_record";
    public static final String RECORD_TOO_LARGE = "record_too_large";
    public static final String MALFORMED_JSON = "malformed_json";

    private final String code;

    public UnreadableRecordException(String code, String reason) {
        super(reason);
        this.code = code;
    }

    public String getCode() {
        return code;
    }
}
