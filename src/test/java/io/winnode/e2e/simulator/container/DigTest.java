package io.winnode.e2e.simulator.container;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** BIND dig's search order (bin/dig/dighost.c setup_lookup/next_origin) for the pods' resolver settings. */
class DigTest {

    private static final List<String> LINUX_SEARCH = List.of("ns.svc.cluster.local", "svc.cluster.local", "cluster.local");
    private static final List<String> WINDOWS_SEARCH = List.of("ns.svc.cluster.local");

    @Test
    void withLinuxNdotsFiveAPartialNameGoesThroughTheSearchListThenAsIs() {
        assertThat(Dig.candidates("web.ns", true, LINUX_SEARCH, 5)).containsExactly(
                "web.ns.ns.svc.cluster.local", "web.ns.svc.cluster.local", "web.ns.cluster.local", "web.ns");
        assertThat(Dig.candidates("web.ns.svc.cluster.local", true, LINUX_SEARCH, 5)).startsWith(
                "web.ns.svc.cluster.local.ns.svc.cluster.local").endsWith("web.ns.svc.cluster.local");
    }

    @Test
    void withBindsDefaultNdotsOneOnWindowsADottedNameIsQueriedAsIsOnly() {
        assertThat(Dig.BIND_DEFAULT_NDOTS).isEqualTo(1);
        assertThat(Dig.candidates("web.ns", true, WINDOWS_SEARCH, Dig.BIND_DEFAULT_NDOTS)).containsExactly("web.ns");
        assertThat(Dig.candidates("web.ns", true, LINUX_SEARCH, Dig.BIND_DEFAULT_NDOTS))
                .as("more suffixes change nothing: a name with ndots dots is never searched").containsExactly("web.ns");
        assertThat(Dig.candidates("web", true, WINDOWS_SEARCH, Dig.BIND_DEFAULT_NDOTS))
                .containsExactly("web.ns.svc.cluster.local", "web");
    }

    @Test
    void withoutSearchOrForAnAbsoluteNameOnlyTheNameIsQueried() {
        assertThat(Dig.candidates("web", false, LINUX_SEARCH, 5)).containsExactly("web");
        assertThat(Dig.candidates("web.ns.svc.cluster.local.", true, LINUX_SEARCH, 5)).containsExactly("web.ns.svc.cluster.local");
    }
}
