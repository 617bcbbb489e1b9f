package io.facetimerouter.call;

/** Credentials for joining a call's audio through Agora (what Sendblue returns instead of a link). */
public record AgoraCredentials(String appId, String channelName, String token, long uid) {
}
