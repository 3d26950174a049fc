import { Text, View } from '@tarojs/components'
import Button from '../../../components/Button'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { useState } from 'react'
import type { AppErrorShape } from '../../../../shared/contract'
import { reviewActions } from '../../../../shared/requests/actions'
import { call } from '../../../services/api'
import { formatDateTime } from '../../../../shared/date'
import { membershipActions, type ApplicationTimeline } from '../../../../shared/membership'
import ActionView from '../../../components/ActionView'
import PageShell from '../../../components/PageShell'
import StateView from '../../../components/StateView'
import { useAction } from '../../../hooks/useAction'
import { openPage } from '../../../services/navigation'
import '../membership.scss'
import './index.scss'
import { showModal } from '../../../services/modal'

const stepMark: Record<ApplicationTimeline['steps'][number]['state'], string> = {
  done: '✓ 已完成',
  current: '● 正在办理',
  waiting: '○ 等待中',
  stopped: '× 已结束',
}

/** 办理进度: each step of the chain, then every recorded action with its time and reason. */
export default function ApplicationStatus() {
  const { params } = useRouter()
  const requestId = params.id ? decodeURIComponent(params.id) : ''
  if (!requestId) {
    return (
      <PageShell title='办理进度' back>
        <StateView state='empty' message='没有指定要查看的申请' showBack />
      </PageShell>
    )
  }
  return <Timeline requestId={requestId} />
}

function Timeline({ requestId }: { requestId: string }) {
  const timeline = useAction(membershipActions.getApplication, { requestId })
  const [error, setError] = useState<AppErrorShape | null>(null)
  const [busy, setBusy] = useState(false)
  usePullDownRefresh(() => {
    timeline.reload()
    Taro.stopPullDownRefresh()
  })

  async function withdraw(t: ApplicationTimeline) {
    if (busy) return
    const sure = await showModal({ title: '撤回申请', content: '撤回后这份申请不再办理，以后可以重新申请。确定撤回吗？', confirmText: '撤回', cancelText: '不撤回' })
    if (!sure.confirm) return
    setBusy(true)
    const res = await call(reviewActions.withdraw, { requestId: t.requestId, expectedVersion: t.version, reason: '' })
    setBusy(false)
    setError(res.ok ? null : res.error)
    timeline.reload()
  }

  async function resubmit(t: ApplicationTimeline) {
    if (busy) return
    const sure = await showModal({
      title: '重新提交',
      content: '将按您个人信息里现在的姓名、手机号、工作单位和岗位重新提交，审核人会看到改了什么。确定提交吗？',
      confirmText: '提交',
      cancelText: '再改改',
    })
    if (!sure.confirm) return
    setBusy(true)
    const res = await call(reviewActions.resubmit, { requestId: t.requestId, expectedVersion: t.version })
    setBusy(false)
    setError(res.ok ? null : res.error)
    timeline.reload()
  }

  return (
    <PageShell title='办理进度' back>
      <ActionView state={timeline}>
        {(t) => (
          <View>
            <View className='ght-card'>
              <Text className='mb__weak'>{t.kindLabel}</Text>
              <Text className='mb__big'>{t.unionName}</Text>
              <Text className='mb__line'>
                状态：<Text className='status__label'>{t.statusLabel}</Text>
              </Text>
              <Text className='mb__weak'>提交时间：{formatDateTime(t.submittedAt)}</Text>
              {t.autoReleaseAt && <Text className='mb__weak'>原工会如未处理，将于{formatDateTime(t.autoReleaseAt)}自动转出</Text>}
              {t.lastReason && (t.status === 'returned' || t.status === 'rejected') && <Text className='mb__error'>工会意见：{t.lastReason}</Text>}
            </View>
            <View className='ght-card'>
              <Text className='mb__heading'>审批环节</Text>
              {t.steps.map((s, i) => (
                <View key={i} className={`status__step status__step--${s.state}`}>
                  <Text className='mb__item-title'>{s.label}</Text>
                  <Text className='mb__weak'>
                    {s.unionName} · {stepMark[s.state]}
                  </Text>
                </View>
              ))}
            </View>
            <View className='ght-card'>
              <Text className='mb__heading'>办理记录</Text>
              {t.history.map((h, i) => (
                <View key={i} className='mb__item'>
                  <Text className='mb__item-title'>{h.actionLabel}</Text>
                  <Text className='mb__weak'>
                    {formatDateTime(h.at)} · {h.actorName}
                  </Text>
                  {h.reason && <Text className='mb__line'>意见：{h.reason}</Text>}
                </View>
              ))}
            </View>
            {error && <Text className='mb__error'>{error.message}</Text>}
            <View className='mb__actions'>
              <Button className='ght-button' onClick={timeline.reload}>
                刷新
              </Button>
              {t.status === 'returned' && t.canWithdraw && (
                <Button className='ght-button' onClick={() => openPage('/packages/membership/profile/index')}>
                  按意见修改个人信息
                </Button>
              )}
              {t.status === 'returned' && t.canWithdraw && (
                <Button className='ght-button ght-button--primary' disabled={busy} onClick={() => resubmit(t)}>
                  按修改后的信息重新提交
                </Button>
              )}
              {t.canWithdraw && (
                <Button className='ght-button' disabled={busy} onClick={() => withdraw(t)}>
                  撤回申请
                </Button>
              )}
              {t.status === 'approved' && (
                <Button className='ght-button ght-button--primary' onClick={() => openPage('/packages/membership/card/index')}>
                  查看电子会员卡
                </Button>
              )}
              {(t.status === 'rejected' || t.status === 'withdrawn') && (
                <Button className='ght-button ght-button--primary' onClick={() => openPage('/packages/membership/find/index')}>
                  重新选择工会申请
                </Button>
              )}
            </View>
          </View>
        )}
      </ActionView>
    </PageShell>
  )
}
