import { Image, Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { accountActions, type GrantView } from '../../../shared/account'
import { REVIEW_ROLES } from '../../../shared/domain/union'
import ActionView from '../../components/ActionView'
import PageShell from '../../components/PageShell'
import { useAction } from '../../hooks/useAction'
import { useLargeType } from '../../hooks/useLargeType'
import { openPage } from '../../services/navigation'
import aidIcon from '../../assets/icons/aid.png'
import cardIcon from '../../assets/icons/card.png'
import eventsIcon from '../../assets/icons/events.png'
import inboxIcon from '../../assets/icons/inbox.png'
import joinIcon from '../../assets/icons/join.png'
import reviewIcon from '../../assets/icons/review.png'
import './index.scss'

const icons = { aid: aidIcon, card: cardIcon, events: eventsIcon, inbox: inboxIcon, join: joinIcon, review: reviewIcon }

interface Tile {
  title: string
  note: string
  url: string
  icon: string
}

/**
 * A worker's tiles start with the member card (or joining); a reviewer's start with the 待办. A federation
 * cadre holds no membership through this role, so she sees her work, never 申请入会.
 */
function tilesFor(grants: readonly GrantView[]): Tile[] {
  const reviews = grants.some((g) => REVIEW_ROLES.includes(g.role))
  const cadreOnly = grants.length > 0 && grants.every((g) => g.role === 'staff')
  const review: Tile = { title: '待办审批', note: '入会、帮扶申请的审核', url: '/packages/review/index', icon: icons.review }
  const aid: Tile = { title: '帮扶与金秋助学', note: '困难帮扶、助学申请', url: '/packages/aid/index', icon: icons.aid }
  const events: Tile = { title: '工会活动', note: '报名参加工会活动', url: '/pages/events/index', icon: icons.events }
  const inbox: Tile = { title: '我的消息', note: '审批结果和通知', url: '/packages/inbox/index', icon: icons.inbox }
  if (cadreOnly) {
    return [
      review,
      { ...aid, title: '帮扶管理', note: '资金、公示和发放', url: '/packages/aid/manage/index' },
      { ...events, title: '我组织的活动', note: '发布活动、签到、导出名单', url: '/packages/events/manage/index' },
      inbox,
    ]
  }
  const isMember = grants.length > 0
  const card: Tile = isMember
    ? { title: '会员卡', note: '出示电子会员卡', url: '/packages/membership/index', icon: icons.card }
    : { title: '申请入会', note: '加入工会，享受会员服务', url: '/packages/membership/index', icon: icons.join }
  return reviews ? [review, card, aid, events, inbox] : [card, aid, events, inbox]
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
            <View className='home__tiles'>
              {tilesFor(me.grants).map((tile) => (
                <View key={tile.url} className='home__tile' onClick={() => openPage(tile.url)}>
                  <Image className='home__tile-icon' src={tile.icon} mode='aspectFit' />
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
