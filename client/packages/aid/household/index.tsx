import { Picker, Text, View } from '@tarojs/components'
import Button from '../../../components/Button'
import Taro, { useRouter } from '@tarojs/taro'
import { useRef, useState } from 'react'
import type { AppErrorShape } from '../../../../shared/contract'
import { aidActions } from '../../../../shared/aid/actions'
import {
  hardshipCauseLabel,
  healthLabel,
  relationLabel,
  rigidCostLabel,
  schoolStageLabel,
  type HardshipCause,
  type Health,
  type HouseholdProfile,
  type Relation,
  type RigidCostKind,
  type SchoolStage,
} from '../../../../shared/aid/household'
import ActionView from '../../../components/ActionView'
import FieldError from '../../../components/FieldError'
import Check from '../../../components/form/Check'
import Choices, { optionsOf } from '../../../components/form/Choices'
import Field from '../../../components/form/Field'
import PageShell from '../../../components/PageShell'
import { useAction } from '../../../hooks/useAction'
import { useDraft } from '../../../hooks/useDraft'
import { call } from '../../../services/api'
import { showModal } from '../../../services/modal'
import { fenOf, textOf } from '../yuan'
import '../aid.scss'

interface MemberDraft {
  relation: Relation
  age: string
  school: SchoolStage
  health: Health
  income: string
  /** 配偶's ID number (optional); the saved one comes back masked and is kept when sent back unchanged */
  idNumber: string
}
interface HouseholdDraft {
  members: MemberDraft[]
  otherIncome: string
  rigid: Record<RigidCostKind, string>
  accident: string
  causes: HardshipCause[]
  isMigrant: boolean
  livesInCity: boolean
  employmentStart: string
}

const RIGID_KINDS: RigidCostKind[] = ['medical', 'disability', 'schooling', 'work']

function toDraft(p: HouseholdProfile | null): HouseholdDraft {
  const rigid: Record<RigidCostKind, string> = { medical: '', disability: '', schooling: '', work: '' }
  for (const c of p?.rigidCosts ?? []) rigid[c.kind] = textOf(c.annualFen)
  return {
    members: (p?.members ?? [{ relation: 'self', age: 0, school: 'none', health: 'healthy', monthlyIncomeFen: 0 }]).map((m) => ({
      relation: m.relation,
      age: p ? String(m.age) : '',
      school: m.school,
      health: m.health,
      income: textOf(m.monthlyIncomeFen),
      idNumber: m.idNumber ?? '',
    })),
    otherIncome: textOf(p?.otherAnnualIncomeFen ?? 0),
    rigid,
    accident: textOf(p?.accidentCostsFen ?? 0),
    causes: p?.causes ?? [],
    isMigrant: p?.worker.isMigrant ?? false,
    livesInCity: p?.worker.livesInCity ?? true,
    employmentStart: p?.worker.employmentStart ?? '',
  }
}

/** The draft as the action's input; a yuan amount or an age that cannot be read is named field by field. */
function toProfile(d: HouseholdDraft): { profile: HouseholdProfile } | { fields: Record<string, string> } {
  const fields: Record<string, string> = {}
  const money = (text: string, key: string): number => {
    const fen = fenOf(text)
    if (fen === null) fields[key] = '请填写金额，例如 3500 或 3500.50'
    return fen ?? 0
  }
  const members = d.members.map((m, i) => {
    const age = Number(m.age)
    if (!/^\d{1,3}$/.test(m.age.trim())) fields[`profile.members.${i}.age`] = '请填写年龄（整数）'
    const typedId = (m.idNumber ?? '').trim() // a draft kept from before the field has none
    const idNumber = m.relation === 'spouse' && typedId ? { idNumber: typedId } : {}
    return { relation: m.relation, age, school: m.school, health: m.health, monthlyIncomeFen: money(m.income, `profile.members.${i}.monthlyIncomeFen`), ...idNumber }
  })
  const profile: HouseholdProfile = {
    members,
    otherAnnualIncomeFen: money(d.otherIncome, 'profile.otherAnnualIncomeFen'),
    rigidCosts: RIGID_KINDS.map((kind) => ({ kind, annualFen: money(d.rigid[kind], `profile.rigidCosts.${kind}`) })).filter((c) => c.annualFen > 0),
    accidentCostsFen: money(d.accident, 'profile.accidentCostsFen'),
    causes: d.causes,
    worker: { isMigrant: d.isMigrant, livesInCity: d.livesInCity, employmentStart: d.isMigrant && d.employmentStart ? d.employmentStart : null },
  }
  return Object.keys(fields).length ? { fields } : { profile }
}

