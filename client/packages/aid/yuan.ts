import { yuanTextToFen } from '../../../shared/aid/money'

/** A yuan amount typed by a person, kept as text while typing; fen (or null when unreadable) for sending. */
export const fenOf = (text: string): number | null => (text.trim() === '' ? 0 : yuanTextToFen(text))
/** fen → the text a person would type (no separators, cents only when there are any). */
export const textOf = (fen: number): string => (fen === 0 ? '' : fen % 100 === 0 ? String(fen / 100) : (fen / 100).toFixed(2))
