/**
 * Archival PDF portfolios: building PDF/A-3b portfolios of recovered documents with their
 * provenance, PAdES signing, and verifying signed PDFs and portfolios.
 */
package dev.palimpsest.pdf;
