import { luhnSum } from './bankCard'
import { findIdNumberProblem } from './idNumber'
import { maskBankCard, maskIdNumber } from './mask'

/**
 * Finds what looks like a full ID number or bank card number in free text. Used as a guard on
 * outgoing messages and by the test sweep. Masked forms (1101**********1234) never match.
 */
export interface SensitiveHit {
  kind: 'idNumber' | 'bankCard'
  value: string
}

// digits may be written in groups (6222 0202 …): look at runs of digits with spaces or dashes between
const DIGIT_RUN = /\d(?:[\d\s-]*[\dXx])?/g
const squeeze = (run: string) => run.replace(/[\s-]/g, '').toUpperCase()

function digitRuns(text: string): string[] {
  return [...text.matchAll(DIGIT_RUN)].map((m) => squeeze(m[0])).filter((r) => r.length >= 16)
}

/** Every 18-character window that is a valid ID number (region, birth date and check digit all pass). */
export function findIdNumbers(text: string, now: Date = new Date()): string[] {
  const found = new Set<string>()
  for (const run of digitRuns(text)) {
    for (let start = 0; start + 18 <= run.length; start++) {
      const id = run.slice(start, start + 18)
      if (findIdNumberProblem(id, now) === null) found.add(id)
    }
  }
  return [...found]
}

/**
 * Digit runs of 16–19 that pass Luhn and start like a payment card (3–6, ISO/IEC 7812). One random
 * long number in ten passes Luhn, so only use this on text written for people, not on ids.
 */
export function findBankCards(text: string): string[] {
  const found = new Set<string>()
  for (const run of digitRuns(text)) {
    if (!/^\d+$/.test(run) || run.length > 19) continue
    if (/^[3-6]/.test(run) && luhnSum(run) % 10 === 0) found.add(run)
  }
  return [...found]
}

/** Both kinds, for text meant for people (message titles, bodies, field values). */
export function findSensitivePatterns(text: string, now: Date = new Date()): SensitiveHit[] {
  return [
    ...findIdNumbers(text, now).map((value) => ({ kind: 'idNumber' as const, value })),
    ...findBankCards(text).map((value) => ({ kind: 'bankCard' as const, value })),
  ]
}

/**
 * Replaces every full ID or bank card number in free text with its masked form. For text a person
 * typed that ends up in a message (a title, a reason): the message goes out, the number does not.
 */
export function redactSensitive(text: string, now: Date = new Date()): string {
  return text.replace(DIGIT_RUN, (match) => {
    const run = squeeze(match)
    if (run.length < 16) return match
    if (findIdNumbers(run, now).length > 0) return maskIdNumber(run)
    if (findBankCards(run).length > 0) return maskBankCard(run)
    return match
  })
}
