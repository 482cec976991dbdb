package io.winnode.e2e.simulator.container;

import io.winnode.e2e.foundation.os.OsFamily;

import java.util.ArrayList;
import java.util.List;

/**
 * BIND's {@code dig} (bind-tools on Linux; BIND 9.14 {@code C:\dig\dig.exe} in the Windows e2e
 * images, test/images/busybox/Dockerfile_windows), with its own search rules rather than the OS
 * resolver's (BIND 9 bin/dig/dighost.c):
 * <ul>
 *   <li>{@code setup_lookup}: a name with {@code ndots} or more dots is looked up as is;
 *       otherwise the first search domain is tried first.</li>
 *   <li>{@code next_origin}: after an NXDOMAIN the next search domain is tried, then the name as
 *       is — but never once the name has more labels than {@code ndots}, so a name that went
 *       straight to the absolute lookup is not searched at all.</li>
 *   <li>ndots: {@code options ndots} of /etc/resolv.conf on Linux. On Windows BIND reads the search
 *       list from the registry (lib/irs/win32/resconf.c {@code get_win32_searchlist}) and no
 *       options, so ndots keeps its default 1 (lib/irs/resconf.c).</li>
 * </ul>
 * Only {@code +short} output is modelled: one address per line, nothing for NXDOMAIN (exit 0), and
 * {@code ;; connection timed out; no servers could be reached} with exit 9 when no server answered.
 */
final class Dig {

    /** lib/irs/resconf.c: the ndots a resolver configuration without an "options ndots" line has. */
    static final int BIND_DEFAULT_NDOTS = 1;

    private Dig() {
    }

    static CommandOutcome run(List<String> args, ContainerEnvironment env) {
        boolean shortForm = args.contains("+short");
        boolean search = args.contains("+search") && !args.contains("+nosearch");
        String name = args.stream().filter(a -> !a.startsWith("+") && !a.startsWith("-") && !a.startsWith("@"))
                .filter(a -> !a.equalsIgnoreCase("A") && !a.equalsIgnoreCase("IN")).findFirst().orElse(".");
        String eol = env.os() == OsFamily.WINDOWS ? "\r\n" : "\n"; // the Windows C runtime writes text-mode CRLF
        if (!shortForm) {
            return CommandOutcome.fail(1, "dig output without +short is not modelled by the simulator" + eol);
        }
        int ndots = env.os() == OsFamily.WINDOWS ? BIND_DEFAULT_NDOTS : env.network().ndots();
        List<String> ips;
        try {
            ips = env.network().query(name, candidates(name, search, env.network().searchDomains(), ndots));
        } catch (NetworkAccess.DnsTimeoutException e) {
            // dighost.c: no reply from any server — reported on stdout even with +short, exit status 9.
            return CommandOutcome.exit(9, ";; connection timed out; no servers could be reached" + eol, "");
        }
        StringBuilder out = new StringBuilder();
        ips.forEach(ip -> out.append(ip).append(eol));
        return CommandOutcome.ok(out.toString());
    }

    /** The absolute names dig queries for {@code name}, in order (dighost.c setup_lookup/next_origin). */
    static List<String> candidates(String name, boolean search, List<String> searchList, int ndots) {
        List<String> result = new ArrayList<>();
        if (name.endsWith(".")) {
            result.add(name.substring(0, name.length() - 1));
            return result;
        }
        long dots = name.chars().filter(c -> c == '.').count();
        if (!search || dots >= ndots) {
            result.add(name);
            return result;
        }
        searchList.forEach(s -> result.add(name + "." + s));
        result.add(name);
        return result;
    }
}
