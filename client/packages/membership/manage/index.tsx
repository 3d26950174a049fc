import { Text, View } from '@tarojs/components'
import Button from '../../../components/Button'
import { useState } from 'react'
import type { AppErrorShape } from '../../../../shared/contract'
import { formatDate } from '../../../../shared/date'
import { RetainReason, membershipActions, retainReasonLabel, type MembershipView } from '../../../../shared/membership'
import ActionView from '../../../components/ActionView'
import PageShell from '../../../components/PageShell'
import { useAction } from '../../../hooks/useAction'
import { call } from '../../../services/api'
import '../../../components/form/form.scss'
import '../membership.scss'
import { showModal } from '../../../services/modal'

/** 会籍管理: 保留会籍 (retired, unemployed …), back to normal, 退会, and the history across unions. */
export default function ManageMembership() {
  const membership = useAction(membershipActions.myMembership, {})
  return (
    <PageShell title='会籍管理' back>
      <ActionView state={membership}>{(m) => <Manage initial={m} />}</ActionView>
    </PageShell>
  )
}

async function confirm(title: string, content: string): Promise<boolean> {
  const res = await showModal({ title, content, confirmText: '确定', cancelText: '再想想' })
  return res.confirm
}

function Manage({ initial }: { initial: MembershipView }) {
  const [m, setM] = useState(initial)
  const [reason, setReason] = useState<RetainReason | ''>('')
  const [error, setError] = useState<AppErrorShape | null>(null)
  const [done, setDone] = useState('')
  const [busy, setBusy] = useState(false)
  const current = m.current

  async function run(action: 'retain' | 'resume' | 'leave') {
    if (busy) return
    setError(null)
    setDone('')
    if (action === 'retain') {
      const parsed = RetainReason.safeParse(reason)
      if (!parsed.success) {
        setError({ code: 'INVALID_INPUT', message: '请选择保留会籍的原因', fields: { reason: '请选择保留会籍的原因' } })
        return
      }
      if (!(await confirm('保留会籍', `确定因“${retainReasonLabel[parsed.data]}”保留会籍吗？保留期间不缴会费，也不参加选举。`))) return
      setBusy(true)
      const res = await call(membershipActions.retainMembership, { reason: parsed.data, confirm: true })
      setBusy(false)
      if (res.ok) {
        setM(res.data)
        setDone('已保留会籍')
      } else setError(res.error)
      return
    }
    if (action === 'resume') {
      if (!(await confirm('恢复会籍', '确定恢复正常会籍吗？恢复后按月缴纳会费。'))) return
      setBusy(true)
      const res = await call(membershipActions.resumeMembership, { confirm: true })
      setBusy(false)
      if (res.ok) {
        setM(res.data)
        setDone('已恢复正常会籍')
      } else setError(res.error)
      return
    }
    if (!(await confirm('退出工会', '退会后将不再享受会员服务，电子会员卡失效。以后可以重新申请入会。确定退会吗？'))) return
    setBusy(true)
    const res = await call(membershipActions.leaveUnion, { confirm: true, reason: '' })
    setBusy(false)
    if (res.ok) {
      setM(res.data)
      setDone('已退出工会')
    } else setError(res.error)
  }

  return (
    <View>
      {current ? (
        <View className='ght-card'>
          <Text className='mb__big'>{current.unionName}</Text>
          <Text className='mb__line'>会籍状态：{current.statusLabel}{current.retainReason ? `（${retainReasonLabel[current.retainReason]}）` : ''}</Text>
          <Text className='mb__weak'>会员编号 {current.memberNo}</Text>
        </View>
      ) : (
        <Text className='mb__lead'>您目前没有会籍。</Text>
      )}

      {current?.status === 'active' && (
        <View className='ght-card'>
          <Text className='mb__heading'>保留会籍</Text>
          <Text className='mb__weak'>退休、失业、内部退养或单位关闭时，可以保留会籍：不缴会费，随时可以恢复或转到新单位的工会。</Text>
          <View className='ght-form__choices'>
            {RetainReason.options.map((r) => (
              <View key={r} className={reason === r ? 'ght-form__choice ght-form__choice--on' : 'ght-form__choice'} role='radio' onClick={() => setReason(r)}>
                <Text>{reason === r ? '● ' : '○ '}{retainReasonLabel[r]}</Text>
              </View>
            ))}
          </View>
          <View className='mb__actions'>
            <Button className='ght-button' disabled={busy} onClick={() => run('retain')}>
              保留会籍
            </Button>
          </View>
        </View>
      )}

      {current?.status === 'retained' && (
        <View className='mb__actions'>
          <Button className='ght-button ght-button--primary' disabled={busy} onClick={() => run('resume')}>
            恢复正常会籍
          </Button>
        </View>
      )}

      {error && <Text className='mb__error'>{error.message}</Text>}
      {done && <Text className='mb__ok'>{done}</Text>}

      {current && (
        <View className='mb__actions'>
          <Button className='ght-button' disabled={busy} onClick={() => run('leave')}>
            退出工会
          </Button>
        </View>
      )}

      <View className='ght-card'>
        <Text className='mb__heading'>会籍记录</Text>
        {m.history.length === 0 && <Text className='mb__weak'>还没有会籍记录</Text>}
        {m.history.map((s) => (
          <View key={s.id} className='mb__item'>
            <Text className='mb__item-title'>{s.unionName}</Text>
            <Text className='mb__weak'>
              {formatDate(s.from)} 至 {s.to ? formatDate(s.to) : '今'} · {s.statusLabel}
            </Text>
          </View>
        ))}
      </View>
    </View>
  )
}
