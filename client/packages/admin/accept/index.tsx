import { Text, View } from '@tarojs/components'
import Button from '../../../components/Button'
import { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import type { AppErrorShape } from '../../../../shared/contract'
import { formatDateTime } from '../../../../shared/date'
import { unionActions } from '../../../../shared/union'
import ActionView from '../../../components/ActionView'
import PageShell from '../../../components/PageShell'
import { useAction } from '../../../hooks/useAction'
import { call } from '../../../services/api'
import { openPage } from '../../../services/navigation'
import '../admin.scss'

/** 接受任职邀请: opened from the link or QR an inviter shared (`?t=<token>`). */
export default function Accept() {
  const { params } = useRouter()
  const token = params.t ? decodeURIComponent(params.t) : ''
  return <PageShell title='接受任职邀请' back>{token ? <Invitation token={token} /> : <Text className='ad__error'>邀请链接不完整，请让对方重新发送</Text>}</PageShell>
}

function Invitation({ token }: { token: string }) {
  const preview = useAction(unionActions.getInvitation, { token })
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<AppErrorShape | null>(null)
  const [done, setDone] = useState<{ unionId: string; text: string } | null>(null)

  const accept = async () => {
    setBusy(true)
    setError(null)
    const result = await call(unionActions.acceptInvitation, { token })
    setBusy(false)
    if (result.ok) setDone({ unionId: result.data.unionId, text: `您已成为${result.data.unionName}的${result.data.roleLabel}` })
    else setError(result.error)
  }

  if (done) {
    return (
      <View>
        <Text className='ad__ok'>{done.text}</Text>
        <View className='ad__actions'>
          <Button className='ght-button ght-button--primary' onClick={() => openPage(`/packages/admin/union/index?id=${done.unionId}`)}>
            进入工会主页
          </Button>
        </View>
      </View>
    )
  }
  return (
    <ActionView state={preview}>
      {(p) => (
        <View>
          <View className='ght-card'>
            <Text className='ad__weak'>邀请您担任</Text>
            <Text className='ad__big'>{p.unionName}</Text>
            <Text className='ad__heading'>{p.roleLabel}</Text>
            <Text className='ad__weak'>
              {p.state === 'open' ? `邀请有效至${formatDateTime(p.expiresAt)}，只能使用一次` : p.state === 'used' ? '这个邀请已经被使用过了' : '这个邀请已经过期'}
            </Text>
          </View>
          {error && <Text className='ad__error'>{error.message}</Text>}
          {p.state === 'open' && (
            <View className='ad__actions'>
              <Button className='ght-button ght-button--primary' loading={busy} onClick={accept}>
                接受邀请
              </Button>
            </View>
          )}
        </View>
      )}
    </ActionView>
  )
}
