import { Text, View } from '@tarojs/components'
import { useShareAppMessage } from '@tarojs/taro'
import { accountActions } from '../../../../shared/account'
import { REVIEW_ROLES } from '../../../../shared/domain/union'
import { unionActions } from '../../../../shared/union'
import ActionView from '../../../components/ActionView'
import PageShell from '../../../components/PageShell'
import { useAction } from '../../../hooks/useAction'
import QrCode from '../../../components/QrCode'
import '../membership.scss'

const JOIN_PATH = '/packages/membership/join/index'

/** What the invite QR carries: a link to the application form with the union's code. */
function inviteLink(code: string): string {
  const query = `?invite=${encodeURIComponent(code)}`
  // H5: a normal link. weapp: the same path under the domain configured for 扫普通链接二维码打开小程序.
  const origin = __TARGET__ === 'h5' ? window.location.origin : 'https://ght.invalid'
  return `${origin}${JOIN_PATH}${query}`
}

/** 邀请入会 (for chairs and federation staff): the union's invite code as a QR, a link and plain text. */
export default function Invite() {
  const whoami = useAction(accountActions.whoami, {})
  return (
    <PageShell title='邀请职工入会' back>
      <ActionView
        state={whoami}
        isEmpty={(me) => !me.grants.some((g) => REVIEW_ROLES.includes(g.role))}
        emptyMessage='只有工会主席、副主席和工会干部可以邀请职工入会'
      >
        {(me) => (
          <View>
            {me.grants
              .filter((g) => REVIEW_ROLES.includes(g.role))
              .map((g) => (
                <UnionInvite key={g.unionId + g.role} unionId={g.unionId} />
              ))}
          </View>
        )}
      </ActionView>
    </PageShell>
  )
}

function UnionInvite({ unionId }: { unionId: string }) {
  const detail = useAction(unionActions.getUnion, { unionId })
  const code = detail.data?.inviteCode
  useShareAppMessage(() => ({
    title: `邀请您加入${detail.data?.union.name ?? '工会'}`,
    path: code ? `${JOIN_PATH}?invite=${code}` : JOIN_PATH,
  }))
  return (
    <ActionView state={detail}>
      {(d) => (
        <View className='ght-card'>
          <Text className='mb__heading'>{d.union.name}</Text>
          {d.inviteCode ? (
            <View>
              <QrCode text={inviteLink(d.inviteCode)} label={`${d.union.name}入会邀请二维码`} />
              <Text className='mb__line'>邀请码：{d.inviteCode}</Text>
              <Text className='mb__weak'>职工用微信扫码，或在“找到我的工会”里输入邀请码，即可直接申请加入。点右上角“…”可以转发给职工。</Text>
            </View>
          ) : (
            <Text className='mb__weak'>您没有这个工会的邀请码</Text>
          )}
        </View>
      )}
    </ActionView>
  )
}
