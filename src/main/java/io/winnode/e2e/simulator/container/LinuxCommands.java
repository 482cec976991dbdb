package io.winnode.e2e.simulator.container;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Linux userland of the e2e images, as the image contract lists it (BusyBox applets, bind-tools
 * {@code dig}, {@code curl}, iproute2 {@code ip} in agnhost), dispatched by the program's family;
 * BusyBox's exact error texts, e.g.
 * {@code sh: can't create /x: Read-only file system} and {@code cat: can't open '/x': No such file or directory}.
 */
final class LinuxCommands {

    private LinuxCommands() {
    }

    static CommandOutcome run(List<String> argv, ContainerEnvironment env) {
        String program = ImageProfile.baseName(argv.get(0), env.os());
        List<String> args = argv.subList(1, argv.size());
        java.util.Optional<String> provider = env.image().provider(argv.get(0));
        if (provider.isEmpty()) {
            // runc's exec.LookPath error for a bare name; a path that does not exist fails its stat.
            return CommandOutcome.notStarted(argv.get(0).contains("/")
                    ? "exec: \"" + argv.get(0) + "\": stat " + argv.get(0) + ": no such file or directory"
                    : "exec: \"" + argv.get(0) + "\": executable file not found in $PATH");
        }
        return switch (provider.get()) {
            case "busybox", "bash", "iproute2" -> applet(program, args, env);
            case "bind" -> program.equals("dig") ? Dig.run(args, env) : notModelled(program, env);
            case "curl" -> Curl.run(args, env);
            case "agnhost" -> program.startsWith("agnhost") ? Agnhost.run(args, env) : notModelled(program, env);
            case "pause" -> CommandOutcome.server("", java.util.Set.of());
            default -> notModelled(program, env);
        };
    }

    /** A program the image really has but whose behaviour the simulator does not model: a plain failure saying so. */
    static CommandOutcome notModelled(String program, ContainerEnvironment env) {
        String eol = env.os() == io.winnode.e2e.foundation.os.OsFamily.WINDOWS ? "\r\n" : "\n";
        return CommandOutcome.fail(1, program + " exists in the image but is not modelled by the simulator" + eol);
    }

    /** BusyBox applets (and bash/ip, which behave the same for the suite's uses), with BusyBox's texts. */
    static CommandOutcome applet(String program, List<String> args, ContainerEnvironment env) {
        return switch (program) {
            case "sh", "ash", "bash" -> {
                int c = args.indexOf("-c");
                yield c >= 0 && c + 1 < args.size() ? script(args.get(c + 1), env) : CommandOutcome.ok("");
            }
            case "cat" -> cat(args, env);
            case "ls" -> ls(args, env);
            case "echo" -> echo(args);
            case "sleep" -> sleep(args, env);
            case "hostname" -> CommandOutcome.ok(env.hostname() + "\n");
            case "id" -> args.contains("-un") || (args.contains("-u") && args.contains("-n"))
                    ? CommandOutcome.ok(env.userName() + "\n")
                    : CommandOutcome.ok("uid=0(" + env.userName() + ") gid=0(root) groups=0(root)\n");
            case "whoami" -> CommandOutcome.ok(env.userName() + "\n");
            case "true" -> CommandOutcome.ok("");
            case "false" -> CommandOutcome.exit(1, "", "");
            case "ip" -> ipAddr(args, env);
            case "mkdir" -> {
                args.stream().filter(a -> !a.startsWith("-")).forEach(a -> env.filesystem().write(a + "/.keep", "", false));
                yield CommandOutcome.ok("");
            }
            case "touch" -> {
                for (String a : args) {
                    if (env.filesystem().read(a).isEmpty()) {
                        CommandOutcome r = redirect(CommandOutcome.ok(""), a, false, env, "touch");
                        if (r.exitCode() != 0) {
                            yield r;
                        }
                    }
                }
                yield CommandOutcome.ok("");
            }
            default -> notModelled(program, env);
        };
    }

