import { Text, View } from '@tarojs/components'
import { accountActions } from '../../../shared/account'
import ActionView from '../../components/ActionView'
import { Cell } from '../../components/nut/cell'
import { Switch } from '../../components/nut/switch'
import PageShell from '../../components/PageShell'
import { useAction } from '../../hooks/useAction'
import { useLargeType } from '../../hooks/useLargeType'
import { openPage } from '../../services/navigation'
import './index.scss'

export default function Me() {
  const whoami = useAction(accountActions.whoami, {})
  const [large, setLarge] = useLargeType()

  return (
    <PageShell title='我的'>
      <ActionView state={whoami}>
        {(me) => (
          <View className='ght-card me__profile'>
            <Text className='me__name'>{me.nickName}</Text>
            <Text className='me__unions'>
              {me.grants.length === 0 ? '还没有加入工会' : me.grants.map((g) => `${g.unionName}（${g.roleLabel}）`).join('、')}
            </Text>
          </View>
        )}
      </ActionView>
      <View className='me__settings'>
        <Cell
          title='大字模式'
          description='字更大、按钮更大，适合长辈使用'
          extra={<Switch checked={large} onChange={setLarge} ariaLabel='大字模式' loadingIcon={null} />}
        />
        <Cell title='我的消息' extra='›' clickable onClick={() => openPage('/packages/inbox/index')} />
        <Cell title='隐私与授权' description='我的授权、谁看过我的信息、怎样保护' extra='›' clickable onClick={() => openPage('/packages/about/privacy/index')} />
        {__TARGET__ === 'h5' && (
          <Cell title='切换演示身份' description='仅本地演示版：换一个人的身份使用' extra='›' clickable onClick={() => window.location.assign('/dev/login')} />
        )}
      </View>
    </PageShell>
  )
}
