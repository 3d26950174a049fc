import { mkdtempSync, rmSync } from 'fs'
import { tmpdir } from 'os'
import { join } from 'path'
import { z } from 'zod'
import { envelopeOf, type AnyAction, type Envelope, type InputOf, type OutputOf } from '../../shared/contract'
import { startLocalCloud, type LocalCloud, type LocalCloudOptions } from '../../local-cloud'

export interface TestCloud extends LocalCloud {
  /** Calls the compiled function `fn` as the phone of `openid` with `{action, input}`; returns its envelope. */
  callAs(openid: string, fn: string, action: string, input?: unknown): Promise<Envelope<unknown>>
  /** Same, typed by a shared action declaration: the output is parsed with the action's own schema. */
  callAction<A extends AnyAction>(openid: string, action: A, input: InputOf<A>): Promise<Envelope<OutputOf<A>>>
  dataDir: string
  /** stops the cloud and deletes its data directory */
  cleanup(): Promise<void>
}

export type TestCloudOptions = { seed?: boolean } & Partial<Omit<LocalCloudOptions, 'dataDir' | 'port'>>

const AnyEnvelope = envelopeOf(z.unknown())

/**
 * A fresh local cloud for one test file: a new temporary data directory, an ephemeral port, the real
 * database engine and the compiled functions in cloudfunctions/ (or `functionsDir`).
 *
 *   let cloud: TestCloud
 *   beforeAll(async () => { cloud = await startTestCloud({ seed: true }) })
 *   afterAll(() => cloud.cleanup())
 */
export async function startTestCloud(opts: TestCloudOptions = {}): Promise<TestCloud> {
  const dataDir = mkdtempSync(join(tmpdir(), 'local-cloud-test-'))
  const cloud = await startLocalCloud({ ...opts, dataDir, port: 0 }).catch((err: unknown) => {
    rmSync(dataDir, { recursive: true, force: true })
    throw err
  })

  async function callAs(openid: string, fn: string, action: string, input?: unknown): Promise<Envelope<unknown>> {
    const answer = await cloud.invoke(fn, input === undefined ? { action } : { action, input }, { openid })
    const parsed = AnyEnvelope.safeParse(answer)
    if (!parsed.success) throw new Error(`${fn}.${action} did not answer an envelope: ${JSON.stringify(answer)}`)
    return parsed.data
  }

  return {
    ...cloud,
    dataDir,
    callAs,
    async callAction<A extends AnyAction>(openid: string, action: A, input: InputOf<A>): Promise<Envelope<OutputOf<A>>> {
      const envelope = await callAs(openid, action.fn, action.name, input)
      if (!envelope.ok) return envelope
      const data = z.safeParse<A['output']>(action.output, envelope.data)
      if (!data.success) throw new Error(`${action.fn}.${action.name} answered outside its contract: ${data.error.message}\n${JSON.stringify(envelope.data)}`)
      return { ok: true, data: data.data }
    },
    async cleanup() {
      await cloud.stop()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
