package io.winnode.e2e.framework.exec;

import io.winnode.e2e.foundation.images.ImageContract;
import io.winnode.e2e.foundation.images.ImageVariant;
import io.winnode.e2e.foundation.os.OsFamily;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command line {@link CommandLines} can produce, for every image and OS the scenarios run it
 * in, uses only executables (and, inside {@code cmd /c}, {@code sh -c} and {@code powershell
 * -Command}, only commands) that the image contract says the real image has — so no command can
 * pass in simulation and fail with "not found" on a real node.
 */
class CommandLinesContractTest {

    /** Where a command line runs: an image, an OS, and whether as a Windows HostProcess container (host tools). */
    record Use(String image, OsFamily os, boolean hostProcess) {
        @Override
        public String toString() {
            return image + "/" + os.label() + (hostProcess ? " (HostProcess)" : "");
        }
    }

    private static final Use AGNHOST_LINUX = new Use("agnhost", OsFamily.LINUX, false);
    private static final Use AGNHOST_WINDOWS = new Use("agnhost", OsFamily.WINDOWS, false);
    private static final Use HOST_PROCESS = new Use("busybox", OsFamily.WINDOWS, true);

    /**
     * Which images each operation runs in, from the manifests the scenarios exec into: the agnhost
     * client/server/volume pods (networking/, storage/), the Linux host pod (agnhost,
     * hostprocess/host-pod.linux.yaml), the Windows HostProcess pod (busybox,
     * hostprocess/host-pod.windows.yaml) and the ordinary hostNetwork pod (agnhost).
     */
    private static final Map<String, List<Use>> USES = Map.of(
            "connect", List.of(AGNHOST_LINUX, AGNHOST_WINDOWS),
            "httpGet", List.of(AGNHOST_LINUX, AGNHOST_WINDOWS),
            "resolve", List.of(AGNHOST_LINUX, AGNHOST_WINDOWS),
            "readFile", List.of(AGNHOST_LINUX, AGNHOST_WINDOWS),
            "writeFile", List.of(AGNHOST_LINUX, AGNHOST_WINDOWS),
            "listDirectory", List.of(AGNHOST_LINUX, AGNHOST_WINDOWS),
            "whoAmI", List.of(AGNHOST_LINUX, AGNHOST_WINDOWS),
            "hostname", List.of(AGNHOST_LINUX, HOST_PROCESS),
            "interfaces", List.of(AGNHOST_LINUX, AGNHOST_WINDOWS, HOST_PROCESS));

    /** cmd.exe built-ins (no executable needed). */
    private static final Set<String> CMD_BUILTINS = Set.of("echo", "type", "dir", "exit", "set", "ver", "cd");
    /** POSIX sh built-ins in BusyBox ash. */
    private static final Set<String> SH_BUILTINS = Set.of("echo", "exit", "cd", "test", "[", "printf", "true", "false");

    private final ImageContract contract = ImageContract.project();

    @Test
    void everyOperationOfCommandLinesHasItsImagesListed() {
        assertThat(commandLineMethods()).extracting(Method::getName).containsExactlyInAnyOrderElementsOf(USES.keySet());
    }

