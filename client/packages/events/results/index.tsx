import { Text, View } from '@tarojs/components'
import Button from '../../../components/Button'
import { useRouter } from '@tarojs/taro'
import { useRef, useState } from 'react'
import type { z } from 'zod'
import type { AppErrorShape } from '../../../../shared/contract'
import { eventsActions } from '../../../../shared/events/actions'
import type { ParticipantRow, ResultView } from '../../../../shared/events/schemas'
import ActionView from '../../../components/ActionView'
import FieldError from '../../../components/FieldError'
import Choices from '../../../components/form/Choices'
import Field from '../../../components/form/Field'
import PageShell from '../../../components/PageShell'
import StateView from '../../../components/StateView'
import { useAction } from '../../../hooks/useAction'
import { useDraft } from '../../../hooks/useDraft'
import { usePaged } from '../../../hooks/usePaged'
import { call } from '../../../services/api'
import LoadMore from '../components/LoadMore'
import ResultsTable from '../components/ResultsTable'
import '../events.scss'

type Result = z.infer<typeof ResultView>
interface ResultLine {
  place: string
  award: string
  signupId: string
}
interface ResultsDraft {
  item: string
  lines: ResultLine[]
}
const emptyDraft: ResultsDraft = { item: '', lines: [{ place: '1', award: '', signupId: '' }] }
const MAX_SHOWN = 30

/** 录入成绩 (`results/index?id=<eventId>`): one item's places, chosen from the confirmed participants. */
export default function ResultsPage() {
  const { params } = useRouter()
  const eventId = params.id ? decodeURIComponent(params.id) : ''
  return (
    <PageShell title='录入成绩' back>
      {eventId ? <Results eventId={eventId} /> : <StateView state='empty' message='没有指定活动' showBack />}
    </PageShell>
  )
}

function Results({ eventId }: { eventId: string }) {
  const event = useAction(eventsActions.getEvent, { eventId })
  const people = usePaged(`confirmed:${eventId}`, (cursor) => call(eventsActions.participants, { eventId, status: 'confirmed', limit: 50, ...(cursor ? { cursor } : {}) }), (p) => p.rows)
  const [saved, setSaved] = useState<Result[] | null>(null)
  return (
    <ActionView state={event}>
      {(e) => (
        <View>
          <View className='ght-card'>
            <Text className='ev__heading'>{e.title}</Text>
            <Text className='ev__sub'>已录入的成绩</Text>
            <ResultsTable results={saved ?? e.results} />
          </View>
          <ActionView state={people} isEmpty={(d) => d.items.length === 0} emptyMessage='还没有报名成功的人，不能录入成绩'>
            {(d) => <ResultsForm eventId={eventId} items={[...new Set((saved ?? e.results).map((r) => r.item))]} people={d.items} onSaved={setSaved} />}
          </ActionView>
          <LoadMore list={people} />
        </View>
      )}
    </ActionView>
  )
}

interface ResultsFormProps {
  eventId: string
  /** items that already have results, to pick instead of typing */
  items: string[]
  people: ParticipantRow[]
  onSaved: (results: Result[]) => void
}

const who = (p: ParticipantRow) => (p.team ? `${p.team}（${p.name}）` : `${p.name}（${p.unionName || '非会员'}）`)

function ResultsForm({ eventId, items, people, onSaved }: ResultsFormProps) {
  const [draft, setDraft, clearDraft] = useDraft<ResultsDraft>(`events.results.${eventId}`, emptyDraft)
  const [search, setSearch] = useState('')
  const [error, setError] = useState<AppErrorShape | null>(null)
  const [done, setDone] = useState('')
  const [busy, setBusy] = useState(false)
  const sending = useRef(false)
  const fields = error?.fields
  const setLine = (i: number, change: Partial<ResultLine>) => setDraft((d) => ({ ...d, lines: d.lines.map((l, k) => (k === i ? { ...l, ...change } : l)) }))
  const found = people.filter((p) => !search.trim() || who(p).includes(search.trim()))

  async function save() {
    if (sending.current) return
    const missing = Object.fromEntries(draft.lines.flatMap((l, i) => (l.signupId ? [] : [[`results.${i}.signupId`, '请选择获奖人']])))
    if (Object.keys(missing).length > 0) return setError({ code: 'INVALID_INPUT', message: '每个名次都要选择获奖人', fields: missing })
    sending.current = true
    setBusy(true)
    setError(null)
    setDone('')
    const results = draft.lines.map((l) => ({ place: /^\s*\d+\s*$/.test(l.place) ? Number(l.place) : l.place, award: l.award, signupId: l.signupId }))
    const res = await call(eventsActions.recordResults, { eventId, item: draft.item, results })
    sending.current = false
    setBusy(false)
    if (!res.ok) return setError(res.error)
    setDone(`已保存“${draft.item.trim()}”的成绩`)
    clearDraft()
    onSaved(res.data.results)
  }

  return (
    <View className='ght-card'>
      <Text className='ev__heading'>录入一个项目的成绩</Text>
      <Text className='ev__weak'>保存后会替换这个项目之前录入的全部名次。</Text>
      {items.length > 0 && <Choices label='已有项目' value={items.includes(draft.item) ? draft.item : null} options={items.map((i) => ({ value: i, label: i }))} onChange={(item) => setDraft((d) => ({ ...d, item }))} />}
      <Field label='比赛项目' name='item' value={draft.item} onChange={(item) => setDraft((d) => ({ ...d, item }))} fields={fields} placeholder='如：跳绳' maxlength={20} />
      {people.length > MAX_SHOWN && <Field label='查找获奖人' name='search' value={search} onChange={setSearch} placeholder='输入姓名、队名或单位' maxlength={20} />}
      {draft.lines.map((l, i) => (
        <View key={i} className='ev__box-line'>
          <Field label='名次' name={`results.${i}.place`} type='number' value={l.place} onChange={(place) => setLine(i, { place })} fields={fields} placeholder='如：1' maxlength={3} />
          <Field label='奖项（可不填）' name={`results.${i}.award`} value={l.award} onChange={(award) => setLine(i, { award })} fields={fields} placeholder='如：一等奖' maxlength={20} />
          <Choices label='获奖人' name={`results.${i}.signupId`} value={l.signupId || null} options={found.slice(0, MAX_SHOWN).map((p) => ({ value: p.signupId, label: who(p) }))} onChange={(signupId) => setLine(i, { signupId })} fields={fields} />
          {draft.lines.length > 1 && (
            <Button className='ght-button' onClick={() => setDraft((d) => ({ ...d, lines: d.lines.filter((_, k) => k !== i) }))}>
              删除这一名次
            </Button>
          )}
        </View>
      ))}
      <FieldError fields={fields} name='results' />
      <Button className='ght-button' onClick={() => setDraft((d) => ({ ...d, lines: [...d.lines, { place: String(d.lines.length + 1), award: '', signupId: '' }] }))}>
        再加一个名次
      </Button>
      {error && <Text className='ev__error'>{error.message}</Text>}
      {done && <Text className='ev__ok'>{done}</Text>}
      <View className='ev__actions'>
        <Button className='ght-button ght-button--primary' onClick={save} disabled={busy}>
          {busy ? '正在保存…' : '保存成绩'}
        </Button>
      </View>
    </View>
  )
}
