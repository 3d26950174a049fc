import { z } from 'zod'
import { AID_CONSENT_VERSION } from '../../shared/aid/consent'
import type { AidConfigBody } from '../../shared/aid/config'
import { envelopeOf } from '../../shared/contract'
import { inChina } from '../../shared/date'
import { idCheckChar } from '../../shared/privacy/idNumber'
import { luhnCheckDigit } from '../../shared/privacy/bankCard'
import { demoAidConfig } from '../../local-cloud/seed/aid'
import type { LocalCloud } from '../../local-cloud'
import { aidPeopleSeed } from './aidPeople'

/**
 * 50 workers of one unit, each with a filed 生活救助 application waiting at the chair's desk, and a
 * fund with room for exactly `room` of them: the scene of the racing approvals (issue 13), shared by
 * tests/functions/aid.test.ts and bench/aid-approvals.ts. Everything after the seed goes through the
 * compiled functions, as phones would.
 */

export const RACE_CHAIR = 'race-chair'
/** 生活救助, 深度困难: 6 months of the demo 低保 (1,450元) */
export const RACE_AMOUNT = 6 * 145_000
const RACE_PATH = ['u-race', 'u-race-unit']

const id18 = (body17: string) => body17 + idCheckChar(body17)
const card = (body: string) => body + luhnCheckDigit(body)
const Filed = envelopeOf(z.object({ applicationId: z.string(), requestId: z.string() }))
const Seen = envelopeOf(z.object({ request: z.object({ version: z.number() }) }))
const Saved = envelopeOf(z.unknown())

export interface AidRace {
  fundId: string
  requests: string[]
  applications: string[]
  /** the version each request is at, as the chair saw it */
  versions: number[]
}

export async function stageAidRace(cloud: Pick<LocalCloud, 'db' | 'invoke'>, opts: { workers?: number; room?: number } = {}): Promise<AidRace> {
  const count = opts.workers ?? 50
  const room = opts.room ?? 10
  const year = inChina(new Date()).year()
  const workers = Array.from({ length: count }, (_, i) => `race-w-${String(i).padStart(2, '0')}`)
  const idOf = (i: number) => id18(`110105198001${String(10_000 + i).slice(-5)}`)
  const living = demoAidConfig.schemes.find((s) => s.code === 'living')
  if (!living) throw new Error('demo config lacks 生活救助')
  const config: AidConfigBody = {
    ...demoAidConfig,
    schemes: [{ ...living, documents: [], noticeWorkingDays: 0, chain: [{ at: 'grassroots', roles: ['chair'], label: '基层工会审批', homeVisit: false }] }],
  }
  const role = (openid: string, r: string) => ({ _id: `r-${openid}-u-race-unit-${r}`, openid, unionId: 'u-race-unit', role: r, unionPath: RACE_PATH, grantedAt: new Date(), grantedBy: 'test' })
  const people = aidPeopleSeed(workers.map((w, i) => ({ openid: w, name: '测试职工', idNumber: idOf(i) })))
  await cloud.db.seed({
    unions: [
      { _id: 'u-race', name: '测试区总工会', level: 'federation', parentId: null, path: ['u-race'], region: '北京市朝阳区', employer: '', acceptsGigWorkers: false, inviteCode: 'RACE22' },
      { _id: 'u-race-unit', name: '测试单位工会', level: 'grassroots', parentId: 'u-race', path: RACE_PATH, region: '北京市朝阳区', employer: '测试单位', acceptsGigWorkers: false, inviteCode: 'RACE23' },
    ],
    roles: [role(RACE_CHAIR, 'chair'), ...workers.map((w) => role(w, 'member'))],
    users: [{ _id: RACE_CHAIR, openid: RACE_CHAIR, nickName: '测试主席', createdAt: new Date(), updatedAt: new Date() }],
    aid_config: [{ _id: 'u-race', federationId: 'u-race', ...config, version: 1, updatedAt: new Date(), updatedBy: 'test' }],
    aid_funds: [{ _id: `u-race-${year}`, federationId: 'u-race', year, budgetFen: room * RACE_AMOUNT, committedFen: 0, paidFen: 0, availableFen: room * RACE_AMOUNT, updatedAt: new Date() }],
    member_profiles: people.member_profiles,
    consents: [
      ...people.consents,
      ...workers.map((w) => ({ _id: `c-aid-${w}`, openid: w, purpose: 'sensitive_aid', version: AID_CONSENT_VERSION, grantedAt: new Date(), onBehalfOf: null, withdrawn: false, recordedBy: w })),
    ],
  })
  const requests: string[] = []
  const applications: string[] = []
  for (const [i, w] of workers.entries()) {
    const saved = Saved.parse(
      await cloud.invoke('aid', { action: 'saveHousehold', input: { profile: { members: [{ relation: 'self', age: 40, health: 'serious', monthlyIncomeFen: 50_000 }], causes: ['illness'] } } }, { openid: w }),
    )
    if (!saved.ok) throw new Error(`saveHousehold for ${w}: ${saved.error.message}`)
    const filed = Filed.parse(
      await cloud.invoke(
        'aid',
        {
          action: 'submitApplication',
          input: {
            draftId: `race-${i}-0001`,
            scheme: 'living',
            applicant: { phone: '13700137000', bankName: '中国农业银行测试支行', bankCard: card(`62284800${String(1_000_000_000 + i)}`) },
            statement: '本人重病住院，家庭收入很低，生活困难。',
            documents: [],
          },
        },
        { openid: w },
      ),
    )
    if (!filed.ok) throw new Error(`submitApplication for ${w}: ${filed.error.message}`)
    requests.push(filed.data.requestId)
    applications.push(filed.data.applicationId)
  }
  const versions: number[] = []
  for (const requestId of requests) {
    const seen = Seen.parse(await cloud.invoke('review', { action: 'getRequest', input: { requestId } }, { openid: RACE_CHAIR }))
    if (!seen.ok) throw new Error(`getRequest ${requestId}: ${seen.error.message}`)
    versions.push(seen.data.request.version)
  }
  return { fundId: `u-race-${year}`, requests, applications, versions }
}
