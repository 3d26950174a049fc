import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { useState } from 'react'
import { reviewActions } from '../../../shared/requests/actions'
import ActionView from '../../components/ActionView'
import PageShell from '../../components/PageShell'
import { Switch } from '../../components/nut/switch'
import { useAction } from '../../hooks/useAction'
import { call } from '../../services/api'
import './review.scss'
import { showModal } from '../../services/modal'

/** 审批人设置: the chair decides which vice-chairs also review the union's requests. */
export default function Approvers() {
  const approvers = useAction(reviewActions.listApprovers, {})
  const [busy, setBusy] = useState<string | null>(null)
  usePullDownRefresh(() => {
    approvers.reload()
    Taro.stopPullDownRefresh()
  })

  async function change(roleId: string, name: string, approver: boolean) {
    setBusy(roleId)
    const result = await call(reviewActions.setApprover, { roleId, approver })
    setBusy(null)
    if (result.ok) void Taro.showToast({ title: approver ? `已指定${name}为审批人` : `${name}不再审批`, icon: 'none' })
    else void showModal({ title: '没有保存', content: result.error.message, showCancel: false, confirmText: '知道了' })
    approvers.reload()
  }

  return (
    <PageShell title='审批人设置' back>
      <ActionView state={approvers} isEmpty={(d) => d.unions.length === 0} emptyMessage='您不是工会主席，不能设置审批人'>
        {(d) => (
          <View>
            <View className='rv-notice'>
              <Text>工会主席可以审批本工会的申请。被您指定的副主席也能审批，并会收到待办提醒。</Text>
            </View>
            {d.unions.map((u) => (
              <View key={u.unionId} className='ght-card'>
                <Text className='rv-heading'>{u.unionName}</Text>
                {u.viceChairs.length === 0 && <Text className='rv-field__weak'>本工会还没有登记副主席</Text>}
                {u.viceChairs.map((v) => (
                  <View key={v.roleId} className='rv-approver'>
                    <View className='rv-approver__text'>
                      <Text className='rv-choice__title'>{v.name}</Text>
                      <Text className='rv-choice__note'>{v.approver ? '可以审批' : '不审批'}</Text>
                    </View>
                    <Switch checked={v.approver} disabled={busy === v.roleId} onChange={(on: boolean) => void change(v.roleId, v.name, on)} />
                  </View>
                ))}
              </View>
            ))}
          </View>
        )}
      </ActionView>
    </PageShell>
  )
}
