package io.winnode.e2e.simulator.container;

import java.time.Duration;
import java.util.List;

/** The pod network as a container sees it: DNS with its pod's resolver settings, TCP connects, HTTP GETs. */
public interface NetworkAccess {

    /** Outcome of a TCP connect, in the categories agnhost {@code connect} reports. */
    enum ConnectKind { CONNECTED, REFUSED, TIMEOUT, DNS }

    /** {@code ip} is the address actually dialled (after DNS), for error messages. */
    record ConnectResult(ConnectKind kind, String ip, int port) {
    }

    /** An HTTP exchange: the connect result and, when connected, the status and body. */
    record HttpResult(ConnectResult connect, int status, String body) {
    }

    /** The resolver got no answer at all (the query timed out), as opposed to NXDOMAIN. */
    final class DnsTimeoutException extends RuntimeException {
        public DnsTimeoutException(String name) {
            super("DNS query for " + name + " timed out");
        }
    }

    /**
     * A records for {@code name} as the pod's resolver finds them; empty = does not exist (NXDOMAIN).
     * {@code useSearch}: apply the resolver's search list (Linux: search + ndots; Windows: the single
     * DNS suffix for names without a dot, parity NET-16); false = the name is absolute.
     */
    List<String> resolve(String name, boolean useSearch);  // throws DnsTimeoutException when no server answers

    /**
     * A records of the first of {@code candidates} (absolute names, in the order a client tries
     * them) that exists; empty when none does. For clients with their own search logic (BIND dig).
     */
    List<String> query(String name, List<String> candidates);  // throws DnsTimeoutException when no server answers

    /** resolv.conf's {@code ndots} for this pod (Linux; the Windows DNS client has no such option). */
    int ndots();

    /** The address of the container's network interface: its pod IP, or the node's on the host network. */
    String address();

    /** The resolver's search domains (Linux resolv.conf {@code search}; Windows: the DNS suffix list). */
    List<String> searchDomains();

    /** The resolver's name servers. */
    List<String> nameservers();

    ConnectResult connect(String host, int port, Duration timeout);

    HttpResult get(String host, int port, String pathAndQuery, Duration timeout);
}
