import type { AidConfigBody, AidConfigDoc, ChainStepConfig, DocumentItem } from '../../shared/aid/config'
import type { FundDoc, FundMoveDoc, HouseholdDoc } from '../../shared/aid/records'
import { inChina } from '../../shared/date'
import { sealHousehold } from '../../server/aid/sealed'
import { withLocalPrivacyKeys } from '../../server/privacy/devEnv'

/**
 * 朝阳区总工会's aid configuration as DATA (domain.md A7–A12). Every figure here is a demo value
 * a federation replaces with its own published standard; the rules only read it.
 */

const doc = (code: string, label: string, required: boolean, hint = ''): DocumentItem => ({ code, label, required, hint })

/** 基层工会初审（入户调查） → 街道工会联合会审批 (domain.md A9). */
const chain = (homeVisit: boolean): ChainStepConfig[] => [
  { at: 'grassroots', roles: ['chair', 'vice_chair'], label: homeVisit ? '基层工会初审（入户调查）' : '基层工会初审', homeVisit },
  { at: 'street', roles: ['staff'], label: '工会联合会审批', homeVisit: false },
]

export const demoAidConfig: AidConfigBody = {
  // 北京市 2024 standard is 1,450 yuan per person per month; kept as a demo value to be confirmed locally.
  dibao: [{ region: '北京市朝阳区', monthlyFen: 145_000, isDemoValue: true }],
  migrantMinEmploymentMonths: 12,
  // demo list: the federation enters each year's 法定节假日
  holidays: ['2026-01-01', '2026-01-02', '2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07', '2027-01-01'],
  schemes: [
    {
      code: 'living',
      enabled: true,
      window: null,
      eligibility: { levels: ['deep', 'relative', 'accident'], onFileQualifies: false, requiresFile: false },
      // Hubei-style: deep 6 / relative 4 / accident 4 months of 低保; at most 12 months a year (全总 2015)
      amount: { type: 'monthsOfDibao', months: { deep: 6, relative: 4, accident: 4 } },
      capMonthsOfDibao: 12,
      exclusiveGroup: 'hardship',
      documents: [
        doc('idCard', '申请人身份证正反面', true),
        doc('hukou', '户口簿首页和本人页', true),
        doc('incomeProof', '收入证明或近一年工资流水', true, '没有收入的请上传失业证明'),
        doc('hardshipProof', '致困证明', false, '低保证、残疾证、事故或灾害证明等'),
        doc('employmentProof', '劳动合同或事实劳动关系证明', false, '农民工需上传，工会盖章'),
      ],
      chain: chain(true),
      noticeWorkingDays: 5,
    },
    {
      code: 'medical',
      enabled: true,
      window: null,
      eligibility: { levels: ['deep', 'relative', 'accident'], onFileQualifies: false, requiresFile: false },
      amount: { type: 'shareOfCosts', percent: { deep: 100, relative: 80, accident: 80 }, capFen: 2_000_000 },
      capMonthsOfDibao: null,
      exclusiveGroup: 'hardship',
      documents: [
        doc('idCard', '申请人身份证正反面', true),
        doc('diagnosis', '二级及以上医院诊断证明', true),
        doc('receipts', '近一年自付医疗费用票据', true),
        doc('incomeProof', '收入证明或近一年工资流水', false),
      ],
      chain: chain(true),
      noticeWorkingDays: 5,
    },
    {
      code: 'school',
      enabled: true,
      // Tianmen 2024: apply to the unit union by 27 August
      window: { start: '07-01', end: '08-27' },
      eligibility: { levels: ['deep', 'relative', 'accident'], onFileQualifies: true, requiresFile: false },
      amount: { type: 'byEducation', onFile: { college: 500_000, highSchool: 300_000 }, notOnFile: { college: 400_000, highSchool: 200_000 } },
      // 助学 ≤ 10 months of 低保 per student per year (全总 2015)
      capMonthsOfDibao: 10,
      exclusiveGroup: null,
      documents: [
        doc('admissionLetter', '录取通知书或学生证', true, '新生上传录取通知书，在校生上传学生证'),
        doc('idCard', '申请人身份证正反面', false),
        doc('hukou', '户口簿（含孩子那一页）', false),
        doc('tuitionReceipt', '学费票据', false),
      ],
      chain: chain(true),
      noticeWorkingDays: 5,
    },
    {
      code: 'warmth',
      enabled: true,
      window: { start: '12-15', end: '02-15' },
      eligibility: { levels: ['deep', 'relative', 'accident'], onFileQualifies: true, requiresFile: true },
      amount: { type: 'fixed', amountFen: 150_000 },
      capMonthsOfDibao: null,
      exclusiveGroup: null,
      documents: [doc('idCard', '申请人身份证正反面', false)],
      chain: chain(false),
      noticeWorkingDays: 5,
    },
  ],
}

