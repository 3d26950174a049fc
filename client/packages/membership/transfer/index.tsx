import { Text, View } from '@tarojs/components'
import Button from '../../../components/Button'
import Taro from '@tarojs/taro'
import { useRef, useState } from 'react'
import { fail, fieldErrors, type AppErrorShape } from '../../../../shared/contract'
import { RequestTransferInput, membershipActions, type MembershipView } from '../../../../shared/membership'
import type { UnionSummary } from '../../../../shared/union'
import ActionView from '../../../components/ActionView'
import Field from '../../../components/form/Field'
import PageShell from '../../../components/PageShell'
import { useAction } from '../../../hooks/useAction'
import { useDraft } from '../../../hooks/useDraft'
import { call } from '../../../services/api'
import { openPage } from '../../../services/navigation'
import { requestSubscribe } from '../../../services/subscribe'
import UnionFinder from '../components/UnionFinder'
import '../membership.scss'

interface TransferDraft {
  toUnionId: string
  toUnionName: string
  employer: string
  job: string
  reason: string
}
const emptyDraft: TransferDraft = { toUnionId: '', toUnionName: '', employer: '', job: '', reason: '' }

/** 转会: membership moves with the job (一次入会、动态接转). The old union releases, the new one accepts. */
export default function Transfer() {
  const membership = useAction(membershipActions.myMembership, {})
  return (
    <PageShell title='转会（会籍接转）' back>
      <ActionView state={membership}>
        {(m) => {
          if (!m.current) return <Notice text='您还不是工会会员，请先申请入会。' action='申请入会' url='/packages/membership/find/index' />
          if (m.openRequest) return <Notice text={`您的${m.openRequest.kindLabel}正在办理中。`} action='查看办理进度' url={`/packages/membership/status/index?id=${m.openRequest.requestId}`} />
          return <TransferForm membership={m} />
        }}
      </ActionView>
    </PageShell>
  )
}

function Notice({ text, action, url }: { text: string; action: string; url: string }) {
  return (
    <View>
      <Text className='mb__error'>{text}</Text>
      <View className='mb__actions'>
        <Button className='ght-button ght-button--primary' onClick={() => openPage(url)}>
          {action}
        </Button>
      </View>
    </View>
  )
}

function TransferForm({ membership }: { membership: MembershipView }) {
  const current = membership.current
  const [draft, setDraft, clearDraft] = useDraft<TransferDraft>('membership.transfer', emptyDraft)
  const [error, setError] = useState<AppErrorShape | null>(null)
  const [busy, setBusy] = useState(false)
  const sending = useRef(false)
  if (!current) return null

  const pick = (u: UnionSummary) => setDraft((d) => ({ ...d, toUnionId: u._id, toUnionName: u.name, employer: d.employer || u.employer }))

  function submit() {
    if (sending.current) return
    void requestSubscribe(['reviewResult'])
    const input = RequestTransferInput.safeParse({ toUnionId: draft.toUnionId, employer: draft.employer, job: draft.job, reason: draft.reason })
    if (!input.success) {
      setError(fail('INVALID_INPUT', undefined, fieldErrors(input.error)).error)
      return
    }
    sending.current = true
    setBusy(true)
    setError(null)
    call(membershipActions.requestTransfer, input.data).then((res) => {
      sending.current = false
      setBusy(false)
      if (!res.ok) {
        setError(res.error)
        return
      }
      clearDraft()
      Taro.redirectTo({ url: `/packages/membership/status/index?id=${encodeURIComponent(res.data.requestId)}` })
    })
  }

  if (!draft.toUnionId) {
    return (
      <View>
        <View className='ght-card'>
          <Text className='mb__line'>现在的会籍：{current.unionName}（会员编号 {current.memberNo}）</Text>
          <Text className='mb__weak'>请选择新单位的工会。新单位没有工会的，选择工作地或居住地的街道工会联合会。</Text>
        </View>
        <UnionFinder verb='转入这个工会' onPick={pick} excludeId={current.unionId} />
      </View>
    )
  }

  const fields = error?.fields
  return (
    <View>
      <View className='ght-card'>
        <View className='mb__row'>
          <Text className='mb__row-label'>转出</Text>
          <Text>{current.unionName}</Text>
        </View>
        <View className='mb__row'>
          <Text className='mb__row-label'>转入</Text>
          <Text>{draft.toUnionName}</Text>
        </View>
        <Text className='ght-link mb__line' onClick={() => setDraft((d) => ({ ...d, toUnionId: '', toUnionName: '' }))}>
          换一个工会
        </Text>
      </View>
      <View className='ght-card'>
        <Field label='新工作单位' name='employer' value={draft.employer} onChange={(v) => setDraft((d) => ({ ...d, employer: v }))} fields={fields} />
        <Field label='新岗位或工种' name='job' value={draft.job} onChange={(v) => setDraft((d) => ({ ...d, job: v }))} fields={fields} maxlength={20} />
        <Field label='转会原因（可不填）' name='reason' value={draft.reason} onChange={(v) => setDraft((d) => ({ ...d, reason: v }))} fields={fields} maxlength={100} placeholder='如：换了工作单位' />
      </View>
      {error && <Text className='mb__error'>{error.message}</Text>}
      <View className='mb__actions'>
        <Button className='ght-button ght-button--primary' disabled={busy} loading={busy} onClick={submit}>
          提交转会申请
        </Button>
        <Text className='mb__weak'>原工会确认转出（逾期未处理将自动转出）后，由新工会办理接收。会员编号和入会时间保持不变。</Text>
      </View>
    </View>
  )
}
