import { Text, View } from '@tarojs/components'
import Button from '../../../components/Button'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import { fail, fieldErrors, type AppErrorShape } from '../../../../shared/contract'
import { SubmitApplicationInput, membershipActions, type ProfileView } from '../../../../shared/membership'
import { unionActions, type UnionRef, type UnionSummary } from '../../../../shared/union'
import ActionView from '../../../components/ActionView'
import Check from '../../../components/form/Check'
import Field from '../../../components/form/Field'
import PageShell from '../../../components/PageShell'
import { useAction, type ActionState } from '../../../hooks/useAction'
import { useDraft } from '../../../hooks/useDraft'
import { call } from '../../../services/api'
import { openPage } from '../../../services/navigation'
import { requestSubscribe } from '../../../services/subscribe'
import UnionHeader from '../components/UnionHeader'
import '../membership.scss'

type Target = { union: UnionSummary; ancestors: UnionRef[] }

/** 入会申请: opened from an invite link (`?invite=CODE`) or from the union finder (`?unionId=…`). */
export default function Join() {
  const { params } = useRouter()
  const invite = params.invite ? decodeURIComponent(params.invite) : ''
  const unionId = params.unionId ? decodeURIComponent(params.unionId) : ''
  if (!invite && !unionId) {
    return (
      <PageShell title='申请入会' back>
        <View className='ght-card'>
          <Text className='mb__line'>还没有选择要加入的工会。</Text>
        </View>
        <View className='mb__actions'>
          <Button className='ght-button ght-button--primary' onClick={() => openPage('/packages/membership/find/index')}>
            去找我的工会
          </Button>
        </View>
      </PageShell>
    )
  }
  return (
    <PageShell title='申请入会' back>
      {invite ? <ByInvite code={invite} /> : <ById unionId={unionId} />}
    </PageShell>
  )
}

function ByInvite({ code }: { code: string }) {
  const target = useAction(unionActions.byInviteCode, { code })
  return <TargetView target={target} />
}

function ById({ unionId }: { unionId: string }) {
  const target = useAction(unionActions.getUnion, { unionId })
  return <TargetView target={target} />
}

function TargetView({ target }: { target: ActionState<Target> }) {
  return <ActionView state={target}>{(t) => <JoinWithProfile target={t} />}</ActionView>
}

function JoinWithProfile({ target }: { target: Target }) {
  const profile = useAction(membershipActions.getProfile, {})
  const membership = useAction(membershipActions.myMembership, {})
  return (
    <ActionView state={profile}>
      {(p) => (
        <ActionView state={membership}>
          {(m) => {
            if (m.current) return <Refusal text={`您已经是${m.current.unionName}的会员。换了工作单位请办理转会。`} action='办理转会' url='/packages/membership/transfer/index' />
            if (m.openRequest)
              return <Refusal text={`您的${m.openRequest.kindLabel}（${m.openRequest.unionName}）正在办理中，请等待结果。`} action='查看办理进度' url={`/packages/membership/status/index?id=${m.openRequest.requestId}`} />
            return <JoinForm target={target} profile={p} />
          }}
        </ActionView>
      )}
    </ActionView>
  )
}

