package io.facetimerouter.sandbox;

/**
 * Whether the service runs against its built-in provider sandbox (no provider credentials
 * configured) or against the live providers.
 */
public final class SandboxMode implements AutoCloseable {

    /** The credential adapters send to the sandbox, and the REST key accepted when none is configured. */
    public static final String SANDBOX_KEY = "sandbox";
    public static final String SANDBOX_SENDBLUE_LINE = "+15550100001";

    private final ProviderSandbox sandbox;

    private SandboxMode(ProviderSandbox sandbox) {
        this.sandbox = sandbox;
    }

    public static SandboxMode live() {
        return new SandboxMode(null);
    }

    public static SandboxMode sandbox(ProviderSandbox sandbox) {
        return new SandboxMode(sandbox);
    }

    public boolean active() {
        return sandbox != null;
    }

    public String blooioBaseUrl() {
        return sandbox.baseUrl() + ProviderSandbox.BLOOIO_PATH;
    }

    public String sendblueBaseUrl() {
        return sandbox.baseUrl() + ProviderSandbox.SENDBLUE_PATH;
    }

    @Override
    public void close() {
        if (sandbox != null) {
            sandbox.close();
        }
    }
}
