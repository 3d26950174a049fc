import type { Envelope } from '../../shared/contract'

/** The data of an answer that must have succeeded; the error in the failure message otherwise. */
export function dataOf<T>(envelope: Envelope<T>): T {
  if (!envelope.ok) throw new Error(`expected data, got ${JSON.stringify(envelope.error)}`)
  return envelope.data
}

/** The error of an answer that must have failed. */
export function errorOf<T>(envelope: Envelope<T>) {
  if (envelope.ok) throw new Error(`expected an error, got ${JSON.stringify(envelope.data).slice(0, 300)}`)
  return envelope.error
}