const SEEDED_AT = new Date('2026-01-05T01:00:00Z')

const aid_config: AidConfigDoc[] = [
  { _id: 'u-district', federationId: 'u-district', ...demoAidConfig, version: 1, updatedAt: SEEDED_AT, updatedBy: 'seed' },
]

/** This year's fund of 朝阳区总工会 (the demo runs in whatever year it is). */
const year = inChina(new Date()).year()
export const DEMO_BUDGET_FEN = 50_000_000
const fundId = `u-district-${year}`
const aid_funds: FundDoc[] = [
  { _id: fundId, federationId: 'u-district', year, budgetFen: DEMO_BUDGET_FEN, committedFen: 0, paidFen: 0, availableFen: DEMO_BUDGET_FEN, updatedAt: SEEDED_AT },
]
const aid_fund_moves: FundMoveDoc[] = [
  {
    _id: `${fundId}-budget`,
    fundId,
    at: SEEDED_AT,
    kind: 'budget',
    amountFen: DEMO_BUDGET_FEN,
    applicationId: '',
    actorOpenid: 'seed',
    note: '年度帮扶资金预算（演示数据）',
    budgetFen: DEMO_BUDGET_FEN,
    committedFen: 0,
    paidFen: 0,
  },
]

/**
 * 李强's household: he, his wife (chronic illness), a son starting university and a daughter in high school.
 * (4,500 + 1,200) × 12 − 27,000 rigid costs = 41,400 a year → 862.50 per person per month: below 低保.
 */
export const households: HouseholdDoc[] = [
  {
    _id: 'demo-migrant',
    ownerOpenid: 'demo-migrant',
    profile: {
      members: [
        { relation: 'self', age: 46, school: 'none', health: 'healthy', monthlyIncomeFen: 450_000 },
        { relation: 'spouse', age: 44, school: 'none', health: 'chronic', monthlyIncomeFen: 120_000 },
        { relation: 'child', age: 18, school: 'undergraduate', health: 'healthy', monthlyIncomeFen: 0 },
        { relation: 'child', age: 15, school: 'highSchool', health: 'healthy', monthlyIncomeFen: 0 },
      ],
      otherAnnualIncomeFen: 0,
      rigidCosts: [
        { kind: 'medical', annualFen: 1_200_000 },
        { kind: 'schooling', annualFen: 1_500_000 },
      ],
      accidentCostsFen: 0,
      causes: ['illness', 'schooling'],
      worker: { isMigrant: true, livesInCity: true, employmentStart: '2022-03-01' },
    },
    confirmedAt: inChina(new Date()).subtract(2, 'month').toDate(),
    updatedAt: inChina(new Date()).subtract(2, 'month').toDate(),
    enteredBy: '',
    householdKey: null,
    ownerKey: null,
    memberKeys: [],
    memberIds: [],
  },
]

/** stored as the aid function stores it: the profile sealed (server/aid/sealed.ts) */
const aid_households = households.map((h) => ({ _id: h._id, ...withLocalPrivacyKeys(() => sealHousehold(h)) }))

export const seed = { aid_config, aid_funds, aid_fund_moves, aid_households }
