import { Text, View } from '@tarojs/components'
import Button from '../../../components/Button'
import { useState } from 'react'
import { formatDateTime } from '../../../../shared/date'
import { eventsActions } from '../../../../shared/events/actions'
import { attendanceLabel } from '../../../../shared/events/rules'
import type { EventDetail, MySignupView } from '../../../../shared/events/schemas'
import { call } from '../../../services/api'
import { openPage } from '../../../services/navigation'
import { showModal } from '../../../services/modal'

export interface MySignupProps {
  event: EventDetail
  my: MySignupView
  onChanged: () => void
}

/** 我的报名: status, place in the queue, attendance, the team, the pass, and cancelling. */
export default function MySignup({ event, my, onChanged }: MySignupProps) {
  const [problem, setProblem] = useState('')
  const [busy, setBusy] = useState(false)
  const attendance = attendanceLabel(my)
  const answered = event.fields.filter((f) => my.answers[f.key] !== undefined)

  async function cancel() {
    if (busy) return
    const sure = await showModal({ title: '取消报名', content: `确定取消“${event.title}”的报名吗？名额会让给候补的人。`, confirmText: '取消报名', cancelText: '不取消' })
    if (!sure.confirm) return
    setBusy(true)
    const res = await call(eventsActions.cancelSignup, { eventId: event.eventId })
    setBusy(false)
    if (!res.ok) return setProblem(res.error.message)
    setProblem('')
    onChanged()
  }

  async function confirmPlace() {
    if (busy) return
    setBusy(true)
    const res = await call(eventsActions.confirmPlace, { eventId: event.eventId })
    setBusy(false)
    if (!res.ok) return setProblem(res.error.message)
    setProblem('')
    onChanged()
  }

  async function remove(signupId: string, name: string) {
    if (busy) return
    const sure = await showModal({ title: '移出队员', content: `确定把${name}移出队伍吗？`, confirmText: '移出', cancelText: '不移出' })
    if (!sure.confirm) return
    setBusy(true)
    const res = await call(eventsActions.removeTeammate, { eventId: event.eventId, signupId })
    setBusy(false)
    if (!res.ok) return setProblem(res.error.message)
    setProblem('')
    onChanged()
  }

  return (
    <View className='ght-card'>
      <Text className='ev__heading'>我的报名</Text>
      <View className='ev__row'>
        <Text className='ev__row-main'>报名状态</Text>
        <Text className='ev__tag'>{my.statusLabel}</Text>
      </View>
      {my.removedReason && <Text className='ev__error'>您已被活动组织者移出，原因：{my.removedReason}</Text>}
      {my.confirmBy && (
        <View className='ev__box-line'>
          <Text className='ev__line'>候补到了名额，请在{formatDateTime(my.confirmBy)}前确认参加，逾期名额顺延给下一位。</Text>
          <View className='ev__actions'>
            <Button className='ght-button ght-button--primary' onClick={confirmPlace} disabled={busy}>
              {busy ? '正在确认…' : '确认参加'}
            </Button>
          </View>
        </View>
      )}
      {my.status === 'waitlisted' && (
        <Text className='ev__line'>
          {my.queuePosition !== null ? `候补第${my.queuePosition}位。` : ''}有人取消时按先后顺序递补，递补成功会通知您。
        </Text>
      )}
      {my.status === 'pending' && (
        <View>
          <Text className='ev__line'>已提交，等待工会审核，审核结果会通知您。</Text>
          {my.requestId && (
            <View role='link' onClick={() => openPage(`/packages/review/detail?id=${my.requestId}`)}>
              <Text className='ght-link'>查看审核进度 ›</Text>
            </View>
          )}
        </View>
      )}
      {attendance && (
        <View className='ev__row'>
          <Text className='ev__row-main'>签到情况</Text>
          <Text className='ev__tag'>{attendance}</Text>
        </View>
      )}
      {my.checkedInAt && <Text className='ev__weak'>签到时间：{formatDateTime(my.checkedInAt)}</Text>}
      {answered.map((f) => (
        <Text key={f.key} className='ev__line'>
          {f.label}：{String(my.answers[f.key])}
        </Text>
      ))}
      {my.team && (
        <View className='ev__box-line'>
          <Text className='ev__sub'>
            队伍：{my.team.name}（{my.team.members.length}/{my.team.size}人）
          </Text>
          {my.team.code && <Text className='ev__line'>邀请码：{my.team.code}（发给队友，队友报名时填写）</Text>}
          {my.team.members.map((m) => (
            <View key={m.signupId} className='ev__row'>
              <Text className='ev__row-main'>
                {m.name}
                {m.isCaptain ? '（队长）' : ''}
              </Text>
              {my.team?.isCaptain && !m.isCaptain && my.canCancel && (
                <Button className='ght-button' onClick={() => remove(m.signupId, m.name)} disabled={busy}>
                  移出
                </Button>
              )}
            </View>
          ))}
        </View>
      )}
      {problem && <Text className='ev__error'>{problem}</Text>}
      <View className='ev__actions'>
        {my.status === 'confirmed' && !my.checkedInAt && event.status === 'published' && (
          <Button className='ght-button ght-button--primary' onClick={() => openPage(`/packages/events/pass/index?id=${event.eventId}`)}>
            出示入场码 / 扫码签到
          </Button>
        )}
        {my.canCancel && (
          <Button className='ght-button' onClick={cancel} disabled={busy}>
            取消报名
          </Button>
        )}
      </View>
    </View>
  )
}
