package dev.palimpsest.examples.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import picocli.CommandLine.Option;

/**
 * Where a key store password comes from: a file or an environment variable, never the command
 * line (where other users could read it in the process list). Used as an exclusive, required
 * argument group by the commands that open or write key stores.
 */
final class PasswordOptions {

    @Option(names = "--password-file", paramLabel = "FILE", required = true,
            description = "Read the key store password from the first line of FILE.")
    Path file;

    @Option(names = "--password-env", paramLabel = "NAME", required = true,
            description = "Read the key store password from the environment variable NAME.")
    String environmentVariable;

    /**
     * The password: the file's first line (without its line terminator), or the variable's value.
     * The caller should clear the array after use.
     *
     * @throws CliException 66 if the file cannot be read, 64 if the variable is not set or the
     *     password is empty
     */
    char[] read() throws CliException {
        char[] password;
        if (file != null) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (NoSuchFileException e) {
                throw CliException.noInput("no such password file '" + file + "'");
            } catch (IOException e) {
                throw new CliException(ExitCode.NO_INPUT, "cannot read password file '" + file + "': " + e.getMessage(), e);
            }
            int end = 0;
            while (end < bytes.length && bytes[end] != '\n' && bytes[end] != '\r') {
                end++;
            }
            try {
                CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes, 0, end));
                password = Arrays.copyOf(chars.array(), chars.limit());
                Arrays.fill(chars.array(), '\0');
            } catch (CharacterCodingException e) {
                throw CliException.usage("password file '" + file + "' is not UTF-8 text");
            } finally {
                Arrays.fill(bytes, (byte) 0);
            }
        } else {
            String value = System.getenv(environmentVariable);
            if (value == null) {
                throw CliException.usage("environment variable " + environmentVariable + " (--password-env) is not set");
            }
            password = value.toCharArray();
        }
        if (password.length == 0) {
            throw CliException.usage("the password " + (file != null ? "in '" + file + "'" : "in " + environmentVariable)
                    + " is empty");
        }
        return password;
    }
}
