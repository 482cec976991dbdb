package io.winnode.e2e.simulator.container;

import io.winnode.e2e.foundation.os.OsFamily;

import java.util.List;

/** Runs a command line (an exec, or a container's ENTRYPOINT+CMD) in a container, by the container's OS. */
public final class ContainerCommands {

    private ContainerCommands() {
    }

    public static CommandOutcome run(List<String> argv, ContainerEnvironment env) {
        if (argv.isEmpty()) {
            return CommandOutcome.notStarted("no command specified");
        }
        return env.os() == OsFamily.WINDOWS ? WindowsCommands.run(argv, env) : LinuxCommands.run(argv, env);
    }
}
