/**
 * The figures of issue 13 that `npm run bench` gathers into one table at the end. Each script prints its own
 * detail as before and, when run by bench/index.ts (BENCH_FIGURES=1), one marker line per figure that the
 * index reads back; run alone, a script prints no markers.
 */
import { z } from 'zod'

export const FIGURE_MARK = '::figure '

export const Figure = z.object({
  /** the table's section: 'SDK round trips', '500 sign-ups for 100 places' … */
  group: z.string(),
  label: z.string(),
  value: z.string(),
  /** what issue 13 asks for, in words ('' when it sets no target) */
  target: z.string(),
  /** whether the value meets the target (null: no target) */
  met: z.boolean().nullable(),
})
export type Figure = z.infer<typeof Figure>

export function figure(group: string, label: string, value: string | number, target = '', met: boolean | null = null): void {
  if (!process.env.BENCH_FIGURES) return
  console.log(FIGURE_MARK + JSON.stringify({ group, label, value: String(value), target, met } satisfies Figure))
}

/** The table: one section per group, columns aligned by display width (a CJK character takes two). */
export function figureTable(figures: readonly Figure[]): string {
  const width = (s: string) => [...s].reduce((n, c) => n + (/[\u1100-\uffef]/.test(c) ? 2 : 1), 0)
  const pad = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - width(s)))
  const rows = figures.map((f) => [`  ${f.label}`, f.value, f.target, f.met === null ? '' : f.met ? 'met' : 'NOT met'])
  const widths = [0, 1, 2, 3].map((i) => Math.max(...[['figure', 'measured', 'target', 'met'][i], ...rows.map((r) => r[i])].map(width)))
  const line = (cells: string[]) => {
    const used = cells.length - [...cells].reverse().findIndex((c) => c !== '')
    return `  ${cells.slice(0, used).map((c, i) => pad(c, widths[i])).join('  │  ')}`.trimEnd()
  }
  const out = [line(['figure', 'measured', 'target', 'met']), `  ${widths.map((w) => '─'.repeat(w)).join('──┼──')}`]
  // each section once, in the order its first figure came
  const groups = [...new Set(figures.map((f) => f.group))]
  for (const group of groups) {
    out.push(`  ${group}`)
    figures.forEach((f, i) => {
      if (f.group === group) out.push(line(rows[i]))
    })
  }
  return out.join('\n')
}
