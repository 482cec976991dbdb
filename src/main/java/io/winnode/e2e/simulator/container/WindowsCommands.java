package io.winnode.e2e.simulator.container;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The Windows userland of the e2e images as the image contract lists it — Nano Server's cmd.exe and
 * ipconfig, curl.exe, busybox-w32 applets in {@code C:\bin}, BIND {@code dig} in {@code C:\dig},
 * PowerShell Core 6.2.7 (test/images/busybox/Dockerfile_windows) — or, in a HostProcess container,
 * the host's tools. Windows' own texts: {@code Access is denied.} for a write to a read-only volume
 * (parity STO-04), {@code The system cannot find the file specified.}, cmd's {@code echo X> P}
 * writing {@code X\r\n}, PowerShell's CommandNotFoundException for a cmdlet the image lacks.
 */
final class WindowsCommands {

    private WindowsCommands() {
    }

    static CommandOutcome run(List<String> argv, ContainerEnvironment env) {
        String program = ImageProfile.baseName(argv.get(0), env.os());
        List<String> args = argv.subList(1, argv.size());
        Optional<String> provider = env.image().provider(argv.get(0));
        if (provider.isEmpty()) {
            // containerd/hcsshim: CreateProcess fails with ERROR_FILE_NOT_FOUND.
            return CommandOutcome.notStarted("hcs::System::CreateProcess " + argv.get(0)
                    + ": The system cannot find the file specified.");
        }
        return switch (provider.get()) {
            case "nanoserver", "windows-host" -> system32(program, args, env);
            case "powershell" -> {
                int c = Math.max(indexOfIgnoreCase(args, "-command"), indexOfIgnoreCase(args, "-c"));
                yield c >= 0 ? powershell(String.join(" ", args.subList(c + 1, args.size())), env) : CommandOutcome.ok("");
            }
            case "busybox" -> LinuxCommands.applet(program, args, env);
            case "bind" -> program.equals("dig") ? Dig.run(args, env) : LinuxCommands.notModelled(program, env);
            // test/images/busybox/Dockerfile_windows ADDs its own hostname.exe to C:\bin: it prints the computer name.
            case "hostname" -> CommandOutcome.ok(env.hostname() + "\r\n");
            case "curl" -> Curl.run(args, env);
            case "agnhost" -> program.startsWith("agnhost") ? Agnhost.run(args, env) : LinuxCommands.notModelled(program, env);
            case "pause" -> CommandOutcome.server("", java.util.Set.of());
            default -> LinuxCommands.notModelled(program, env);
        };
    }

    /** Nano Server's (or, for HostProcess, the host's) System32 programs the suite uses. */
    private static CommandOutcome system32(String program, List<String> args, ContainerEnvironment env) {
        return switch (program) {
            case "cmd" -> {
                int c = indexOfIgnoreCase(args, "/c");
                yield c >= 0 ? cmdScript(String.join(" ", args.subList(c + 1, args.size())), env) : CommandOutcome.ok("");
            }
            case "hostname" -> CommandOutcome.ok(env.hostname() + "\r\n");
            case "whoami" -> CommandOutcome.ok((env.userName().contains("\\") ? "" : "user manager\\")
                    + env.userName().toLowerCase(Locale.ROOT) + "\r\n");
            case "curl" -> Curl.run(args, env);
            case "ipconfig" -> CommandOutcome.ok(ipconfig(args, env));
            default -> LinuxCommands.notModelled(program, env);
        };
    }

