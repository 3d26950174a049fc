import { Text, View } from '@tarojs/components'
import Button from '../../../components/Button'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { AppErrorShape } from '../../../../shared/contract'
import { eventsActions } from '../../../../shared/events/actions'
import type { UnionCount } from '../../../../shared/events/schemas'
import Choices from '../../../components/form/Choices'
import Field from '../../../components/form/Field'
import { call } from '../../../services/api'

interface UnitLeadsProps {
  eventId: string
  counts: readonly UnionCount[]
  onSaved: () => void
}

/**
 * 各单位领队 of a subtree-wide event: who each unit named, with a tap-to-call number, and the form a
 * unit's chair (or the organiser) uses to name or change theirs.
 */
export default function UnitLeads({ eventId, counts, onSaved }: UnitLeadsProps) {
  const units = counts.filter((c) => c.unionId)
  const [unionId, setUnionId] = useState<string | null>(units.length === 1 ? (units[0]?.unionId ?? null) : null)
  const [name, setName] = useState('')
  const [phone, setPhone] = useState('')
  const [error, setError] = useState<AppErrorShape | null>(null)
  const [busy, setBusy] = useState(false)
  const [saved, setSaved] = useState('')

  async function save() {
    if (busy) return
    setError(null)
    setSaved('')
    if (!unionId) {
      setError({ code: 'INVALID_INPUT', message: '请先选择单位', fields: { unionId: '请选择单位' } })
      return
    }
    setBusy(true)
    const res = await call(eventsActions.setUnitLead, { eventId, unionId, name, phone })
    setBusy(false)
    if (!res.ok) {
      setError(res.error)
      return
    }
    setSaved(`已报${res.data.unionName}的领队：${res.data.name}`)
    setName('')
    setPhone('')
    onSaved()
  }

  const callLead = (number: string) => () => {
    if (__TARGET__ === 'weapp') void Taro.makePhoneCall({ phoneNumber: number }).catch(() => undefined)
  }

  return (
    <View className='ght-card'>
      <Text className='ev__heading'>各单位领队</Text>
      <Text className='ev__weak'>每个参加单位报一名领队，负责本单位人员的联络。</Text>
      {units.length === 0 && <Text className='ev__weak'>单位有人报名后，可以在这里报领队。</Text>}
      {units.map((c) => (
        <View key={c.unionId} className='ev__row'>
          <View className='ev__row-main'>
            <Text className='ev__line'>{c.unionName}</Text>
            <Text className='ev__weak'>{c.leadName ? `领队：${c.leadName}` : '还没有报领队'}</Text>
          </View>
          {c.leadPhone && (
            <Text className='ght-link' onClick={callLead(c.leadPhone)}>
              {c.leadPhone}
            </Text>
          )}
        </View>
      ))}
      {units.length > 0 && (
        <View>
          <Choices label='为哪个单位报领队' name='unionId' value={unionId} options={units.map((c) => ({ value: c.unionId, label: c.unionName }))} onChange={setUnionId} fields={error?.fields} />
          <Field label='领队姓名' name='name' value={name} onChange={setName} fields={error?.fields} placeholder='领队的真实姓名' maxlength={20} />
          <Field label='领队手机号' name='phone' value={phone} onChange={setPhone} fields={error?.fields} placeholder='11位手机号码' type='number' maxlength={11} />
          {error && !error.fields && <Text className='ev__error'>{error.message}</Text>}
          {saved && <Text className='ev__ok'>{saved}</Text>}
          <View className='ev__actions'>
            <Button className='ght-button ght-button--primary' disabled={busy} onClick={save}>
              {busy ? '正在保存…' : '保存领队'}
            </Button>
          </View>
        </View>
      )}
    </View>
  )
}
