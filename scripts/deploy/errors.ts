/**
 * A problem the person deploying must fix. It is raised before anything in the cloud changes, and
 * says in Chinese and in English what is wrong and what to do, naming the file, the function or the
 * environment. It never carries a secret.
 */
export class DeployError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
    readonly fix: { zh: string; en: string },
  ) {
    super(`${zh}\n${en}`)
    this.name = 'DeployError'
  }

  /** The text printed to the terminal: problem, then the fix, in both languages. */
  describe(): string {
    return [`错误：${this.zh}`, `  怎么办：${this.fix.zh}`, `Error: ${this.en}`, `  To fix: ${this.fix.en}`].join('\n')
  }
}

/** Runs a command's main: a DeployError prints its two-language message and exits 1; anything else is a bug. */
export function runCli(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      if (err instanceof DeployError) console.error(err.describe())
      else console.error('意外错误 / unexpected error:', err instanceof Error ? err.message : err)
      process.exit(1)
    },
  )
}
