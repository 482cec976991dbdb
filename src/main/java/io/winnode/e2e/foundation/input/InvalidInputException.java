package io.winnode.e2e.foundation.input;

/**
 * Input the user gave us is wrong: a file that cannot be read, YAML that does not parse, an
 * unknown name. The message names the problem and the fix. The runner maps it to exit code 2.
 */
public class InvalidInputException extends RuntimeException {

    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
