package io.facetimerouter.call;

/** Why a call did not produce a link: a stable {@code code} to switch on and a readable message. */
public record CallError(String code, String message) {
}
