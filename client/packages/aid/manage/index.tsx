import { Text, View } from '@tarojs/components'
import Button from '../../../components/Button'
import { useState } from 'react'
import type { AppErrorShape } from '../../../../shared/contract'
import { accountActions, type GrantView } from '../../../../shared/account'
import { aidActions } from '../../../../shared/aid/actions'
import { schemeLabel, type AidConfigBody, type AmountRule, type SchemeConfig } from '../../../../shared/aid/config'
import { formatYuan } from '../../../../shared/aid/money'
import { windowText } from '../../../../shared/aid/window'
import { formatDate, inChina } from '../../../../shared/date'
import ActionView from '../../../components/ActionView'
import EmptyState from '../../../components/EmptyState'
import Check from '../../../components/form/Check'
import Choices from '../../../components/form/Choices'
import DateField from '../../../components/form/DateField'
import Field from '../../../components/form/Field'
import PageShell from '../../../components/PageShell'
import { useAction } from '../../../hooks/useAction'
import { call } from '../../../services/api'
import { openPage } from '../../../services/navigation'
import { fenOf, textOf } from '../yuan'
import '../aid.scss'

/** 帮扶管理: 待发放, the fund ledger and the scheme configuration for federation staff; totals for chairs too. */
export default function ManagePage() {
  const me = useAction(accountActions.whoami, {})
  return (
    <PageShell title='帮扶管理' back>
      <ActionView state={me}>
        {(who) => {
          const staff = who.grants.some((g) => g.role === 'staff')
          const totalsOf = who.grants.filter((g) => g.role === 'staff' || g.role === 'chair' || g.role === 'vice_chair')
          return (
            <View>
              {staff && <ForPayment />}
              {totalsOf.length > 0 && <Totals grants={totalsOf} />}
              {staff && <Ledger />}
              {staff && <Config />}
            </View>
          )
        }}
      </ActionView>
    </PageShell>
  )
}

const thisYear = () => inChina(new Date()).year()

function ForPayment() {
  const list = useAction(aidActions.listForPayment, {})
  return (
    <View className='ght-card'>
      <Text className='aid__heading'>公示期满，待发放</Text>
      <ActionView state={list} isEmpty={(d) => d.items.length === 0} empty={<EmptyState title='没有待发放的帮扶' message='公示期满的帮扶会出现在这里，等您登记发放' />}>
        {(d) => (
          <View>
            {d.items.map((item) => (
              <View key={item.id} className='aid__row' role='link' onClick={() => openPage(`/packages/aid/detail/index?id=${item.id}`)}>
                <View className='aid__row-main'>
                  <Text className='aid__line'>
                    {item.maskedName} · {item.title}
                  </Text>
                  <Text className='aid__weak'>{item.unionName}</Text>
                </View>
                <Text className='aid__tag'>{item.amountFen !== null ? formatYuan(item.amountFen) : ''}</Text>
              </View>
            ))}
          </View>
        )}
      </ActionView>
    </View>
  )
}

function Totals({ grants }: { grants: GrantView[] }) {
  const [unionId, setUnionId] = useState(grants[0].unionId)
  const totals = useAction(aidActions.unionTotals, { unionId, year: thisYear() })
  return (
    <View className='ght-card'>
      <Text className='aid__heading'>{thisYear()}年帮扶统计</Text>
      {grants.length > 1 && <Choices label='工会' value={unionId} options={grants.map((g) => ({ value: g.unionId, label: g.unionName }))} onChange={setUnionId} />}
      <ActionView state={totals}>
        {(t) => (
          <View>
            {t.schemes.map((s) => (
              <View key={s.scheme} className='aid__row'>
                <Text className='aid__row-main'>{s.label}</Text>
                <Text className='aid__weak'>
                  申请{s.applications} · 通过{s.approved} · {formatYuan(s.approvedFen)}（已发{formatYuan(s.paidFen)}）
                </Text>
              </View>
            ))}
            <Text className='aid__line'>
              合计：申请{t.total.applications}件，通过{t.total.approved}件，{formatYuan(t.total.approvedFen)}，已发放{formatYuan(t.total.paidFen)}
            </Text>
            {t.partial && <Text className='aid__weak'>申请太多，只统计了前2000件。</Text>}
          </View>
        )}
      </ActionView>
    </View>
  )
}

