import { Image, Text, View } from '@tarojs/components'
import Button from '../../../components/Button'
import Taro, { useRouter } from '@tarojs/taro'
import { useRef, useState } from 'react'
import type { z } from 'zod'
import type { AppErrorShape } from '../../../../shared/contract'
import { eventsActions } from '../../../../shared/events/actions'
import {
  EventKind,
  GenderRule,
  MAX_CAPACITY,
  MAX_TEAM_SIZE,
  TITLE_MAX,
  eventKindLabel,
  eventStatusLabel,
  genderRuleLabel,
  type EditView,
  type EventScope,
} from '../../../../shared/events/schemas'
import ActionView from '../../../components/ActionView'
import FieldError from '../../../components/FieldError'
import Check from '../../../components/form/Check'
import Choices, { optionsOf } from '../../../components/form/Choices'
import Field from '../../../components/form/Field'
import PageShell from '../../../components/PageShell'
import StateView from '../../../components/StateView'
import { useAction } from '../../../hooks/useAction'
import { useDraft } from '../../../hooks/useDraft'
import { call } from '../../../services/api'
import DateTimeField from '../components/DateTimeField'
import FieldsEditor from '../components/FieldsEditor'
import OrganiserLinks from '../components/OrganiserLinks'
import { chooseAndUploadCover } from '../cover'
import { draftOf, emptyDraft, eventOf, type EventDraft } from './form'
import '../events.scss'
import { showModal } from '../../../services/modal'

type Edit = z.infer<typeof EditView>
interface OrganisedUnion {
  unionId: string
  name: string
  level: string
}

const scopeLabel: Record<EventScope, string> = { union: '仅本工会', subtree: '本工会及下属各工会' }
const doneMessage: Record<string, string> = { saved: '已保存。检查无误后点“发布活动”，职工就能看到并报名。', published: '活动已发布，职工现在可以报名了。' }

/** 发布活动 / 修改活动 (`edit/index?id=<eventId>`, no id for a new one). */
export default function EditEventPage() {
  const { params } = useRouter()
  const eventId = params.id ? decodeURIComponent(params.id) : ''
  const done = params.done ? doneMessage[params.done] ?? '' : ''
  // the unions I may organise for, and their levels (only a federation may open an event to its subtree)
  const manage = useAction(eventsActions.manageList, { limit: 1 })
  return (
    <PageShell title={eventId ? '修改活动' : '发布活动'} back>
      <ActionView state={manage}>
        {(m) =>
          m.unions.length === 0 ? (
            <StateView state='empty' message='只有工会主席、副主席和工会联合会干部可以发布活动' showBack />
          ) : eventId ? (
            <EditLoader eventId={eventId} unions={m.unions} done={done} />
          ) : (
            <EventForm unions={m.unions} edit={null} notice='' onSaved={() => undefined} />
          )
        }
      </ActionView>
    </PageShell>
  )
}

function EditLoader({ eventId, unions, done }: { eventId: string; unions: OrganisedUnion[]; done: string }) {
  const edit = useAction(eventsActions.getForEdit, { eventId })
  const [notice, setNotice] = useState(done)
  return (
    <ActionView state={edit}>
      {(v) => (
        // a new version is a new form (and a new draft key): the saved values are the starting point again
        <EventForm
          key={v.version}
          unions={unions}
          edit={v}
          notice={notice}
          onSaved={(message) => {
            setNotice(message)
            edit.reload()
          }}
        />
      )}
    </ActionView>
  )
}

interface EventFormProps {
  unions: OrganisedUnion[]
  edit: Edit | null
  notice: string
  onSaved: (message: string) => void
}

