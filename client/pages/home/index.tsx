import { Image, Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { useState } from 'react'
import { whoamiActions, type GrantView } from '../../../shared/account/schemas'
import { REVIEW_ROLES } from '../../../shared/domain/union'
import { myRequestsActions } from '../../../shared/requests/mine'
import ActionView from '../../components/ActionView'
import PageShell from '../../components/PageShell'
import Workbench from '../../components/Workbench'
import { useAction } from '../../hooks/useAction'
import { useLargeType } from '../../hooks/useLargeType'
import { useReloadOnReturn } from '../../hooks/useReloadOnReturn'
import { refreshCounts, type Counts } from '../../services/badges'
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
  /** a number to look at: requests waiting, messages unread */
  badge?: { count: number; label: string; urgent: boolean }
}

/**
 * A worker's tiles start with the member card (or joining); a reviewer's start with the 待办, and a
 * federation cadre's with her work (帮扶管理, 我组织的活动). The 会员卡 tile is only for someone who holds
 * a membership: an office (a chair appointed by invitation, federation staff) is not one. 申请入会 is only
 * for someone who holds nothing: an office holder's home is their work, and joining stays under 我的 → 会员卡.
 */
function tilesFor(grants: readonly GrantView[], counts: Counts | null): Tile[] {
  const reviews = grants.some((g) => REVIEW_ROLES.includes(g.role))
  const staff = grants.some((g) => g.role === 'staff')
  const isMember = grants.some((g) => g.role === 'member')
  const holdsOffice = grants.some((g) => g.role !== 'member')
  const waiting = counts?.pending
  const review: Tile = {
    title: '待办审批',
    note: waiting && waiting.overdue > 0 ? `其中${waiting.overdue}件已超期` : '入会、帮扶申请的审核',
    url: '/packages/review/index',
    icon: icons.review,
    badge: waiting && waiting.total > 0 ? { count: waiting.total, label: `${waiting.total}件待办`, urgent: waiting.overdue > 0 } : undefined,
  }
  const aid: Tile = { title: '帮扶与金秋助学', note: '困难帮扶、助学申请', url: '/packages/aid/index', icon: icons.aid }
  const events: Tile = { title: '工会活动', note: '报名参加工会活动', url: '/pages/events/index', icon: icons.events }
  const inbox: Tile = {
    title: '我的消息',
    note: '审批结果和通知',
    url: '/packages/inbox/index',
    icon: icons.inbox,
    badge: counts && counts.unread > 0 ? { count: counts.unread, label: `${counts.unread}条未读`, urgent: false } : undefined,
  }
  const card: Tile = { title: '会员卡', note: '出示电子会员卡', url: '/packages/membership/index', icon: icons.card }
  const join: Tile = { title: '申请入会', note: '加入工会，享受会员服务', url: '/packages/membership/index', icon: icons.join }
  const work: Tile[] = staff
    ? [
        review,
        { ...aid, title: '帮扶管理', note: '资金、公示和发放', url: '/packages/aid/manage/index' },
        { ...events, title: '我组织的活动', note: '发布活动、签到、导出名单', url: '/packages/events/manage/index' },
      ]
    : reviews
      ? [review]
      : []
  // federation staff without a membership of their own: only their work (they apply for nothing themselves)
  const own: Tile[] = isMember ? [card, aid, events] : holdsOffice ? (staff ? [] : [aid, events]) : [join, aid, events]
  return [...work, ...own, inbox]
}

/** Applications still on their way, or back with the applicant: what 首页 shows under 我的申请进度. */
const OPEN: readonly string[] = ['submitted', 'in_review', 'returned', 'publicized']

export default function Home() {
  const whoami = useAction(whoamiActions.whoami, {})
  const mine = useAction(myRequestsActions.myRequests, { limit: 10 })
  const [large, setLarge] = useLargeType()
  const [counts, setCounts] = useState<Counts | null>(null)
  // every time 首页 shows (first open, back from a decision, back to the tab): fresh counts and badges
  useDidShow(() => void refreshCounts().then((c) => c && setCounts(c)))
  // back from accepting an office or joining: the grants (and so the 工作台 and tiles) may have changed
  useReloadOnReturn(whoami.reload, mine.reload)
  usePullDownRefresh(() => {
    whoami.reload()
    mine.reload()
    void refreshCounts().then((c) => c && setCounts(c))
    Taro.stopPullDownRefresh()
  })
  const open = mine.data?.items.filter((r) => OPEN.includes(r.status)) ?? []

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
              {tilesFor(me.grants, counts).map((tile) => (
                <View key={tile.url} className='home__tile' onClick={() => openPage(tile.url)} role='link' ariaLabel={tile.badge ? `${tile.title}，${tile.badge.label}` : tile.title}>
                  <Image className='home__tile-icon' src={tile.icon} mode='aspectFit' />
                  <View className='home__tile-head'>
                    <Text className='home__tile-title'>{tile.title}</Text>
                    {tile.badge && <Text className={`home__badge${tile.badge.urgent ? ' home__badge--urgent' : ''}`}>{tile.badge.count > 99 ? '99+' : tile.badge.count}</Text>}
                  </View>
                  <Text className={`home__tile-note${tile.badge?.urgent ? ' home__tile-note--urgent' : ''}`}>{tile.note}</Text>
                </View>
              ))}
            </View>
            {open.length > 0 && (
              <View className='ght-card home__mine'>
                <Text className='home__mine-title'>我的申请进度</Text>
                {open.slice(0, 3).map((r) => (
                  <View key={r.id} className='home__mine-row' role='link' onClick={() => openPage(`/packages/review/detail?id=${r.id}`)}>
                    <Text className='home__mine-what'>{r.title}</Text>
                    <Text className={`home__mine-status${r.status === 'returned' ? ' home__mine-status--act' : ''}`}>{r.status === 'returned' ? '退回修改，请处理' : r.statusLabel}</Text>
                  </View>
                ))}
                {open.length > 3 && (
                  <Text className='ght-link' onClick={() => openPage('/packages/review/mine')}>
                    全部{open.length}件 ›
                  </Text>
                )}
              </View>
            )}
          </>
        )}
      </ActionView>
    </PageShell>
  )
}
