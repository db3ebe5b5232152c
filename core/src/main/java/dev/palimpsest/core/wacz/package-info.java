/**
 * Verifying WACZ web archives (Web Archive Collection Zipped, 1.0 to 1.2) in place, signed or
 * not: {@link dev.palimpsest.core.wacz.WaczVerifier} checks the package manifest and every file,
 * the CDXJ indexes against the WARC records, the pages, and the anonymous or domain-identity
 * signature with its RFC 3161 timestamp, into a {@link dev.palimpsest.core.verify.VerificationReport}
 * with format {@code wacz}.
 */
package dev.palimpsest.core.wacz;
