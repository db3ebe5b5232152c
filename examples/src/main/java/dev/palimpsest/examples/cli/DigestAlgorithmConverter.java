package dev.palimpsest.examples.cli;

import dev.palimpsest.core.digest.DigestAlgorithm;
import java.util.Arrays;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses a digest label in any usual spelling ({@code sha256}, {@code SHA-256}, ...). */
final class DigestAlgorithmConverter implements ITypeConverter<DigestAlgorithm> {
    @Override
    public DigestAlgorithm convert(String value) {
        return DigestAlgorithm.fromLabel(value).orElseThrow(() -> new TypeConversionException(
                "unknown digest algorithm '" + value + "' (supported: " + supported() + ")"));
    }

    static String supported() {
        return Arrays.stream(DigestAlgorithm.values()).map(DigestAlgorithm::label).collect(Collectors.joining(", "));
    }
}