function Refusal({ text, action, url }: { text: string; action: string; url: string }) {
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

interface JoinDraft {
  unionId: string
  employer: string
  job: string
  acceptCharter: boolean
}

function JoinForm({ target, profile }: { target: Target; profile: ProfileView }) {
  const { union, ancestors } = target
  const [draft, setDraft, clearDraft] = useDraft<JoinDraft>('membership.join', { unionId: '', employer: '', job: '', acceptCharter: false })
  const [error, setError] = useState<AppErrorShape | null>(null)
  const [busy, setBusy] = useState(false)
  // A ref, not state: two taps in one frame both see `busy === false` in state.
  const sending = useRef(false)

  // A draft for another union starts over from the profile. A draft for this union keeps what was typed,
  // and takes from the profile what it still lacks: a first visit before the profile was complete left
  // 岗位 empty, and coming back from 完善个人信息 must not keep it empty. (The profile holds the employer
  // and job of the last approved stint: approval writes them back.)
  useEffect(() => {
    const fromProfile = { employer: union.employer || profile.employer, job: profile.job }
    setDraft((d) =>
      d.unionId === union._id
        ? { ...d, employer: d.employer || fromProfile.employer, job: d.job || fromProfile.job }
        : { unionId: union._id, ...fromProfile, acceptCharter: false },
    )
  }, [union._id, union.employer, profile.employer, profile.job, setDraft])

  const here = `/packages/membership/join/index?unionId=${encodeURIComponent(union._id)}`
  if (!profile.complete) {
    return (
      <View>
        <UnionHeader union={union} ancestors={ancestors} />
        <View className='ght-card'>
          <Text className='mb__heading'>请先完善个人信息</Text>
          <Text className='mb__line'>还需要：{profile.missing.join('、')}</Text>
        </View>
        <View className='mb__actions'>
          <Button className='ght-button ght-button--primary' onClick={() => openPage(`/packages/membership/profile/index?next=${encodeURIComponent(here)}`)}>
            去完善个人信息
          </Button>
        </View>
      </View>
    )
  }

  function submit() {
    if (sending.current) return
    // Ask for the result notice inside the tap, before any await (WeChat refuses it later).
    void requestSubscribe(['reviewResult'])
    sending.current = true
    setBusy(true)
    setError(null)
    const input = SubmitApplicationInput.safeParse({ unionId: union._id, employer: draft.employer, job: draft.job, acceptCharter: draft.acceptCharter })
    if (!input.success) {
      sending.current = false
      setBusy(false)
      setError(fail('INVALID_INPUT', undefined, fieldErrors(input.error)).error)
      return
    }
    call(membershipActions.submitApplication, input.data).then((res) => {
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

  const fields = error?.fields
  return (
    <View>
      <UnionHeader union={union} ancestors={ancestors} />
      <View className='ght-card'>
        <Text className='mb__heading'>申请人</Text>
        <View className='mb__row'>
          <Text className='mb__row-label'>姓名</Text>
          <Text>{profile.name}</Text>
        </View>
        <View className='mb__row'>
          <Text className='mb__row-label'>身份证号</Text>
          <Text>{profile.idNumberMasked}</Text>
        </View>
        <View className='mb__row'>
          <Text className='mb__row-label'>手机号</Text>
          <Text>{profile.phoneMasked}</Text>
        </View>
        <View className='mb__row'>
          <Text className='mb__row-label'>是否农民工</Text>
          <Text>{profile.migrant ? '是' : '否'}</Text>
        </View>
        <Text className='ght-link mb__line' onClick={() => openPage(`/packages/membership/profile/index?next=${encodeURIComponent(here)}`)}>
          修改个人信息
        </Text>
      </View>
      <View className='ght-card'>
        <Field label='工作单位' name='employer' value={draft.employer} onChange={(v) => setDraft((d) => ({ ...d, employer: v }))} fields={fields} />
        <Field label='岗位或工种' name='job' value={draft.job} onChange={(v) => setDraft((d) => ({ ...d, job: v }))} fields={fields} maxlength={20} />
        <Check checked={draft.acceptCharter} onChange={(on) => setDraft((d) => ({ ...d, acceptCharter: on }))}>
          <Text>我自愿加入中国工会，承认并遵守《中国工会章程》</Text>
        </Check>
        {fields?.acceptCharter && <Text className='mb__error'>{fields.acceptCharter}</Text>}
      </View>
      {error && <Text className='mb__error'>{error.message}</Text>}
      <View className='mb__actions'>
        <Button className='ght-button ght-button--primary' disabled={busy} loading={busy} onClick={submit}>
          提交入会申请
        </Button>
        <Text className='mb__weak'>提交后由{union.name}审核，结果会通过微信消息和“我的消息”通知您。</Text>
      </View>
    </View>
  )
}
