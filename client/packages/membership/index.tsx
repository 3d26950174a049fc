import { Text, View } from '@tarojs/components'
import Button from '../../components/Button'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { useRef } from 'react'
import { accountActions } from '../../../shared/account'
import { formatDate } from '../../../shared/date'
import { REVIEW_ROLES } from '../../../shared/domain/union'
import { membershipActions, type MembershipView, type ProfileView } from '../../../shared/membership'
import ActionView from '../../components/ActionView'
import PageShell from '../../components/PageShell'
import { useAction } from '../../hooks/useAction'
import { openPage } from '../../services/navigation'
import './membership.scss'

/** 入会与会员卡: where a worker starts (join) and a member comes back to (card, dues, transfer). */
export default function MembershipHome() {
  const membership = useAction(membershipActions.myMembership, {})
  const profile = useAction(membershipActions.getProfile, {})
  const whoami = useAction(accountActions.whoami, {})
  const shown = useRef(false)
  // Coming back from the form or the card: show the latest state.
  useDidShow(() => {
    if (shown.current) {
      membership.reload()
      profile.reload()
    }
    shown.current = true
  })
  usePullDownRefresh(() => {
    membership.reload()
    profile.reload()
    Taro.stopPullDownRefresh()
  })
  const isReviewer = whoami.data?.grants.some((g) => REVIEW_ROLES.includes(g.role)) ?? false

  return (
    <PageShell title='入会与会员卡' back>
      <ActionView state={membership}>
        {(m) => (
          <ActionView state={profile}>{(p) => (m.current ? <MemberHome m={m} /> : <JoinSteps m={m} p={p} />)}</ActionView>
        )}
      </ActionView>
      {isReviewer && (
        <View className='ght-card'>
          <Text className='mb__heading'>工会干部</Text>
          <View className='mb__actions'>
            <Button className='ght-button' onClick={() => openPage('/packages/review/index')}>
              待办审批
            </Button>
            <Button className='ght-button' onClick={() => openPage('/packages/membership/verify/index')}>
              验证会员卡
            </Button>
            <Button className='ght-button' onClick={() => openPage('/packages/membership/invite/index')}>
              邀请职工入会
            </Button>
          </View>
        </View>
      )}
    </PageShell>
  )
}

function MemberHome({ m }: { m: MembershipView }) {
  const c = m.current
  if (!c) return null
  return (
    <View>
      <View className='ght-card'>
        <Text className='mb__weak'>我的工会</Text>
        <Text className='mb__big'>{c.unionName}</Text>
        <Text className='mb__line'>会员编号 {c.memberNo}</Text>
        <Text className='mb__weak'>
          {formatDate(m.history[m.history.length - 1]?.from ?? c.from)} 入会 · {c.statusLabel}
        </Text>
      </View>
      {m.openRequest && <OpenRequest m={m} />}
      <View className='mb__actions'>
        <Button className='ght-button ght-button--primary' onClick={() => openPage('/packages/membership/card/index')}>
          出示电子会员卡
        </Button>
        <Button className='ght-button' onClick={() => openPage('/packages/membership/dues/index')}>
          我的会费
        </Button>
        <Button className='ght-button' onClick={() => openPage('/packages/membership/transfer/index')}>
          换工作了：办理转会
        </Button>
        <Button className='ght-button' onClick={() => openPage('/packages/membership/manage/index')}>
          保留会籍、退会和会籍记录
        </Button>
      </View>
    </View>
  )
}

function OpenRequest({ m }: { m: MembershipView }) {
  const r = m.openRequest
  if (!r) return null
  return (
    <View className='ght-card' role='link' onClick={() => openPage(`/packages/membership/status/index?id=${encodeURIComponent(r.requestId)}`)}>
      <Text className='mb__heading'>{r.kindLabel}</Text>
      <Text className='mb__line'>
        {r.unionName} · {r.statusLabel}
      </Text>
      <Text className='mb__weak'>{formatDate(r.submittedAt)} 提交</Text>
      <Text className='ght-link mb__line'>查看办理进度 ›</Text>
    </View>
  )
}

function JoinSteps({ m, p }: { m: MembershipView; p: ProfileView }) {
  if (m.openRequest) return <OpenRequest m={m} />
  return (
    <View>
      <Text className='mb__lead'>加入工会只需两步，由您单位（或所在街道）的工会审核。</Text>
      <View className='ght-card' role='link' onClick={() => openPage('/packages/membership/profile/index')}>
        <Text className='mb__heading'>第一步：填写个人信息 {p.complete ? '✓ 已完成' : ''}</Text>
        <Text className='mb__weak'>{p.complete ? `${p.name} · ${p.employer || '新就业形态'}` : `还需要：${p.missing.join('、')}`}</Text>
        <Text className='ght-link mb__line'>{p.complete ? '修改' : '去填写'} ›</Text>
      </View>
      <View className='ght-card' role='link' onClick={() => openPage('/packages/membership/find/index')}>
        <Text className='mb__heading'>第二步：选择工会并提交申请</Text>
        <Text className='mb__weak'>按单位名称查找、输入邀请码，或加入所在街道的工会</Text>
        <Text className='ght-link mb__line'>去选择 ›</Text>
      </View>
      {m.history.length > 0 && (
        <Text className='ght-link mb__lead' onClick={() => openPage('/packages/membership/manage/index')}>
          查看以前的会籍记录
        </Text>
      )}
      <Text className='ght-link mb__lead' onClick={() => openPage('/packages/membership/dues/index')}>
        会费怎么算？
      </Text>
    </View>
  )
}