function Ledger() {
  const ledger = useAction(aidActions.fundLedger, { year: thisYear() })
  const [budget, setBudget] = useState('')
  const [error, setError] = useState<AppErrorShape | null>(null)
  async function save(federationId: string) {
    const budgetFen = fenOf(budget)
    if (budgetFen === null) return setError({ code: 'INVALID_INPUT', message: '请填写金额', fields: { budgetFen: '请填写金额，例如 500000' } })
    const res = await call(aidActions.setFundBudget, { federationId, year: thisYear(), budgetFen })
    if (!res.ok) return setError(res.error)
    setError(null)
    setBudget('')
    ledger.reload()
  }
  return (
    <View className='ght-card'>
      <Text className='aid__heading'>{thisYear()}年帮扶资金台账</Text>
      <ActionView state={ledger}>
        {(l) => (
          <View>
            {l.fund ? (
              <View>
                <Text className='aid__line'>{l.fund.federationName}</Text>
                <Text className='aid__line'>预算：{formatYuan(l.fund.budgetFen)}</Text>
                <Text className='aid__line'>已审批占用：{formatYuan(l.fund.committedFen)}</Text>
                <Text className='aid__line'>已发放：{formatYuan(l.fund.paidFen)}</Text>
                <Text className='aid__ok'>可用：{formatYuan(l.fund.availableFen)}</Text>
              </View>
            ) : (
              <Text className='aid__line'>今年的资金还没有下达。</Text>
            )}
            <Text className='aid__sub'>资金变动记录</Text>
            {l.moves.map((m, i) => (
              <View key={i} className='aid__row'>
                <View className='aid__row-main'>
                  <Text className='aid__line'>
                    {m.kindLabel} {formatYuan(m.amountFen)}
                  </Text>
                  <Text className='aid__weak'>
                    {formatDate(m.at)} · {m.note}
                  </Text>
                </View>
              </View>
            ))}
            {l.canEdit && l.fund && (
              <View>
                <Field label='调整年度预算（元）' name='budgetFen' type='digit' value={budget} onChange={setBudget} fields={error?.fields} maxlength={12} />
                {error && <Text className='aid__error'>{error.message}</Text>}
                <Button className='ght-button' onClick={() => l.fund && save(l.fund.federationId)}>
                  保存预算
                </Button>
              </View>
            )}
          </View>
        )}
      </ActionView>
    </View>
  )
}

function Config() {
  const config = useAction(aidActions.getConfig, {})
  return (
    <View className='ght-card'>
      <Text className='aid__heading'>帮扶方案配置</Text>
      <ActionView state={config}>
        {(c) => <ConfigEditor federationId={c.federationId} federationName={c.federationName} version={c.version} initial={c.config} canEdit={c.canEdit} onSaved={config.reload} />}
      </ActionView>
    </View>
  )
}

/** The numbers of each scheme as text fields (yuan, months, percent); everything else is kept as it is. */
function amountFields(rule: AmountRule): Array<{ key: string; label: string; value: string }> {
  switch (rule.type) {
    case 'byEducation':
      return [
        { key: 'onFile.college', label: '已建档·大学（元）', value: textOf(rule.onFile.college) },
        { key: 'onFile.highSchool', label: '已建档·高中（元）', value: textOf(rule.onFile.highSchool) },
        { key: 'notOnFile.college', label: '未建档·大学（元）', value: textOf(rule.notOnFile.college) },
        { key: 'notOnFile.highSchool', label: '未建档·高中（元）', value: textOf(rule.notOnFile.highSchool) },
      ]
    case 'monthsOfDibao':
      return (['deep', 'relative', 'accident'] as const).map((l) => ({ key: l, label: `${{ deep: '深度困难', relative: '相对困难', accident: '意外致困' }[l]}（个月低保）`, value: String(rule.months[l]) }))
    case 'shareOfCosts':
      return [
        ...(['deep', 'relative', 'accident'] as const).map((l) => ({ key: l, label: `${{ deep: '深度困难', relative: '相对困难', accident: '意外致困' }[l]}（救助比例%）`, value: String(rule.percent[l]) })),
        { key: 'cap', label: '每户每年最多（元）', value: textOf(rule.capFen) },
      ]
    case 'fixed':
      return [{ key: 'amount', label: '每户金额（元）', value: textOf(rule.amountFen) }]
  }
}

function applyAmount(rule: AmountRule, values: Record<string, string>): AmountRule {
  const fen = (k: string, old: number) => fenOf(values[k] ?? '') ?? old
  const int = (k: string, old: number) => (/^\d{1,3}$/.test(values[k] ?? '') ? Number(values[k]) : old)
  switch (rule.type) {
    case 'byEducation':
      return {
        ...rule,
        onFile: { college: fen('onFile.college', rule.onFile.college), highSchool: fen('onFile.highSchool', rule.onFile.highSchool) },
        notOnFile: { college: fen('notOnFile.college', rule.notOnFile.college), highSchool: fen('notOnFile.highSchool', rule.notOnFile.highSchool) },
      }
    case 'monthsOfDibao':
      return { ...rule, months: { deep: int('deep', rule.months.deep), relative: int('relative', rule.months.relative), accident: int('accident', rule.months.accident) } }
    case 'shareOfCosts':
      return { ...rule, percent: { deep: int('deep', rule.percent.deep), relative: int('relative', rule.percent.relative), accident: int('accident', rule.percent.accident) }, capFen: fen('cap', rule.capFen) }
    case 'fixed':
      return { ...rule, amountFen: fen('amount', rule.amountFen) }
  }
}

