import type { Union } from '../domain/union'

/** Escapes a typed keyword so it matches literally inside a regular expression. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** Patterns for the two search passes: names starting with the keyword first, then names containing it. */
export function keywordPatterns(keyword: string): { prefix: string; contains: string } {
  const literal = escapeRegExp(keyword.trim())
  return { prefix: `^${literal}`, contains: literal }
}

/**
 * A worker joins a grassroots union, or a federation that takes 新就业形态 workers directly
 * (riders, drivers). District and street federations are reached through the tree (属地), not search.
 */
export function isJoinableDirectly(union: Pick<Union, 'level' | 'acceptsGigWorkers'>): boolean {
  return union.level === 'grassroots' || union.acceptsGigWorkers
}