function EventForm({ unions, edit, notice, onSaved }: EventFormProps) {
  const initial = edit ? draftOf(edit) : emptyDraft(unions[0].unionId)
  const [draft, setDraft, clearDraft] = useDraft<EventDraft>(edit ? `events.edit.${edit.eventId}.v${edit.version}` : 'events.new', initial)
  const [error, setError] = useState<AppErrorShape | null>(null)
  const [busy, setBusy] = useState(false)
  const sending = useRef(false)
  const set = (change: Partial<EventDraft>) => setDraft((d) => ({ ...d, ...change }))
  const fields = error?.fields
  // a draft left by someone else on this phone may name a union I do not organise for
  const unionId = edit ? edit.unionId : unions.some((u) => u.unionId === draft.unionId) ? draft.unionId : unions[0].unionId
  const union = unions.find((u) => u.unionId === unionId)
  const mayOpenSubtree = union ? union.level !== 'grassroots' : draft.scope === 'subtree'
  const status = edit?.status ?? 'draft'
  const editable = status === 'draft' || status === 'published'

  async function save(thenPublish: boolean) {
    if (sending.current) return
    const { event, problems } = eventOf(draft)
    if (Object.keys(problems).length > 0) {
      setError({ code: 'INVALID_INPUT', message: '还有没填好的地方，请看标红的提示', fields: problems })
      return
    }
    sending.current = true
    setBusy(true)
    setError(null)
    const scope = mayOpenSubtree ? draft.scope : 'union'
    const saved = await call(eventsActions.saveEvent, edit ? { eventId: edit.eventId, expectedVersion: edit.version, unionId, event: { ...event, scope } } : { unionId, event: { ...event, scope } })
    if (!saved.ok) {
      sending.current = false
      setBusy(false)
      setError(saved.error)
      return
    }
    clearDraft()
    let message = saved.data.notified > 0 ? `已保存，已通知${saved.data.notified}位报名的职工。` : '已保存。'
    if (thenPublish) {
      const published = await call(eventsActions.publishEvent, { eventId: saved.data.eventId, expectedVersion: saved.data.version })
      if (!published.ok) {
        sending.current = false
        setBusy(false)
        setError({ ...published.error, message: `已保存，但没有发布：${published.error.message}` })
        if (edit) onSaved('')
        else Taro.redirectTo({ url: `/packages/events/edit/index?id=${saved.data.eventId}&done=saved` })
        return
      }
      message = doneMessage.published
    }
    sending.current = false
    setBusy(false)
    if (edit) onSaved(message)
    else Taro.redirectTo({ url: `/packages/events/edit/index?id=${saved.data.eventId}&done=${thenPublish ? 'published' : 'saved'}` })
  }

  return (
    <View>
      {edit && (
        <View className='ght-card'>
          <View className='ev__row'>
            <Text className='ev__row-main ev__sub'>{edit.event.title}</Text>
            <Text className='ev__tag'>{eventStatusLabel[status]}</Text>
          </View>
          {notice && <Text className='ev__ok'>{notice}</Text>}
          <OrganiserLinks eventId={edit.eventId} kind={edit.event.kind} pages={['detail', 'participants', 'checkin', 'results']} className='ev__choices' />
        </View>
      )}
      {!editable && (
        <View className='ght-card'>
          <Text className='ev__line'>活动{eventStatusLabel[status]}，不能再修改。</Text>
        </View>
      )}
      {editable && (
        <View className='ght-card'>
          <Text className='ev__heading'>活动信息</Text>
          {unions.length > 1 && !edit ? (
            <Choices label='主办工会' name='unionId' value={unionId} options={unions.map((u) => ({ value: u.unionId, label: u.name }))} onChange={(unionId) => set({ unionId })} fields={fields} />
          ) : (
            <Text className='ev__line'>主办工会：{union?.name ?? '本工会'}</Text>
          )}
          <Field label='活动名称' name='event.title' value={draft.title} onChange={(title) => set({ title })} fields={fields} placeholder={`${TITLE_MAX}个字以内，如：职工趣味运动会`} maxlength={TITLE_MAX} />
          <Choices label='活动类型' name='event.kind' value={EventKind.safeParse(draft.kind).success ? draft.kind : null} options={optionsOf(eventKindLabel, EventKind.options)} onChange={(kind) => set({ kind })} fields={fields} />
          <Field label='活动地点' name='event.place' value={draft.place} onChange={(place) => set({ place })} fields={fields} placeholder='如：望京体育馆二楼' maxlength={40} />
          <DateTimeField label='开始时间' name='event.startAt' value={draft.startAt} onChange={(startAt) => set({ startAt })} fields={fields} />
          <DateTimeField label='结束时间' name='event.endAt' value={draft.endAt} onChange={(endAt) => set({ endAt })} fields={fields} />
          <DateTimeField label='报名开始' name='event.signupOpensAt' value={draft.signupOpensAt} onChange={(signupOpensAt) => set({ signupOpensAt })} fields={fields} />
          <DateTimeField label='报名截止' name='event.signupClosesAt' value={draft.signupClosesAt} onChange={(signupClosesAt) => set({ signupClosesAt })} fields={fields} hint='不能晚于活动开始' />
          <Field label={draft.mode === 'team' ? '名额（队数）' : '名额（人数）'} name='event.capacity' type='number' value={draft.capacity} onChange={(capacity) => set({ capacity })} fields={fields} placeholder={`1至${MAX_CAPACITY}`} maxlength={4} hint='报满后再报名的人进入候补，有人取消时按顺序递补' />
          <Field label='活动介绍（可不填）' name='event.description' value={draft.description} onChange={(description) => set({ description })} fields={fields} multiline maxlength={2000} placeholder='活动内容、注意事项、要带的东西' />

          <Text className='ev__sub'>谁可以报名</Text>
          {edit && edit.status === 'published' && <Text className='ev__weak'>已经有人报名后，报名条件只能放宽，不能收紧（不会把已报名的人移出）。</Text>}
          <Choices
            label='活动范围'
            name='event.scope'
            value={mayOpenSubtree ? draft.scope : 'union'}
            options={(mayOpenSubtree ? (['union', 'subtree'] as const) : (['union'] as const)).map((s) => ({ value: s, label: scopeLabel[s] }))}
            onChange={(scope) => set({ scope })}
            fields={fields}
          />
          <Check checked={draft.membersOnly} onChange={(membersOnly) => set({ membersOnly })}>
            <Text>仅限工会会员报名</Text>
          </Check>
          <Choices label='性别要求' name='event.gender' value={draft.gender} options={optionsOf(genderRuleLabel, GenderRule.options)} onChange={(gender) => set({ gender })} fields={fields} />
          <Field label='最小年龄（可不填）' name='event.minAge' type='number' value={draft.minAge} onChange={(minAge) => set({ minAge })} fields={fields} maxlength={2} />
          <Field label='最大年龄（可不填）' name='event.maxAge' type='number' value={draft.maxAge} onChange={(maxAge) => set({ maxAge })} fields={fields} maxlength={2} />

          <Text className='ev__sub'>怎么报名</Text>
          <Choices
            label='报名方式'
            name='event.mode'
            value={draft.mode}
            options={[
              { value: 'individual', label: '个人报名' },
              { value: 'team', label: '组队报名' },
            ]}
            onChange={(mode) => set({ mode })}
            fields={fields}
          />
          {draft.mode === 'team' && (
            <Field label='每队人数（含队长）' name='event.teamSize' type='number' value={draft.teamSize} onChange={(teamSize) => set({ teamSize })} fields={fields} placeholder={`2至${MAX_TEAM_SIZE}`} maxlength={2} />
          )}
          <Check checked={draft.needsApproval} onChange={(needsApproval) => set({ needsApproval })}>
            <Text>报名需要工会审核</Text>
          </Check>
          <Field label='开始后多少分钟内签到不算迟到' name='event.lateAfterMinutes' type='number' value={draft.lateAfterMinutes} onChange={(lateAfterMinutes) => set({ lateAfterMinutes })} fields={fields} maxlength={3} />
          <Field label='候补递补后几小时内须确认（不填则不用确认）' name='event.confirmHours' type='number' value={draft.confirmHours} onChange={(confirmHours) => set({ confirmHours })} fields={fields} placeholder='如：24，逾期名额顺延给下一位' maxlength={2} />
          <FieldsEditor value={draft.fields} onChange={(f) => set({ fields: f })} fields={fields} />

          {error && <Text className='ev__error'>{error.message}</Text>}
          <FieldError fields={fields} name='event' />
          <View className='ev__actions'>
            {status === 'draft' && (
              <Button className='ght-button ght-button--primary' onClick={() => save(true)} disabled={busy}>
                {busy ? '正在提交…' : '保存并发布'}
              </Button>
            )}
            <Button className={status === 'draft' ? 'ght-button' : 'ght-button ght-button--primary'} onClick={() => save(false)} disabled={busy}>
              {status === 'draft' ? '只保存，先不发布' : '保存修改'}
            </Button>
            {status === 'published' && <Text className='ev__weak'>改了时间或地点，已报名的职工会收到通知。</Text>}
          </View>
        </View>
      )}
      {edit && editable && <Cover eventId={edit.eventId} current={edit.coverUrl} />}
      {edit && editable && <CancelEvent edit={edit} onCancelled={onSaved} />}
    </View>
  )
}

