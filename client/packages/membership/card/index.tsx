import { Text, View } from '@tarojs/components'
import Button from '../../../components/Button'
import { useEffect, useState } from 'react'
import { formatDate, formatDateTime } from '../../../../shared/date'
import { CARD_TOKEN_TTL_SECONDS, membershipActions } from '../../../../shared/membership'
import ActionView from '../../../components/ActionView'
import PageShell from '../../../components/PageShell'
import { useAction } from '../../../hooks/useAction'
import { openPage } from '../../../services/navigation'
import QrCode from '../../../components/QrCode'
import '../membership.scss'
import './index.scss'

/** Fetch a new QR a minute before the old one expires. */
const REFRESH_MS = (CARD_TOKEN_TTL_SECONDS - 60) * 1000

/** 电子会员卡: member number, union, since when, and a short-lived signed QR a chair can check. */
export default function MemberCard() {
  const card = useAction(membershipActions.cardToken, {})
  const [now, setNow] = useState(() => Date.now())

  useEffect(() => {
    const refresh = setInterval(card.reload, REFRESH_MS)
    const tick = setInterval(() => setNow(Date.now()), 15_000)
    return () => {
      clearInterval(refresh)
      clearInterval(tick)
    }
  }, [card.reload])

  return (
    <PageShell title='电子会员卡' back>
      <ActionView state={card}>
        {(c) => {
          const expired = c.expiresAt.getTime() <= now
          return (
            <View>
              <View className='ght-card member-card'>
                <Text className='member-card__org'>中华全国总工会 · 会员卡</Text>
                <Text className='member-card__name'>{c.name}</Text>
                <Text className='member-card__union'>{c.unionName}</Text>
                <View className='mb__row'>
                  <Text className='mb__row-label'>会员编号</Text>
                  <Text className='member-card__no'>{c.memberNo}</Text>
                </View>
                <View className='mb__row'>
                  <Text className='mb__row-label'>入会时间</Text>
                  <Text>{formatDate(c.since)}</Text>
                </View>
                <View className='mb__row'>
                  <Text className='mb__row-label'>会籍状态</Text>
                  <Text>{c.statusLabel}</Text>
                </View>
              </View>
              <View className='ght-card'>
                {expired ? (
                  <Text className='mb__error'>二维码已过期，请点“刷新二维码”</Text>
                ) : (
                  <QrCode text={c.token} label={`会员卡二维码，${formatDateTime(c.expiresAt)}前有效`} />
                )}
                <Text className='mb__weak member-card__hint'>请向工会工作人员出示，二维码{formatDateTime(c.expiresAt)}前有效，会自动更新</Text>
              </View>
              <View className='mb__actions'>
                <Button className='ght-button' onClick={card.reload}>
                  刷新二维码
                </Button>
                <Button className='ght-button' onClick={() => openPage('/packages/membership/index')}>
                  返回会员首页
                </Button>
              </View>
            </View>
          )
        }}
      </ActionView>
    </PageShell>
  )
}
