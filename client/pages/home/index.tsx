import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { accountActions, type GrantView } from '../../../shared/account'
import { REVIEW_ROLES } from '../../../shared/domain/union'
import ActionView from '../../components/ActionView'
import PageShell from '../../components/PageShell'
import Workbench from '../../components/Workbench'
import { useAction } from '../../hooks/useAction'
import { useLargeType } from '../../hooks/useLargeType'
import { openPage } from '../../services/navigation'
import './index.scss'

interface Tile {
  title: string
  note: string
  url: string
}

function tilesFor(grants: readonly GrantView[]): Tile[] {
  const isMember = grants.some((g) => g.role !== 'staff')
  const tiles: Tile[] = [
    { title: isMember ? '会员卡' : '申请入会', note: isMember ? '出示电子会员卡' : '加入工会，享受会员服务', url: '/packages/membership/index' },
  ]
  if (grants.some((g) => REVIEW_ROLES.includes(g.role))) {
    tiles.push({ title: '待办审批', note: '入会、帮扶申请的审核', url: '/packages/review/index' })
  }
  tiles.push(
    { title: '帮扶与金秋助学', note: '困难帮扶、助学申请', url: '/packages/aid/index' },
    { title: '工会活动', note: '报名参加工会活动', url: '/pages/events/index' },
    { title: '我的消息', note: '审批结果和通知', url: '/packages/inbox/index' },
  )
  return tiles
}

export default function Home() {
  const whoami = useAction(accountActions.whoami, {})
  const [large, setLarge] = useLargeType()
  usePullDownRefresh(() => {
    whoami.reload()
    Taro.stopPullDownRefresh()
  })

  return (
    <PageShell title='工会通'>
      <View className='home__toolbar'>
        <View className='home__large-switch' onClick={() => setLarge(!large)}>
          <Text>{large ? '恢复标准字号' : '大字模式'}</Text>
        </View>
      </View>
      <ActionView state={whoami}>
        {(me) => (
          <>
            <View className='ght-card home__me'>
              <Text className='home__hello'>您好，{me.nickName}</Text>
              {me.grants.length === 0 ? (
                <Text className='home__grant home__grant--none'>您还没有加入工会</Text>
              ) : (
                me.grants.map((g) => (
                  <Text key={g.unionId + g.role} className='home__grant'>
                    {g.unionName} · {g.roleLabel}
                  </Text>
                ))
              )}
            </View>
            {me.grants.some((g) => g.role !== 'member') && <Workbench unionId={me.grants.find((g) => g.role !== 'member')?.unionId ?? ''} />}
            <View className='home__tiles'>
              {tilesFor(me.grants).map((tile) => (
                <View key={tile.url} className='home__tile' onClick={() => openPage(tile.url)}>
                  <Text className='home__tile-title'>{tile.title}</Text>
                  <Text className='home__tile-note'>{tile.note}</Text>
                </View>
              ))}
            </View>
          </>
        )}
      </ActionView>
    </PageShell>
  )
}
