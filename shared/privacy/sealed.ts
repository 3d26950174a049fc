import { z } from 'zod'

/** AES-256-GCM output for one value; `v` names the key version that sealed it (for key rotation). */
export const EncryptedValue = z.object({
  ct: z.string(),
  iv: z.string(),
  tag: z.string(),
  v: z.number().int().positive(),
})
export type EncryptedValue = z.infer<typeof EncryptedValue>

/**
 * How a sensitive field is stored: ciphertext, a keyed hash for duplicate checks, and the masked
 * form every screen shows. The plain value is never stored. Server-only: never put `enc` or `hash`
 * in an action's output; output schemas carry `masked` alone.
 */
export const SealedField = z.object({
  enc: EncryptedValue,
  hash: z.string(),
  masked: z.string(),
})
export type SealedField = z.infer<typeof SealedField>
