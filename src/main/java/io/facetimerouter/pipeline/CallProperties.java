package io.facetimerouter.pipeline;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param defaultRegion ISO 3166 region used to read phone numbers written without a country code
 */
@ConfigurationProperties("router.call")
public record CallProperties(@DefaultValue("US") String defaultRegion) {
}
