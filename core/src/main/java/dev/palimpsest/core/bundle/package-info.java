/**
 * Palimpsest bundles: BagIt bags with a signed provenance manifest. {@link
 * dev.palimpsest.core.bundle.BundleWriter} writes them (as a folder or a ZIP),
 * {@link dev.palimpsest.core.bundle.BundleSigner} signs or countersigns one later,
 * {@link dev.palimpsest.core.bundle.BundleVerifier} verifies them, and
 * {@link dev.palimpsest.core.bundle.BundleReader} reads their manifest without verifying.
 */
package dev.palimpsest.core.bundle;
