import { Text, View } from '@tarojs/components'
import Button from '../../../components/Button'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { reviewActions } from '../../../../shared/requests/actions'
import type { DescribedField } from '../../../../shared/requests/schemas'
import { call } from '../../../services/api'
import { showModal } from '../../../services/modal'

/**
 * A reviewer-facing field. Sensitive values arrive masked; a reviewer may open one in full after
 * being told that the opening is recorded (audit log: who, when, which item).
 */
export default function SensitiveValue({ field, requestId, canReveal }: { field: DescribedField; requestId: string; canReveal: boolean }) {
  const [full, setFull] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  async function reveal() {
    if (!field.revealKey) return
    const sure = await showModal({
      title: '查看完整信息',
      content: `查看「${field.label}」的完整内容会被记录（谁、什么时间、查看了哪一项），仅限审核这份申请使用。确定查看？`,
      confirmText: '确定查看',
      cancelText: '不看了',
    })
    if (!sure.confirm) return
    setBusy(true)
    const result = await call(reviewActions.revealSensitive, { requestId, field: field.revealKey })
    setBusy(false)
    if (result.ok) {
      setFull(result.data.value)
      setNotice(result.data.notice)
    } else {
      void Taro.showToast({ title: result.error.message, icon: 'none', duration: 3000 })
    }
  }

  return (
    <View className='rv-field'>
      <Text className='rv-field__label'>{field.label}</Text>
      <Text className='rv-field__value' userSelect={full !== null}>
        {full ?? field.value}
      </Text>
      {full === null && field.sensitive && field.revealKey && canReveal && (
        <Button className='ght-button rv-field__reveal' onClick={reveal} disabled={busy}>
          {busy ? '正在打开…' : '查看完整'}
        </Button>
      )}
      {full === null && field.sensitive && <Text className='rv-field__weak'>已隐去部分内容以保护个人信息</Text>}
      {notice && <Text className='rv-field__weak'>{notice}</Text>}
    </View>
  )
}
