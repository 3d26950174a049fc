import { Text, View } from '@tarojs/components'
import PageShell from '../../components/PageShell'
import StateView from '../../components/StateView'
import { openPage } from '../../services/navigation'

/** 活动 tab. The events domain fills the list; until then it says plainly that nothing is on. */
export default function EventsTab() {
  return (
    <PageShell title='工会活动'>
      <StateView state='empty' message='近期还没有活动，有新活动时会在这里显示' />
      <View className='ght-card' onClick={() => openPage('/packages/events/index')}>
        <Text className='ght-link'>查看全部活动</Text>
      </View>
    </PageShell>
  )
}
