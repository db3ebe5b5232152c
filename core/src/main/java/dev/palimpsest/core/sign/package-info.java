/**
 * Signing identities, detached CMS signatures over exact bytes, RFC 3161 timestamps and the
 * trust policy that decides whether a valid signer is trusted.
 */
package dev.palimpsest.core.sign;
