package io.winnode.e2e.foundation.images;

import io.winnode.e2e.foundation.input.InvalidInputException;
import io.winnode.e2e.foundation.os.OsFamily;
import io.winnode.e2e.foundation.yaml.YamlFiles;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The image contract files load, agree with the catalog, and find programs the way the runtimes do. */
class ImageContractTest {

    private static final ImageContract CONTRACT = ImageContract.project();

    @Test
    void everyCatalogImageHasAContractWithAVariantPerPlatformOs() {
        List<CatalogListing.Entry> catalog = CatalogListing.read();
        assertThat(CONTRACT.names()).containsExactlyInAnyOrderElementsOf(catalog.stream().map(CatalogListing.Entry::name).toList());
        for (CatalogListing.Entry image : catalog) {
            assertThat(CONTRACT.image(image.name()).repository()).isEqualTo(image.repository());
            for (ImagePlatform p : image.parsedPlatforms()) {
                assertThat(CONTRACT.variant(image.name(), OsFamily.fromLabel(p.os()))).as(image.name() + " " + p).isPresent();
            }
        }
        assertThat(CONTRACT.variant("linux-only", OsFamily.WINDOWS)).isEmpty();
    }

    @Test
    void theWindowsAgnhostImageIsNanoServerWithBusyboxBindAndPowerShellCoreWithoutResolveDnsName() {
        ImageVariant windows = CONTRACT.variant("agnhost", OsFamily.WINDOWS).orElseThrow();
        assertThat(windows.user()).isEqualTo("ContainerAdministrator");
        assertThat(windows.locate("dig")).map(ImageVariant.Located::path).contains("C:\\dig\\dig.exe");
        // BIND's nslookup comes first on PATH (C:\dig\ precedes System32).
        assertThat(windows.locate("nslookup.exe")).map(ImageVariant.Located::provider).contains("bind");
        assertThat(windows.locate("SH")).map(ImageVariant.Located::path).contains("C:\\bin\\sh.exe");
        assertThat(windows.locate("curl.exe")).map(ImageVariant.Located::path).contains("C:\\Windows\\System32\\curl.exe");
        assertThat(windows.locate("/agnhost")).map(ImageVariant.Located::provider).contains("agnhost");
        assertThat(windows.locate("powershell")).map(ImageVariant.Located::provider).contains("powershell");
        assertThat(windows.powershell().version()).isEqualTo("6.2.7");
        assertThat(windows.powershell().has("Resolve-DnsName")).isFalse();
        assertThat(windows.powershell().absentCmdlets()).contains("Resolve-DnsName");
        assertThat(windows.locate("C:\\Windows\\System32\\nslookup.exe")).isEmpty();
    }

    @Test
    void linuxLookupIsExactAndFollowsPathOrder() {
        ImageVariant linux = CONTRACT.variant("agnhost", OsFamily.LINUX).orElseThrow();
        assertThat(linux.user()).isEqualTo("root");
        assertThat(linux.locate("dig")).map(ImageVariant.Located::path).contains("/usr/bin/dig");
        assertThat(linux.locate("/agnhost")).isPresent();
        assertThat(linux.locate("agnhost")).as("/ is not on PATH").isEmpty();
        assertThat(linux.locate("DIG")).isEmpty();
        assertThat(linux.locate("powershell")).isEmpty();
        assertThat(CONTRACT.variant("pause", OsFamily.LINUX).orElseThrow().locate("sh")).as("pause is FROM scratch").isEmpty();
    }

    @Test
    void aHostProcessContainerFindsTheHostsToolsNotTheImages() {
        ImageVariant busybox = CONTRACT.variant("busybox", OsFamily.WINDOWS).orElseThrow();
        ImageVariant host = CONTRACT.hostProcessView(busybox);
        assertThat(host.locate("hostname")).map(ImageVariant.Located::path).contains("C:\\Windows\\System32\\hostname.exe");
        assertThat(host.locate("ipconfig")).isPresent();
        assertThat(host.locate("powershell.exe")).map(ImageVariant.Located::path)
                .contains("C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe");
        assertThat(host.locate("dig")).as("the image's C:\\dig is only under the sandbox mount point").isEmpty();
        assertThat(CONTRACT.hostProcess().imageMount()).isEqualTo("%CONTAINER_SANDBOX_MOUNT_POINT%");
    }

    @Test
    void agnhostConnectOutputsSayWindowsReportsARefusalAsOther() {
        assertThat(CONTRACT.outputs("agnhost", "agnhost connect", OsFamily.WINDOWS)).singleElement()
                .satisfies(o -> assertThat(o.results().get("refused")).startsWith("OTHER: ").contains("actively refused it"));
        assertThat(CONTRACT.outputs("agnhost", "agnhost connect", OsFamily.LINUX)).singleElement()
                .satisfies(o -> assertThat(o.results().get("refused")).isEqualTo("REFUSED"));
    }

    @Test
    void malformedContractsAreRejectedWithTheProblemAndTheFix() {
        assertThatThrownBy(() -> validate("image: agnhost\nrepository: agnhost\nvariants:\n  - os: solaris\n"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("'os' must be 'linux' or 'windows'");
        assertThatThrownBy(() -> validate("image: agnhost\nrepository: agnhost\nvariants: []\n"))
                .hasMessageContaining("lists no variants");
        assertThatThrownBy(() -> validate("image: agnhost\nrepository: agnhost\nvariants:\n" + linuxVariant("", "[/agnhost]")))
                .hasMessageContaining("'user' is missing");
        assertThatThrownBy(() -> validate("image: agnhost\nrepository: agnhost\nvariants:\n" + linuxVariant("root", "[/missing]")))
                .hasMessageContaining("the image starts '/missing'").hasMessageContaining("List it under 'executables'");
        assertThatThrownBy(() -> validate("image: pause\nrepository: pause\nvariants:\n" + linuxVariant("root", "[/agnhost]")))
                .hasMessageContaining("describes image 'pause' but is the contract of 'agnhost'");
        assertThatThrownBy(() -> validate("image: agnhost\nrepository: alpine\nvariants:\n" + linuxVariant("root", "[/agnhost]")))
                .hasMessageContaining("has 'agnhost'");
        assertThatThrownBy(() -> validate("image: agnhost\nrepository: agnhost\nvariants:\n" + linuxVariant("root", "[/agnhost]")))
                .as("the catalog lists Windows platforms for agnhost").hasMessageContaining("has no 'windows' variant");
        assertThatThrownBy(() -> validate("image: agnhost\nrepository: agnhost\nvariant: []\n"))
                .hasMessageContaining("Malformed YAML").hasMessageContaining("variant");
    }

    private static String linuxVariant(String user, String entrypoint) {
        return "  - os: linux\n    path: [/usr/bin]\n    pathSource: x\n    entrypoint: " + entrypoint + "\n"
                + "    entrypointSource: x\n    user: '" + user + "'\n    userSource: x\n    executables:\n"
                + "      - {directory: /, provider: agnhost, names: [agnhost], source: x}\n";
    }

    private static CatalogListing.Entry catalogImage(String name) {
        return CatalogListing.read().stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
    }

    private static void validate(String yaml) {
        ImageContractFile file = YamlFiles.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml",
                ImageContractFile.class);
        ImageContract.validate(file, "test.yaml", catalogImage("agnhost"));
    }

    @Test
    void theLoaderNamesAMissingContractFile() {
        assertThatThrownBy(() -> ImageContract.load(List.of(new CatalogListing.Entry("no-such-image", "no-such-image", List.of()))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("images/contract/no-such-image.yaml is missing");
    }
}