    /**
     * {@code ip addr} / {@code ip -4 addr show}: the loopback and the container's one interface with
     * its address (iproute2's layout: {@code inet A.B.C.D/PREFIX ... scope global IFNAME}). In a
     * host-network pod that interface is the node's, with the node's address.
     */
    private static CommandOutcome ipAddr(List<String> args, ContainerEnvironment env) {
        List<String> words = args.stream().filter(a -> !a.startsWith("-")).toList();
        if (words.isEmpty() || !(words.get(0).startsWith("a"))) {
            return notModelled("ip " + String.join(" ", args), env);
        }
        return CommandOutcome.ok("1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN qlen 1000\n"
                + "    inet 127.0.0.1/8 scope host lo\n"
                + "       valid_lft forever preferred_lft forever\n"
                + "2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP\n"
                + "    inet " + env.network().address() + "/24 brd + scope global eth0\n"
                + "       valid_lft forever preferred_lft forever\n");
    }

    /** {@code sh -c SCRIPT}: statements joined by ; && ||, output redirection, {@code exit N}. */
    static CommandOutcome script(String script, ContainerEnvironment env) {
        CommandOutcome total = CommandOutcome.ok("");
        String skipUnless = null;
        for (Words.Statement st : Words.statements(script, false)) {
            boolean run = skipUnless == null || (skipUnless.equals("&&") == (total.exitCode() == 0));
            skipUnless = st.joiner().equals(";") ? null : st.joiner();
            if (!run) {
                continue;
            }
            String text = st.text().strip();
            List<String> words = Words.split(text);
            if (!words.isEmpty() && words.get(0).equals("exit")) {
                int code = words.size() > 1 ? Integer.parseInt(words.get(1)) : total.exitCode();
                return total.then(CommandOutcome.exit(code, "", ""));
            }
            CommandOutcome step = statement(text, env);
            if (step.startError() != null) {
                // sh reports a missing program itself and goes on: "sh: X: not found", status 127.
                step = CommandOutcome.fail(127, "sh: " + Words.split(text).get(0) + ": not found\n");
            }
            total = total.then(step);
            if (step.keepsRunning()) {
                return total;
            }
        }
        return total;
    }

    private static final java.util.regex.Pattern STDOUT_TO_STDERR = java.util.regex.Pattern.compile("\\s*1?>&2\\b");
    private static final java.util.regex.Pattern STDERR_TO_STDOUT = java.util.regex.Pattern.compile("\\s*2>&1\\b");
    private static final java.util.regex.Pattern STDERR_TO_NULL = java.util.regex.Pattern.compile("\\s*2>\\s*/dev/null\\b");
    private static final java.util.regex.Pattern STDOUT_TO_NULL = java.util.regex.Pattern.compile("\\s*1?>\\s*/dev/null\\b");

    /** File-descriptor redirections ({@code >&2}, {@code 2>&1}, {@code >/dev/null}), then file redirection. */
    private static CommandOutcome statement(String text, ContainerEnvironment env) {
        boolean toStderr = STDOUT_TO_STDERR.matcher(text).find();
        boolean errToOut = STDERR_TO_STDOUT.matcher(text).find();
        boolean dropErr = STDERR_TO_NULL.matcher(text).find();
        String rest = STDERR_TO_NULL.matcher(STDERR_TO_STDOUT.matcher(STDOUT_TO_STDERR.matcher(text).replaceAll(""))
                .replaceAll("")).replaceAll("");
        boolean dropOut = STDOUT_TO_NULL.matcher(rest).find();
        rest = STDOUT_TO_NULL.matcher(rest).replaceAll("");
        CommandOutcome o = fileRedirection(rest, env);
        String out = o.stdout();
        String err = o.stderr();
        if (errToOut) {
            out = out + err;
            err = "";
        }
        if (dropErr) {
            err = "";
        }
        if (toStderr) {
            err = err + out;
            out = "";
        }
        if (dropOut) {
            out = "";
        }
        return new CommandOutcome(o.exitCode(), out, err, o.keepsRunning(), o.listensOn(), o.startError(), o.server());
    }

