/**
 * Small runnable programs that show the public API of {@code palimpsest-core} and
 * {@code palimpsest-pdf-portfolio} at work, one job each. They use nothing else from Palimpsest,
 * so each can be copied into another project as a starting point. Run them with
 * {@code java -cp examples/target/palimpsest.jar dev.palimpsest.examples.programs.<Name> ...}.
 */
package dev.palimpsest.examples.programs;
