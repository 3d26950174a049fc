import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

export const REPO = resolve(__dirname, '..', '..', '..')

/**
 * A copy of what the deploy reads (database/ with its storage rule, each built function's index.js,
 * package.json and config.json), so a test can break or change one file without touching the repository.
 */
export function copyDeclarations(): { root: string; remove(): void } {
  const root = mkdtempSync(join(tmpdir(), 'deploy-decl-'))
  cpSync(join(REPO, 'database'), join(root, 'database'), { recursive: true })
  for (const fn of readdirSync(join(REPO, 'cloudfunctions'))) {
    const from = join(REPO, 'cloudfunctions', fn)
    if (!existsSync(join(from, 'config.json'))) continue
    mkdirSync(join(root, 'cloudfunctions', fn), { recursive: true })
    for (const f of ['index.js', 'package.json', 'config.json']) cpSync(join(from, f), join(root, 'cloudfunctions', fn, f))
  }
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) }
}
