import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'

const indexSchema = z.object({
  name: z.string().min(1),
  keys: z.array(z.tuple([z.string().min(1), z.union([z.literal(1), z.literal(-1)])])).min(1),
  unique: z.boolean().default(false),
})

const collectionSchema = z.object({
  rules: z.record(z.string(), z.unknown()).default({}),
  indexes: z.array(indexSchema).default([]),
})

const manifestFileSchema = z.object({
  collections: z.record(z.string().min(1), collectionSchema),
})

export type IndexSpec = z.output<typeof indexSchema>
export type CollectionSpec = z.output<typeof collectionSchema>
export type Manifest = Map<string, CollectionSpec>

/**
 * Reads every database/<domain>.json and merges them. `dir` may be the database/ folder itself or
 * the folder that holds it. A collection declared twice is an error, not a silent merge.
 */
export function loadManifest(dir: string): Manifest {
  const folder = existsSync(join(dir, 'database')) ? join(dir, 'database') : dir
  if (!existsSync(folder)) throw new Error(`manifest folder not found: ${folder}`)
  const files = readdirSync(folder).filter((name) => name.endsWith('.json')).sort()
  const manifest: Manifest = new Map()
  const declaredIn = new Map<string, string>()
  for (const file of files) {
    const path = join(folder, file)
    const parsed = manifestFileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')))
    if (!parsed.success) throw new Error(`invalid manifest ${path}: ${parsed.error.message}`)
    for (const [name, spec] of Object.entries(parsed.data.collections)) {
      const earlier = declaredIn.get(name)
      if (earlier) throw new Error(`collection "${name}" is declared in both ${earlier} and ${file}`)
      const indexNames = new Set<string>()
      for (const index of spec.indexes) {
        if (indexNames.has(index.name)) throw new Error(`${file}: collection "${name}" has two indexes named "${index.name}"`)
        indexNames.add(index.name)
      }
      declaredIn.set(name, file)
      manifest.set(name, spec)
    }
  }
  return manifest
}
