package io.winnode.e2e.simulator.kubelet;

import java.util.BitSet;

/**
 * host-local IPAM over the node's /24 pod CIDR: .1 is the bridge gateway, pods get .2 to .254,
 * lowest free first; an address is reused once its pod is gone.
 */
final class PodIpAllocator {

    private final String prefix;
    private final BitSet used = new BitSet(256);

    PodIpAllocator(String podCidr) {
        String base = podCidr.substring(0, podCidr.indexOf('/'));
        this.prefix = base.substring(0, base.lastIndexOf('.') + 1);
    }

    synchronized String allocate() {
        int next = used.nextClearBit(2);
        if (next > 254) {
            throw new IllegalStateException("pod CIDR " + prefix + "0/24 is exhausted");
        }
        used.set(next);
        return prefix + next;
    }

    synchronized void release(String ip) {
        if (ip != null && ip.startsWith(prefix)) {
            used.clear(Integer.parseInt(ip.substring(prefix.length())));
        }
    }
}
