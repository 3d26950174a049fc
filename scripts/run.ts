import { spawnSync } from 'child_process'

/** Runs a command in the repo, streaming its output; exits this process if it fails. */
export function run(cmd: string, args: string[], env: Record<string, string> = {}): void {
  const started = Date.now()
  console.log(`\n▶ ${cmd} ${args.join(' ')}`)
  const res = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env }, cwd: `${__dirname}/..` })
  if (res.status !== 0) {
    console.error(`✗ ${cmd} ${args.join(' ')} failed (exit ${res.status ?? res.signal})`)
    process.exit(res.status ?? 1)
  }
  console.log(`✓ ${cmd} ${args[0] ?? ''} (${((Date.now() - started) / 1000).toFixed(1)} s)`)
}
