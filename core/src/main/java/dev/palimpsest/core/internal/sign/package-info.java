/**
 * Implementation of {@code dev.palimpsest.core.sign}: ASN.1 and CMS structures, algorithm
 * tables, PEM and PKCS#12 files, the RFC 3161 exchange and CRL checks. Not exported; may change
 * at any time.
 */
package dev.palimpsest.core.internal.sign;
