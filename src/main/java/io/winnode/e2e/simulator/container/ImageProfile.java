package io.winnode.e2e.simulator.container;

import io.winnode.e2e.foundation.images.ImageContract;
import io.winnode.e2e.foundation.images.ImageVariant;
import io.winnode.e2e.foundation.images.PowerShellFacts;
import io.winnode.e2e.foundation.os.OsFamily;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What is inside an image variant, as far as the container model needs it: exactly what the image
 * contract ({@code images/contract/}, a description of the real images with their Dockerfiles as
 * sources) lists — PATH, executables by directory, ENTRYPOINT/CMD, default user, PowerShell. A
 * program the contract does not list does not exist in the simulated container either.
 */
public record ImageProfile(String repository, OsFamily os, ImageVariant variant) {

    /** The profile of {@code repository}'s variant for {@code os}; an image the contract does not describe holds nothing. */
    public static ImageProfile of(String repository, OsFamily os) {
        String repo = repository.toLowerCase(Locale.ROOT);
        ImageContract contract = ImageContract.project();
        return contract.forRepository(repo)
                .flatMap(f -> f.variants().stream().filter(v -> v.osFamily() == os).findFirst())
                .map(v -> new ImageProfile(repo, os, v))
                .orElseGet(() -> new ImageProfile(repo, os, unknown(os)));
    }

    /**
     * The same image started as a Windows HostProcess container: its processes run on the host, so
     * a command resolves on the host's PATH against the host's tools (create-hostprocess-pod.md).
     */
    public ImageProfile asHostProcess() {
        return new ImageProfile(repository, os, ImageContract.project().hostProcessView(variant));
    }

    /**
     * An image nobody described: no executables at all, so anything exec'd in it fails as "not
     * found", and the default user of the OS's base images (root; Nano Server's ContainerUser).
     */
    private static ImageVariant unknown(OsFamily os) {
        boolean windows = os == OsFamily.WINDOWS;
        return new ImageVariant(os.label(), "an image the contract does not describe",
                windows ? List.of("C:\\Windows\\system32", "C:\\Windows") : List.of("/usr/local/bin", "/usr/bin", "/bin"),
                "runtime default", List.of(), List.of(), "none", windows ? "ContainerUser" : "root", "base image default",
                List.of(), null);
    }

    public List<String> entrypoint() {
        return variant.entrypointOrEmpty();
    }

    public List<String> cmd() {
        return variant.cmdOrEmpty();
    }

    public String defaultUser() {
        return variant.user();
    }

    /** Whether {@code program} (a path or a bare name, on Windows with or without {@code .exe}) exists in the image. */
    public boolean has(String program) {
        return variant.locate(program).isPresent();
    }

    /** Which program family answers {@code program} (busybox, bind, agnhost, ...), if the image has it. */
    public Optional<String> provider(String program) {
        return variant.locate(program).map(ImageVariant.Located::provider);
    }

    /** The image's PowerShell facts (which cmdlets exist), or none. */
    public Optional<PowerShellFacts> powershell() {
        return Optional.ofNullable(variant.powershell());
    }

    /** {@code /usr/bin/cat} -> {@code cat}; on Windows {@code C:\x\curl.exe} -> {@code curl}, case-insensitive. */
    public static String baseName(String program, OsFamily os) {
        String p = os == OsFamily.WINDOWS ? program.replace('\\', '/').toLowerCase(Locale.ROOT) : program;
        p = p.substring(p.lastIndexOf('/') + 1);
        if (os == OsFamily.WINDOWS && p.endsWith(".exe")) {
            p = p.substring(0, p.length() - 4);
        }
        return p;
    }
}
