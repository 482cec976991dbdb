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

    /** The resolver's search domains (Linux resolv.conf {@code search}; Windows: the DNS suffix list). */
    List<String> searchDomains();

    /** The resolver's name servers. */
    List<String> nameservers();

    ConnectResult connect(String host, int port, Duration timeout);

    HttpResult get(String host, int port, String pathAndQuery, Duration timeout);
}
