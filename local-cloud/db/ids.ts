import { randomBytes } from 'node:crypto'

/** An opaque document id like CloudBase's: 32 lowercase hex characters. */
export function newDocId(): string {
  return randomBytes(16).toString('hex')
}

export function newRequestId(): string {
  return `local-${randomBytes(8).toString('hex')}`
}

export function newTransactionId(): string {
  return `tx-${randomBytes(12).toString('hex')}`
}
