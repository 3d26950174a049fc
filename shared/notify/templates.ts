import { z } from 'zod'
import { formatField, type FieldInput, type WeChatFieldType } from './fields'

/**
 * Logical subscribe-message templates. Titles and field keys mirror the templates picked in the
 * mini-program admin (公共模板库); the real template ids are configuration (server/notify/config.ts),
 * never code. If a picked template numbers its fields differently (thing2 instead of thing1),
 * change the `key` here: it is data, not logic.
 * Nothing sensitive goes into any field (domain.md §B1, §B11): no ID numbers, illnesses or aid amounts.
 */
export interface FieldDef {
  /** the key in WeChat's `data`, e.g. thing1 */
  readonly key: string
  readonly type: WeChatFieldType
  /** the field's name as shown in the template, for people reading the configuration */
  readonly label: string
}
export interface TemplateDef {
  /** 模板标题 */
  readonly title: string
  readonly fields: Readonly<Record<string, FieldDef>>
}

export const templates = {
  /** 待审批提醒: to every reviewer of the current step, and again when the item is overdue */
  reviewTodo: {
    title: '待审批提醒',
    fields: {
      kind: { key: 'thing1', type: 'thing', label: '申请类型' },
      applicant: { key: 'name2', type: 'name', label: '申请人' },
      submittedAt: { key: 'time3', type: 'time', label: '提交时间' },
      status: { key: 'phrase4', type: 'phrase', label: '状态' },
    },
  },
  /** 审批结果通知: to the applicant after approve / reject / return */
  reviewResult: {
    title: '审批结果通知',
    fields: {
      kind: { key: 'thing1', type: 'thing', label: '申请类型' },
      result: { key: 'phrase2', type: 'phrase', label: '审批结果' },
      remark: { key: 'thing3', type: 'thing', label: '备注' },
      decidedAt: { key: 'time4', type: 'time', label: '处理时间' },
    },
  },
  /** 活动变更通知: time, place or cancellation of an event someone signed up for */
  eventChange: {
    title: '活动变更通知',
    fields: {
      event: { key: 'thing1', type: 'thing', label: '活动名称' },
      change: { key: 'phrase2', type: 'phrase', label: '变更类型' },
      startAt: { key: 'time3', type: 'time', label: '活动时间' },
      place: { key: 'thing4', type: 'thing', label: '活动地点' },
      remark: { key: 'thing5', type: 'thing', label: '备注' },
    },
  },
  /** 报名结果通知: a waitlisted sign-up got a seat (候补成功), or an organiser changed a sign-up */
  eventSignup: {
    title: '报名结果通知',
    fields: {
      event: { key: 'thing1', type: 'thing', label: '活动名称' },
      result: { key: 'phrase2', type: 'phrase', label: '报名结果' },
      startAt: { key: 'time3', type: 'time', label: '活动时间' },
      remark: { key: 'thing4', type: 'thing', label: '备注' },
    },
  },
  /** 活动开始提醒 */
  eventReminder: {
    title: '活动开始提醒',
    fields: {
      event: { key: 'thing1', type: 'thing', label: '活动名称' },
      startAt: { key: 'time2', type: 'time', label: '开始时间' },
      place: { key: 'thing3', type: 'thing', label: '活动地点' },
      remark: { key: 'thing4', type: 'thing', label: '温馨提示' },
    },
  },
  /** 申请进度通知 for aid: neutral words only, never the amount or the illness */
  aidProgress: {
    title: '申请进度通知',
    fields: {
      scheme: { key: 'thing1', type: 'thing', label: '申请项目' },
      status: { key: 'phrase2', type: 'phrase', label: '当前进度' },
      remark: { key: 'thing3', type: 'thing', label: '说明' },
      updatedAt: { key: 'time4', type: 'time', label: '更新时间' },
    },
  },
} as const satisfies Record<string, TemplateDef>

export const TEMPLATE_KEYS = ['reviewTodo', 'reviewResult', 'eventSignup', 'eventChange', 'eventReminder', 'aidProgress'] as const satisfies ReadonlyArray<
  keyof typeof templates
>
export const TemplateKey = z.enum(TEMPLATE_KEYS)
export type TemplateKey = z.infer<typeof TemplateKey>
// compile-time check: every declared template is listed in TEMPLATE_KEYS
type UnlistedTemplate = Exclude<keyof typeof templates, TemplateKey>
export const allTemplatesListed: [UnlistedTemplate] extends [never] ? true : never = true

type Fields<K extends TemplateKey> = (typeof templates)[K]['fields']
type TypeOfField<D> = D extends { readonly type: infer T extends WeChatFieldType } ? T : never

/** What `enqueue` takes for a template: one value per field, typed by the field's WeChat type. */
export type TemplateData<K extends TemplateKey> = { [F in keyof Fields<K>]: FieldInput<TypeOfField<Fields<K>[F]>> }

/** WeChat's `data`: `{ thing1: { value: '入会申请' }, … }`. */
export type WeChatData = Record<string, { value: string }>
export const WeChatData = z.record(z.string(), z.object({ value: z.string() }))

/** Formats every field of a template by its type (truncation, phrase check, time format). */
export function formatTemplateData<K extends TemplateKey>(template: K, data: TemplateData<K>): WeChatData {
  const fields: Readonly<Record<string, FieldDef>> = templates[template].fields
  const values: Record<string, string | number | Date> = data
  const out: WeChatData = {}
  for (const [name, def] of Object.entries(fields)) {
    const value = values[name]
    if (value === undefined) throw new Error(`template ${template} needs field "${name}"`)
    out[def.key] = { value: formatField(def.type, value) }
  }
  return out
}

/** The WeChat type of each data key of a template (to check what was sent). */
export function fieldTypesOf(template: TemplateKey): Record<string, WeChatFieldType> {
  const fields: Readonly<Record<string, FieldDef>> = templates[template].fields
  return Object.fromEntries(Object.values(fields).map((f) => [f.key, f.type]))
}
