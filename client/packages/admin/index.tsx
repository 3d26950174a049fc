import { Text, View } from '@tarojs/components'
import { unionActions } from '../../../shared/union'
import ActionView from '../../components/ActionView'
import PageShell from '../../components/PageShell'
import { useAction } from '../../hooks/useAction'
import { openPage } from '../../services/navigation'
import './admin.scss'

/** 工会管理: the unions where I hold an office, each opening its page. */
export default function AdminHome() {
  const offices = useAction(unionActions.myOffices, {})
  return (
    <PageShell title='工会管理' back>
      <ActionView state={offices} isEmpty={(d) => d.offices.length === 0} emptyMessage='您目前没有担任工会职务。接受任职邀请后，这里会出现您所在的工会。'>
        {(d) => (
          <View className='ght-card'>
            {d.offices.map((o) => (
              <View key={o.unionId + o.role} className='ad__row' onClick={() => openPage(`/packages/admin/union/index?id=${o.unionId}`)}>
                <View>
                  <Text className='ad__line'>{o.unionName}</Text>
                  <Text className='ad__weak'>{o.roleLabel}</Text>
                </View>
                <Text className='ght-link'>进入 ›</Text>
              </View>
            ))}
          </View>
        )}
      </ActionView>
    </PageShell>
  )
}
