package io.winnode.e2e.framework.exec;

import io.winnode.e2e.foundation.os.OsFamily;

import java.time.Duration;
import java.util.List;

/**
 * The in-pod vocabulary: every command the suite runs inside a container, with its Linux and its
 * Windows command line. This is the only place that knows shell syntax; scenarios ask for an
 * operation ("connect to host:port") and read an {@link ExecResult}.
 *
 * <p>Every executable used here is in the image contract ({@code images/contract/}) of the image
 * the scenarios run it in — agnhost for clients, servers and volumes; on Windows HostProcess pods
 * the host's own tools — which {@code CommandLinesContractTest} checks:
 * <ul>
 *   <li>TCP connect: {@code /agnhost connect HOST:PORT --timeout=Ns} on both OSes; on failure agnhost
 *       exits 1 and prints {@code TIMEOUT}, {@code REFUSED} (Linux only), {@code DNS: <err>} or
 *       {@code OTHER: <err>} on stderr (a Windows refusal is {@code OTHER: ... actively refused it.}).</li>
 *   <li>HTTP GET: {@code curl} on Linux, {@code cmd /c curl.exe} on Windows (hybrid_network.go).</li>
 *   <li>DNS: {@code dig +short +search NAME} on both OSes: bind-tools on Linux, BIND's
 *       {@code C:\dig\dig.exe} first on the Windows image's PATH. The Windows image has no
 *       {@code Resolve-DnsName} (PowerShell Core 6.2.7 on Nano Server lacks the DnsClient module),
 *       and dig prints one address per line on both. dig applies its own search rules, not the
 *       OS resolver's: see {@link #resolve}.</li>
 *   <li>Files: {@code cat}/{@code ls}/{@code sh -c echo} on Linux, {@code cmd /c type|dir|echo} on
 *       Windows (volumes.go).</li>
 *   <li>Identity: {@code id -un} on Linux, {@code cmd /c echo %USERNAME%} on Windows (security_context.go).</li>
 *   <li>Interfaces: {@code ip -4 addr} on Linux (iproute2 in agnhost), {@code ipconfig} on Windows.</li>
 * </ul>
 * Content written by {@link #writeFile} must be a single word or sentence without shell metacharacters.
 */
public final class CommandLines {

    private CommandLines() {
    }

    public static List<String> connect(OsFamily os, String host, int port, Duration timeout) {
        return List.of("/agnhost", "connect", host + ":" + port, "--timeout=" + timeout.toSeconds() + "s");
    }

    public static List<String> httpGet(OsFamily os, String url, Duration timeout) {
        String seconds = Long.toString(timeout.toSeconds());
        return os == OsFamily.WINDOWS
                ? List.of("cmd", "/c", "curl.exe -sS --fail --connect-timeout " + seconds + " " + url)
                : List.of("curl", "-sS", "--fail", "--connect-timeout", seconds, url);
    }

    /**
     * Resolves {@code name} with BIND's {@code dig +short +search}: one address per line on stdout.
     * dig searches only names with fewer dots than ndots (bin/dig/dighost.c): ndots is the pod's
     * resolv.conf value on Linux (5 for ClusterFirst) and BIND's default 1 on Windows, where it reads
     * the search list from the registry and no options (lib/irs/win32/resconf.c).
     */
    public static List<String> resolve(OsFamily os, String name) {
        return List.of("dig", "+short", "+search", name);
    }

    /**
     * Whether a {@link #resolve} result is the resolver's definite answer that the name does not
     * exist (NXDOMAIN on every name dig tried), as opposed to a timeout worth retrying: with
     * {@code +short} dig prints nothing and exits 0 on both OSes; when no server answers it prints
     * {@code ;; connection timed out; no servers could be reached} and exits 9.
     */
    public static boolean nameDoesNotExist(OsFamily os, ExecResult result) {
        return result.succeeded() && result.stdout().isBlank();
    }

    public static List<String> readFile(OsFamily os, String path) {
        return os == OsFamily.WINDOWS ? List.of("cmd", "/c", "type " + path) : List.of("cat", path);
    }

    public static List<String> writeFile(OsFamily os, String path, String content) {
        return os == OsFamily.WINDOWS
                ? List.of("cmd", "/c", "echo " + content + "> " + path)
                : List.of("sh", "-c", "echo " + content + " > " + path);
    }

    public static List<String> listDirectory(OsFamily os, String path) {
        return os == OsFamily.WINDOWS ? List.of("cmd", "/c", "dir /b " + path) : List.of("ls", "-1", path);
    }

    public static List<String> whoAmI(OsFamily os) {
        return os == OsFamily.WINDOWS ? List.of("cmd", "/c", "echo %USERNAME%") : List.of("id", "-un");
    }

    public static List<String> hostname(OsFamily os) {
        return List.of("hostname");
    }

    /**
     * Lists the container's IPv4 interface addresses: {@code ip -4 addr} (iproute2) on Linux,
     * {@code ipconfig} on Windows; {@link #interfaceAddresses} reads either output.
     */
    public static List<String> interfaces(OsFamily os) {
        return os == OsFamily.WINDOWS ? List.of("ipconfig") : List.of("ip", "-4", "addr");
    }

    /** The IPv4 addresses in an {@link #interfaces} output: {@code inet A.B.C.D/N} lines, or ipconfig's {@code IPv4 Address ... : A.B.C.D}. */
    public static List<String> interfaceAddresses(OsFamily os, ExecResult result) {
        java.util.regex.Pattern line = os == OsFamily.WINDOWS
                ? java.util.regex.Pattern.compile("IPv4 Address[ .]*:\\s*(\\d+\\.\\d+\\.\\d+\\.\\d+)")
                : java.util.regex.Pattern.compile("\\binet\\s+(\\d+\\.\\d+\\.\\d+\\.\\d+)/");
        List<String> addresses = new java.util.ArrayList<>();
        java.util.regex.Matcher m = line.matcher(result.stdout());
        while (m.find()) {
            addresses.add(m.group(1));
        }
        return addresses;
    }

    /** Where a test puts its volumes inside a container: {@code C:\name} on Windows, {@code /name} on Linux. */
    public static String volumePath(OsFamily os, String name) {
        return os == OsFamily.WINDOWS ? "C:\\" + name : "/" + name;
    }

    /** Joins a directory and a file name with the OS's separator. */
    public static String join(OsFamily os, String directory, String file) {
        return directory + (os == OsFamily.WINDOWS ? "\\" : "/") + file;
    }
}
