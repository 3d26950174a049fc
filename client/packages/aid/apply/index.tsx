import { Text, View } from '@tarojs/components'
import Button from '../../../components/Button'
import Taro, { useRouter } from '@tarojs/taro'
import { useRef, useState } from 'react'
import type { AppErrorShape } from '../../../../shared/contract'
import { aidActions } from '../../../../shared/aid/actions'
import type { ApplicationDetail, GetApplyFormOutput } from '../../../../shared/aid/api'
import { SchemeCode, type SchemeCode as Scheme } from '../../../../shared/aid/config'
import { AID_CONSENT_VERSION, guardianConsentText, sensitiveAidConsentText } from '../../../../shared/aid/consent'
import { educationLevelOf, schoolStageLabel, type HouseholdProfile, type SchoolStage } from '../../../../shared/aid/household'
import { isUnder14, isValidIdNumber } from '../../../../shared/privacy/idNumber'
import ActionView from '../../../components/ActionView'
import Check from '../../../components/form/Check'
import Choices from '../../../components/form/Choices'
import Field from '../../../components/form/Field'
import PageShell from '../../../components/PageShell'
import StateView from '../../../components/StateView'
import { useAction } from '../../../hooks/useAction'
import { useDraft } from '../../../hooks/useDraft'
import { call } from '../../../services/api'
import { requestSubscribe } from '../../../services/subscribe'
import DocumentChecklist, { type UploadedDoc } from '../components/DocumentChecklist'
import { fenOf, textOf } from '../yuan'
import '../aid.scss'

interface ApplyDraft {
  draftId: string
  applicant: { name: string; idNumber: string; phone: string; bankName: string; bankCard: string }
  child: { name: string; idNumber: string; school: string; stage: SchoolStage; isNewStudent: boolean; specialFunded: boolean; otherFunding: boolean }
  statement: string
  diagnosis: string
  selfPaid: string
  docs: UploadedDoc[]
}

const SCHOOL_STAGES: SchoolStage[] = ['highSchool', 'secondaryVocational', 'vocationalCollege', 'undergraduate', 'postgraduate']
const newDraftId = () => `d${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`

function emptyDraft(stage: SchoolStage): ApplyDraft {
  return {
    draftId: newDraftId(),
    applicant: { name: '', idNumber: '', phone: '', bankName: '', bankCard: '' },
    child: { name: '', idNumber: '', school: '', stage, isNewStudent: false, specialFunded: false, otherFunding: false },
    statement: '',
    diagnosis: '',
    selfPaid: '',
    docs: [],
  }
}

/**
 * 帮扶申请: opened from the check (`?scheme=school&member=2`), for 代办 (`&proxy=…`), or to correct a
 * returned application (`?edit=<id>`). The draft lives on the phone until the server says ok.
 */
export default function ApplyPage() {
  const { params } = useRouter()
  const edit = params.edit ? decodeURIComponent(params.edit) : ''
  const scheme = SchemeCode.safeParse(params.scheme)
  const proxyId = params.proxy ? decodeURIComponent(params.proxy) : undefined
  const member = params.member === undefined ? null : Number(params.member)
  return (
    <PageShell title={edit ? '修改后重新提交' : '帮扶申请'} back>
      {edit ? <EditLoader applicationId={edit} /> : scheme.success ? <NewLoader scheme={scheme.data} proxyId={proxyId} member={member} /> : <StateView state='error' message='没有选择帮扶项目，请从资格测算页进入' />}
    </PageShell>
  )
}

function NewLoader({ scheme, proxyId, member }: { scheme: Scheme; proxyId?: string; member: number | null }) {
  const form = useAction(aidActions.getApplyForm, proxyId ? { scheme, proxyId } : { scheme })
  const household = useAction(aidActions.getHousehold, proxyId ? { proxyId } : {})
  return (
    <ActionView state={form}>
      {(f) => <ActionView state={household}>{(h) => <ApplyForm form={f} profile={h.profile} member={member} proxyId={proxyId} edit={null} onConsent={form.reload} />}</ActionView>}
    </ActionView>
  )
}

function EditLoader({ applicationId }: { applicationId: string }) {
  const app = useAction(aidActions.getApplication, { applicationId })
  return <ActionView state={app}>{(a) => <EditForm app={a} />}</ActionView>
}

