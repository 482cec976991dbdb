package io.winnode.e2e.simulator.api;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.fabric8.kubernetes.api.model.StatusCause;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The API server's Service REST logic on create: defaulting (type ClusterIP, protocol TCP,
 * targetPort = port, sessionAffinity None), ClusterIP allocation from the service CIDR
 * 10.96.0.0/16 (skipped for {@code None} = headless, or when the user chose one) and node port
 * allocation from 30000-32767 for NodePort/LoadBalancer. Allocation is random like the real
 * bitmap allocator, seeded for reproducibility; in-use values are read from the store.
 */
public final class ServiceAdmission {

    private final ApiStore store;
    private final Random random;

    public ServiceAdmission(ApiStore store, long seed) {
        this.store = store;
        this.random = new Random(seed ^ 0x5e41ce);
    }

    public synchronized Service admit(Service service) {
        ServiceSpec spec = service.getSpec() == null ? new ServiceSpec() : service.getSpec();
        service.setSpec(spec);
        if (spec.getType() == null) {
            spec.setType("ClusterIP");
        }
        if (spec.getSessionAffinity() == null) {
            spec.setSessionAffinity("None");
        }
        if (spec.getInternalTrafficPolicy() == null) {
            spec.setInternalTrafficPolicy("Cluster");
        }
        List<ServicePort> ports = spec.getPorts() == null ? List.of() : spec.getPorts();
        for (int i = 0; i < ports.size(); i++) {
            ServicePort p = ports.get(i);
            if (p.getPort() == null) {
                throw new AdmissionException(StatusResponses.invalid("Service", service.getMetadata().getName(),
                        List.of(StatusResponses.requiredField("spec.ports[" + i + "].port"))));
            }
            if (p.getProtocol() == null) {
                p.setProtocol("TCP");
            }
            if (p.getTargetPort() == null) {
                p.setTargetPort(new io.fabric8.kubernetes.api.model.IntOrString(p.getPort()));
            }
        }
        if ("ExternalName".equals(spec.getType())) {
            return service;
        }
        List<Service> existing = store.list("/api/v1/services", Service.class);
        if (spec.getClusterIP() == null || spec.getClusterIP().isEmpty()) {
            Set<String> used = new HashSet<>();
            existing.forEach(s -> used.add(s.getSpec().getClusterIP()));
            String ip;
            do {
                int n = 11 + random.nextInt(65_000);
                ip = "10.96." + (n >> 8) + "." + (n & 0xff);
            } while (used.contains(ip) || ip.endsWith(".0") || ip.endsWith(".255"));
            spec.setClusterIP(ip);
        } else if (!"None".equals(spec.getClusterIP())) {
            boolean taken = existing.stream().anyMatch(s -> spec.getClusterIP().equals(s.getSpec().getClusterIP()));
            if (taken) {
                StatusCause cause = new StatusCause();
                cause.setReason("FieldValueInvalid");
                cause.setField("spec.clusterIPs");
                cause.setMessage("Invalid value: []string{\"" + spec.getClusterIP()
                        + "\"}: failed to allocate IP " + spec.getClusterIP() + ": provided IP is already allocated");
                throw new AdmissionException(StatusResponses.invalid("Service", service.getMetadata().getName(), List.of(cause)));
            }
        }
        spec.setClusterIPs(List.of(spec.getClusterIP()));
        spec.setIpFamilies(List.of("IPv4"));
        spec.setIpFamilyPolicy("SingleStack");
        if ("NodePort".equals(spec.getType()) || "LoadBalancer".equals(spec.getType())) {
            if (spec.getExternalTrafficPolicy() == null) {
                spec.setExternalTrafficPolicy("Cluster");
            }
            Set<Integer> usedPorts = new HashSet<>();
            existing.forEach(s -> s.getSpec().getPorts().forEach(p -> usedPorts.add(p.getNodePort())));
            for (ServicePort p : ports) {
                if (p.getNodePort() == null) {
                    int candidate;
                    do {
                        candidate = 30000 + random.nextInt(2768);
                    } while (!usedPorts.add(candidate));
                    p.setNodePort(candidate);
                }
            }
        }
        return service;
    }
}