    private static int indexOfIgnoreCase(List<String> args, String flag) {
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equalsIgnoreCase(flag)) {
                return i;
            }
        }
        return -1;
    }

    private static String expand(String text, ContainerEnvironment env) {
        return text.replaceAll("(?i)%USERNAME%", java.util.regex.Matcher.quoteReplacement(usernameVariable(env)))
                .replaceAll("(?i)%COMPUTERNAME%", java.util.regex.Matcher.quoteReplacement(computerName(env)));
    }

    /** NetBIOS computer name: upper case, at most 15 characters. */
    private static String computerName(ContainerEnvironment env) {
        String name = env.hostname().toUpperCase(Locale.ROOT);
        return name.length() > 15 ? name.substring(0, 15) : name;
    }

    /**
     * The USERNAME variable: the account name without its domain; the SYSTEM account appears as the
     * computer account {@code NAME$}.
     */
    private static String usernameVariable(ContainerEnvironment env) {
        String user = env.userName();
        if (user.equalsIgnoreCase("NT AUTHORITY\\SYSTEM")) {
            return computerName(env) + "$";
        }
        return user.contains("\\") ? user.substring(user.lastIndexOf('\\') + 1) : user;
    }

    /** {@code cmd /c SCRIPT}: statements joined by &, &&, ||; built-ins echo, type, dir; redirection. */
    static CommandOutcome cmdScript(String script, ContainerEnvironment env) {
        CommandOutcome total = CommandOutcome.ok("");
        String skipUnless = null;
        for (Words.Statement st : Words.statements(script, true)) {
            boolean run = skipUnless == null || (skipUnless.equals("&&") == (total.exitCode() == 0));
            skipUnless = st.joiner().equals(";") ? null : st.joiner();
            if (!run) {
                continue;
            }
            CommandOutcome step = cmdStatement(expand(st.text().stripLeading(), env), env);
            total = total.then(step);
            if (step.keepsRunning()) {
                return total;
            }
        }
        return total;
    }

    private static CommandOutcome cmdStatement(String text, ContainerEnvironment env) {
        int r = Words.redirectIndex(text);
        String command = r < 0 ? text.stripTrailing() : text.substring(0, r);
        String target = null;
        boolean append = false;
        if (r >= 0) {
            append = r + 1 < text.length() && text.charAt(r + 1) == '>';
            target = text.substring(r + (append ? 2 : 1)).strip();
        }
        CommandOutcome produced = cmdCommand(command, env);
        if (target == null) {
            return produced;
        }
        ContainerFilesystem.WriteOutcome w = env.filesystem().write(target, produced.stdout(), append);
        return switch (w) {
            case WRITTEN -> CommandOutcome.exit(produced.exitCode(), "", produced.stderr());
            case READ_ONLY, IS_DIRECTORY -> CommandOutcome.fail(1, "Access is denied.\r\n");
            case NO_DIRECTORY -> CommandOutcome.fail(1, "The system cannot find the path specified.\r\n");
        };
    }

    private static CommandOutcome cmdCommand(String command, ContainerEnvironment env) {
        String trimmed = command.stripLeading();
        String lower = trimmed.toLowerCase(Locale.ROOT);
        if (lower.equals("echo") || lower.startsWith("echo ") || lower.startsWith("echo.")) {
            // cmd's echo writes the rest of the line verbatim (trailing spaces included) plus CRLF.
            String rest = trimmed.length() > 5 ? trimmed.substring(5) : "";
            return CommandOutcome.ok(rest + "\r\n");
        }
        List<String> words = Words.split(trimmed);
        if (words.isEmpty()) {
            return CommandOutcome.ok("");
        }
        String verb = words.get(0).toLowerCase(Locale.ROOT);
        List<String> args = words.subList(1, words.size());
        switch (verb) {
            case "type":
                return type(args, env);
            case "dir":
                return dir(args, env);
            case "exit": {
                List<String> nums = args.stream().filter(a -> !a.equalsIgnoreCase("/b")).toList();
                return CommandOutcome.exit(nums.isEmpty() ? 0 : Integer.parseInt(nums.get(0)), "", "");
            }
            case "ver":
                return CommandOutcome.ok("\r\nMicrosoft Windows [Version " + "10.0]\r\n");
            default:
                break;
        }
        String program = ImageProfile.baseName(words.get(0), env.os());
        if (!env.image().has(program) || program.equals("cmd") && words.size() == 1) {
            return CommandOutcome.fail(9009, "'" + words.get(0) + "' is not recognized as an internal or external command,\r\n"
                    + "operable program or batch file.\r\n");
        }
        return run(words, env);
    }

    private static CommandOutcome type(List<String> args, ContainerEnvironment env) {
        StringBuilder out = new StringBuilder();
        for (String f : args) {
            Optional<String> content = env.filesystem().read(f);
            if (content.isPresent()) {
                out.append(content.get());
            } else if (env.filesystem().isDirectory(f)) {
                return CommandOutcome.exit(1, out.toString(), "Access is denied.\r\n");
            } else {
                return CommandOutcome.exit(1, out.toString(), "The system cannot find the file specified.\r\n");
            }
        }
        return CommandOutcome.ok(out.toString());
    }

    private static CommandOutcome dir(List<String> args, ContainerEnvironment env) {
        List<String> paths = args.stream().filter(a -> !a.startsWith("/")).toList();
        String path = paths.isEmpty() ? "C:\\" : paths.get(0);
        Optional<List<String>> names = env.filesystem().list(path);
        if (names.isEmpty()) {
            if (env.filesystem().read(path).isPresent()) {
                return CommandOutcome.ok(env.filesystem().style().fileName(path) + "\r\n");
            }
            return CommandOutcome.exit(1, "", "File Not Found\r\n");
        }
        StringBuilder out = new StringBuilder();
        names.get().forEach(n -> out.append(n).append("\r\n"));
        return CommandOutcome.ok(out.toString());
    }

    /**
     * {@code powershell -Command SCRIPT}: Write-Host/Write-Output/echo, Start-Sleep, exit,
     * {@code $env:} variables, Get-Command, and native programs on the image's PATH. A command that
     * is neither a cmdlet of this PowerShell (the contract's {@code powershell.cmdlets}) nor a program
     * fails with PowerShell's CommandNotFoundException, as {@code Resolve-DnsName} does in PowerShell
     * Core 6.2.7 on Nano Server (no DnsClient module; kubernetes/kubernetes#89425).
     */
    static CommandOutcome powershell(String script, ContainerEnvironment env) {
        CommandOutcome total = CommandOutcome.ok("");
        for (Words.Statement st : Words.statements(script, false)) {
            String text = st.text().strip();
            String lower = text.toLowerCase(Locale.ROOT);
            // "(Cmd -Arg x).Property": the command is the first word inside the parentheses.
            String commandText = text.startsWith("(") ? text.substring(1) : text;
            List<String> words = Words.split(commandText.replaceAll("\\).*$", ""));
            String name = words.isEmpty() ? "" : words.get(0);
            CommandOutcome step;
            if (lower.startsWith("write-host ") || lower.startsWith("write-output ") || lower.startsWith("echo ")) {
                String value = text.substring(text.indexOf(' ') + 1).strip();
                step = CommandOutcome.ok(psValue(value, env) + "\r\n");
            } else if (lower.startsWith("start-sleep") || lower.startsWith("sleep ")) {
                List<String> all = Words.split(text);
                step = LinuxCommands.sleep(List.of(all.get(all.size() - 1)), env);
            } else if (lower.startsWith("exit")) {
                List<String> all = Words.split(text);
                return total.then(CommandOutcome.exit(all.size() > 1 ? Integer.parseInt(all.get(1)) : 0, "", ""));
            } else if (lower.equals("$env:username") || lower.equals("$env:computername")) {
                step = CommandOutcome.ok((lower.equals("$env:username") ? usernameVariable(env) : computerName(env)) + "\r\n");
            } else if (name.equalsIgnoreCase("Get-Command")) {
                step = getCommand(words.subList(1, words.size()), text, env);
            } else if (isCmdlet(name, env)) {
                step = LinuxCommands.notModelled(name, env);
            } else if (!name.isEmpty() && env.image().has(name)) {
                step = run(Words.split(text), env);
            } else {
                step = CommandOutcome.fail(1, commandNotFound(name, text));
            }
            total = total.then(step);
            if (step.keepsRunning()) {
                return total;
            }
        }
        return total;
    }

    private static boolean isCmdlet(String name, ContainerEnvironment env) {
        return env.image().powershell().map(ps -> ps.has(name)).orElse(false);
    }

    /** {@code Get-Command NAME}: found as a cmdlet or an application on PATH, else CommandNotFoundException. */
    private static CommandOutcome getCommand(List<String> args, String statement, ContainerEnvironment env) {
        List<String> names = args.stream().filter(a -> !a.startsWith("-")).toList();
        if (names.isEmpty()) {
            return LinuxCommands.notModelled("Get-Command without a name", env);
        }
        String name = names.get(0);
        if (isCmdlet(name, env)) {
            return CommandOutcome.ok("\r\nCommandType     Name\r\n-----------     ----\r\nCmdlet          " + name + "\r\n\r\n");
        }
        if (env.image().has(name)) {
            return CommandOutcome.ok("\r\nCommandType     Name\r\n-----------     ----\r\nApplication     " + name + "\r\n\r\n");
        }
        return CommandOutcome.fail(1, commandNotFound(name, statement));
    }

    /**
     * PowerShell 6.2's (and Windows PowerShell 5.1's) error for an unknown command, in its normal
     * error view (System.Management.Automation CommandNotFoundException; PowerShell 7.1 reworded it
     * to "as a name of a cmdlet, function, script file, or executable program").
     */
    static String commandNotFound(String name, String statement) {
        int at = Math.max(statement.indexOf(name), 0);
        return name + " : The term '" + name + "' is not recognized as the name of a cmdlet, function, script file, "
                + "or operable program.\r\nCheck the spelling of the name, or if a path was included, verify that the "
                + "path is correct and try again.\r\nAt line:1 char:" + (at + 1) + "\r\n+ " + statement + "\r\n+ "
                + " ".repeat(at) + "~".repeat(Math.max(name.length(), 1)) + "\r\n    + CategoryInfo          : ObjectNotFound: ("
                + name + ":String) [], CommandNotFoundException\r\n    + FullyQualifiedErrorId : CommandNotFoundException\r\n\r\n";
    }

    private static String psValue(String value, ContainerEnvironment env) {
        String v = value;
        if ((v.startsWith("'") && v.endsWith("'")) || (v.startsWith("\"") && v.endsWith("\""))) {
            v = v.substring(1, v.length() - 1);
        }
        return v.replaceAll("(?i)\\$env:USERNAME", java.util.regex.Matcher.quoteReplacement(usernameVariable(env)));
    }

    /**
     * {@code ipconfig} (and {@code /all}): the container's one adapter with its IPv4 address — in a
     * HostProcess container the host's adapter with the node's address; {@code /all} adds the host
     * name, the DNS suffix search list and the DNS servers (the fields upstream dns.go reads).
     */
    private static String ipconfig(List<String> args, ContainerEnvironment env) {
        boolean all = args.stream().anyMatch(a -> a.equalsIgnoreCase("/all"));
        StringBuilder out = new StringBuilder("\r\nWindows IP Configuration\r\n\r\n");
        if (all) {
            out.append("   Host Name . . . . . . . . . . . . : ").append(env.hostname()).append("\r\n");
            out.append("   DNS Suffix Search List. . . . . . : ")
                    .append(String.join("\r\n                                       ", env.network().searchDomains())).append("\r\n");
        }
        out.append("\r\nEthernet adapter vEthernet (Ethernet):\r\n\r\n");
        out.append("   IPv4 Address. . . . . . . . . . . : ").append(env.network().address()).append(all ? "(Preferred)" : "")
                .append("\r\n");
        out.append("   Subnet Mask . . . . . . . . . . . : 255.255.255.0\r\n");
        if (all) {
            out.append("   DNS Servers . . . . . . . . . . . : ")
                    .append(String.join("\r\n                                       ", env.network().nameservers())).append("\r\n");
        }
        return out.toString();
    }
}
