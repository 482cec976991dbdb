package io.winnode.e2e.framework.report;

import io.qameta.allure.AllureResultsWriter;
import io.qameta.allure.model.ExecutableItem;
import io.qameta.allure.model.FixtureResult;
import io.qameta.allure.model.StepResult;
import io.qameta.allure.model.TestResult;
import io.qameta.allure.model.TestResultContainer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes Allure results through another writer after masking credentials and Secret data
 * ({@link Redactor}) in every text a result carries: test, fixture and step names, parameter values,
 * failure messages and traces, and the content of text attachments. Allure publishes all of them in
 * its report, and a step name or parameter may quote what a command printed.
 */
public final class ScrubbingResultsWriter implements AllureResultsWriter {

    private final AllureResultsWriter delegate;
    private final Redactor redactor;

    public ScrubbingResultsWriter(AllureResultsWriter delegate, Redactor redactor) {
        this.delegate = delegate;
        this.redactor = redactor;
    }

    @Override
    public void write(TestResult result) {
        result.setName(redactor.scrub(result.getName()));
        result.setDescription(redactor.scrub(result.getDescription()));
        scrub(result);
        delegate.write(result);
    }

    @Override
    public void write(TestResultContainer container) {
        fixtures(container.getBefores());
        fixtures(container.getAfters());
        delegate.write(container);
    }

    @Override
    public void write(String source, InputStream attachment) {
        byte[] content;
        try (attachment) {
            content = attachment.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read Allure attachment " + source, e);
        }
        delegate.write(source, new ByteArrayInputStream(scrubIfText(content)));
    }

    /** Text (valid UTF-8) is scrubbed; anything else, such as an image, is written as it is. */
    private byte[] scrubIfText(byte[] content) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
            return redactor.scrub(text).getBytes(StandardCharsets.UTF_8);
        } catch (CharacterCodingException binary) {
            return content;
        }
    }

    private void fixtures(List<FixtureResult> fixtures) {
        for (FixtureResult fixture : fixtures) {
            fixture.setName(redactor.scrub(fixture.getName()));
            scrub(fixture);
        }
    }

    private void scrub(ExecutableItem item) {
        if (item.getStatusDetails() != null) {
            item.getStatusDetails().setMessage(redactor.scrub(item.getStatusDetails().getMessage()));
            item.getStatusDetails().setTrace(redactor.scrub(item.getStatusDetails().getTrace()));
        }
        item.getParameters().forEach(p -> p.setValue(redactor.scrub(p.getValue())));
        item.getAttachments().forEach(a -> a.setName(redactor.scrub(a.getName())));
        for (StepResult step : item.getSteps()) {
            step.setName(redactor.scrub(step.getName()));
            scrub(step);
        }
    }
}
