/**
 * Verification reports: one structured result for every kind of archive Palimpsest verifies
 * (its own bundles and portfolios, plain BagIt bags, WACZ files, signed PDFs), collecting every
 * problem rather than stopping at the first. Field names and problem codes are a stable
 * contract, documented in {@code core/FORMAT.md}.
 */
package dev.palimpsest.core.verify;
