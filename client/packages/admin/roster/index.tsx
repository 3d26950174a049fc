import { Input, Text, View } from '@tarojs/components'
import Button from '../../../components/Button'
import { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type { AppErrorShape } from '../../../../shared/contract'
import { dayjs, formatDate, inChina, TZ } from '../../../../shared/date'
import { rosterStatusLabel, unionActions, type RosterRow, type RosterStatus } from '../../../../shared/union'
import StateView from '../../../components/StateView'
import Choices, { optionsOf } from '../../../components/form/Choices'
import DateField from '../../../components/form/DateField'
import PageShell from '../../../components/PageShell'
import { call } from '../../../services/api'
import '../admin.scss'

type Cursor = { from: Date; memberNo: string }
const ALL = 'all'
type MigrantChoice = typeof ALL | 'yes' | 'no'
const migrantOptions: Array<{ value: MigrantChoice; label: string }> = [
  { value: ALL, label: '全部' },
  { value: 'yes', label: '农民工' },
  { value: 'no', label: '非农民工' },
]

/** 会员名册: `?id=<unionId>` for a union's officers, `&subtree=1` for federation staff over it. */
export default function Roster() {
  const { params } = useRouter()
  const unionId = params.id ? decodeURIComponent(params.id) : ''
  const subtree = params.subtree === '1'
  const [status, setStatus] = useState<RosterStatus | typeof ALL>(ALL)
  const [migrant, setMigrant] = useState<MigrantChoice>(ALL)
  const [typed, setTyped] = useState('')
  const [keyword, setKeyword] = useState('')
  // 入会时间 from and to, China days 'YYYY-MM-DD'; empty = 不限
  const [joinedFrom, setJoinedFrom] = useState('')
  const [joinedTo, setJoinedTo] = useState('')
  const [rows, setRows] = useState<RosterRow[]>([])
  const [next, setNext] = useState<Cursor | null>(null)
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState<AppErrorShape | null>(null)
  const [offline, setOffline] = useState(false)

  const load = async (after: Cursor | null) => {
    setLoading(true)
    const result = await call(unionActions.roster, {
      unionId,
      subtree,
      ...(status === ALL ? {} : { status }),
      ...(migrant === ALL ? {} : { migrant: migrant === 'yes' }),
      ...(keyword ? { keyword } : {}),
      ...(joinedFrom ? { joinedFrom: dayjs.tz(joinedFrom, TZ).toDate() } : {}),
      ...(joinedTo ? { joinedTo: dayjs.tz(joinedTo, TZ).endOf('day').toDate() } : {}),
      ...(after ? { after } : {}),
      limit: 20,
    })
    setLoading(false)
    if (!result.ok) {
      setError(result.error)
      setOffline(result.offline === true)
      return
    }
    setError(null)
    setRows((old) => (after ? [...old, ...result.data.rows] : result.data.rows))
    setNext(result.data.next)
  }
  useEffect(() => {
    void load(null)
    // a new filter starts the list again
  }, [status, migrant, keyword, joinedFrom, joinedTo])

  return (
    <PageShell title='会员名册' back>
      <View className='ght-card'>
        <Choices<RosterStatus | typeof ALL> label='会籍状态' value={status} options={[{ value: ALL, label: '全部' }, ...optionsOf(rosterStatusLabel)]} onChange={setStatus} />
        <Choices<MigrantChoice> label='农民工' value={migrant} options={migrantOptions} onChange={setMigrant} />
        <View className='ght-form__field'>
          <Text className='ght-form__label'>姓名或手机号</Text>
          <Input className='ght-form__input' value={typed} placeholder='输入姓名或手机号查找' maxlength={20} onInput={(e) => setTyped(e.detail.value)} onConfirm={() => setKeyword(typed.trim())} />
        </View>
        <Button className='ght-button' onClick={() => setKeyword(typed.trim())}>
          查找
        </Button>
        <DateField label='入会时间从' name='joinedFrom' value={joinedFrom} onChange={setJoinedFrom} end={joinedTo || inChina(new Date()).format('YYYY-MM-DD')} emptyText='不限' clearable />
        <DateField label='入会时间到' name='joinedTo' value={joinedTo} onChange={setJoinedTo} start={joinedFrom || undefined} end={inChina(new Date()).format('YYYY-MM-DD')} emptyText='不限' clearable />
      </View>
      {error && rows.length === 0 ? (
        <StateView state={offline ? 'offline' : 'error'} message={offline ? undefined : error.message} onRetry={() => void load(null)} />
      ) : loading && rows.length === 0 ? (
        <StateView state='loading' />
      ) : rows.length === 0 ? (
        <StateView state='empty' message='没有符合条件的会员' showBack={false} />
      ) : (
        <View className='ght-card'>
          {rows.map((r) => (
            <View key={r.memberNo + r.from.toISOString()} className='ad__row'>
              <View>
                <Text className='ad__line'>
                  {r.name} · {r.statusLabel}
                  {r.migrant ? ' · 农民工' : ''}
                </Text>
                <Text className='ad__weak'>
                  {r.memberNo} · {r.phoneMasked || '未留手机号'} · {formatDate(r.joinedAt)}入会
                </Text>
                {subtree && <Text className='ad__weak'>{r.unionName}</Text>}
              </View>
            </View>
          ))}
          {next && (
            <Button className='ght-button' loading={loading} onClick={() => void load(next)}>
              加载更多
            </Button>
          )}
        </View>
      )}
    </PageShell>
  )
}
