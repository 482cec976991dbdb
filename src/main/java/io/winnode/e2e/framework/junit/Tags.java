package io.winnode.e2e.framework.junit;

/**
 * The suite's JUnit tags. Areas and costs select tests on the command line
 * ({@code --tags "networking & !slow"}); categories mirror SIG Windows' operational-readiness
 * specifications (windows-operational-readiness-specs.yaml), so a suite can be defined per category.
 */
public final class Tags {

    // Areas
    public static final String SCHEDULING = "scheduling";
    public static final String NETWORKING = "networking";
    public static final String STORAGE = "storage";
    public static final String LIFECYCLE = "lifecycle";
    public static final String OBSERVABILITY = "observability";

    // Costs
    public static final String SLOW = "slow";
    public static final String SERIAL = "serial";
    public static final String DISRUPTIVE = "disruptive";

    // Operational-readiness categories
    public static final String CORE_NETWORK = "Core.Network";
    public static final String CORE_STORAGE = "Core.Storage";
    public static final String CORE_SCHEDULING = "Core.Scheduling";
    public static final String CORE_CONCURRENT = "Core.Concurrent";
    public static final String EXTEND_HOST_PROCESS = "Extend.HostProcess";
    public static final String EXTEND_ACTIVE_DIRECTORY = "Extend.ActiveDirectory";
    public static final String EXTEND_NETWORK_POLICY = "Extend.NetworkPolicy";
    public static final String EXTEND_NETWORK = "Extend.Network";
    public static final String EXTEND_WORKER = "Extend.Worker";

    /** A fast subset every run should start with. */
    public static final String SMOKE = "smoke";

    private Tags() {
    }
}
