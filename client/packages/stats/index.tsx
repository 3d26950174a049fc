import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { formatYuan } from '../../../shared/aid/money'
import { inChina } from '../../../shared/date'
import { statsActions } from '../../../shared/stats/actions'
import type { YearFigures } from '../../../shared/stats/figures'
import { figureTables, type FigureTable } from '../../../shared/stats/tables'
import { unionActions } from '../../../shared/union/actions'
import ActionView from '../../components/ActionView'
import Button from '../../components/Button'
import PageShell from '../../components/PageShell'
import { useAction } from '../../hooks/useAction'
import { call } from '../../services/api'
import { openPage } from '../../services/navigation'
import BarChart from './BarChart'
import './stats.scss'

/** Where a table's figures are listed one by one, when such a list exists. */
function listOf(title: string, unionId: string, subtree: boolean): { label: string; url: string } | null {
  const roster = `/packages/admin/roster/index?id=${unionId}${subtree ? '&subtree=1' : ''}`
  if (title === '会员' || title === '会籍接转') return { label: '查看会员名册 ›', url: roster }
  if (title === '农民工会员') return { label: '查看农民工会员 ›', url: `${roster}&migrant=1` }
  if (title === '帮扶（已发放）' || title === '金秋助学' || title === '送温暖') return { label: '查看帮扶管理 ›', url: '/packages/aid/manage/index' }
  if (title === '困难职工档案') return { label: '查看困难职工档案 ›', url: '/packages/aid/files/index' }
  if (title === '活动') return { label: '查看我组织的活动 ›', url: '/packages/events/manage/index' }
  if (title === '组织数') return { label: '查看工会管理 ›', url: `/packages/admin/union/index?id=${unionId}` }
  return null
}

function Table({ t, unionId, subtree }: { t: FigureTable; unionId: string; subtree: boolean }) {
  const list = listOf(t.title, unionId, subtree)
  return (
    <View className='ght-card'>
      <Text className='st__title'>{t.title}</Text>
      <View className='st__table'>
        <View className='st__tr'>
          {t.head.map((h, i) => (
            <Text key={h} className={i === 0 && t.rows.some((r) => typeof r[0] === 'string') ? 'st__th st__first' : 'st__th'}>
              {h}
            </Text>
          ))}
        </View>
        {t.rows.map((row, r) => (
          <View key={r} className='st__tr'>
            {row.map((cell, i) => (
              <Text key={i} className={i === 0 && typeof cell === 'string' ? 'st__td st__first' : 'st__td'}>
                {cell}
              </Text>
            ))}
          </View>
        ))}
      </View>
      {list && (
        <Text className='st__link' onClick={() => openPage(list.url)}>
          {list.label}
        </Text>
      )}
    </View>
  )
}

/** The year's changes as bar charts; every figure drawn here is also in a table below. */
function Charts({ f }: { f: YearFigures }) {
  return (
    <>
      <BarChart
        title='会员变动'
        empty='本年还没有会员变动'
        items={[
          { label: '新入会', value: f.members.new, shown: String(f.members.new) },
          { label: '转入', value: f.transfers.in, shown: String(f.transfers.in) },
          { label: '转出', value: f.transfers.out, shown: String(f.transfers.out) },
          { label: '退会', value: f.members.left, shown: String(f.members.left) },
          { label: '除名', value: f.members.expelled, shown: String(f.members.expelled) },
        ]}
      />
      <BarChart title='帮扶金额' empty='本年还没有发放帮扶' items={f.aid.map((a) => ({ label: a.label, value: a.fen, shown: formatYuan(a.fen) }))} />
      <BarChart title='活动人次' empty='本年还没有活动签到' items={f.events.map((e) => ({ label: e.label, value: e.attendance, shown: `${e.attendance}人次` }))} />
    </>
  )
}

function ExportButton({ unionId, year }: { unionId: string; year: number }) {
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState('')
  async function exportYear() {
    if (busy) return
    setBusy(true)
    setProblem('')
    const res = await call(statsActions.exportYear, { unionId, year })
    if (!res.ok) {
      setBusy(false)
      return setProblem(res.error.message)
    }
    try {
      if (__TARGET__ === 'h5') {
        const blob = await (await fetch(res.data.url)).blob()
        const href = URL.createObjectURL(blob)
        const link = document.createElement('a')
        link.href = href
        link.download = res.data.fileName
        document.body.appendChild(link)
        link.click()
        link.remove()
        setTimeout(() => URL.revokeObjectURL(href), 60_000)
      } else {
        const downloaded = await Taro.downloadFile({ url: res.data.url })
        if (downloaded.statusCode !== 200) throw new Error(`download ${downloaded.statusCode}`)
        await Taro.openDocument({ filePath: downloaded.tempFilePath, fileType: 'xlsx', showMenu: true })
      }
    } catch {
      setProblem('文件已生成，但没能打开，请再试一次')
    }
    setBusy(false)
  }
  return (
    <View className='ght-card'>
      <Button className='ght-button' onClick={() => void exportYear()} disabled={busy}>
        {busy ? '正在导出…' : '导出全部表格（Excel）'}
      </Button>
      {problem && <Text className='st__error'>{problem}</Text>}
    </View>
  )
}

/** 年度数据: `?id=<unionId>` (and `&subtree=1` for a federation's whole subtree), a year at a time. */
export default function YearFiguresPage() {
  const { params } = useRouter()
  const unionId = params.id ? decodeURIComponent(params.id) : ''
  const subtree = params.subtree === '1'
  const thisYear = inChina(new Date()).year()
  const [year, setYear] = useState(thisYear)
  const figures = useAction(unionActions.yearFigures, { unionId, year })
  return (
    <PageShell title='年度数据' back>
      <View className='ght-card st__years'>
        <Text className='st__step' onClick={() => setYear(year - 1)}>
          ‹ {year - 1}
        </Text>
        <Text className='st__year'>{year}年</Text>
        <Text className={year < thisYear ? 'st__step' : 'st__step st__step--off'} onClick={() => year < thisYear && setYear(year + 1)}>
          {year < thisYear ? `${year + 1} ›` : ''}
        </Text>
      </View>
      <ActionView state={figures}>
        {(f) => (
          <View>
            <View className='ght-card'>
              <Text className='st__title'>{f.unionName}</Text>
            </View>
            {/* keyed: a new year or union destroys the old charts and draws new ones */}
            <Charts key={`${unionId}:${year}`} f={f} />
            {figureTables(f).map((t) => (
              <Table key={t.title} t={t} unionId={unionId} subtree={subtree} />
            ))}
            <ExportButton unionId={unionId} year={year} />
          </View>
        )}
      </ActionView>
    </PageShell>
  )
}