function Cover({ eventId, current }: { eventId: string; current: string }) {
  const [coverUrl, setCoverUrl] = useState(current)
  const [changed, setChanged] = useState(false)
  const [progress, setProgress] = useState('')
  const [problem, setProblem] = useState('')
  async function pick() {
    if (progress) return
    setProblem('')
    setProgress('正在压缩并上传…')
    const outcome = await chooseAndUploadCover(eventId)
    setProgress('')
    if (outcome.ok) {
      setCoverUrl(outcome.coverUrl)
      setChanged(true)
    }
    else if (!outcome.cancelled) setProblem(outcome.message)
  }
  return (
    <View className='ght-card'>
      <Text className='ev__heading'>活动封面（可不加）</Text>
      <Text className='ev__weak'>一张横图，压缩后不超过70KB；太大时会提示您换一张。</Text>
      {coverUrl && <Image className='ev__cover' src={coverUrl} mode='aspectFill' ariaLabel='活动封面' />}
      {changed && <Text className='ev__ok'>封面已更新</Text>}
      {progress && <Text className='ev__weak'>{progress}</Text>}
      {problem && <Text className='ev__error'>{problem}</Text>}
      <View className='ev__actions'>
        <Button className='ght-button' onClick={pick} disabled={Boolean(progress)}>
          {coverUrl ? '换一张封面' : '选择封面图片'}
        </Button>
      </View>
    </View>
  )
}