function EditForm({ app }: { app: ApplicationDetail }) {
  const form = useAction(aidActions.getApplyForm, { scheme: app.scheme })
  if (!app.viewer.canResubmit) return <StateView state='error' message='这份申请现在不能修改' />
  return <ActionView state={form}>{(f) => <ApplyForm form={f} profile={null} member={null} edit={app} onConsent={form.reload} />}</ActionView>
}

interface ApplyFormProps {
  form: GetApplyFormOutput
  profile: HouseholdProfile | null
  member: number | null
  proxyId?: string
  edit: ApplicationDetail | null
  onConsent: () => void
}

function ApplyForm({ form, profile, member, proxyId, edit, onConsent }: ApplyFormProps) {
  const scheme = form.scheme
  const prefillStage = (member !== null ? profile?.members[member]?.school : undefined) ?? 'undergraduate'
  const initial: ApplyDraft = edit
    ? {
        ...emptyDraft(edit.child?.stage ?? 'undergraduate'),
        applicant: { name: '', idNumber: '', phone: '', bankName: edit.applicant.bankName, bankCard: '' },
        child: {
          name: '',
          idNumber: '',
          school: edit.child?.school ?? '',
          stage: edit.child?.stage ?? 'undergraduate',
          isNewStudent: edit.child?.isNewStudent ?? false,
          specialFunded: false,
          otherFunding: false,
        },
        statement: edit.statement,
        selfPaid: edit.selfPaidMedicalFen === null ? '' : textOf(edit.selfPaidMedicalFen),
        docs: edit.documents.map((d) => ({ code: d.code, fileId: d.fileId, preview: '' })),
      }
    : emptyDraft(educationLevelOf(prefillStage) ? prefillStage : 'undergraduate')
  const key = edit ? `aid.edit.${edit.id}` : `aid.apply.${scheme}.${proxyId ?? 'self'}${member === null ? '' : `.${member}`}`
  const [draft, setDraft, clearDraft] = useDraft<ApplyDraft>(key, initial)
  const [error, setError] = useState<AppErrorShape | null>(null)
  const [busy, setBusy] = useState(false)
  const [consenting, setConsenting] = useState(false)
  const sending = useRef(false)
  const fields = error?.fields
  const setApplicant = (change: Partial<ApplyDraft['applicant']>) => setDraft((d) => ({ ...d, applicant: { ...d.applicant, ...change } }))
  const setChild = (change: Partial<ApplyDraft['child']>) => setDraft((d) => ({ ...d, child: { ...d.child, ...change } }))
  const childUnder14 = scheme === 'school' && isValidIdNumber(draft.child.idNumber) && isUnder14(draft.child.idNumber)
  const needsSensitive = !form.consents.sensitiveAid
  const needsGuardian = childUnder14 && !form.consents.guardianMinor

  async function consent(purpose: 'sensitive_aid' | 'guardian_minor') {
    if (consenting) return
    setConsenting(true)
    const res = await call(aidActions.recordConsent, { purpose, version: AID_CONSENT_VERSION })
    setConsenting(false)
    if (!res.ok) return setError(res.error)
    onConsent()
  }

  function submit() {
    if (sending.current) return
    // the result messages may only be asked for inside the tap, before anything is awaited
    void requestSubscribe(['reviewResult', 'aidProgress'])
    const selfPaid = fenOf(draft.selfPaid)
    if (scheme === 'medical' && selfPaid === null) {
      setError({ code: 'INVALID_INPUT', message: '自付医疗费用请填写金额', fields: { selfPaidMedicalFen: '请填写金额，例如 12000' } })
      return
    }
    sending.current = true
    setBusy(true)
    setError(null)
    send(selfPaid ?? 0).then((res) => {
      sending.current = false
      setBusy(false)
      if (!res.ok) {
        setError(res.error)
        return
      }
      clearDraft()
      Taro.redirectTo({ url: `/packages/aid/detail/index?id=${res.data.applicationId}` })
    })
  }

  function send(selfPaidMedicalFen: number) {
    const documents = draft.docs.map((d) => ({ code: d.code, fileId: d.fileId }))
    const a = draft.applicant
    if (edit) {
      const keep = (v: string) => (v.trim() === '' ? undefined : v)
      const { name: childName, idNumber: childId, ...childRest } = draft.child
      const child = edit.child
        ? { ...childRest, ...(keep(childName) ? { name: childName } : {}), ...(keep(childId) ? { idNumber: childId } : {}) }
        : undefined
      return call(aidActions.resubmitApplication, {
        applicationId: edit.id,
        expectedVersion: edit.version,
        applicant: {
          bankName: a.bankName,
          ...(keep(a.name) ? { name: a.name } : {}),
          ...(keep(a.idNumber) ? { idNumber: a.idNumber } : {}),
          ...(keep(a.phone) ? { phone: a.phone } : {}),
          ...(keep(a.bankCard) ? { bankCard: a.bankCard } : {}),
        },
        ...(child ? { child } : {}),
        statement: draft.statement,
        ...(scheme === 'medical' ? { selfPaidMedicalFen, ...(draft.diagnosis.trim() ? { diagnosis: draft.diagnosis } : {}) } : {}),
        documents,
      })
    }
    const common = { draftId: draft.draftId, applicant: a, documents, ...(proxyId ? { proxyId } : {}) }
    if (scheme === 'school') return call(aidActions.submitApplication, { ...common, scheme, child: draft.child, statement: draft.statement })
    if (scheme === 'medical') return call(aidActions.submitApplication, { ...common, scheme, statement: draft.statement, diagnosis: draft.diagnosis, selfPaidMedicalFen })
    return call(aidActions.submitApplication, { ...common, scheme, statement: draft.statement })
  }

  const masked = (value: string) => (edit ? `已填写：${value}（不改请留空）` : undefined)
  return (
    <View>
      <View className='ght-card'>
        <Text className='aid__heading'>{form.label}</Text>
        {form.forWorker && <Text className='aid__line'>代{form.forWorker}填写（职工本人已同意）</Text>}
        <Text className='aid__weak'>提交给：{form.unionName}</Text>
        <Text className='aid__weak'>审批流程：{form.chain.join(' → ')}</Text>
        <Text className='aid__weak'>
          申请时间：{form.windowText}
          {form.noticeWorkingDays > 0 ? `；通过后公示${form.noticeWorkingDays}个工作日（只显示姓氏、单位、项目和金额）` : ''}
        </Text>
        {!form.windowOpen && !edit && <Text className='aid__no'>现在不在申请时间内，可以先填好，开放后再提交。</Text>}
      </View>

      {needsSensitive && (
        <View className='ght-card'>
          <Text className='aid__heading'>敏感个人信息单独同意</Text>
          {sensitiveAidConsentText.map((line, i) => (
            <Text key={i} className='aid__line'>
              {line}
            </Text>
          ))}
          {proxyId ? (
            <Text className='aid__no'>这项同意需要职工本人在自己的微信里确认（在“代办”页面）。</Text>
          ) : (
            <View className='aid__actions'>
              <Button className='ght-button ght-button--primary' onClick={() => consent('sensitive_aid')} disabled={consenting}>
                我已阅读，单独同意
              </Button>
            </View>
          )}
        </View>
      )}

      <View className='ght-card'>
        <Text className='aid__heading'>申请人（收款人）</Text>
        <Field label='姓名' name='applicant.name' value={draft.applicant.name} onChange={(name) => setApplicant({ name })} fields={fields} placeholder={masked(edit?.applicant.name ?? '') ?? '身份证上的姓名'} maxlength={20} />
        <Field label='身份证号' name='applicant.idNumber' type='idcard' value={draft.applicant.idNumber} onChange={(idNumber) => setApplicant({ idNumber })} fields={fields} placeholder={masked(edit?.applicant.idNumber ?? '') ?? '18位，最后一位可能是X'} maxlength={18} />
        <Field label='手机号' name='applicant.phone' type='number' value={draft.applicant.phone} onChange={(phone) => setApplicant({ phone })} fields={fields} placeholder={masked(edit?.applicant.phone ?? '') ?? '11位手机号'} maxlength={11} />
        <Field label='开户银行和网点' name='applicant.bankName' value={draft.applicant.bankName} onChange={(bankName) => setApplicant({ bankName })} fields={fields} placeholder='例如：中国工商银行望京支行' maxlength={40} />
        <Field label='本人银行卡号' name='applicant.bankCard' type='number' value={draft.applicant.bankCard} onChange={(bankCard) => setApplicant({ bankCard })} fields={fields} placeholder={masked(edit?.applicant.bankCard ?? '') ?? '帮扶款打到本人实名银行卡'} maxlength={23} />
      </View>

      {scheme === 'school' && (
        <View className='ght-card'>
          <Text className='aid__heading'>上学的孩子</Text>
          <Field label='孩子姓名' name='child.name' value={draft.child.name} onChange={(name) => setChild({ name })} fields={fields} placeholder={masked(edit?.child?.name ?? '') ?? '孩子身份证上的姓名'} maxlength={20} />
          <Field label='孩子身份证号' name='child.idNumber' type='idcard' value={draft.child.idNumber} onChange={(idNumber) => setChild({ idNumber })} fields={fields} placeholder={masked(edit?.child?.idNumber ?? '') ?? '用来核对每个孩子每年只资助一次'} maxlength={18} />
          <Field label='学校全称' name='child.school' value={draft.child.school} onChange={(school) => setChild({ school })} fields={fields} placeholder='例如：北京某大学' maxlength={40} />
          <Choices<SchoolStage> label='学段' name='child.stage' value={draft.child.stage} options={SCHOOL_STAGES.map((s) => ({ value: s, label: schoolStageLabel[s] }))} onChange={(stage) => setChild({ stage })} fields={fields} />
          <Check checked={draft.child.isNewStudent} onChange={(isNewStudent) => setChild({ isNewStudent })}>
            <Text>今年新入学（上传录取通知书）</Text>
          </Check>
          <Check checked={draft.child.specialFunded} onChange={(specialFunded) => setChild({ specialFunded })}>
            <Text>孩子上的是军校、公费师范或定向培养</Text>
          </Check>
          <Check checked={draft.child.otherFunding} onChange={(otherFunding) => setChild({ otherFunding })}>
            <Text>孩子今年已获得政府或其他组织的助学资助</Text>
          </Check>
          {fields?.['child.specialFunded'] && <Text className='field-error'>！{fields['child.specialFunded']}</Text>}
          {fields?.['child.otherFunding'] && <Text className='field-error'>！{fields['child.otherFunding']}</Text>}
        </View>
      )}

      {needsGuardian && (
        <View className='ght-card'>
          <Text className='aid__heading'>监护人同意（孩子未满14周岁）</Text>
          {guardianConsentText.map((line, i) => (
            <Text key={i} className='aid__line'>
              {line}
            </Text>
          ))}
          {!proxyId && (
            <View className='aid__actions'>
              <Button className='ght-button ght-button--primary' onClick={() => consent('guardian_minor')} disabled={consenting}>
                我是监护人，同意
              </Button>
            </View>
          )}
        </View>
      )}

      {scheme === 'medical' && (
        <View className='ght-card'>
          <Text className='aid__heading'>看病情况</Text>
          <Field label='诊断结果' name='diagnosis' value={draft.diagnosis} onChange={(diagnosis) => setDraft((d) => ({ ...d, diagnosis }))} fields={fields} placeholder={edit?.hasDiagnosis ? '已填写（不改请留空）' : '按医院诊断证明填写'} maxlength={60} />
          <Field label='近一年自付医疗费用（元）' name='selfPaidMedicalFen' type='digit' value={draft.selfPaid} onChange={(selfPaid) => setDraft((d) => ({ ...d, selfPaid }))} fields={fields} hint='扣除医保报销后自己付的钱' maxlength={10} />
        </View>
      )}

      <View className='ght-card'>
        <Text className='aid__heading'>{scheme === 'school' ? '补充说明（选填）' : '家庭困难情况说明'}</Text>
        <Field label='' name='statement' value={draft.statement} onChange={(statement) => setDraft((d) => ({ ...d, statement }))} fields={fields} placeholder='用自己的话写清楚家里的困难' maxlength={500} multiline />
      </View>

      <View className='ght-card'>
        <Text className='aid__heading'>材料</Text>
        <Text className='aid__weak'>拍照或从相册选择，照片会先在手机上压缩再上传；传错了可以重新上传。</Text>
        <DocumentChecklist items={form.documents} docs={draft.docs} onChange={(docs) => setDraft((d) => ({ ...d, docs }))} proxyId={proxyId} fields={fields} />
      </View>

      {error && <Text className='aid__error'>{error.message}</Text>}
      {fields?.scheme && fields.scheme !== error?.message && <Text className='aid__error'>{fields.scheme}</Text>}
      <View className='aid__actions'>
        <Button className='ght-button ght-button--primary' onClick={submit} disabled={busy || (needsSensitive && !edit) || needsGuardian}>
          {busy ? '正在提交…' : edit ? '修改后重新提交' : '提交申请'}
        </Button>
        {(needsSensitive || needsGuardian) && <Text className='aid__weak'>请先完成上面的同意，才能提交。</Text>}
        <Text className='aid__weak'>填写的内容会保存在手机上，没网或退出后回来还在。</Text>
      </View>
    </View>
  )
}
