import { Text, View } from '@tarojs/components'
import Button from '../../../components/Button'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type { AppErrorShape } from '../../../../shared/contract'
import {
  ID_NUMBER_CONSENT_VERSION,
  PRIVACY_POLICY_VERSION,
  idNumberConsentText,
  membershipActions,
  migrantHint,
  privacyPolicySummary,
  workerTypeLabel,
  type MembershipConsentPurpose,
  type ProfileView,
  type WorkerType,
} from '../../../../shared/membership'
import ActionView from '../../../components/ActionView'
import Check from '../../../components/form/Check'
import Field from '../../../components/form/Field'
import PageShell from '../../../components/PageShell'
import { useAction } from '../../../hooks/useAction'
import { useDraft } from '../../../hooks/useDraft'
import { call } from '../../../services/api'
import { openPage } from '../../../services/navigation'
import '../membership.scss'

interface ProfileDraft {
  name: string
  phone: string
  workerType: WorkerType
  /** absent in drafts saved before the question: the stored answer stands */
  migrant?: boolean
  employer: string
  job: string
  area: string
}

const emptyDraft: ProfileDraft = { name: '', phone: '', workerType: 'employee', employer: '', job: '', area: '' }

export default function Profile() {
  const profile = useAction(membershipActions.getProfile, {})
  return (
    <PageShell title='个人信息' back>
      <ActionView state={profile}>{(p) => <ProfileForm initial={p} onSaved={profile.reload} />}</ActionView>
    </PageShell>
  )
}