    @Test
    void everyCommandLineUsesOnlyWhatItsImageHas() throws Exception {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Method m : commandLineMethods()) {
            for (Use use : USES.get(m.getName())) {
                List<String> argv = invoke(m, use.os());
                problems.addAll(missing(argv, variant(use), use));
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(USES.values().stream().mapToInt(List::size).sum());
        assertThat(problems).as("command lines that would fail with 'not found' in the real image").isEmpty();
    }

    @Test
    void theCheckCatchesACmdletTheImageLacks() {
        // The command line the suite used before (real-cluster-review B1): it must not pass the check.
        List<String> old = List.of("powershell", "-Command", "(Resolve-DnsName -Name x -Type A -ErrorAction Stop).IPAddress");
        assertThat(missing(old, variant(AGNHOST_WINDOWS), AGNHOST_WINDOWS)).singleElement().asString()
                .contains("Resolve-DnsName");
        assertThat(missing(List.of("cmd", "/c", "nosuch.exe -x"), variant(AGNHOST_WINDOWS), AGNHOST_WINDOWS)).hasSize(1);
        assertThat(missing(List.of("sh", "-c", "ipconfig"), variant(AGNHOST_LINUX), AGNHOST_LINUX)).hasSize(1);
        assertThat(missing(List.of("ipconfig"), variant(AGNHOST_LINUX), AGNHOST_LINUX)).hasSize(1);
    }

    private ImageVariant variant(Use use) {
        ImageVariant image = contract.variant(use.image(), use.os()).orElseThrow();
        return use.hostProcess() ? contract.hostProcessView(image) : image;
    }

    private static List<Method> commandLineMethods() {
        return Arrays.stream(CommandLines.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers()))
                .filter(m -> m.getReturnType() == List.class && m.getParameterCount() > 0
                        && m.getParameterTypes()[0] == OsFamily.class)
                .filter(m -> m.getGenericReturnType().getTypeName().equals("java.util.List<java.lang.String>"))
                // Producers of command lines take only what a command is made of; readers of results take an ExecResult.
                .filter(m -> Arrays.stream(m.getParameterTypes()).allMatch(t -> t == OsFamily.class || t == String.class
                        || t == int.class || t == Duration.class))
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static List<String> invoke(Method m, OsFamily os) throws Exception {
        Object[] args = new Object[m.getParameterCount()];
        Class<?>[] types = m.getParameterTypes();
        for (int i = 0; i < args.length; i++) {
            args[i] = types[i] == OsFamily.class ? os
                    : types[i] == int.class ? 8080
                    : types[i] == Duration.class ? Duration.ofSeconds(5)
                    : types[i] == String.class ? (os == OsFamily.WINDOWS ? "C:\\data\\file.txt" : "/data/file.txt")
                    : null;
        }
        return (List<String>) m.invoke(null, args);
    }

    /** What in {@code argv} the image lacks: the program, or a command inside its cmd/sh/PowerShell script. */
    static List<String> missing(List<String> argv, ImageVariant image, Use use) {
        List<String> problems = new ArrayList<>();
        String program = argv.get(0);
        if (image.locate(program).isEmpty()) {
            problems.add(use + ": '" + program + "' is not in the image (" + String.join(" ", argv) + ")");
            return problems;
        }
        String base = program.replace('\\', '/').replaceAll("^.*/", "").toLowerCase(Locale.ROOT).replaceAll("\\.exe$", "");
        String script = scriptAfter(argv, switch (base) {
            case "cmd" -> "/c";
            case "sh", "ash", "bash" -> "-c";
            case "powershell", "pwsh" -> "-command";
            default -> null;
        });
        if (script == null) {
            return problems;
        }
        for (String statement : script.split("&&|\\|\\||&|;|\\|")) {
            String first = statement.strip().replaceFirst("^\\(", "").split("[\\s>)]+")[0];
            if (first.isEmpty()) {
                continue;
            }
            boolean ok = switch (base) {
                case "cmd" -> CMD_BUILTINS.contains(first.toLowerCase(Locale.ROOT)) || image.locate(first).isPresent();
                case "powershell", "pwsh" -> (image.powershell() != null && image.powershell().has(first))
                        || image.locate(first).isPresent();
                default -> SH_BUILTINS.contains(first) || image.locate(first).isPresent();
            };
            if (!ok) {
                problems.add(use + ": '" + first + "' inside '" + String.join(" ", argv) + "' is neither a built-in of "
                        + base + " nor in the image");
            }
        }
        return problems;
    }

    private static String scriptAfter(List<String> argv, String flag) {
        if (flag == null) {
            return null;
        }
        for (int i = 1; i < argv.size() - 1; i++) {
            if (argv.get(i).equalsIgnoreCase(flag)) {
                return String.join(" ", argv.subList(i + 1, argv.size()));
            }
        }
        return null;
    }
}