/** 家庭情况: entered once, reused by every application, confirmed again once a year. */
export default function HouseholdPage() {
  const { params } = useRouter()
  const proxyId = params.proxy ? decodeURIComponent(params.proxy) : undefined
  const saved = useAction(aidActions.getHousehold, proxyId ? { proxyId } : {})
  return (
    <PageShell title='家庭情况' back>
      <ActionView state={saved}>{(h) => <HouseholdForm initial={h.profile} proxyId={proxyId} />}</ActionView>
      {!proxyId && <SameHousehold />}
    </PageShell>
  )
}

function HouseholdForm({ initial, proxyId }: { initial: HouseholdProfile | null; proxyId?: string }) {
  const [draft, setDraft, clearDraft] = useDraft<HouseholdDraft>(`aid.household.${proxyId ?? 'self'}`, toDraft(initial))
  const [error, setError] = useState<AppErrorShape | null>(null)
  const [busy, setBusy] = useState(false)
  const sending = useRef(false)
  const fields = error?.fields
  const setMember = (i: number, change: Partial<MemberDraft>) => setDraft((d) => ({ ...d, members: d.members.map((m, k) => (k === i ? { ...m, ...change } : m)) }))

  async function save() {
    if (sending.current) return
    const parsed = toProfile(draft)
    if ('fields' in parsed) {
      setError({ code: 'INVALID_INPUT', message: '有几项没有填好，请看标红的地方', fields: parsed.fields })
      return
    }
    sending.current = true
    setBusy(true)
    const res = await call(aidActions.saveHousehold, { profile: parsed.profile, ...(proxyId ? { proxyId } : {}) })
    sending.current = false
    setBusy(false)
    if (!res.ok) return setError(res.error)
    clearDraft()
    setError(null)
    if (res.data.sameFamily) await showModal({ title: '家人已建立家庭档案', content: res.data.sameFamily, showCancel: false, confirmText: '知道了' })
    else await Taro.showToast({ title: '已保存', icon: 'success' })
    Taro.redirectTo({ url: `/packages/aid/check/index${proxyId ? `?proxy=${proxyId}` : ''}` })
  }

  return (
    <View>
      <Text className='aid__lead'>只填和帮扶有关的情况，不用填家人的姓名。金额按“元”填写，没有就空着。</Text>
      <View className='ght-card'>
        <Text className='aid__heading'>共同生活的家庭成员</Text>
        <FieldError fields={fields} name='profile.members' />
        {draft.members.map((m, i) => (
          <View key={i} className='aid__member'>
            <Choices<Relation> label={`第${i + 1}位：与本人的关系`} value={m.relation} options={optionsOf(relationLabel)} onChange={(relation) => setMember(i, { relation })} />
            <Field label='年龄' name={`profile.members.${i}.age`} type='number' value={m.age} onChange={(age) => setMember(i, { age })} fields={fields} placeholder='例如 45' maxlength={3} />
            <Choices<SchoolStage> label='在读学段' value={m.school} options={optionsOf(schoolStageLabel)} onChange={(school) => setMember(i, { school })} />
            <Choices<Health> label='健康状况' value={m.health} options={optionsOf(healthLabel)} onChange={(health) => setMember(i, { health })} />
            <Field label='每月到手收入（元）' name={`profile.members.${i}.monthlyIncomeFen`} type='digit' value={m.income} onChange={(income) => setMember(i, { income })} fields={fields} placeholder='没有收入就空着' maxlength={10} />
            {m.relation === 'spouse' && (
              <Field
                label='配偶身份证号（可不填）'
                name={`profile.members.${i}.idNumber`}
                type='idcard'
                value={m.idNumber ?? ''}
                onChange={(idNumber) => setMember(i, { idNumber })}
                fields={fields}
                hint='填了，夫妻各自填写的家庭情况会算作一户'
                maxlength={18}
              />
            )}
            {draft.members.length > 1 && (
              <Button className='ght-button' onClick={() => setDraft((d) => ({ ...d, members: d.members.filter((_, k) => k !== i) }))}>
                删除这位家庭成员
              </Button>
            )}
          </View>
        ))}
        {draft.members.length < 12 && (
          <Button className='ght-button' onClick={() => setDraft((d) => ({ ...d, members: [...d.members, { relation: 'child', age: '', school: 'none', health: 'healthy', income: '', idNumber: '' }] }))}>
            ＋ 添加家庭成员
          </Button>
        )}
      </View>

      <View className='ght-card'>
        <Text className='aid__heading'>收入和支出（每年）</Text>
        <Field label='其他收入（元/年）' name='profile.otherAnnualIncomeFen' type='digit' value={draft.otherIncome} onChange={(otherIncome) => setDraft((d) => ({ ...d, otherIncome }))} fields={fields} hint='如房租、补贴、养老金等' maxlength={10} />
        <Text className='aid__sub'>刚性支出（元/年）</Text>
        <Text className='aid__weak'>看病、上学这类省不下来的钱，会先从收入里扣掉再算。</Text>
        {RIGID_KINDS.map((kind) => (
          <Field
            key={kind}
            label={rigidCostLabel[kind]}
            name={`profile.rigidCosts.${kind}`}
            type='digit'
            value={draft.rigid[kind]}
            onChange={(v) => setDraft((d) => ({ ...d, rigid: { ...d.rigid, [kind]: v } }))}
            fields={fields}
            maxlength={10}
          />
        ))}
        <Field
          label='近一年意外、突发事件或重病的支出（元）'
          name='profile.accidentCostsFen'
          type='digit'
          value={draft.accident}
          onChange={(accident) => setDraft((d) => ({ ...d, accident }))}
          fields={fields}
          hint='扣除保险、赔偿和其他救助后自己花的钱'
          maxlength={10}
        />
      </View>

      <View className='ght-card'>
        <Text className='aid__heading'>致困原因（可多选）</Text>
        {optionsOf(hardshipCauseLabel).map((c) => (
          <Check
            key={c.value}
            checked={draft.causes.includes(c.value)}
            onChange={(on) => setDraft((d) => ({ ...d, causes: on ? [...d.causes, c.value].slice(0, 5) : d.causes.filter((x) => x !== c.value) }))}
          >
            <Text>{c.label}</Text>
          </Check>
        ))}
        <FieldError fields={fields} name='profile.causes' />
      </View>

      <View className='ght-card'>
        <Text className='aid__heading'>工作情况</Text>
        <Check checked={draft.isMigrant} onChange={(isMigrant) => setDraft((d) => ({ ...d, isMigrant }))}>
          <Text>我是农民工（农村户口，在城里务工）</Text>
        </Check>
        {draft.isMigrant && (
          <View>
            <Check checked={draft.livesInCity} onChange={(livesInCity) => setDraft((d) => ({ ...d, livesInCity }))}>
              <Text>我长期在城里务工、居住</Text>
            </Check>
            <Text className='ght-form__label'>在现在的单位开始工作的日期</Text>
            <Picker mode='date' value={draft.employmentStart || '2024-01-01'} end={new Date().toISOString().slice(0, 10)} onChange={(e) => setDraft((d) => ({ ...d, employmentStart: String(e.detail.value) }))}>
              <View className='ght-form__input'>
                <Text>{draft.employmentStart || '请选择日期'}</Text>
              </View>
            </Picker>
            <FieldError fields={fields} name='profile.worker.employmentStart' />
          </View>
        )}
      </View>

      {error && <Text className='aid__error'>{error.message}</Text>}
      <View className='aid__actions'>
        <Button className='ght-button ght-button--primary' onClick={save} disabled={busy}>
          {busy ? '正在保存…' : '保存并测算'}
        </Button>
        <Text className='aid__weak'>保存就算确认了一次家庭情况；家里情况有变化时请及时修改。</Text>
      </View>
    </View>
  )
}