interface ConfigEditorProps {
  federationId: string
  federationName: string
  version: number
  initial: AidConfigBody
  canEdit: boolean
  onSaved: () => void
}

function ConfigEditor({ federationId, federationName, version, initial, canEdit, onSaved }: ConfigEditorProps) {
  const [dibao, setDibao] = useState(initial.dibao.map((d) => textOf(d.monthlyFen)))
  const [schemes, setSchemes] = useState(initial.schemes.map((s) => ({ enabled: s.enabled, start: s.window?.start ?? '', end: s.window?.end ?? '', days: String(s.noticeWorkingDays), amounts: Object.fromEntries(amountFields(s.amount).map((f) => [f.key, f.value])) })))
  const [error, setError] = useState<AppErrorShape | null>(null)
  const [saved, setSaved] = useState('')

  async function save() {
    const config: AidConfigBody = {
      ...initial,
      dibao: initial.dibao.map((d, i) => ({ ...d, monthlyFen: fenOf(dibao[i]) ?? d.monthlyFen })),
      schemes: initial.schemes.map((s, i): SchemeConfig => {
        const edit = schemes[i]
        return {
          ...s,
          enabled: edit.enabled,
          window: edit.start && edit.end ? { start: edit.start, end: edit.end } : null,
          noticeWorkingDays: /^\d{1,2}$/.test(edit.days) ? Number(edit.days) : s.noticeWorkingDays,
          amount: applyAmount(s.amount, edit.amounts),
        }
      }),
    }
    const res = await call(aidActions.updateConfig, { federationId, expectedVersion: version, config })
    if (!res.ok) return setError(res.error)
    setError(null)
    setSaved(`已保存（第${res.data.version}版）`)
    onSaved()
  }

  if (!canEdit) {
    return (
      <View>
        <Text className='aid__weak'>由{federationName}配置，您可以查看。</Text>
        {initial.dibao.map((d) => (
          <Text key={d.region} className='aid__line'>
            {d.region}低保：每人每月{formatYuan(d.monthlyFen)}
            {d.isDemoValue ? '（演示数值）' : ''}
          </Text>
        ))}
        {initial.schemes.map((s) => (
          <Text key={s.code} className='aid__line'>
            {schemeLabel[s.code]}：{s.enabled ? windowText(s.window) : '未开放'}，公示{s.noticeWorkingDays}个工作日
          </Text>
        ))}
      </View>
    )
  }
  return (
    <View>
      <Text className='aid__weak'>{federationName}的方案，第{version}版。</Text>
      {initial.dibao.map((d, i) => (
        <Field key={d.region} label={`${d.region}低保（元/人/月）${d.isDemoValue ? '· 演示数值' : ''}`} name={`dibao.${i}.monthlyFen`} type='digit' value={dibao[i]} onChange={(v) => setDibao((all) => all.map((x, k) => (k === i ? v : x)))} fields={error?.fields} maxlength={8} />
      ))}
      {initial.schemes.map((s, i) => {
        const edit = schemes[i]
        const set = (change: Partial<typeof edit>) => setSchemes((all) => all.map((x, k) => (k === i ? { ...x, ...change } : x)))
        return (
          <View key={s.code} className='aid__member'>
            <Text className='aid__sub'>{schemeLabel[s.code]}</Text>
            <Check checked={edit.enabled} onChange={(enabled) => set({ enabled })}>
              <Text>开放申请</Text>
            </Check>
            <DateField label='每年开始' name={`schemes.${i}.window.start`} mode='monthDay' value={edit.start} onChange={(start) => set({ start })} fields={error?.fields} emptyText='全年开放' clearable />
            <DateField label='每年截止' name={`schemes.${i}.window.end`} mode='monthDay' value={edit.end} onChange={(end) => set({ end })} fields={error?.fields} emptyText='全年开放' clearable />
            <Field label='公示天数（工作日）' name={`schemes.${i}.noticeWorkingDays`} type='number' value={edit.days} onChange={(days) => set({ days })} fields={error?.fields} maxlength={2} />
            {amountFields(s.amount).map((f) => (
              <Field key={f.key} label={f.label} name={`schemes.${i}.amount`} type='digit' value={edit.amounts[f.key] ?? ''} onChange={(v) => set({ amounts: { ...edit.amounts, [f.key]: v } })} fields={error?.fields} maxlength={10} />
            ))}
          </View>
        )
      })}
      {error && <Text className='aid__error'>{error.message}</Text>}
      {saved && <Text className='aid__ok'>{saved}</Text>}
      <Button className='ght-button ght-button--primary' onClick={save}>
        保存方案
      </Button>
    </View>
  )
}
