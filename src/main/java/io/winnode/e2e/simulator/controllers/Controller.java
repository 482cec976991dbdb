package io.winnode.e2e.simulator.controllers;

/** A control loop: one reconcile pass over the cluster state it owns. Passes run one at a time. */
public interface Controller {

    String name();

    void reconcile();
}
