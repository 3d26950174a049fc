import { readdirSync } from 'fs'
import { join } from 'path'
import { z } from 'zod'
import { STATS, statsId } from '../../shared/stats/figures'
import { yearOf } from '../../server/stats/tally'
import { statsOfRecords } from '../../server/stats/rebuild'

/** Demo data: every local-cloud/seed/<domain>.ts that exports `seed: Record<collection, doc[]>`, merged. */
export type SeedDocs = Record<string, Array<Record<string, unknown>>>

const SeedModule = z.object({ seed: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))) })
const NOT_SEED = new Set(['index.ts', 'personas.ts'])

export function loadSeed(dir: string = __dirname): SeedDocs {
  const merged: SeedDocs = {}
  const owner = new Map<string, string>()
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !NOT_SEED.has(f)).sort()
  for (const file of files) {
    const parsed = SeedModule.safeParse(require(join(dir, file)))
    if (!parsed.success) throw new Error(`seed: ${file} must export \`seed: Record<collection, doc[]>\` (${parsed.error.message})`)
    for (const [collection, docs] of Object.entries(parsed.data.seed)) {
      for (const doc of docs) {
        const key = `${collection}/${String(doc._id)}`
        if (doc._id !== undefined && owner.has(key)) throw new Error(`seed: ${key} is in both ${owner.get(key)} and ${file}`)
        owner.set(key, file)
      }
      merged[collection] = [...(merged[collection] ?? []), ...docs]
    }
  }
  // 年度数据 of the seeded records, counted as a rebuild would: later changes tally onto them
  merged[STATS] = statsOfRecords(merged)
  // and an empty year for every union that has none yet this year, as the first tally of a year would
  // write it: a union's first record of the year then costs one write per level, not two
  const year = yearOf(new Date())
  const have = new Set(merged[STATS].map((d) => String(d._id)))
  for (const union of merged.unions ?? []) {
    const id = statsId(String((union as { _id: unknown })._id), year)
    if (!have.has(id)) merged[STATS].push({ _id: id, unionId: (union as { _id: unknown })._id, year })
  }
  return merged
}
