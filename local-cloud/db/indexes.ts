import { stringifyEJSON, isPlainObject } from './ejson'
import type { IndexSpec } from './manifest'

/**
 * Equality-prefix indexes. Each index is a tree of hash maps, one level per indexed field:
 * the node reached by the values of the first k fields holds the ids of every document with
 * those values. A lookup returns a superset of the matches; mingo filters the candidates.
 * Like MongoDB, an array value is indexed under each of its elements (multikey), and a missing
 * field is indexed as null.
 */

export type Doc = Record<string, unknown> & { _id: string }

const NULL_KEY = 'z'

/** Key of a scalar the planner can look up; undefined for values it cannot (objects, regexps …). */
export function scalarKey(value: unknown): string | undefined {
  if (value === null || value === undefined) return NULL_KEY
  if (typeof value === 'string') return `s:${value}`
  if (typeof value === 'number') return `n:${String(value)}`
  if (typeof value === 'boolean') return value ? 'b:1' : 'b:0'
  if (value instanceof Date) return `d:${value.getTime()}`
  return undefined
}

/** Key of any value, for unique indexes (whole arrays and objects compared as stored). */
export function exactKey(value: unknown): string {
  return scalarKey(value) ?? `j:${stringifyEJSON(value)}`
}

/** The value at a dotted path without looking through arrays; `traversesArray` when an array sits on the way. */
export function valueAtPath(doc: Record<string, unknown>, path: string): { value: unknown; traversesArray: boolean } {
  let current: unknown = doc
  const segments = path.split('.')
  for (let i = 0; i < segments.length; i++) {
    if (Array.isArray(current)) return { value: undefined, traversesArray: true }
    if (!isPlainObject(current)) return { value: undefined, traversesArray: false }
    current = current[segments[i]]
  }
  return { value: current, traversesArray: false }
}

/** Keys a document is filed under for one field; 'unkeyed' means "always a candidate". */
function fieldKeys(doc: Doc, path: string): string[] | 'unkeyed' {
  const { value, traversesArray } = valueAtPath(doc, path)
  if (traversesArray) return 'unkeyed'
  if (!Array.isArray(value)) {
    const key = scalarKey(value)
    return key === undefined ? [] : [key]
  }
  const keys = new Set<string>()
  for (const item of value) {
    const key = scalarKey(item)
    if (key !== undefined) keys.add(key)
  }
  return [...keys]
}

interface Node {
  ids: Set<string>
  /**
   * The next field's level, built the first time a lookup needs it (then kept up to date):
   * a range or sort field after the equality prefix never costs a node per document.
   */
  children?: Map<string, Node>
}

const MAX_KEY_COMBINATIONS = 64

export class EqualityIndex {
  readonly fields: string[]
  private readonly root: Node = { ids: new Set(), children: new Map() }
  /** documents the tree cannot file (arrays inside the path, too many multikey combinations) */
  private readonly unkeyed = new Set<string>()

  constructor(
    readonly spec: IndexSpec,
    /** the stored document with this id, to build a level on demand */
    private readonly docOf: (id: string) => Doc | undefined,
  ) {
    this.fields = spec.keys.map(([field]) => field)
  }

  add(doc: Doc): void {
    const perField = this.keysOf(doc)
    if (perField === 'unkeyed') this.unkeyed.add(doc._id)
    else this.file(this.root, perField, 0, doc._id)
  }

  remove(doc: Doc): void {
    const perField = this.keysOf(doc)
    if (perField === 'unkeyed') this.unkeyed.delete(doc._id)
    else this.unfile(this.root, perField, 0, doc._id)
  }

  /**
   * Candidate ids for equality on the first `keysPerField.length` fields (each a list of
   * accepted keys, as from `$in`); undefined when the combination count is too large.
   */
  lookup(keysPerField: string[][]): Set<string> | undefined {
    let nodes: Node[] = [this.root]
    for (let level = 0; level < keysPerField.length; level++) {
      const next: Node[] = []
      for (const node of nodes) {
        const children = this.childrenOf(node, level)
        for (const key of keysPerField[level]) {
          const child = children.get(key)
          if (child) next.push(child)
        }
      }
      if (next.length > MAX_KEY_COMBINATIONS * 4) return undefined
      nodes = next
    }
    if (nodes.length === 1 && this.unkeyed.size === 0) return nodes[0].ids
    const out = new Set<string>(this.unkeyed)
    for (const node of nodes) for (const id of node.ids) out.add(id)
    return out
  }

  private childrenOf(node: Node, level: number): Map<string, Node> {
    if (node.children) return node.children
    const children = new Map<string, Node>()
    node.children = children
    for (const id of node.ids) {
      const doc = this.docOf(id)
      const perField = doc ? this.keysOf(doc) : 'unkeyed'
      if (perField !== 'unkeyed') this.file(node, perField, level, id)
    }
    return children
  }

  private keysOf(doc: Doc): string[][] | 'unkeyed' {
    const perField: string[][] = []
    let combinations = 1
    for (const field of this.fields) {
      const keys = fieldKeys(doc, field)
      if (keys === 'unkeyed') return 'unkeyed'
      combinations *= Math.max(keys.length, 1)
      if (combinations > MAX_KEY_COMBINATIONS) return 'unkeyed'
      perField.push(keys)
    }
    return perField
  }

  /** files `id` under `node` for levels `level`… as deep as levels are built */
  private file(node: Node, perField: string[][], level: number, id: string): void {
    if (level === perField.length || !node.children) return
    for (const key of perField[level]) {
      let child = node.children.get(key)
      if (!child) {
        child = { ids: new Set() }
        node.children.set(key, child)
      }
      child.ids.add(id)
      this.file(child, perField, level + 1, id)
    }
  }

  private unfile(node: Node, perField: string[][], level: number, id: string): void {
    if (level === perField.length || !node.children) return
    for (const key of perField[level]) {
      const child = node.children.get(key)
      if (!child) continue
      child.ids.delete(id)
      this.unfile(child, perField, level + 1, id)
      if (child.ids.size === 0) node.children.delete(key)
    }
  }
}

/** A unique index: one owner per tuple of field values (missing counts as null, as in MongoDB). */
export class UniqueIndex {
  private readonly owners = new Map<string, string>()

  constructor(readonly spec: IndexSpec) {}

  keyOf(doc: Record<string, unknown>): string {
    return this.spec.keys.map(([field]) => exactKey(valueAtPath(doc, field).value)).join('\u0000')
  }

  ownerOf(key: string): string | undefined {
    return this.owners.get(key)
  }

  add(doc: Doc): void {
    this.owners.set(this.keyOf(doc), doc._id)
  }

  remove(doc: Doc): void {
    const key = this.keyOf(doc)
    if (this.owners.get(key) === doc._id) this.owners.delete(key)
  }

  /** for error messages: `{ field: value, … }` like MongoDB prints it */
  describe(doc: Record<string, unknown>): string {
    const parts = this.spec.keys.map(([field]) => `${field}: ${stringifyEJSON(valueAtPath(doc, field).value ?? null)}`)
    return `{ ${parts.join(', ')} }`
  }
}