function ProfileForm({ initial, onSaved }: { initial: ProfileView; onSaved: () => void }) {
  const router = useRouter()
  const next = router.params.next ? decodeURIComponent(router.params.next) : ''
  const [view, setView] = useState(initial)
  // The ID number is never kept in the on-phone draft: it lives only in this screen's memory.
  const [idNumber, setIdNumber] = useState('')
  const [draft, setDraft, clearDraft] = useDraft<ProfileDraft>('membership.profile', emptyDraft)
  const [error, setError] = useState<AppErrorShape | null>(null)
  const [busy, setBusy] = useState(false)
  const [saved, setSaved] = useState(false)

  // Start from what the server has when there is no draft of unsaved changes.
  useEffect(() => {
    setDraft((d) =>
      d.name || d.employer || d.job
        ? d
        : { ...d, name: initial.name, workerType: initial.workerType, migrant: initial.migrant, employer: initial.employer, job: initial.job, area: initial.area },
    )
  }, [initial, setDraft])

  const set = <K extends keyof ProfileDraft>(key: K, value: ProfileDraft[K]) => setDraft((d) => ({ ...d, [key]: value }))

  async function consent(purpose: MembershipConsentPurpose) {
    const version = purpose === 'privacy_policy' ? PRIVACY_POLICY_VERSION : ID_NUMBER_CONSENT_VERSION
    const res = await call(membershipActions.giveConsent, { purpose, version })
    if (res.ok) setView(res.data)
    else setError(res.error)
  }

  async function onPhoneCode(code: string | undefined) {
    if (!code) {
      setError({ code: 'INVALID_INPUT', message: '没有拿到手机号，您也可以稍后再绑定' })
      return
    }
    const res = await call(membershipActions.bindPhone, { code })
    if (res.ok) setView(res.data)
    else setError(res.error)
  }

  const migrant = draft.migrant ?? view.migrant

  async function save() {
    if (busy) return
    setBusy(true)
    setError(null)
    const res = await call(membershipActions.saveProfile, {
      name: draft.name,
      phone: draft.phone ? draft.phone : undefined,
      idNumber: idNumber ? idNumber : undefined,
      workerType: draft.workerType,
      migrant: migrant,
      employer: draft.employer,
      job: draft.job,
      area: draft.area,
    })
    setBusy(false)
    if (!res.ok) {
      setError(res.error)
      return
    }
    clearDraft()
    setIdNumber('')
    setView(res.data)
    setSaved(true)
    onSaved()
    if (next && res.data.complete) openPage(next)
  }

  if (!view.consents.privacy_policy) {
    return (
      <View>
        <View className='ght-card'>
          <Text className='mb__heading'>{privacyPolicySummary.title}</Text>
          {privacyPolicySummary.points.map((line) => (
            <Text key={line} className='mb__line'>
              {line}
            </Text>
          ))}
          <Text className='ght-link mb__line' onClick={() => openPage('/packages/about/privacy/index')}>
            查看完整的隐私说明
          </Text>
        </View>
        {error && <Text className='mb__error'>{error.message}</Text>}
        <View className='mb__actions'>
          <Button className='ght-button ght-button--primary' onClick={() => consent('privacy_policy')}>
            同意并继续
          </Button>
          <Button className='ght-button' onClick={() => Taro.navigateBack()}>
            暂不同意
          </Button>
        </View>
      </View>
    )
  }

  const fields = error?.fields
  return (
    <View>
      <View className='ght-card'>
        <Field label='姓名' name='name' value={draft.name} onChange={(v) => set('name', v)} fields={fields} placeholder='请填写身份证上的姓名' maxlength={20} />

        <View className='ght-form__field'>
          <Text className='ght-form__label'>手机号</Text>
          {view.phoneMasked && <Text className='mb__line'>已绑定：{view.phoneMasked}</Text>}
          {__TARGET__ === 'weapp' ? (
            <Button className='ght-button' openType='getPhoneNumber' onGetPhoneNumber={(e) => onPhoneCode(e.detail.code)}>
              {view.phoneMasked ? '换一个微信绑定的手机号' : '使用微信绑定的手机号'}
            </Button>
          ) : (
            <Field label={view.phoneMasked ? '换一个手机号（不换可不填）' : '填写手机号'} name='phone' value={draft.phone} onChange={(v) => set('phone', v)} fields={fields} type='number' maxlength={11} placeholder='11位手机号' />
          )}
        </View>

        <View className='ght-form__field'>
          <Text className='ght-form__label'>就业方式</Text>
          <View className='ght-form__choices'>
            {(['employee', 'gig'] as const).map((t) => (
              <View key={t} className={draft.workerType === t ? 'ght-form__choice ght-form__choice--on' : 'ght-form__choice'} role='radio' onClick={() => set('workerType', t)}>
                <Text>{draft.workerType === t ? '● ' : '○ '}{t === 'employee' ? '单位职工' : '新就业形态（骑手、司机等）'}</Text>
              </View>
            ))}
          </View>
          <Text className='mb__weak'>{workerTypeLabel[draft.workerType]}</Text>
        </View>

        <View className='ght-form__field'>
          <Text className='ght-form__label'>是否农民工</Text>
          <View className='ght-form__choices'>
            {([true, false] as const).map((yes) => (
              <View key={String(yes)} className={migrant === yes ? 'ght-form__choice ght-form__choice--on' : 'ght-form__choice'} role='radio' onClick={() => set('migrant', yes)}>
                <Text>{migrant === yes ? '● ' : '○ '}{yes ? '是' : '否'}</Text>
              </View>
            ))}
          </View>
          <Text className='mb__weak'>农民工指{migrantHint}。用于工会统计农民工入会情况，上级工会只看到人数。</Text>
        </View>

        <Field
          label={draft.workerType === 'gig' ? '所在平台或站点（可不填）' : '工作单位'}
          name='employer'
          value={draft.employer}
          onChange={(v) => set('employer', v)}
          fields={fields}
          placeholder={draft.workerType === 'gig' ? '如：某外卖平台望京站' : '请填写单位全称'}
        />
        <Field label='岗位或工种' name='job' value={draft.job} onChange={(v) => set('job', v)} fields={fields} placeholder='如：钢筋工、外卖骑手' maxlength={20} />
        <Field label='居住或工作的街道（乡镇）' name='area' value={draft.area} onChange={(v) => set('area', v)} fields={fields} placeholder='如：望京街道（单位没有工会时用）' maxlength={30} />
      </View>

      <View className='ght-card'>
        <Text className='mb__heading'>{idNumberConsentText.title}</Text>
        {idNumberConsentText.points.map((line) => (
          <Text key={line} className='mb__line'>
            {line}
          </Text>
        ))}
        <Check checked={view.consents.id_number} onChange={(on) => on && !view.consents.id_number && consent('id_number')}>
          <Text>我单独同意工会为办理入会收集、使用我的身份证号</Text>
        </Check>
        {view.idNumberMasked && <Text className='mb__line'>已填写：{view.idNumberMasked}</Text>}
        {view.consents.id_number && (
          <Field
            label={view.idNumberMasked ? '重新填写身份证号（不改可不填）' : '身份证号'}
            name='idNumber'
            value={idNumber}
            onChange={setIdNumber}
            fields={fields}
            type='idcard'
            maxlength={18}
            placeholder='18位，最后一位可能是X'
          />
        )}
      </View>

      {error && <Text className='mb__error'>{error.message}</Text>}
      {saved && !error && <Text className='mb__ok'>已保存{view.complete ? '' : `，还需要：${view.missing.join('、')}`}</Text>}
      <View className='mb__actions'>
        <Button className='ght-button ght-button--primary' disabled={busy} loading={busy} onClick={save}>
          保存
        </Button>
      </View>
    </View>
  )
}