function CancelEvent({ edit, onCancelled }: { edit: Edit; onCancelled: (message: string) => void }) {
  const [reason, setReason] = useState('')
  const [error, setError] = useState<AppErrorShape | null>(null)
  const [busy, setBusy] = useState(false)
  async function cancel() {
    if (busy) return
    if (!reason.trim()) return setError({ code: 'INVALID_INPUT', message: '请填写取消原因', fields: { reason: '请填写取消原因，会告诉已报名的职工' } })
    const sure = await showModal({ title: '取消活动', content: '取消后不能恢复，已报名的职工会收到通知。确定取消吗？', confirmText: '取消活动', cancelText: '不取消' })
    if (!sure.confirm) return
    setBusy(true)
    const res = await call(eventsActions.cancelEvent, { eventId: edit.eventId, expectedVersion: edit.version, reason })
    setBusy(false)
    if (!res.ok) return setError(res.error)
    onCancelled(res.data.notified > 0 ? `活动已取消，已通知${res.data.notified}位报名的职工。` : '活动已取消。')
  }
  return (
    <View className='ght-card'>
      <Text className='ev__heading'>取消活动</Text>
      <Field label='取消原因' name='reason' value={reason} onChange={setReason} fields={error?.fields} placeholder='如：因天气原因取消' maxlength={60} />
      {error && <Text className='ev__error'>{error.message}</Text>}
      <Button className='ght-button' onClick={cancel} disabled={busy}>
        {busy ? '正在取消…' : '取消活动'}
      </Button>
    </View>
  )
}
