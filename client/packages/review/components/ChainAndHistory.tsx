import { Text, View } from '@tarojs/components'
import { formatDateTime } from '../../../../shared/date'
import type { ChainStepView, HistoryView } from '../../../../shared/requests/views'

const stepMark: Record<ChainStepView['state'], string> = {
  done: '✓ 已完成',
  current: '● 正在办理',
  waiting: '○ 等待中',
  stopped: '× 在此结束',
}

/** 审批环节 and 办理记录: every desk, then every recorded action with its time, who and why. */
export default function ChainAndHistory({ chain, history }: { chain: ChainStepView[]; history: HistoryView[] }) {
  return (
    <>
      <View className='ght-card'>
        <Text className='rv-heading'>审批环节</Text>
        {chain.map((s, i) => (
          <View key={i} className={`rv-step rv-step--${s.state}`}>
            <Text className='rv-step__label'>
              {i + 1}. {s.label}
            </Text>
            <Text className='rv-step__weak'>
              {s.unionName} · {stepMark[s.state]}
            </Text>
          </View>
        ))}
      </View>
      <View className='ght-card'>
        <Text className='rv-heading'>办理记录</Text>
        {history.length === 0 && <Text className='rv-step__weak'>还没有记录</Text>}
        {history.map((h) => (
          <View key={h.id} className={`rv-event rv-event--${h.action}`}>
            <View className='rv-event__dot' />
            <View className='rv-event__body'>
              <Text className='rv-event__title'>{h.actionLabel}</Text>
              <Text className='rv-event__weak'>
                {formatDateTime(h.at)} · {h.actorName}（{h.actorRoleLabel}）
              </Text>
              {h.reason && <Text className='rv-event__reason'>{h.action === 'approve' ? '意见' : '原因'}：{h.reason}</Text>}
            </View>
          </View>
        ))}
      </View>
    </>
  )
}
