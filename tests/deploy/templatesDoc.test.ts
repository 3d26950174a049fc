import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { TEMPLATE_KEYS, templates } from '../../shared/notify/templates'
import { REPO } from './support/repoCopy'

/** The console guide lists exactly the templates and keywords the code sends, so what the administrator picks fits. */
const doc = readFileSync(join(REPO, 'server', 'notify', 'TEMPLATES.md'), 'utf8')
const rows = new Map(
  doc
    .split('\n')
    .filter((line) => /^\| [a-zA-Z]+ \|/.test(line))
    .map((line) => {
      const cells = line.split('|').map((c) => c.trim())
      return [cells[1], { title: cells[2], keywords: cells[3] }] as const
    }),
)

test('names every template of shared/notify, and no other', () => {
  expect([...rows.keys()].sort()).toEqual([...TEMPLATE_KEYS].sort())
})

test.each(TEMPLATE_KEYS.map((k) => [k]))('%s: the title and each keyword (id, name, type) match the code', (key) => {
  const row = rows.get(key)
  const def = templates[key]
  expect(row?.title).toBe(def.title)
  const want = Object.values(def.fields).map((f: { key: string; label: string; type: string }) => `${f.key} ${f.label} ${f.type}`)
  expect(row?.keywords.split('；').map((s) => s.trim())).toEqual(want)
})

test('says where the ids go: the notify_config document and GHT_TEMPLATE_IDS', () => {
  expect(doc).toContain('"_id": "templates"')
  expect(doc).toContain('notify_config')
  expect(doc).toContain('GHT_TEMPLATE_IDS')
})
