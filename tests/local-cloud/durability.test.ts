/**
 * Acknowledged writes survive a restart and a kill -9 of the local cloud (journal + snapshot).
 * Writes go through the real wx-server-sdk over loopback; the killed cloud runs in a child process.
 */
import { spawn, type ChildProcess } from 'child_process'
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs'
import { tmpdir } from 'os'
import { join, resolve } from 'path'
import { openDatabase } from '../../local-cloud/db'
import { loadSdk, pointSdkAt, startDbCloud, TEST_MANIFEST, type WxDb } from './support/cloud'

jest.setTimeout(90_000)

const REPO = resolve(__dirname, '../..')
const dirs: string[] = []
const children: ChildProcess[] = []

function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'local-cloud-durability-'))
  dirs.push(dir)
  return dir
}

afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

/** Starts tests/local-cloud/support/serve.ts in a child process; resolves with its admin URL. */
function startChildCloud(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'support/serve.ts'), dataDir], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] })
  children.push(child)
  return new Promise((done, fail) => {
    let out = ''
    let err = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const found = /LOCAL_CLOUD_ADMIN_URL=(\S+)/.exec(out)
      if (found) done({ child, url: found[1] })
    })
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()))
    child.on('exit', (code) => fail(new Error(`child cloud exited (${code}) before it was ready: ${err}`)))
  })
}

function waitFor(condition: () => boolean): Promise<void> {
  return new Promise((done) => {
    const tick = (): void => (condition() ? done() : void setTimeout(tick, 5))
    tick()
  })
}

describe('restart', () => {
  it('keeps documents, Dates, updates, deletions and committed transactions; drops aborted ones', async () => {
    const dataDir = freshDir()
    const first = await startDbCloud({ dataDir })
    const db: WxDb = first.db
    const _ = db.command
    const due = new Date(Date.UTC(2024, 5, 1, 8, 30))
    await db.collection('todos').add({ data: { _id: 'kept', title: '保留', due, tags: ['a'] } })
    await db.collection('todos').add({ data: [{ _id: 'gone' }, { _id: 'edited', n: 1 }] })
    await db.collection('todos').doc('gone').remove()
    await db.collection('todos').doc('edited').update({ data: { n: _.inc(41), at: db.serverDate() } })
    await db.runTransaction(async (t: WxDb) => {
      await t.collection('accounts').add({ data: { _id: 'tx-a', v: 1 } })
      await t.collection('accounts').add({ data: { _id: 'tx-b', v: 2 } })
    })
    const open = await db.startTransaction()
    await open.collection('accounts').add({ data: { _id: 'tx-never' } })
    await open.rollback()
    const editedAt = (await db.collection('todos').doc('edited').get()).data.at
    await first.stop()

    const second = await startDbCloud({ dataDir })
    try {
      const again: WxDb = second.db
      const kept = (await again.collection('todos').doc('kept').get()).data
      expect(kept).toEqual({ _id: 'kept', title: '保留', due, tags: ['a'] })
      expect(kept.due).toBeInstanceOf(Date)
      expect((await again.collection('todos').where({ due: again.command.gte(new Date(Date.UTC(2024, 0, 1))) }).count()).total).toBe(1)
      await expect(again.collection('todos').doc('gone').get()).rejects.toMatchObject({ errMsg: expect.stringContaining('does not exist') })
      expect((await again.collection('todos').doc('edited').get()).data).toEqual({ _id: 'edited', n: 42, at: editedAt })
      expect((await again.collection('accounts').where({ _id: again.command.in(['tx-a', 'tx-b', 'tx-never']) }).orderBy('_id', 'asc').get()).data).toEqual([
        { _id: 'tx-a', v: 1 },
        { _id: 'tx-b', v: 2 },
      ])
    } finally {
      await second.stop()
    }
  })

  it('compacts on start: the snapshot holds everything and the journal starts empty', async () => {
    const dataDir = freshDir()
    const first = await startDbCloud({ dataDir })
    await first.db.collection('todos').add({ data: [{ _id: 'c1' }, { _id: 'c2' }] })
    await first.db.collection('todos').doc('c1').update({ data: { n: 1 } })
    expect(readFileSync(join(dataDir, 'db/journal.jsonl'), 'utf8').trim().split('\n')).toHaveLength(2)
    await first.stop()

    const second = await startDbCloud({ dataDir })
    await second.stop()
    expect(readFileSync(join(dataDir, 'db/journal.jsonl'), 'utf8')).toBe('')
    const snapshot = readFileSync(join(dataDir, 'db/snapshot.jsonl'), 'utf8').trim().split('\n')
    expect(snapshot.slice(1).map((line) => JSON.parse(line))).toEqual(
      expect.arrayContaining([
        { c: 'todos', d: { _id: 'c1', n: 1 } },
        { c: 'todos', d: { _id: 'c2' } },
      ]),
    )
  })
})

