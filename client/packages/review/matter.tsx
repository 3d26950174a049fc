import { Input, Text, Textarea, View } from '@tarojs/components'
import Button from '../../components/Button'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { accountActions } from '../../../shared/account'
import { MatterCategory, matterCategoryLabel } from '../../../shared/requests/matter'
import { reviewActions } from '../../../shared/requests/actions'
import ActionView from '../../components/ActionView'
import FieldError from '../../components/FieldError'
import PageShell from '../../components/PageShell'
import { useAction } from '../../hooks/useAction'
import { useDraft } from '../../hooks/useDraft'
import { call } from '../../services/api'
import { requestSubscribe } from '../../services/subscribe'
import './review.scss'

interface MatterDraft {
  unionId: string
  category: MatterCategory | ''
  title: string
  detail: string
}
const EMPTY: MatterDraft = { unionId: '', category: '', title: '', detail: '' }

const categoryNote: Record<MatterCategory, string> = {
  certificate: '例如办理居住证、积分落户需要的会员证明',
  venue: '借用职工之家、活动室开展活动',
  legalAid: '劳动合同、工资、工伤等纠纷，由工会转到上级工会法律援助',
  other: '其他需要工会同意或办理的事',
}

/** 事项申请: a member asks their union for something; the draft stays on the phone until it is accepted. */
export default function MatterForm() {
  const whoami = useAction(accountActions.whoami, {})
  const [draft, setDraft, clearDraft] = useDraft<MatterDraft>('review.matter', EMPTY)
  const [fields, setFields] = useState<Record<string, string> | undefined>(undefined)
  const [message, setMessage] = useState<string | null>(null)
  const [submitting, setSubmitting] = useState(false)
  const set = (patch: Partial<MatterDraft>) => setDraft((prev) => ({ ...prev, ...patch }))

  async function submit(memberUnions: string[]) {
    // the result notice: asked inside the tap, before anything async
    void requestSubscribe(['reviewResult'])
    if (submitting) return
    const unionId = draft.unionId || (memberUnions.length === 1 ? memberUnions[0] : '')
    if (!unionId) return setFields({ unionId: '请选择向哪个工会申请' })
    if (!draft.category) return setFields({ category: '请选择申请事项' })
    setSubmitting(true)
    setMessage(null)
    const result = await call(reviewActions.submitMatter, { unionId, category: draft.category, title: draft.title, detail: draft.detail })
    setSubmitting(false)
    if (result.ok) {
      clearDraft()
      void Taro.redirectTo({ url: `/packages/review/detail?id=${result.data.request.id}` })
      return
    }
    setFields(result.error.fields)
    setMessage(result.error.message)
  }

  return (
    <PageShell title='事项申请' back>
      <ActionView state={whoami}>
        {(me) => {
          const unions = me.grants.filter((g) => g.role === 'member')
          if (unions.length === 0) {
            return (
              <View className='ght-card'>
                <Text className='rv-summary__line'>加入工会后才能向工会提交事项申请。</Text>
              </View>
            )
          }
          return (
            <View>
              {unions.length > 1 && (
                <View className='ght-card'>
                  <Text className='rv-heading'>向哪个工会申请</Text>
                  {unions.map((u) => (
                    <View key={u.unionId} className={`rv-choice${draft.unionId === u.unionId ? ' rv-choice--on' : ''}`} onClick={() => set({ unionId: u.unionId })} role='radio' ariaLabel={`${draft.unionId === u.unionId ? '已选，' : ''}${u.unionName}`}>
                      <Text>{u.unionName}</Text>
                    </View>
                  ))}
                  <FieldError fields={fields} name='unionId' />
                </View>
              )}
              <View className='ght-card'>
                <Text className='rv-heading'>申请事项</Text>
                {MatterCategory.options.map((c) => (
                  <View key={c} className={`rv-choice${draft.category === c ? ' rv-choice--on' : ''}`} onClick={() => set({ category: c })} role='radio' ariaLabel={`${draft.category === c ? '已选，' : ''}${matterCategoryLabel[c]}`}>
                    <Text className='rv-choice__title'>{matterCategoryLabel[c]}</Text>
                    <Text className='rv-choice__note'>{categoryNote[c]}</Text>
                  </View>
                ))}
                <FieldError fields={fields} name='category' />
              </View>
              <View className='ght-card'>
                <Text className='rv-decision__label'>事由（20字以内）</Text>
                <Input className='rv-input' value={draft.title} maxlength={20} placeholder='例如：开具在职会员证明' onInput={(e) => set({ title: e.detail.value })} />
                <FieldError fields={fields} name='title' />
                <Text className='rv-decision__label'>具体情况</Text>
                <Textarea className='rv-decision__input' value={draft.detail} maxlength={500} autoHeight placeholder='写清楚需要工会办什么、什么时候需要' onInput={(e) => set({ detail: e.detail.value })} />
                <FieldError fields={fields} name='detail' />
                <Text className='rv-field__weak'>请不要填写身份证号、银行卡号等个人敏感信息。</Text>
              </View>
              {message && (
                <View className='rv-notice' role='alert'>
                  <Text>{message}</Text>
                </View>
              )}
              <View className='rv-actions'>
                <Button className='ght-button ght-button--primary rv-actions__main' onClick={() => void submit(unions.map((u) => u.unionId))} disabled={submitting}>
                  {submitting ? '正在提交…' : '提交申请'}
                </Button>
              </View>
            </View>
          )
        }}
      </ActionView>
    </PageShell>
  )
}
