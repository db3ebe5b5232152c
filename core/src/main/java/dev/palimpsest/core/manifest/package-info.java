/**
 * The archive manifest ({@code provenance/archive.json}): immutable entries with their digests
 * and capture records, validating builders, and the one strict JSON codec. See
 * {@code core/FORMAT.md} for the format.
 */
package dev.palimpsest.core.manifest;
