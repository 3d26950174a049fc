import { z } from 'zod'
import { inChina } from '../../shared/date'
import { seed as coreSeed } from '../../local-cloud/seed/core'
import { DEMO_BUDGET_FEN, seed as aidSeed } from '../../local-cloud/seed/aid'
import { startTestCloud, type TestCloud } from '../helpers/localCloud'
import { adminDb } from './adminDb'

/**
 * 资金核对 (server/aid/fundRepair.ts): an approval takes its share of the fund before its transaction; a
 * function that dies in between leaves the share taken with no ledger line. The daily timer sets the fund
 * back to what its ledger adds up to, once nothing has touched it for a while, and writes the correction.
 */
jest.setTimeout(60_000)

const FUND = `u-district-${inChina(new Date()).year()}`
let cloud: TestCloud
beforeAll(async () => {
  cloud = await startTestCloud()
  await cloud.db.seed(coreSeed)
  await cloud.db.seed(aidSeed)
  // one approval went through: its commit line is on the ledger
  await cloud.db.seed({
    aid_fund_moves: [
      { _id: 'move-ok', fundId: FUND, at: new Date(), kind: 'commit', amountFen: 300_000, applicationId: 'a-ok', actorOpenid: 'demo-staff', note: '生活救助', budgetFen: DEMO_BUDGET_FEN, committedFen: 300_000, paidFen: 0 },
    ],
  })
}, 60_000)
afterAll(() => cloud.cleanup())

const Fund = z.object({ committedFen: z.number(), availableFen: z.number() })
const fund = async () => Fund.parse((await adminDb().find('aid_funds', { _id: FUND }))[0])
/** the fund as a crashed approval leaves it: the good commit plus a share of 200,000 fen with no ledger line */
const crashed = (updatedAt: Date) =>
  adminDb().db.collection('aid_funds').doc(FUND).update({ data: { committedFen: 500_000, availableFen: DEMO_BUDGET_FEN - 500_000, updatedAt } })
const daily = () => cloud.invokeTimer('aid', 'aidDaily')

test('a share a failed approval left taken goes back to the fund once the fund stood still; the ledger says so', async () => {
  // touched a moment ago: an approval may be on its way, so nothing changes
  await crashed(new Date())
  await daily()
  expect(await fund()).toEqual({ committedFen: 500_000, availableFen: DEMO_BUDGET_FEN - 500_000 })

  await crashed(new Date(Date.now() - 60 * 60_000))
  await daily()
  expect(await fund()).toEqual({ committedFen: 300_000, availableFen: DEMO_BUDGET_FEN - 300_000 })
  const corrections = await adminDb().find('aid_fund_moves', { fundId: FUND, kind: 'correct' })
  expect(corrections).toEqual([expect.objectContaining({ amountFen: 200_000, committedFen: 300_000, note: '核对：一次未完成的审批占用了2,000元，已退回资金' })])

  // the ledger and the fund agree now: a second run changes nothing
  await daily()
  expect(await adminDb().count('aid_fund_moves', { fundId: FUND, kind: 'correct' })).toBe(1)
})
