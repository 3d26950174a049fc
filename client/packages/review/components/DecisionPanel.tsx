import { Text, Textarea, View } from '@tarojs/components'
import Button from '../../../components/Button'
import { useState } from 'react'
import { REASON_MAX } from '../../../../shared/requests/state'
import FieldError from '../../../components/FieldError'

export type DecisionKind = 'approve' | 'reject' | 'return'

const wording: Record<DecisionKind, { title: string; label: string; placeholder: string; confirm: string; required: boolean }> = {
  approve: { title: '审核通过', label: '审核意见（选填）', placeholder: '例如：材料齐全，同意', confirm: '确认通过', required: false },
  return: { title: '退回修改', label: '退回原因（必填）', placeholder: '告诉申请人需要补充或修改什么', confirm: '确认退回', required: true },
  reject: { title: '驳回申请', label: '驳回原因（必填）', placeholder: '写明不能通过的原因，申请人会看到', confirm: '确认驳回', required: true },
}

export interface DecisionPanelProps {
  decision: DecisionKind
  busy: boolean
  /** problems the server reported, by field */
  fields?: Record<string, string>
  onCancel: () => void
  /** called from the confirm tap with the trimmed reason; the page asks for a final yes and sends it */
  onConfirm: (reason: string) => void
}

/** The reviewer's decision with its reason. Reject and return cannot go without one. */
export default function DecisionPanel({ decision, busy, fields, onCancel, onConfirm }: DecisionPanelProps) {
  const [reason, setReason] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const w = wording[decision]
  function confirm() {
    const text = reason.trim()
    if (w.required && !text) return setProblem(decision === 'reject' ? '请填写驳回原因' : '请填写退回原因，告诉申请人需要修改什么')
    if (text.length > REASON_MAX) return setProblem(`原因不能超过${REASON_MAX}个字`)
    setProblem(null)
    onConfirm(text)
  }
  return (
    <View className='ght-card rv-decision'>
      <Text className='rv-heading'>{w.title}</Text>
      <Text className='rv-decision__label'>{w.label}</Text>
      <Textarea
        className='rv-decision__input'
        value={reason}
        maxlength={REASON_MAX}
        placeholder={w.placeholder}
        onInput={(e) => setReason(e.detail.value)}
        autoHeight
      />
      <Text className='rv-decision__count'>
        {reason.trim().length}/{REASON_MAX}
      </Text>
      {problem && <Text className='field-error'>！{problem}</Text>}
      <FieldError fields={fields} name='reason' />
      <View className='rv-decision__buttons'>
        <Button className='ght-button' onClick={onCancel} disabled={busy}>
          取消
        </Button>
        <Button className={`ght-button ${decision === 'approve' ? 'ght-button--primary' : 'rv-button--danger'}`} onClick={confirm} disabled={busy}>
          {busy ? '正在提交…' : w.confirm}
        </Button>
      </View>
    </View>
  )
}
