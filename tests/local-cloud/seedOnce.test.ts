import { mkdtempSync, rmSync } from 'fs'
import { tmpdir } from 'os'
import { join } from 'path'
import { z } from 'zod'
import { startLocalCloud, type LocalCloud } from '../../local-cloud'

const FIXTURES = join(__dirname, '../fixtures/functions')
const ReadUser = z.object({ ok: z.literal(true), data: z.object({ nickName: z.string() }) })

async function nickNameOf(cloud: LocalCloud, openid: string): Promise<string> {
  return ReadUser.parse(await cloud.invoke('guarded', { action: 'readUser', input: { openid } }, { openid: 'demo-staff' })).data.nickName
}

describe('the demo seed', () => {
  it('is loaded into an empty data directory only, so a restart keeps what people changed', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'local-cloud-seed-once-'))
    try {
      const first = await startLocalCloud({ dataDir, port: 0, seed: true, functionsDir: FIXTURES })
      expect(await nickNameOf(first, 'demo-worker')).toBe('王芳')
      await first.db.seed({ users: [{ _id: 'demo-worker', openid: 'demo-worker', nickName: '王芳（已改名）', createdAt: new Date(), updatedAt: new Date() }] })
      await first.stop()

      const second = await startLocalCloud({ dataDir, port: 0, seed: true, functionsDir: FIXTURES })
      try {
        expect(await nickNameOf(second, 'demo-worker')).toBe('王芳（已改名）')
      } finally {
        await second.stop()
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})
