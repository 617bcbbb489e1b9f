package io.facetimerouter.call;

/** A validated contact: an E.164 phone number or a lower-cased email address. */
public record Handle(String value, Type type) {

    public enum Type { PHONE, EMAIL }

    public boolean isPhone() {
        return type == Type.PHONE;
    }

    /** The handle as it may appear in logs: enough to tell contacts apart, not enough to reach one. */
    public String masked() {
        return mask(value);
    }

    public static String mask(String handle) {
        if (handle == null || handle.isEmpty()) {
            return String.valueOf(handle);
        }
        int at = handle.indexOf('@');
        if (at > 0) {
            return handle.charAt(0) + "***" + handle.substring(at);
        }
        return handle.length() <= 6 ? "***" : handle.substring(0, 4) + "***" + handle.substring(handle.length() - 2);
    }
}
