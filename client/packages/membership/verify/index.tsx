import { Input, Text, View } from '@tarojs/components'
import Button from '../../../components/Button'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { AppErrorShape } from '../../../../shared/contract'
import { formatDate } from '../../../../shared/date'
import { membershipActions, type VerifiedCard } from '../../../../shared/membership'
import PageShell from '../../../components/PageShell'
import { call } from '../../../services/api'
import '../../../components/form/form.scss'
import '../membership.scss'

/** 验证会员卡 (for chairs and federation staff): scan the member's QR, the server checks it. */
export default function VerifyCard() {
  const [token, setToken] = useState('')
  const [result, setResult] = useState<VerifiedCard | null>(null)
  const [error, setError] = useState<AppErrorShape | null>(null)
  const [busy, setBusy] = useState(false)

  async function check(text: string) {
    if (busy) return
    setBusy(true)
    setError(null)
    setResult(null)
    const res = await call(membershipActions.verifyCard, { token: text })
    setBusy(false)
    if (res.ok) setResult(res.data)
    else setError(res.error)
  }

  async function scan() {
    try {
      const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })
      setToken(res.result)
      await check(res.result)
    } catch {
      // closing the scanner is not an error; the manual field stays available
    }
  }

  return (
    <PageShell title='验证会员卡' back>
      {__TARGET__ === 'weapp' && (
        <View className='mb__actions'>
          <Button className='ght-button ght-button--primary' onClick={scan}>
            扫描会员卡二维码
          </Button>
        </View>
      )}
      <View className='ght-card'>
        <Text className='ght-form__label'>或输入二维码内容</Text>
        <Input className='ght-form__input' value={token} placeholder='GHT1.…' ariaLabel='会员卡二维码内容' onInput={(e) => setToken(e.detail.value)} />
        <View className='mb__actions'>
          <Button className='ght-button' disabled={busy} onClick={() => check(token)}>
            验证
          </Button>
        </View>
      </View>
      {error && <Text className='mb__error'>{error.message}</Text>}
      {result && !result.valid && <Text className='mb__error'>✗ {result.reason}</Text>}
      {result?.valid && (
        <View className='ght-card' role='status'>
          <Text className='mb__ok'>✓ 会员卡有效</Text>
          <View className='mb__row'>
            <Text className='mb__row-label'>姓名</Text>
            <Text>{result.nameMasked}</Text>
          </View>
          <View className='mb__row'>
            <Text className='mb__row-label'>会员编号</Text>
            <Text>{result.memberNoMasked}</Text>
          </View>
          <View className='mb__row'>
            <Text className='mb__row-label'>所在工会</Text>
            <Text>{result.unionName}</Text>
          </View>
          <View className='mb__row'>
            <Text className='mb__row-label'>会籍状态</Text>
            <Text>{result.statusLabel}</Text>
          </View>
          <View className='mb__row'>
            <Text className='mb__row-label'>入会时间</Text>
            <Text>{formatDate(result.since)}</Text>
          </View>
          <Text className='mb__weak'>{result.inYourUnion ? '是您所管工会的会员' : '不是您所管工会的会员'}</Text>
        </View>
      )}
    </PageShell>
  )
}
