import { findBankCards, findIdNumbers } from '../../shared/privacy/detect'

/**
 * Sweeps anything a person or a phone could see — an envelope, a captured subscribe message, inbox and
 * outbox documents, a public-notice page's text — for sensitive values that should only ever appear
 * masked: the listed secrets (ID numbers, bank card numbers, diagnoses, children's names …), and by
 * default any valid ID number at all, and ciphertext that should never leave the server.
 *
 *   assertNoSensitive(envelope, [idNumber, bankCard, '白血病', '李小明'])
 */
export interface SweepOptions {
  /** flag any valid 18-character ID number, listed or not (default true) */
  detectIdNumbers?: boolean
  /** flag any 16–19 digit run that passes Luhn (default false: random long ids pass one time in ten) */
  detectBankCards?: boolean
  /** allow `{ enc: { ct, iv, tag, v } }` values, e.g. when sweeping a stored document (default false) */
  allowSealed?: boolean
}

export interface SweepFinding {
  /** where, as `$.data.items[0].body` */
  path: string
  reason: string
}

/** Digits people group with spaces or dashes, x/X: compared without them. */
const squeeze = (s: string) => s.replace(/[\s\u3000-]/g, '').toUpperCase()

/** Shows which secret without printing it whole. */
function hint(secret: string): string {
  const c = Array.from(secret)
  return c.length <= 4 ? c[0] + '*'.repeat(c.length - 1) : `${c.slice(0, 2).join('')}…${c.slice(-2).join('')}`
}

function isSealedShape(value: object): boolean {
  const keys = new Set(Object.keys(value))
  return ['ct', 'iv', 'tag'].every((k) => keys.has(k))
}

export function findSensitive(value: unknown, secrets: readonly string[], opts: SweepOptions = {}): SweepFinding[] {
  const { detectIdNumbers = true, detectBankCards = false, allowSealed = false } = opts
  const wanted = secrets.map((s) => {
    if (Array.from(s.trim()).length < 2) throw new Error(`a secret to sweep for must have at least 2 characters, got "${s}"`)
    return { raw: s.trim(), squeezed: squeeze(s) }
  })
  const findings: SweepFinding[] = []
  const seen = new Set<object>()

  const scanText = (text: string, path: string) => {
    const squeezed = squeeze(text)
    wanted.forEach((secret, i) => {
      if (text.includes(secret.raw) || (secret.squeezed.length >= 2 && squeezed.includes(secret.squeezed))) {
        findings.push({ path, reason: `contains secret #${i + 1} (${hint(secret.raw)}) unmasked` })
      }
    })
    if (detectIdNumbers) for (const id of findIdNumbers(text)) if (!wanted.some((w) => w.squeezed === id)) findings.push({ path, reason: `contains an ID number (${hint(id)})` })
    if (detectBankCards) for (const card of findBankCards(text)) if (!wanted.some((w) => w.squeezed === card)) findings.push({ path, reason: `contains a bank card number (${hint(card)})` })
  }

  const walk = (node: unknown, path: string) => {
    if (typeof node === 'string') return scanText(node, path)
    if (typeof node === 'number' || typeof node === 'bigint') return scanText(String(node), path)
    if (node === null || typeof node !== 'object' || node instanceof Date) return
    if (Buffer.isBuffer(node) || node instanceof Uint8Array) return scanText(Buffer.from(node).toString('utf8'), path)
    if (seen.has(node)) return
    seen.add(node)
    if (Array.isArray(node)) return node.forEach((item, i) => walk(item, `${path}[${i}]`))
    if (!allowSealed && isSealedShape(node)) findings.push({ path, reason: 'carries ciphertext ({ct, iv, tag}); sealed fields must not leave the server' })
    for (const [key, child] of Object.entries(node)) {
      scanText(key, `${path} (key "${key.slice(0, 20)}")`)
      walk(child, `${path}.${key}`)
    }
  }

  walk(value, '$')
  return findings
}

/** Throws, listing every place a secret appears unmasked. */
export function assertNoSensitive(value: unknown, secrets: readonly string[], opts: SweepOptions = {}): void {
  const findings = findSensitive(value, secrets, opts)
  if (findings.length > 0) {
    throw new Error(`sensitive data found unmasked:\n${findings.map((f) => `  ${f.path}: ${f.reason}`).join('\n')}`)
  }
}
