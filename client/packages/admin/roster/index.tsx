import { Input, Text, View } from '@tarojs/components'
import Button from '../../../components/Button'
import EmptyState from '../../../components/EmptyState'
import { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type { AppErrorShape } from '../../../../shared/contract'
import { dayjs, formatDate, formatDateTime, inChina, TZ } from '../../../../shared/date'
import { rosterStatusLabel, unionActions, unionExportActions, type RosterRow, type RosterStatus } from '../../../../shared/union'
import StateView from '../../../components/StateView'
import Check from '../../../components/form/Check'
import Choices, { optionsOf } from '../../../components/form/Choices'
import DateField from '../../../components/form/DateField'
import FilterTabs from '../../../components/FilterTabs'
import PageShell from '../../../components/PageShell'
import { call } from '../../../services/api'
import { openExport } from '../../../services/files'
import { showModal } from '../../../services/modal'
import { openPage } from '../../../services/navigation'
import '../admin.scss'

type Cursor = { from: Date; memberNo: string }
type ExportedFile = { url: string; fileName: string; rows: number; expiresAt: Date }
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
  // `&migrant=1`: opened from 年度数据's 农民工 figures
  const [migrant, setMigrant] = useState<MigrantChoice>(params.migrant === '1' ? 'yes' : ALL)
  const [typed, setTyped] = useState('')
  const [keyword, setKeyword] = useState('')
  // 入会时间 from and to, China days 'YYYY-MM-DD'; empty = 不限
  const [joinedFrom, setJoinedFrom] = useState('')
  const [joinedTo, setJoinedTo] = useState('')
  // 拟除名: six months of dues unpaid without an exemption (a union's own roster only)
  const [arrears, setArrears] = useState(params.arrears === '1')
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
      ...(arrears ? { arrears } : {}),
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
  }, [status, migrant, keyword, joinedFrom, joinedTo, arrears])

  return (
    <PageShell title='会员名册' back>
      <FilterTabs<RosterStatus | typeof ALL> value={status} options={[{ value: ALL, label: '全部' }, ...optionsOf(rosterStatusLabel)]} onChange={setStatus} />
      <View className='ght-card'>
        <Choices<MigrantChoice> label='农民工' value={migrant} options={migrantOptions} onChange={setMigrant} />
        <View className='ght-form__field'>
          <Text className='ght-form__label'>姓名或手机号</Text>
          <Input className='ght-form__input' value={typed} placeholder='输入姓名或手机号查找' maxlength={20} onInput={(e) => setTyped(e.detail.value)} onConfirm={() => setKeyword(typed.trim())} />
        </View>
        {!subtree && (
          <Check checked={arrears} onChange={setArrears}>
            <Text>只看拟除名（连续六个月未缴会费且未免缴）</Text>
          </Check>
        )}
        <Button className='ght-button' onClick={() => setKeyword(typed.trim())}>
          查找
        </Button>
        <DateField label='入会时间从' name='joinedFrom' value={joinedFrom} onChange={setJoinedFrom} end={joinedTo || inChina(new Date()).format('YYYY-MM-DD')} emptyText='不限' clearable />
        <DateField label='入会时间到' name='joinedTo' value={joinedTo} onChange={setJoinedTo} start={joinedFrom || undefined} end={inChina(new Date()).format('YYYY-MM-DD')} emptyText='不限' clearable />
      </View>
      <ExportRoster unionId={unionId} subtree={subtree} status={status === ALL ? undefined : status} />
      {error && rows.length === 0 ? (
        <StateView state={offline ? 'offline' : 'error'} message={offline ? undefined : error.message} onRetry={() => void load(null)} />
      ) : loading && rows.length === 0 ? (
        <StateView state='loading' />
      ) : rows.length === 0 ? (
        <EmptyState title={arrears ? '没有拟除名的会员' : '没有符合条件的会员'} message='换个会籍状态或条件再查找' />
      ) : (
        <View className='ght-card'>
          {rows.map((r) => (
            <View
              key={r.memberNo + r.from.toISOString()}
              className='ad__row ad__row--tap'
              role='button'
              onClick={() => openPage(`/packages/admin/member/index?id=${encodeURIComponent(r.unionId)}&no=${encodeURIComponent(r.memberNo)}`)}
            >
              <View>
                <Text className='ad__line'>
                  {r.name} · {r.statusLabel}
                  {r.migrant && <Text className='ad__tag'>农民工</Text>}
                  {r.arrears && <Text className='ad__tag ad__tag--warn'>拟除名</Text>}
                  {r.exempt && <Text className='ad__tag'>免缴</Text>}
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

/** 导出Excel: masked by default; the full numbers only for those allowed, and every member sees the export in 谁看过我的信息. */
function ExportRoster({ unionId, subtree, status }: { unionId: string; subtree: boolean; status?: RosterStatus }) {
  const [busy, setBusy] = useState(false)
  const [file, setFile] = useState<ExportedFile | null>(null)
  const [problem, setProblem] = useState('')
  const run = async (full: boolean) => {
    if (full) {
      const sure = await showModal({ title: '导出完整号码', content: '导出的表格含完整手机号和身份证号，每位会员都能看到这次导出。请妥善保管，勿外传。', confirmText: '导出' })
      if (!sure.confirm) return
    }
    setBusy(true)
    setProblem('')
    const result = await call(unionExportActions.exportRoster, { unionId, subtree, full, ...(status ? { status } : {}) })
    setBusy(false)
    if (!result.ok) return setProblem(result.error.message)
    setFile(result.data)
    await openExport(result.data, 'xlsx').catch(() => setProblem('文件已生成，但没能打开，请再试一次'))
  }
  return (
    <View className='ght-card'>
      <View className='ad__small-actions'>
        <Button className='ght-button' loading={busy} onClick={() => run(false)}>
          导出Excel
        </Button>
        <Button className='ght-button' loading={busy} onClick={() => run(true)}>
          导出含完整号码
        </Button>
      </View>
      {file && (
        <Text className='ad__weak'>
          已导出{file.rows}人：{file.fileName}，链接{formatDateTime(file.expiresAt)}前有效
        </Text>
      )}
      {problem && <Text className='ad__error'>{problem}</Text>}
    </View>
  )
}
