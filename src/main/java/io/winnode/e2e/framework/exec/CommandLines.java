package io.winnode.e2e.framework.exec;

import io.winnode.e2e.framework.nodes.OsFamily;

import java.time.Duration;
import java.util.List;

/**
 * The in-pod vocabulary: every command the suite runs inside a container, with its Linux and its
 * Windows command line. This is the only place that knows shell syntax; scenarios ask for an
 * operation ("connect to host:port") and read an {@link ExecResult}.
 *
 * <p>The command lines are the ones upstream's Windows e2e tests use on the e2e test images
 * (agnhost carries a Windows variant per build):
 * <ul>
 *   <li>TCP connect: {@code /agnhost connect HOST:PORT --timeout=Ns} on both OSes; on failure agnhost
 *       exits 1 and prints {@code TIMEOUT}, {@code REFUSED}, {@code DNS} or {@code OTHER} on stderr.</li>
 *   <li>HTTP GET: {@code curl} on Linux, {@code cmd /c curl.exe} on Windows (hybrid_network.go).</li>
 *   <li>DNS: {@code nslookup}-free forms whose output is one address per line: {@code dig +short +search}
 *       on Linux, {@code Resolve-DnsName} in PowerShell on Windows (the resolver the Kubernetes DNS
 *       docs recommend on Windows).</li>
 *   <li>Files: {@code cat}/{@code ls}/{@code sh -c echo} on Linux, {@code cmd /c type|dir|echo} on
 *       Windows (volumes.go).</li>
 *   <li>Identity: {@code id -un} on Linux, {@code cmd /c echo %USERNAME%} on Windows (security_context.go).</li>
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

    public static List<String> resolve(OsFamily os, String name) {
        return os == OsFamily.WINDOWS
                ? List.of("powershell", "-Command",
                        "(Resolve-DnsName -Name " + name + " -Type A -ErrorAction Stop).IPAddress")
                : List.of("dig", "+short", "+search", name);
    }

    /**
     * Whether a {@link #resolve} result is the resolver's definite answer that the name does not
     * exist (NXDOMAIN), as opposed to a timeout worth retrying: {@code dig +short} prints nothing
     * and exits 0; {@code Resolve-DnsName} fails with "DNS name does not exist".
     */
    public static boolean nameDoesNotExist(OsFamily os, ExecResult result) {
        return os == OsFamily.WINDOWS
                ? !result.succeeded() && result.stderr().contains("DNS name does not exist")
                : result.succeeded() && result.stdout().isBlank();
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

    /** Where a test puts its volumes inside a container: {@code C:\name} on Windows, {@code /name} on Linux. */
    public static String volumePath(OsFamily os, String name) {
        return os == OsFamily.WINDOWS ? "C:\\" + name : "/" + name;
    }

    /** Joins a directory and a file name with the OS's separator. */
    public static String join(OsFamily os, String directory, String file) {
        return directory + (os == OsFamily.WINDOWS ? "\\" : "/") + file;
    }
}
