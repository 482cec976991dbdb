package io.winnode.e2e.simulator.kubelet;

import io.vertx.core.MultiMap;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The query of {@code /containerLogs} as the kubelet decodes it into a v1 PodLogOptions
 * ({@code pkg/kubelet/server/server.go}, getContainerLogs): {@code previous}, {@code timestamps},
 * {@code follow}, {@code tailLines} (legacy {@code tail}, where {@code all} means no limit),
 * {@code limitBytes}, {@code sinceSeconds}, {@code sinceTime}. A value that does not decode is a 400
 * with the JSON-looking text {@code {"message": "Unable to decode query."}}; one that fails
 * PodLogOptions validation (negative tail, limitBytes or sinceSeconds below 1, both since fields) is
 * a 422 {@code {"message": "Invalid request."}}, as getContainerLogs writes them.
 */
record LogOptions(boolean previous, boolean timestamps, boolean follow, Long tailLines, Long limitBytes,
                  Instant since) {

    static final String UNDECODABLE = "{\"message\": \"Unable to decode query.\"}";
    static final String INVALID = "{\"message\": \"Invalid request.\"}";

    /** A query the kubelet refuses, with the code and text it answers. */
    static final class Refused extends Exception {
        final int code;

        Refused(int code, String text) {
            super(text, null, false, false);
            this.code = code;
        }
    }

    static LogOptions of(MultiMap query, Instant now) throws Refused {
        String tail = query.get("tail");
        String tailLines = tail != null && !tail.isEmpty() ? ("all".equals(tail) ? null : tail) : query.get("tailLines");
        Long lines = number(tailLines);
        Long limit = number(query.get("limitBytes"));
        Long sinceSeconds = number(query.get("sinceSeconds"));
        Instant sinceTime = time(query.get("sinceTime"));
        if ((lines != null && lines < 0) || (limit != null && limit < 1) || (sinceSeconds != null && sinceSeconds < 1)
                || (sinceSeconds != null && sinceTime != null)) {
            throw new Refused(422, INVALID);
        }
        Instant since = sinceSeconds != null ? now.minusSeconds(sinceSeconds) : sinceTime;
        return new LogOptions(flag(query.get("previous")), flag(query.get("timestamps")), flag(query.get("follow")), lines,
                limit, since);
    }

    /** Go's strconv.ParseBool, which the parameter codec uses for booleans. */
    private static boolean flag(String value) throws Refused {
        if (value == null || value.isEmpty()) {
            return false;
        }
        return switch (value) {
            case "1", "t", "T", "true", "TRUE", "True" -> true;
            case "0", "f", "F", "false", "FALSE", "False" -> false;
            default -> throw new Refused(400, UNDECODABLE);
        };
    }

    private static Long number(String value) throws Refused {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new Refused(400, UNDECODABLE);
        }
    }

    private static Instant time(String value) throws Refused {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(value, Instant::from);
        } catch (DateTimeParseException e) {
            throw new Refused(400, UNDECODABLE);
        }
    }

    /**
     * What the runtime returns for one run's output written at {@code writtenAt}: lines since
     * {@code since}, the last {@code tailLines} of them, each prefixed with its RFC3339Nano timestamp when
     * asked, cut after {@code limitBytes} bytes (the order of kuberuntime's ReadLogs: tail first, then
     * the byte limit on what is written). The simulator keeps one timestamp per run (its start), so
     * {@code since} keeps a run's output whole or drops it whole.
     */
    byte[] select(String output, Instant writtenAt) {
        List<String> lines = lines(output);
        if (since != null && writtenAt != null && writtenAt.isBefore(since)) {
            lines.clear();
        }
        if (tailLines != null && lines.size() > tailLines) {
            lines = lines.subList(lines.size() - tailLines.intValue(), lines.size());
        }
        return render(lines, writtenAt, 0);
    }

    /**
     * Output a followed container wrote after {@code alreadySent} bytes went out: whole, stamped with
     * the time it was seen, and within what is left of {@code limitBytes}.
     */
    byte[] continuation(String output, Instant writtenAt, long alreadySent) {
        return render(lines(output), writtenAt, alreadySent);
    }

    /** Whether {@code sent} bytes exhaust {@code limitBytes}, which ends a followed stream. */
    boolean limitReached(long sent) {
        return limitBytes != null && sent >= limitBytes;
    }

    private static List<String> lines(String output) {
        List<String> lines = new ArrayList<>(List.of(output.split("(?<=\n)")));
        lines.removeIf(String::isEmpty);
        return lines;
    }

    private byte[] render(List<String> lines, Instant writtenAt, long alreadySent) {
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            if (timestamps) {
                out.append(rfc3339Nano(writtenAt == null ? Instant.EPOCH : writtenAt)).append(' ');
            }
            out.append(line);
        }
        byte[] bytes = out.toString().getBytes(StandardCharsets.UTF_8);
        if (limitBytes != null && bytes.length > limitBytes - alreadySent) {
            return java.util.Arrays.copyOf(bytes, (int) Math.max(0, limitBytes - alreadySent));
        }
        return bytes;
    }

    /** Go's time.RFC3339Nano in UTC: fractional seconds without trailing zeros, none at all when zero. */
    static String rfc3339Nano(Instant t) {
        String base = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC).format(t);
        String fraction = t.getNano() == 0 ? "" : ("." + String.format("%09d", t.getNano())).replaceAll("0+$", "");
        return base + fraction + "Z";
    }
}
