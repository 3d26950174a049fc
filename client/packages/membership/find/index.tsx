import { Input, Text, View } from '@tarojs/components'
import Button from '../../../components/Button'
import { useState } from 'react'
import type { AppErrorShape } from '../../../../shared/contract'
import { unionActions, type UnionSummary } from '../../../../shared/union'
import FieldError from '../../../components/FieldError'
import PageShell from '../../../components/PageShell'
import { call } from '../../../services/api'
import { openPage } from '../../../services/navigation'
import UnionFinder from '../components/UnionFinder'
import '../../../components/form/form.scss'
import '../membership.scss'

const joinPage = (union: UnionSummary) => openPage(`/packages/membership/join/index?unionId=${encodeURIComponent(union._id)}`)

export default function FindUnion() {
  const [code, setCode] = useState('')
  const [error, setError] = useState<AppErrorShape | null>(null)

  async function openInvite() {
    setError(null)
    const res = await call(unionActions.byInviteCode, { code })
    if (res.ok) openPage(`/packages/membership/join/index?invite=${encodeURIComponent(code.trim().toUpperCase())}`)
    else setError(res.error)
  }

  return (
    <PageShell title='找到我的工会' back>
      <View className='ght-card'>
        <Text className='mb__heading'>有邀请码？</Text>
        <Text className='mb__weak'>工会主席分享的二维码或链接会直接打开入会申请；也可以在这里输入6位邀请码。</Text>
        <Input className='ght-form__input' value={code} maxlength={6} placeholder='6位邀请码' ariaLabel='邀请码' onInput={(e) => setCode(e.detail.value)} />
        <FieldError fields={error?.fields} name='code' />
        {error && !error.fields && <Text className='mb__error'>{error.message}</Text>}
        <View className='mb__actions'>
          <Button className='ght-button' onClick={openInvite}>
            用邀请码加入
          </Button>
        </View>
      </View>
      <UnionFinder verb='申请加入' onPick={joinPage} />
    </PageShell>
  )
}
