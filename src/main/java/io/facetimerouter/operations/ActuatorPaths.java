package io.facetimerouter.operations;

import jakarta.servlet.http.HttpServletRequest;

/** The actuator's paths, as the container decoded and normalised them: no "..", ";" or %-escape leads around a check. */
final class ActuatorPaths {

    private static final String ACTUATOR = "/actuator";
    private static final String HEALTH = ACTUATOR + "/health";
    private static final String PROMETHEUS = ACTUATOR + "/prometheus";

    private ActuatorPaths() {
    }

    static boolean isActuator(HttpServletRequest request) {
        return under(ACTUATOR, path(request));
    }

    static boolean isHealth(HttpServletRequest request) {
        return under(HEALTH, path(request));
    }

    static boolean isScrape(HttpServletRequest request) {
        return path(request).equals(PROMETHEUS);
    }

    private static String path(HttpServletRequest request) {
        return request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    }

    private static boolean under(String prefix, String path) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }
}
