import { existsSync, readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { build } from 'esbuild'

const ROOT = resolve(__dirname, '..')
export const FUNCTIONS_DIR = join(ROOT, 'cloudfunctions')

/** Every cloudfunctions/<fn> with a src/index.ts, by folder name. */
export function listFunctions(): string[] {
  return readdirSync(FUNCTIONS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(FUNCTIONS_DIR, d.name, 'src', 'index.ts')))
    .map((d) => d.name)
    .sort()
}

function buildOne(fn: string) {
  return build({
    entryPoints: [join(FUNCTIONS_DIR, fn, 'src', 'index.ts')],
    outfile: join(FUNCTIONS_DIR, fn, 'index.js'),
    bundle: true,
    platform: 'node',
    // CloudBase runs functions on Node 16.
    target: 'node16',
    format: 'cjs',
    external: ['wx-server-sdk'],
    minify: false,
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'warning',
    banner: { js: `// Built by scripts/build-functions.ts from cloudfunctions/${fn}/src. Do not edit.` },
  })
}

/**
 * Bundles each function's src/index.ts with server/, shared/, zod and dayjs into the
 * cloudfunctions/<fn>/index.js that WeChat uploads. wx-server-sdk stays external: the
 * function's package.json installs it in the cloud, the repository's node_modules locally.
 */
export async function buildFunctions(names: readonly string[] = []): Promise<string[]> {
  const all = listFunctions()
  const unknown = names.filter((n) => !all.includes(n))
  if (unknown.length) throw new Error(`no such cloud function: ${unknown.join(', ')} (have: ${all.join(', ')})`)
  const chosen = names.length ? [...names] : all
  const results = await Promise.allSettled(chosen.map((fn) => buildOne(fn)))
  const failed = chosen.filter((_, i) => results[i]?.status === 'rejected')
  // Every function is attempted; the ones that built are written even when another one fails.
  if (failed.length) throw new Error(`cloud function build failed: ${failed.join(', ')} (esbuild printed the errors above)`)
  return chosen
}

if (require.main === module) {
  const started = Date.now()
  buildFunctions(process.argv.slice(2)).then(
    (built) => console.log(`built ${built.length} cloud function(s) in ${Date.now() - started} ms: ${built.join(', ')}`),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err)
      process.exit(1)
    },
  )
}