describe('kill -9', () => {
  it('keeps every write the SDK saw acknowledged, and each committed transaction whole', async () => {
    const dataDir = freshDir()
    const { child, url } = await startChildCloud(dataDir)
    pointSdkAt(url)
    // requests cut off by the kill would each leave the SDK's 3 s "slow request" timer behind
    process.env.SILENCE = 'true'
    const db: WxDb = loadSdk().database()
    const _ = db.command

    await db.collection('accounts').doc('from').set({ data: { balance: 1000 } })
    await db.collection('accounts').doc('to').set({ data: { balance: 0 } })
    const unfinished = await db.startTransaction()
    await unfinished.collection('accounts').doc('from').update({ data: { balance: 0 } })

    const acked: string[] = []
    const increments = [0, 0, 0, 0]
    let movedAcked = 0
    let killed = false
    const writer = async (w: number): Promise<void> => {
      await db.collection('accounts').doc(`counter-${w}`).set({ data: { n: 0 } })
      for (let i = 0; !killed; i++) {
        try {
          await db.collection('todos').add({ data: { _id: `w${w}-${i}`, at: db.serverDate(), i } })
          acked.push(`w${w}-${i}`)
          await db.collection('accounts').doc(`counter-${w}`).update({ data: { n: _.inc(1) } })
          increments[w]++
          if (w === 0) {
            await db.runTransaction(async (t: WxDb) => {
              await t.collection('accounts').doc('from').update({ data: { balance: _.inc(-1) } })
              await t.collection('accounts').doc('to').update({ data: { balance: _.inc(1) } })
            })
            movedAcked++
          }
        } catch {
          return
        }
      }
    }
    const writers = [0, 1, 2, 3].map(writer)
    await waitFor(() => acked.length >= 200)
    const exited = new Promise((done) => child.once('exit', done))
    child.kill('SIGKILL')
    killed = true
    await Promise.all(writers)
    await exited

    const restarted = await startDbCloud({ dataDir })
    try {
      const again: WxDb = restarted.db
      for (let from = 0; from < acked.length; from += 100) {
        const page = acked.slice(from, from + 100)
        const found = await again.collection('todos').where({ _id: again.command.in(page) }).limit(100).get()
        expect(found.data.map((d: { _id: string }) => d._id).sort()).toEqual(page.slice().sort())
        for (const doc of found.data) expect(doc.at).toBeInstanceOf(Date)
      }
      for (const w of [0, 1, 2, 3]) {
        const { n } = (await again.collection('accounts').doc(`counter-${w}`).get()).data
        // an increment may have reached the journal without its answer reaching us: never fewer, at most one more
        expect(n - increments[w]).toBeGreaterThanOrEqual(0)
        expect(n - increments[w]).toBeLessThanOrEqual(1)
      }
      const from = (await again.collection('accounts').doc('from').get()).data.balance
      const to = (await again.collection('accounts').doc('to').get()).data.balance
      expect(from + to).toBe(1000)
      expect(to - movedAcked).toBeGreaterThanOrEqual(0)
      expect(to - movedAcked).toBeLessThanOrEqual(1)
    } finally {
      delete process.env.SILENCE
      await restarted.cleanup()
    }
  })
})

describe('journal damage', () => {
  const open = (dataDir: string) => openDatabase({ dataDir, manifestDir: TEST_MANIFEST })
  const insert = (id: string) => ({ collectionName: 'todos', data: [JSON.stringify({ _id: id })] })

  it('drops a last line cut short by a crash (never acknowledged) and keeps the rest', async () => {
    const dataDir = freshDir()
    const engine = await open(dataDir)
    await engine.handle('database.insertDocument', insert('before-crash'))
    await engine.close()
    appendFileSync(join(dataDir, 'journal.jsonl'), '{"s":2,"o":[{"c":"todos","i":"half')

    const reopened = await open(dataDir)
    expect(reopened.loadReport.tornTail).toBe(true)
    expect(reopened.stats().todos).toBe(1)
    await reopened.close()
  })

  it('refuses to start on a damaged line in the middle of the journal', async () => {
    const dataDir = freshDir()
    const engine = await open(dataDir)
    await engine.handle('database.insertDocument', insert('one'))
    await engine.handle('database.insertDocument', insert('two'))
    await engine.close()
    const lines = readFileSync(join(dataDir, 'journal.jsonl'), 'utf8').split('\n')
    lines[0] = lines[0].slice(0, 10)
    writeFileSync(join(dataDir, 'journal.jsonl'), lines.join('\n'))
    await expect(open(dataDir)).rejects.toThrow(/corrupt journal line/)
  })
})
