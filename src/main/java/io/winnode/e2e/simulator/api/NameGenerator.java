package io.winnode.e2e.simulator.api;

import java.util.Random;

/**
 * {@code metadata.generateName}: the API server appends five characters from an alphabet without
 * vowels or look-alikes ({@code k8s.io/apiserver/pkg/storage/names}); the mock server would append
 * "-UUID", which no real cluster produces.
 */
public final class NameGenerator {

    private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
    private final Random random;

    public NameGenerator(long seed) {
        this.random = new Random(seed);
    }

    public synchronized String suffix() {
        StringBuilder sb = new StringBuilder(5);
        for (int i = 0; i < 5; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