    private static CommandOutcome fileRedirection(String text, ContainerEnvironment env) {
        int r = Words.redirectIndex(text);
        if (r < 0) {
            List<String> words = Words.split(text);
            return words.isEmpty() ? CommandOutcome.ok("") : ContainerCommands.run(words, env);
        }
        boolean append = r + 1 < text.length() && text.charAt(r + 1) == '>';
        String target = text.substring(r + (append ? 2 : 1)).strip();
        List<String> targetWords = Words.split(target);
        String file = targetWords.isEmpty() ? "" : targetWords.get(0);
        List<String> words = Words.split(text.substring(0, r));
        CommandOutcome produced = words.isEmpty() ? CommandOutcome.ok("") : ContainerCommands.run(words, env);
        return redirect(produced, file, append, env, "sh");
    }

    private static CommandOutcome redirect(CommandOutcome produced, String file, boolean append, ContainerEnvironment env,
                                           String who) {
        ContainerFilesystem.WriteOutcome w = env.filesystem().write(file, produced.stdout(), append);
        return switch (w) {
            case WRITTEN -> CommandOutcome.exit(produced.exitCode(), "", produced.stderr());
            case READ_ONLY -> CommandOutcome.fail(1, who + ": can't create " + file + ": Read-only file system\n");
            case NO_DIRECTORY -> CommandOutcome.fail(1, who + ": can't create " + file + ": nonexistent directory\n");
            case IS_DIRECTORY -> CommandOutcome.fail(1, who + ": can't create " + file + ": Is a directory\n");
        };
    }

    private static CommandOutcome cat(List<String> args, ContainerEnvironment env) {
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        int code = 0;
        for (String f : args) {
            if (f.startsWith("-")) {
                continue;
            }
            Optional<String> content = env.filesystem().read(f);
            if (content.isPresent()) {
                out.append(content.get());
            } else if (env.filesystem().isDirectory(f)) {
                err.append("cat: read error: Is a directory\n");
                code = 1;
            } else {
                err.append("cat: can't open '").append(f).append("': No such file or directory\n");
                code = 1;
            }
        }
        return CommandOutcome.exit(code, out.toString(), err.toString());
    }

    private static CommandOutcome ls(List<String> args, ContainerEnvironment env) {
        List<String> paths = args.stream().filter(a -> !a.startsWith("-")).toList();
        if (paths.isEmpty()) {
            paths = List.of("/");
        }
        StringBuilder out = new StringBuilder();
        for (String p : paths) {
            Optional<List<String>> names = env.filesystem().list(p);
            if (names.isPresent()) {
                names.get().forEach(n -> out.append(n).append('\n'));
            } else if (env.filesystem().read(p).isPresent()) {
                out.append(p).append('\n');
            } else {
                return CommandOutcome.exit(1, out.toString(), "ls: " + p + ": No such file or directory\n");
            }
        }
        return CommandOutcome.ok(out.toString());
    }

    private static CommandOutcome echo(List<String> args) {
        boolean newline = true;
        List<String> words = new ArrayList<>(args);
        if (!words.isEmpty() && words.get(0).equals("-n")) {
            newline = false;
            words.remove(0);
        }
        return CommandOutcome.ok(String.join(" ", words) + (newline ? "\n" : ""));
    }

    static CommandOutcome sleep(List<String> args, ContainerEnvironment env) {
        String arg = args.isEmpty() ? "0" : args.get(0);
        if (arg.equals("infinity") || Sleeps.isEndless(arg)) {
            return CommandOutcome.server("", java.util.Set.of());
        }
        env.pause(Sleeps.parse(arg));
        return CommandOutcome.ok("");
    }

    static Duration seconds(double s) {
        return Duration.ofMillis((long) (s * 1000));
    }
}