/**
 * 家人同户: spouses are one household (once-per-household aid counts for the family). The person who
 * filled in the household invites; the other adult types the code.
 */
function SameHousehold() {
  const [invite, setInvite] = useState<{ code: string; expiresAt: Date } | null>(null)
  const [code, setCode] = useState('')
  const [done, setDone] = useState('')
  const [error, setError] = useState<AppErrorShape | null>(null)
  async function makeInvite() {
    const res = await call(aidActions.inviteToHousehold, {})
    if (!res.ok) return setError(res.error)
    setError(null)
    setInvite(res.data)
  }
  async function join() {
    const res = await call(aidActions.joinHousehold, { code })
    if (!res.ok) return setError(res.error)
    setError(null)
    setDone('已加入家人的户：家庭情况和帮扶记录按一户计算')
  }
  return (
    <View className='ght-card'>
      <Text className='aid__sub'>家人同户</Text>
      <Text className='aid__weak'>夫妻等共同生活的成年家人算一户，每户每年的帮扶按一户计算。由先填写家庭情况的人邀请，家人输入邀请码加入。</Text>
      {invite ? (
        <Text className='aid__big'>邀请码：{invite.code}（7天内有效）</Text>
      ) : (
        <Button className='ght-button' onClick={makeInvite}>
          邀请家人加入本户
        </Button>
      )}
      <Field label='家人给的邀请码' name='code' value={code} onChange={setCode} fields={error?.fields} placeholder='6位字母或数字' maxlength={6} />
      <Button className='ght-button' onClick={join}>
        加入家人的户
      </Button>
      {done && <Text className='aid__ok'>{done}</Text>}
      {error && !error.fields && <Text className='aid__error'>{error.message}</Text>}
    </View>
  )
}
