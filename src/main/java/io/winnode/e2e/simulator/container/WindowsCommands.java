package io.winnode.e2e.simulator.container;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Windows userland of the e2e images (Nano Server: cmd.exe, PowerShell, curl.exe), with
 * Windows' own texts: {@code Access is denied.} for a write to a read-only volume (parity STO-04),
 * {@code The system cannot find the file specified.}, cmd's {@code echo X> P} writing {@code X\r\n},
 * and {@code Resolve-DnsName : N : DNS name does not exist}.
 */
final class WindowsCommands {

    private static final Pattern RESOLVE = Pattern.compile(
            "\\(?\\s*Resolve-DnsName\\s+(?:-Name\\s+)?(?<name>[^\\s)]+)(?<opts>[^)]*)\\)?(?<prop>\\.IPAddress)?\\s*",
            Pattern.CASE_INSENSITIVE);

    private WindowsCommands() {
    }

    static CommandOutcome run(List<String> argv, ContainerEnvironment env) {
        String program = ImageProfile.baseName(argv.get(0), env.os());
        List<String> args = argv.subList(1, argv.size());
        if (!env.image().has(program)) {
            return CommandOutcome.notStarted("hcs::System::CreateProcess " + argv.get(0)
                    + ": The system cannot find the file specified.");
        }
        return switch (program) {
            case "cmd" -> {
                int c = indexOfIgnoreCase(args, "/c");
                yield c >= 0 ? cmdScript(String.join(" ", args.subList(c + 1, args.size())), env) : CommandOutcome.ok("");
            }
            case "powershell", "pwsh" -> {
                int c = Math.max(indexOfIgnoreCase(args, "-command"), indexOfIgnoreCase(args, "-c"));
                yield c >= 0 ? powershell(String.join(" ", args.subList(c + 1, args.size())), env) : CommandOutcome.ok("");
            }
            case "hostname" -> CommandOutcome.ok(env.hostname() + "\r\n");
            case "whoami" -> CommandOutcome.ok((env.userName().contains("\\") ? "" : "user manager\\")
                    + env.userName().toLowerCase(Locale.ROOT) + "\r\n");
            case "curl" -> Curl.run(args, env);
            case "agnhost" -> Agnhost.run(args, env);
            case "pause" -> CommandOutcome.server("", java.util.Set.of());
            case "ipconfig" -> CommandOutcome.ok(ipconfig(env));
            case "timeout", "sleep" -> LinuxCommands.sleep(args.stream().filter(a -> !a.startsWith("/")).toList(), env);
            default -> CommandOutcome.fail(1, program + " is not modelled by the simulator\r\n");
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

    /** {@code powershell -Command SCRIPT}: Resolve-DnsName, Write-Host/Output, Start-Sleep, exit, $env:USERNAME. */
    static CommandOutcome powershell(String script, ContainerEnvironment env) {
        CommandOutcome total = CommandOutcome.ok("");
        for (Words.Statement st : Words.statements(script, false)) {
            String text = st.text().strip();
            String lower = text.toLowerCase(Locale.ROOT);
            CommandOutcome step;
            Matcher m = RESOLVE.matcher(text);
            if (m.matches()) {
                step = resolveDnsName(m.group("name"), env);
            } else if (lower.startsWith("write-host ") || lower.startsWith("write-output ") || lower.startsWith("echo ")) {
                String value = text.substring(text.indexOf(' ') + 1).strip();
                step = CommandOutcome.ok(psValue(value, env) + "\r\n");
            } else if (lower.startsWith("start-sleep") || lower.startsWith("sleep ")) {
                List<String> words = Words.split(text);
                String seconds = words.get(words.size() - 1);
                step = LinuxCommands.sleep(List.of(seconds), env);
            } else if (lower.startsWith("exit")) {
                List<String> words = Words.split(text);
                return total.then(CommandOutcome.exit(words.size() > 1 ? Integer.parseInt(words.get(1)) : 0, "", ""));
            } else if (lower.equals("$env:username") || lower.equals("hostname") || lower.equals("$env:computername")) {
                step = CommandOutcome.ok((lower.equals("$env:username") ? usernameVariable(env) : env.hostname()) + "\r\n");
            } else {
                List<String> words = Words.split(text);
                String program = words.isEmpty() ? "" : ImageProfile.baseName(words.get(0), env.os());
                if (!words.isEmpty() && env.image().has(program) && !program.equals("powershell")) {
                    step = run(words, env);
                } else {
                    String name = words.isEmpty() ? "" : words.get(0);
                    step = CommandOutcome.fail(1, name + " : The term '" + name + "' is not recognized as a name of a cmdlet, "
                            + "function, script file, or executable program.\r\nCheck the spelling of the name, or if a path "
                            + "was included, verify that the path is correct and try again.\r\n");
                }
            }
            total = total.then(step);
            if (step.keepsRunning()) {
                return total;
            }
        }
        return total;
    }

    private static String psValue(String value, ContainerEnvironment env) {
        String v = value;
        if ((v.startsWith("'") && v.endsWith("'")) || (v.startsWith("\"") && v.endsWith("\""))) {
            v = v.substring(1, v.length() - 1);
        }
        return v.replaceAll("(?i)\\$env:USERNAME", java.util.regex.Matcher.quoteReplacement(usernameVariable(env)));
    }

    /**
     * Resolve-DnsName uses the Windows resolver: the single pod DNS suffix is appended only to names
     * without a dot; a name with a dot is queried as is (parity NET-16).
     */
    private static CommandOutcome resolveDnsName(String name, ContainerEnvironment env) {
        List<String> ips;
        try {
            ips = env.network().resolve(name, true);
        } catch (NetworkAccess.DnsTimeoutException e) {
            return CommandOutcome.fail(1, "Resolve-DnsName : " + name + " : This operation returned because the timeout period expired\r\n");
        }
        if (ips.isEmpty()) {
            return CommandOutcome.fail(1, "Resolve-DnsName : " + name + " : DNS name does not exist\r\n");
        }
        List<String> lines = new ArrayList<>(ips);
        return CommandOutcome.ok(String.join("\r\n", lines) + "\r\n");
    }

    private static String ipconfig(ContainerEnvironment env) {
        StringBuilder out = new StringBuilder("\r\nWindows IP Configuration\r\n\r\n   Host Name . . . . . . . . . . . . : ")
                .append(env.hostname()).append("\r\n   DNS Suffix Search List. . . . . . : ");
        out.append(String.join("\r\n                                       ", env.network().searchDomains())).append("\r\n");
        out.append("   DNS Servers . . . . . . . . . . . : ")
                .append(String.join("\r\n                                       ", env.network().nameservers())).append("\r\n");
        return out.toString();
    }
}
