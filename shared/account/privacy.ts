import { z } from 'zod'
import { ConsentPurpose, type ConsentPurpose as Purpose } from '../privacy/consent'

/**
 * 隐私与授权 (PIPL Art. 15, 44, 47): the consents a person gave, each withdrawable, and who looked at
 * her sensitive data. Views only: no openid of anyone, no value of any sensitive field.
 */

/** What each consent is for, in the words the list shows. */
export const consentPurposeUse: Record<Purpose, string> = {
  privacy_policy: '使用工会通办理入会、活动报名、帮扶等事项，处理您填写的基本信息',
  id_number: '入会、转会时核实您的身份（身份证号加密保存）',
  sensitive_aid: '帮扶和金秋助学申请中的收入、病情、银行卡等敏感信息',
  guardian_minor: '为未满14周岁的孩子申请金秋助学时，处理孩子的信息',
  proxy_filing: '由工会干部替您填写并提交帮扶申请',
}

/** What withdrawing does, said plainly before the person confirms. */
export const consentWithdrawEffect: Record<Purpose, string> = {
  privacy_policy: '撤回后，您不能再修改个人信息、申请入会或转会，直到重新同意。已有的会籍和已办结的记录按规定保存。',
  id_number: '撤回后，您个人信息里的身份证号会立即删除，以后申请入会、转会需要重新授权并填写。已办结的申请按规定保存其中的记录。',
  sensitive_aid: '撤回后，不能再提交或修改帮扶、助学申请，直到重新同意。正在办理的申请可以在“我的申请”里撤回；已办结的记录按规定保存。',
  guardian_minor: '撤回后，不能再为未满14周岁的孩子提交助学申请，直到重新同意。已办结的记录按规定保存。',
  proxy_filing: '撤回后，这位工会干部立即不能再查看您的家庭情况，也不能再替您提交或修改申请。已提交的申请仍由您本人处理。',
}

export const ConsentItem = z.object({
  /** the consent record in force (random id) */
  id: z.string(),
  purpose: ConsentPurpose,
  label: z.string(),
  use: z.string(),
  /** 代办: the cadre it was given to, masked (张*) and the union */
  to: z.string().nullable(),
  version: z.string(),
  grantedAt: z.coerce.date(),
  withdrawn: z.boolean(),
  withdrawnAt: z.coerce.date().nullable(),
  withdrawEffect: z.string(),
})
export type ConsentItem = z.infer<typeof ConsentItem>

export const MyConsentsInput = z.object({})
export const MyConsentsOutput = z.object({ items: z.array(ConsentItem) })

export const WithdrawConsentInput = z.object({
  consentId: z.string({ error: '请选择要撤回的授权' }).trim().regex(/^[A-Za-z0-9_-]{1,64}$/, '请选择要撤回的授权'),
  confirm: z.literal(true, { error: '请确认撤回' }),
})
export const WithdrawConsentOutput = z.object({ item: ConsentItem, message: z.string() })

export const AccessEntry = z.object({
  id: z.string(),
  at: z.coerce.date(),
  /** 北京某建筑工程有限公司工会 工会主席 张* — never an openid */
  who: z.string(),
  /** 身份证号, 银行卡号, 申请材料 … */
  what: z.string(),
  /** the request it was for: 入会申请, 困难帮扶申请 … */
  context: z.string(),
})
export type AccessEntry = z.infer<typeof AccessEntry>

export const MyAccessLogInput = z.object({
  /** range cursor: entries strictly before this time */
  before: z.coerce.date().optional(),
  limit: z.number().int().min(1).max(50).default(20),
})
export const MyAccessLogOutput = z.object({ items: z.array(AccessEntry), nextBefore: z.coerce.date().nullable() })
